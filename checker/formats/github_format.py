"""GitHub Actions workflow commands: one annotation per NEW discrepancy.

Lines look like ``::error file=PATH,line=N,col=C,endColumn=E,title=TITLE::MESSAGE``;
the most severe come first (``error``, ``warning``, then ``info`` as ``::notice``).
Discrepancies the baseline lists are left out: an annotation is something to fix.

Escaping follows the runner's rules (``actions/toolkit``'s ``command.ts``): in the
message ``%``, CR and LF become ``%25``, ``%0D``, ``%0A``; in the properties (file,
title) ``:`` and ``,`` also become ``%3A`` and ``%2C``. Article text is untrusted, and
a newline in it must not start a new workflow command.
"""
from __future__ import annotations

from ..vocab import severity_rank
from ._locations import (
    articles_by_id,
    artifact_path,
    claim_label,
    claim_span,
    ordered,
    sorted_claims,
)

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(s: str) -> str:
    """Escape a workflow command's message."""
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    """Escape a workflow command's property value."""
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def _command(d, arts) -> str:
    claims = sorted_claims(d)
    props: list[tuple[str, str]] = []
    if claims:
        first = claims[0]
        doc = str(first.get("doc"))
        art = arts.get(doc)
        span = claim_span(first, art)
        props.append(("file", artifact_path(art, doc)))
        props.append(("line", str(span["line"])))
        if "column" in span:
            props.append(("col", str(span["column"])))
            if span["end_line"] != span["line"]:
                props.append(("endLine", str(span["end_line"])))
            props.append(("endColumn", str(span["end_column"])))
    props.append(("title", f"recoupe {d.rule} {d.verdict}: {d.subject}"))
    lines = [d.explanation or d.subject]
    for c in claims:
        lines.append(f"- {c.get('doc')}:{c.get('line')}: {claim_label(c)}")
    extends = f" (extends {d.extends})" if d.extends else ""
    lines.append(f"story {d.story}, id {d.id}{extends}")
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{COMMANDS.get(d.severity, 'warning')} {head}::{escape_data(chr(10).join(lines))}"


def render_check(report) -> str:
    arts = articles_by_id(report)
    new = [d for d in ordered(report.discrepancies) if d.baseline_state == "new"]
    new.sort(key=lambda d: severity_rank(d.severity))  # stable: keeps story order within a level
    return "".join(_command(d, arts) + "\n" for d in new)
