"""SARIF 2.1.0 for code-scanning tools (GitHub code scanning, VS Code's SARIF viewer).

One run; ``tool.driver.rules`` lists the rules that have a result, sorted by code.
Every discrepancy, new or known, is one result carrying its ``baselineState``
(``new`` or ``unchanged``) and its id as ``partialFingerprints["recoupeDiscrepancy/v1"]``.
The first claim is the result's location; the other claims are ``relatedLocations``.

This module also holds the location helpers the other review-tool formats share
(:func:`articles_by_id`, :func:`artifact_path`, :func:`claim_span`,
:func:`ordered`): a claim's article path relative to the working directory, in
POSIX form, and its line and columns. Nothing here is absolute, timestamped or
unsorted: the same input gives the same bytes.
"""
from __future__ import annotations

import json
import os
from pathlib import Path, PurePath
from typing import Any, Iterable, Mapping
from urllib.parse import quote

from .. import __version__
from ..check import SEVERITY_RANK

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_VERSION = "2.1.0"
FINGERPRINT_KEY = "recoupeDiscrepancy/v1"
SRCROOT = "%SRCROOT%"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


# -- shared helpers (also used by the github, gitlab and junit formats) -------------

def articles_by_id(report) -> dict[str, Any]:
    """The report's articles keyed by id."""
    return {a.id: a for a in getattr(report, "articles", None) or []}


def ordered(discrepancies: Iterable[Any]) -> list[Any]:
    """Discrepancies in the engine's order (story, severity, rule, subject, id),
    whatever order they came in."""
    return sorted(discrepancies, key=lambda d: (d.story, SEVERITY_RANK.get(d.severity, 9), d.rule, d.subject, d.id))


def sorted_claims(d) -> list[Mapping[str, Any]]:
    """A discrepancy's claims by (article, offset)."""
    return sorted(d.claims, key=lambda c: (str(c.get("doc")), c.get("start") or 0, c.get("end") or 0))


def artifact_path(article, doc: str) -> str:
    """Where a claim's article lives, as a relative POSIX path.

    The article's file path made relative to the working directory when it names a
    file (a folder or a single file on the command line), else the article id (a
    JSON Lines article, whose ``path`` is ``corpus.jsonl:LINE``, or a record without
    a path). Never absolute.
    """
    p = getattr(article, "path", None) if article is not None else None
    if p and os.path.isfile(p):
        try:
            rel = os.path.relpath(os.path.abspath(p), os.getcwd())
        except ValueError:  # another drive (Windows): no relative path exists
            return doc
        return PurePath(rel).as_posix() if os.sep == "/" else Path(rel).as_posix()
    return doc


def _utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def claim_span(claim: Mapping[str, Any], article) -> dict[str, int]:
    """The claim's line and, when the article text confirms the offsets, its
    1-based columns in UTF-16 code units (SARIF's default ``columnKind``):
    ``{"line", "column"?, "end_line"?, "end_column"?}``."""
    line = int(claim.get("line") or 1)
    out = {"line": line}
    text = getattr(article, "text", None) if article is not None else None
    start, end = claim.get("start"), claim.get("end")
    if not isinstance(text, str) or not isinstance(start, int) or not isinstance(end, int):
        return out
    if not (0 <= start < end <= len(text)) or text.count("\n", 0, start) + 1 != line:
        return out
    if claim.get("text") is not None and text[start:end] != claim.get("text"):
        return out
    line_start = text.rfind("\n", 0, start) + 1
    end_line = line + text.count("\n", start, end)
    end_line_start = text.rfind("\n", 0, end) + 1
    out["column"] = _utf16_len(text[line_start:start]) + 1
    out["end_line"] = end_line
    out["end_column"] = _utf16_len(text[end_line_start:end]) + 1
    return out


def claim_label(claim: Mapping[str, Any]) -> str:
    """A short description of a claim: its text and, when it differs, its value."""
    text = "" if claim.get("text") is None else str(claim.get("text"))
    value = claim.get("value")
    value_s = "" if value is None else (str(int(value)) if isinstance(value, float) and value.is_integer() else str(value))
    unit = claim.get("unit")
    if value_s and unit and claim.get("kind") not in ("role", "date", "time"):
        value_s = f"{value_s} {unit}"
    if value_s and value_s != text:
        return f"«{text}» ({value_s})"
    return f"«{text}»"


# -- SARIF ----------------------------------------------------------------------

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
        result["baselineState"] = "new" if d.baseline_state == "new" else "unchanged"
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
