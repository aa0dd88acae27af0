"""The records that pass between recoupe's stages, and the claims table's schema.

Nothing else in the project spells these fields: the corpus loader builds
:class:`Article` values, rules return claim rows whose keys are
:data:`CLAIM_FIELDS`, :func:`claims_frame` turns them into the claims DataFrame,
comparators return :class:`Finding` values, the engine turns them into
:class:`Discrepancy` values, formatters receive those. The vocabularies (claim
kinds, severities with their rank, verdicts: :mod:`.vocab`, re-exported here) and the
one order of discrepancies (:func:`discrepancy_order`) are declared once and imported
everywhere else.

The claims DataFrame (one row per claim) has exactly these columns, in this order:

============  =========  ==========================================================
column        dtype      meaning
============  =========  ==========================================================
doc           string     article id (path relative to the input root, or JSONL id)
story         string     the article's story; claims are compared within a story
start, end    int64      character offsets of the span in the article text
line          int64      1-based line of ``start``
text          string     the span's surface text
kind          string     quantity, percent, money, date, time, duration, ordinal, role
value         object     float for numeric kinds, ISO 8601 text for dates and times,
                         the normalised role for roles; None when unresolved
low, high     float64    interval the wording allows (NaN = open end); numeric kinds
unit          string     normalised unit or counted noun (``soldat``, ``%``, ``EUR``)
subject       string     what is counted or measured, normalised (the comparison key)
rule          string     id of the rule that produced the claim
sentence      string     the sentence the claim stands in
qualifier     string     the approximation or bound word (``près de``, ``plus de``)
attribution   string     who the sentence says the claim comes from
lang          string     the article's language (``fr``, ``en``)
predicate     string     the predicate governing the claim (lemma), for event matching
context       string     space-separated distinctive context lemmas of the sentence
resolved      bool       False for a relative date the article date could not resolve
============  =========  ==========================================================

Missing text values are ``<NA>``; missing interval ends are NaN.
"""
from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

import pandas as pd

from .vocab import KINDS, NUMERIC_KINDS, SEVERITIES, SEVERITY_RANK, VERDICTS, severity_rank  # noqa: F401 (re-exported)

#: Claim fields and their pandas dtypes, in output order.
CLAIM_DTYPES: dict[str, str] = {
    "doc": "string",
    "story": "string",
    "start": "int64",
    "end": "int64",
    "line": "int64",
    "text": "string",
    "kind": "string",
    "value": "object",
    "low": "float64",
    "high": "float64",
    "unit": "string",
    "subject": "string",
    "rule": "string",
    "sentence": "string",
    "qualifier": "string",
    "attribution": "string",
    "lang": "string",
    "predicate": "string",
    "context": "string",
    "resolved": "bool",
}
CLAIM_FIELDS: tuple[str, ...] = tuple(CLAIM_DTYPES)

#: Fields a rule must give for each claim; the engine fills the others.
RULE_FIELDS = ("start", "end", "kind", "value")
#: Fields the engine fills from the article (a rule never sets them).
ENGINE_FIELDS = ("doc", "story", "line", "text", "rule", "lang")



@dataclass(frozen=True)
class Suppression:
    """A suppression written in an article: discrepancies of ``rules`` (ids or id
    prefixes; empty: every rule) whose claim in this article stands on lines
    ``first`` to ``last`` are not reported. ``line`` is where it is written."""

    rules: tuple[str, ...]
    first: int
    last: int
    line: int

    def covers(self, rule: str, line: int) -> bool:
        return self.first <= line <= self.last and (not self.rules or any(rule.startswith(r) for r in self.rules))


@dataclass(frozen=True)
class Article:
    """One article of the corpus, with its metadata, as loaded."""

    id: str
    text: str
    story: str = "."
    lang: str | None = None
    date: _dt.date | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    path: str | None = None  # where it was read from, for messages
    suppressions: tuple[Suppression, ...] = ()  # written in the article (comments, front matter)

    def meta(self) -> dict[str, Any]:
        """The article's metadata as JSON-ready values."""
        return {
            "id": self.id,
            "story": self.story,
            "lang": self.lang,
            "date": self.date.isoformat() if self.date else None,
            "title": self.title,
            "source": self.source,
            "url": self.url,
        }


