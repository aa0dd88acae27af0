"""SARIF 2.1.0 for code-scanning tools (GitHub code scanning, VS Code's SARIF viewer).

One run; ``tool.driver.rules`` lists the rules that have a result, sorted by code.
Every discrepancy, new or known, is one result carrying its ``baselineState``
(``new``, ``updated`` when a known one has other values, or ``unchanged``) and its id as ``partialFingerprints["recoupeDiscrepancy/v2"]``.
The primary claim (the changed file's, else the most recent article's) is the
result's location; the other claims are ``relatedLocations``. An entry the baseline
records as an editor's decision (``accepted``, ``wontfix``, ``false-positive``) carries
``suppressions: [{"kind": "external", "status": "accepted", "justification": note}]``,
so code-scanning tools show it as dismissed.

This module also holds the location helpers the other review-tool formats share
(:func:`articles_by_id`, :func:`artifact_path`, :func:`claim_span`,
:func:`ordered`): a claim's article path relative to the working directory, in
POSIX form, and its line and columns. Nothing here is absolute, timestamped or
unsorted: the same input gives the same bytes.
"""
from __future__ import annotations

import json
from typing import Any, Mapping
from urllib.parse import quote

from .. import __version__
from ._locations import (
    articles_by_id,
    artifact_path,
    claim_label,
    claim_span,
    ordered,
    sorted_claims,
)

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_VERSION = "2.1.0"
FINGERPRINT_KEY = "recoupeDiscrepancy/v2"
SRCROOT = "%SRCROOT%"
DISMISSED = ("accepted", "wontfix", "false-positive")  # baseline statuses that are a decision
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


# -- shared helpers (also used by the github, gitlab and junit formats) -------------

def _uri(path: str) -> str:
    """A relative path as a URI reference (percent-encoded; ``/`` kept)."""
    return quote(path, safe="/")


def _rule_descriptor(code: str, rule) -> dict[str, Any]:
    if rule is None:
        return {"id": code}
    doc = (rule.doc or rule.summary or "").strip()
    paragraphs = [p.strip() for p in doc.split("\n\n") if p.strip()]
    full = paragraphs[1] if len(paragraphs) > 1 else (rule.summary or code)
    out: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary or rule.code},
        "fullDescription": {"text": " ".join(full.split())},
        "help": {"text": doc or rule.summary or rule.code},
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
        "properties": {"tags": sorted({t for t in (rule.family_name, rule.type, *rule.kinds) if t})},
    }
    if rule.aliases:
        out["deprecatedIds"] = list(rule.aliases)
    return out


def _physical(claim: Mapping[str, Any], article, index: dict[str, int], doc: str) -> dict[str, Any]:
    path = artifact_path(article, doc)
    loc: dict[str, Any] = {"artifactLocation": {"uri": _uri(path), "uriBaseId": SRCROOT}}
    if path in index:
        loc["artifactLocation"]["index"] = index[path]
    span = claim_span(claim, article)
    region: dict[str, Any] = {"startLine": span["line"]}
    if "column" in span:
        region["startColumn"] = span["column"]
        if span["end_line"] != span["line"]:
            region["endLine"] = span["end_line"]
        region["endColumn"] = span["end_column"]
    if claim.get("text"):
        region["snippet"] = {"text": str(claim["text"])}
    loc["region"] = region
    return loc


def _artifacts(articles: list[Any]) -> tuple[list[dict[str, Any]], dict[str, int]]:
    entries: dict[str, dict[str, Any]] = {}
    for a in articles:
        path = artifact_path(a, a.id)
        if path in entries:
            continue
        props = {k: v for k, v in a.meta().items() if v is not None}
        entries[path] = {"location": {"uri": _uri(path), "uriBaseId": SRCROOT}, "properties": props}
    paths = sorted(entries)
    return [entries[p] for p in paths], {p: i for i, p in enumerate(paths)}


def sarif_log(report) -> dict[str, Any]:
    """The SARIF log as a plain dict."""
    arts = articles_by_id(report)
    discrepancies = ordered(report.discrepancies)
    artifacts, index = _artifacts(sorted(arts.values(), key=lambda a: (a.story, a.id)))
    rules_meta = getattr(report, "rules", None) or {}
    codes = sorted({d.rule for d in discrepancies})
    rule_index = {code: i for i, code in enumerate(codes)}
    results = []
    for d in discrepancies:
        claims = sorted_claims(d)
        first, others = (claims[0], claims[1:]) if claims else (None, [])
        result: dict[str, Any] = {
            "ruleId": d.rule,
            "ruleIndex": rule_index[d.rule],
            "level": LEVELS.get(d.severity, "warning"),
            "message": {"text": d.explanation or d.subject or d.rule},
        }
        if first is not None:
            doc = str(first.get("doc"))
            loc = {"id": 0, "physicalLocation": _physical(first, arts.get(doc), index, doc),
                   "message": {"text": f"{doc}: {claim_label(first)}"}}
            result["locations"] = [loc]
        related = []
        for i, c in enumerate(others, 1):
            doc = str(c.get("doc"))
            related.append({"id": i, "physicalLocation": _physical(c, arts.get(doc), index, doc),
                            "message": {"text": f"{doc}: {claim_label(c)}"}})
        if related:
            result["relatedLocations"] = related
        result["partialFingerprints"] = {FINGERPRINT_KEY: d.id}
        result["baselineState"] = {"new": "new", "changed": "updated"}.get(d.baseline_state, "unchanged")
        if d.baseline_status in DISMISSED:  # an editor's decision: shown as dismissed by code scanning
            sup: dict[str, Any] = {"kind": "external", "status": "accepted"}
            if d.baseline_note:
                sup["justification"] = d.baseline_note
            result["suppressions"] = [sup]
        props: dict[str, Any] = {"id": d.id, "verdict": d.verdict, "story": d.story, "subject": d.subject,
                                 "kind": d.kind, "severity": d.severity}
        if d.unit:
            props["unit"] = d.unit
        if d.values:
            props["values"] = list(d.values)
        if d.extends:
            props["extends"] = d.extends
        if d.baseline_status:
            props["baselineStatus"] = d.baseline_status
        if d.baseline_note:
            props["baselineNote"] = d.baseline_note
        if d.baseline_members:
            props["baselineMembers"] = [list(m) for m in d.baseline_members]
        result["properties"] = props
        results.append(result)
    errors = list(getattr(report, "errors", None) or [])
    invocation: dict[str, Any] = {"executionSuccessful": not errors}
    if errors:
        invocation["toolExecutionNotifications"] = [{"level": "error", "message": {"text": e}} for e in errors]
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "recoupe",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": [_rule_descriptor(c, rules_meta.get(c)) for c in codes],
        }},
        "invocations": [invocation],
        "columnKind": "utf16CodeUnits",
        "artifacts": artifacts,
        "results": results,
    }
    if not artifacts:
        del run["artifacts"]
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render_check(report) -> str:
    return json.dumps(sarif_log(report), ensure_ascii=False, indent=2) + "\n"
