"""A plain-text table for people at a terminal (tabulate)."""
from __future__ import annotations

from typing import Any, Iterable, Mapping

from tabulate import tabulate


def _interval(r: Mapping[str, Any]) -> str:
    low, high = r.get("low"), r.get("high")
    if low is None and high is None:
        return ""
    if low == high:
        return ""
    return f"[{'' if low is None else low}, {'' if high is None else high}]"


def _short(s: Any, n: int = 40) -> str:
    s = "" if s is None else str(s)
    return s if len(s) <= n else s[: n - 1] + "…"


def render_claims(records: Iterable[Mapping[str, Any]]) -> str:
    rows = [
        [r["doc"], r["line"], r["rule"], r["kind"], _short(r["text"], 36), r["value"], _interval(r),
         r.get("unit") or "", _short(r.get("subject"), 28), r.get("qualifier") or "", _short(r.get("attribution"), 24)]
        for r in records
    ]
    headers = ["doc", "line", "rule", "kind", "text", "value", "interval", "unit", "subject", "qualifier", "attribution"]
    return tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True) + "\n"


def render_check(report) -> str:
    rows = [
        [d.story, d.id[:12], d.rule, d.verdict, d.severity, "new" if d.baseline_state == "new" else "known",
         _short(d.subject, 30), " | ".join(d.values)]
        for d in report.discrepancies
    ]
    headers = ["story", "id", "rule", "verdict", "severity", "state", "subject", "values"]
    return tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True) + "\n"
