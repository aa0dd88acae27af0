"""Plain text for a terminal, grouped by story (the default of ``recoupe check``).

Shows the new discrepancies (those the baseline does not list) with their claims,
one line per known discrepancy whose values changed since it was recorded, and
counts the known ones.
"""
from __future__ import annotations

from itertools import groupby


def _claim_line(c) -> str:
    extra = []
    if c.get("qualifier"):
        extra.append(c["qualifier"])
    if c.get("attribution"):
        extra.append(f"source: {c['attribution']}")
    tail = f" ({'; '.join(extra)})" if extra else ""
    return f"    {c['doc']}:{c['line']}: «{c['text']}»{tail}"


def render_check(report) -> str:
    out = []
    shown = report.new
    for story, items in groupby(shown, key=lambda d: d.story):
        out.append(f"story {story}")
        for d in items:
            ext = f" (extends {d.extends})" if d.extends else ""
            out.append(f"  {d.severity} {d.rule} {d.verdict} [{d.id}]{ext}: {d.explanation}")
            out.extend(_claim_line(c) for c in d.claims)
        out.append("")
    changed = [d for d in report.known if d.baseline_state == "changed"]
    for d in changed:  # known, but a figure moved since it was recorded
        was = ", ".join(f"{doc} {v}" for doc, v in d.baseline_members)
        now = ", ".join(f"{c['doc']} {c['text']}" for c in d.claims)
        out.append(f"changed {d.rule} [{d.id}] ({d.baseline_status or 'known'}): recorded {was}; now {now}")
    if changed:
        out.append("")
    known = len(report.known)
    if known:
        out.append(f"{known} known discrepancies (in the baseline) not shown")
    if not shown:
        out.append("no new discrepancies")
    return "\n".join(out).rstrip("\n") + "\n"
