"""Where a claim stands: helpers the formats share (paths, spans, labels, order)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable, Mapping

from ..schema import sorted_discrepancies


def articles_by_id(report) -> Mapping[str, Any]:
    """The report's articles keyed by id, with their text (read again, one article at
    a time, when the check loaded them without it: ``report.text_of``)."""
    arts = {a.id: a for a in getattr(report, "articles", None) or []}
    text_of = getattr(report, "text_of", None)
    return _WithText(arts, text_of) if text_of is not None else arts


class _WithText(Mapping[str, Any]):
    """Articles by id, each given its text when looked up (the last few kept)."""

    def __init__(self, arts: Mapping[str, Any], text_of):
        import functools

        self._arts = arts
        self._get = functools.lru_cache(maxsize=64)(lambda i: text_of(arts[i]))

    def __getitem__(self, key: str) -> Any:
        if key not in self._arts:
            raise KeyError(key)
        return self._get(key)

    def __iter__(self):
        return iter(self._arts)

    def __len__(self) -> int:
        return len(self._arts)


def ordered(discrepancies: Iterable[Any]) -> list[Any]:
    """Discrepancies in the engine's order (story, severity, rule, subject, id),
    whatever order they came in."""
    return sorted_discrepancies(discrepancies)


def sorted_claims(d) -> list[Mapping[str, Any]]:
    """A discrepancy's claims: its primary claim first (the one review tools annotate:
    the changed file's, else the most recent article's), then the others by
    (article, offset)."""
    claims = sorted(d.claims, key=lambda c: (str(c.get("doc")), c.get("start") or 0, c.get("end") or 0))
    primary = getattr(d, "primary", 0)
    if 0 < primary < len(d.claims):
        first = d.claims[primary]
        return [first] + [c for c in claims if c is not first]
    return claims


def artifact_path(article, doc: str) -> str:
    """Where a claim's article lives, as a relative POSIX path.

    The article's file path made relative to the working directory when it names a
    file (a folder or a single file on the command line), else the article id (a JSON Lines
    article, whose ``path`` is ``corpus.jsonl:LINE``, or a record without a path).
    Never absolute.
    """
    p = getattr(article, "path", None) if article is not None else None
    if p and os.path.isfile(p):
        try:
            rel = os.path.relpath(os.path.abspath(p), os.getcwd())
        except ValueError:  # another drive (Windows): no relative path exists
            return doc
        return Path(rel).as_posix()
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
