"""Percentage: "20 %", "vingt pour cent", "3 points de pourcentage", "20 percent".

An editor cares because a rate misquoted between articles ("20 % par an" / "2 %") or a
percentage confused with percentage points changes the story's meaning.

Flags:
- [fr] Une augmentation de leur efficacité de 20% par an.
- [fr] Le chômage a baissé de 3 points de pourcentage.
- [fr] Vingt pour cent des électeurs se sont abstenus.
- [en] Net interest income sank 27 % in the quarter.
- [en] Unemployment rose 3 percentage points.

Does not flag:
- [fr] Vingt pays ont signé.
- [en] Twenty countries signed.
- [en] The Sensex rose 100 pts on Monday.

Units: ``%`` for a percentage (value as written: ``20 %`` -> 20), ``pp`` for percentage points
(``points de pourcentage``, ``points de %``, ``percentage points``, ``pp``; ``pts``/``pt`` alone
are index points, a quantity with unit ``point``, see N01), ``bp`` for basis points (``basis
points``, ``points de base``; 100 bp = 1 pp, never compared with pp). A rate right after it gives the unit
``%/<period>`` in the article's language (``20 % par an`` -> ``%/an``; ``20 percent a year`` ->
``%/year``), so that a yearly rate is never compared with a flat percentage; ``subject`` is the
noun after it (``20 % des soldats`` -> ``soldat``). Qualifiers give intervals as in N01.
"""
from __future__ import annotations

from .numbers import mentions

CODE = "N02"
NAME = "number.percent"
TYPE = "extractor"
KINDS = ("percent",)
LANGUAGES = ("fr", "en")
NEEDS = ("numbers",)  # shared scans read with ctx.scan()


def extract(ctx):
    """Percent claims of the article (shared number scan)."""
    return mentions(ctx, "percent")