@dataclass(frozen=True)
class Finding:
    """What a comparator reports: claims of one story that disagree, and why.

    ``rows`` are the index labels, in the claims frame the comparator received, of
    the claims involved. The engine turns a finding into a :class:`Discrepancy`
    (the claims' records, a fingerprint, the severity override, the baseline).
    """

    story: str
    subject: str
    rows: tuple[int, ...]
    explanation: str
    verdict: str = "contradiction"
    severity: str | None = None  # None: the rule's default severity
    kind: str | None = None  # None: the first claim's kind
    unit: str | None = None
    values: tuple[str, ...] = ()  # () : the claims' values
    extra: Mapping[str, Any] = field(default_factory=dict)
    sides: Mapping[int, int] = field(default_factory=dict)  # row -> side; claims of one side agree

    def __post_init__(self):
        object.__setattr__(self, "rows", tuple(int(i) for i in self.rows))
        object.__setattr__(self, "sides", {int(k): int(v) for k, v in (self.sides or {}).items()})
        object.__setattr__(self, "values", tuple(self.values or ()))
        if self.verdict not in VERDICTS:
            raise ValueError(f"verdict {self.verdict!r} is not one of {', '.join(VERDICTS)}")
        if self.severity is not None and self.severity not in SEVERITIES:
            raise ValueError(f"severity {self.severity!r} is not one of {', '.join(SEVERITIES)}")

    @classmethod
    def from_mapping(cls, f: Mapping[str, Any]) -> "Finding":
        """A finding from the dict shape comparators returned before :class:`Finding`
        (``story``, ``subject``, ``rows``, ``explanation`` and optional fields)."""
        missing = [k for k in ("story", "subject", "rows", "explanation") if k not in f]
        if missing:
            raise ValueError(f"finding misses {', '.join(missing)}")
        known = {k: v for k, v in f.items() if k in cls.__dataclass_fields__}  # other keys were always ignored
        return cls(**{**known, "verdict": f.get("verdict") or "contradiction", "extra": f.get("extra") or {}})


@dataclass(frozen=True)
class Discrepancy:
    """A group of claims of one story that disagree, with a verdict."""

    id: str
    story: str
    rule: str
    subject: str
    kind: str
    unit: str | None
    verdict: str
    severity: str
    explanation: str
    claims: tuple[Mapping[str, Any], ...]
    values: tuple[str, ...] = ()
    extends: str | None = None  # id of the baseline entry this one extends
    baseline_state: str = "new"  # new | unchanged | changed (listed in the baseline, other values)
    baseline_note: str | None = None
    baseline_status: str | None = None
    baseline_members: tuple[tuple[str, str], ...] = ()  # the recorded (article, value) pairs, when changed
    extra: Mapping[str, Any] = field(default_factory=dict)
    primary: int = 0  # index in ``claims`` of the claim a review tool annotates

    def to_json(self) -> dict[str, Any]:
        out = {
            "id": self.id,
            "story": self.story,
            "rule": self.rule,
            "subject": self.subject,
            "kind": self.kind,
            "unit": self.unit,
            "verdict": self.verdict,
            "severity": self.severity,
            "explanation": self.explanation,
            "values": list(self.values),
            "baseline_state": self.baseline_state,
            "claims": [dict(c) for c in self.claims],
        }
        if self.extends:
            out["extends"] = self.extends
        if self.baseline_status:
            out["baseline_status"] = self.baseline_status
        if self.baseline_note:
            out["baseline_note"] = self.baseline_note
        if self.baseline_members:
            out["baseline_members"] = [list(m) for m in self.baseline_members]
        return out


def discrepancy_order(d: "Discrepancy") -> tuple:
    """The one order of discrepancies: story, severity (most severe first), rule,
    subject, id. The engine returns them in it; formats that receive them in another
    order sort with it."""
    return (d.story, severity_rank(d.severity), d.rule, d.subject, d.id)


def sorted_discrepancies(discrepancies: Iterable["Discrepancy"]) -> list["Discrepancy"]:
    """Discrepancies in :func:`discrepancy_order`."""
    return sorted(discrepancies, key=discrepancy_order)


def empty_claims() -> pd.DataFrame:
    """A claims frame with no rows and the fixed schema."""
    return pd.DataFrame({c: pd.Series([], dtype=t) for c, t in CLAIM_DTYPES.items()})


def claims_frame(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """Build the claims DataFrame from complete claim rows; check its columns."""
    if not rows:
        return empty_claims()
    frame = pd.DataFrame.from_records(list(rows), columns=list(CLAIM_FIELDS))
    missing = frame[list(RULE_FIELDS)].isna().any()
    if missing.any():
        raise ValueError(f"claim rows miss required fields: {sorted(missing[missing].index)}")
    frame["resolved"] = frame["resolved"].fillna(True)
    frame = frame.astype({c: t for c, t in CLAIM_DTYPES.items() if c != "value"})
    frame["value"] = frame["value"].astype(object)
    return frame


def json_value(v: Any) -> Any:
    """A cell as plain JSON: NaN/NA become None, integral floats become int."""
    if v is None or v is pd.NA:
        return None
    if isinstance(v, float):
        if math.isnan(v):
            return None
        if v.is_integer() and abs(v) < 2**53:
            return int(v)
        return v
    if hasattr(v, "item"):  # numpy scalars
        return json_value(v.item())
    return v


def _json_column(column: pd.Series) -> list[Any]:
    """A column's cells as :func:`json_value` gives them, converted column-wise."""
    if column.dtype == "string":
        return column.astype(object).where(column.notna(), None).tolist()
    if column.dtype in ("int64", "bool"):
        return column.tolist()
    return [json_value(v) for v in column.tolist()]


def claim_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The claims of a frame as JSON-ready dicts, in the schema's field order."""
    cols = list(CLAIM_FIELDS)
    return [dict(zip(cols, row)) for row in zip(*(_json_column(frame[c]) for c in cols))]
