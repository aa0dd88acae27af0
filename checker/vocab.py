"""The vocabularies of recoupe's records, declared once: claim kinds, severities
(with their rank) and verdicts. Everything else imports them from here (or through
:mod:`.schema`, which re-exports them); this module imports nothing heavy, so that
the command line can use it at start-up.
"""
from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

#: The claim kinds the built-in rules produce (custom rules may add their own).
KINDS: tuple[str, ...] = ("quantity", "percent", "money", "duration", "ordinal", "date", "time", "role")
#: Kinds whose value is a number with an interval.
NUMERIC_KINDS = frozenset({"quantity", "percent", "money", "duration", "ordinal"})

#: Severities, most severe first.
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
#: A severity's rank: 0 for the most severe.
SEVERITY_RANK: Mapping[str, int] = MappingProxyType({s: i for i, s in enumerate(SEVERITIES)})

#: Verdicts a comparator gives, in the order reports list them.
VERDICTS: tuple[str, ...] = ("contradiction", "attributed", "update")


def severity_rank(severity: str) -> int:
    """The rank of a severity (0 = most severe); an unknown one sorts last."""
    return SEVERITY_RANK.get(severity, 9)
