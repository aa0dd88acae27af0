"""CSV: one row per claim, or one row per claim of each discrepancy."""
from __future__ import annotations

import csv
import io
from typing import Any, Iterable, Mapping, TextIO

from ..schema import CLAIM_FIELDS


def _cell(v: Any) -> Any:
    return "" if v is None else v


def render_claims(records: Iterable[Mapping[str, Any]]) -> str:
    buf = io.StringIO()
    write_claims(records, buf)
    return buf.getvalue()


def write_claims(records: Iterable[Mapping[str, Any]], out: TextIO) -> None:
    """One header row, then one row per claim, written as they come."""
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CLAIM_FIELDS)
    for r in records:
        w.writerow([_cell(r.get(c)) for c in CLAIM_FIELDS])


DISCREPANCY_COLUMNS = ("id", "story", "rule", "verdict", "severity", "baseline_state", "subject", "explanation")
CLAIM_COLUMNS = ("doc", "line", "text", "value", "low", "high", "unit", "qualifier", "attribution", "sentence")


def render_check(report) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(DISCREPANCY_COLUMNS + tuple(f"claim_{c}" for c in CLAIM_COLUMNS))
    for d in report.discrepancies:
        head = [_cell(getattr(d, c)) for c in DISCREPANCY_COLUMNS]
        for c in d.claims:
            w.writerow(head + [_cell(c.get(k)) for k in CLAIM_COLUMNS])
    return buf.getvalue()
