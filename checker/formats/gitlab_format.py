"""GitLab Code Quality report (a JSON array, Code Climate's issue subset).

One issue per NEW discrepancy (those the baseline lists are accepted and left out, so
accepting one in the baseline resolves it in the merge request widget)::

    {"description": "RULE VERDICT: explanation" (on one line), "check_name": rule code, "fingerprint": discrepancy id,
     "severity": "major" | "minor" | "info", "location": {"path": ..., "lines": {"begin": N}}}

Severity: error -> ``major``, warning -> ``minor``, info -> ``info``. The fingerprint
is the discrepancy's content fingerprint: it never depends on line numbers or paths.
The path is relative, in POSIX form (the article id for JSON Lines articles).
"""
from __future__ import annotations

import json
from typing import Any

from ._locations import (
    articles_by_id,
    artifact_path,
    claim_span,
    ordered,
    sorted_claims,
)

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def issues(report) -> list[dict[str, Any]]:
    arts = articles_by_id(report)
    out = []
    for d in ordered(report.discrepancies):
        if d.baseline_state != "new":
            continue
        claims = sorted_claims(d)
        if claims:
            doc = str(claims[0].get("doc"))
            art = arts.get(doc)
            path, line = artifact_path(art, doc), claim_span(claims[0], art)["line"]
        else:
            path, line = d.story, 1
        out.append({
            "description": " ".join(f"{d.rule} {d.verdict}: {d.explanation or d.subject}".split()),
            "check_name": d.rule,
            "fingerprint": d.id,
            "severity": SEVERITIES.get(d.severity, "minor"),
            "location": {"path": path, "lines": {"begin": line}},
        })
    return out


def render_check(report) -> str:
    return json.dumps(issues(report), ensure_ascii=False, indent=2) + "\n"
