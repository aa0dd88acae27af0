"""The editors' report as plain data: :func:`report_view` turns a finished
:class:`~recoupe.checker.compare.CheckResult` into the values the page shows (stories,
discrepancies, highlighted claims, chart points, baseline notes), pure and testable.

Rendering is elsewhere: the HTML page in :mod:`recoupe.checker.formats.html_format`,
the Markdown twin in :mod:`recoupe.checker.formats.markdown_format`; the command in
:mod:`recoupe.checker.commands.report`.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .schema import NUMERIC_KINDS, SEVERITIES, VERDICTS, severity_rank, sorted_discrepancies
CHART_MIN_ARTICLES = 3
CONTEXT_CHARS = 160  # around a claim whose sentence cannot be found in the article


# ---------------------------------------------------------------------------
# pure helpers


def safe_url(url: str | None) -> str | None:
    """The URL if it may become a link (``http:`` or ``https:`` with a host), else None."""
    if not url:
        return None
    url = str(url).strip()
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def _date_key(article) -> tuple:
    """Articles ordered by date, undated last, then by id."""
    d = getattr(article, "date", None)
    return (d is None, d.isoformat() if d else "", getattr(article, "id", ""))


def _missing(v: Any) -> bool:
    """None, NaN or pandas' NA (claim cells come from the claims frame)."""
    import pandas as pd

    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):  # not a scalar
        return False


def _str(v: Any) -> str | None:
    return None if _missing(v) else str(v)


def _float(v: Any) -> float | None:
    if _missing(v):
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def highlight(claim: Mapping[str, Any], article) -> dict[str, str]:
    """The claim in its sentence, split as before / mark / after.

    The span comes from the claim's offsets in the article text, so the marked part
    is exactly the claim's ``text``; the sentence around it is located in the
    article text. Fallbacks: the claim's text inside its ``sentence``; a window of
    the article around the offsets; the text alone.
    """
    text = _str(claim.get("text")) or ""
    sentence = _str(claim.get("sentence")) or ""
    body = getattr(article, "text", None) or ""
    start, end = claim.get("start"), claim.get("end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(body) \
            and body[start:end] == text:
        if sentence:
            pos = body.find(sentence, max(0, end - len(sentence)))
            while pos != -1 and pos <= start:
                if pos + len(sentence) >= end:
                    return {"before": sentence[: start - pos], "mark": text,
                            "after": sentence[end - pos:], "where": "sentence"}
                pos = body.find(sentence, pos + 1)
        # no sentence found: a window of the article, cut at line ends
        lo = max(body.rfind("\n", 0, start) + 1, start - CONTEXT_CHARS)
        hi_nl = body.find("\n", end)
        hi = min(hi_nl if hi_nl != -1 else len(body), end + CONTEXT_CHARS)
        before, after = body[lo:start].lstrip(), body[end:hi].rstrip()
        return {"before": ("…" if lo > 0 and body[lo - 1] != "\n" else "") + before, "mark": text,
                "after": after + ("…" if hi < len(body) and body[hi] != "\n" else ""), "where": "article"}
    if sentence and text and text in sentence:
        i = sentence.find(text)
        return {"before": sentence[:i], "mark": text, "after": sentence[i + len(text):], "where": "sentence"}
    return {"before": "", "mark": text, "after": "", "where": "text"}


def _article_view(a) -> dict[str, Any]:
    return {**a.meta(), "lang": a.lang or "", "link": safe_url(a.url), "label": a.title or a.id,
            "short": a.source or a.title or a.id}


def _read_as(c: Mapping[str, Any], m) -> str | None:
    """What the claim was read as, for the editor: the resolved date or time ("date
    inconnue" when the article gives none), the number or its interval."""
    kind, value = _str(c.get("kind")), _str(c.get("value"))
    if kind == "date":
        return m.date(value) or m("unknown_date")
    if kind == "time":
        return m.time(value) or m("unknown_date")
    if kind in NUMERIC_KINDS:
        num, low, high = _float(c.get("value")), _float(c.get("low")), _float(c.get("high"))
        if num is None:
            return None
        if (low is not None or high is not None) and (low, high) != (num, num):
            return f"{m.number(num)} ({m.interval(low, high)})"
        return m.number(num)
    return None


def _claim_view(c: Mapping[str, Any], articles: Mapping[str, Any], m=None) -> dict[str, Any]:
    from .compare import member_value
    from .formats.i18n import DEFAULT, Messages
    from .formats.plain import as_written

    m = m or Messages.load(DEFAULT)
    a = articles.get(c.get("doc"))
    side = c.get("side")
    return {
        "doc": c.get("doc"),
        "line": c.get("line"),
        "text": _str(c.get("text")) or "",
        "value": member_value(c),
        "value_key": member_value(c),
        "value_text": _str(c.get("value")),
        "num": _float(c.get("value")),
        "low": _float(c.get("low")),
        "high": _float(c.get("high")),
        "unit": _str(c.get("unit")),
        "kind": _str(c.get("kind")),
        "side": None if _missing(side) else side,
        "read_as": _read_as(c, m),
        "qualifier": _str(c.get("qualifier")),
        "attribution": as_written(_str(c.get("attribution")), _str(c.get("sentence")) or getattr(a, "text", None)),
        "rule": _str(c.get("rule")),
        "article": _article_view(a) if a is not None else {"id": c.get("doc"), "label": c.get("doc"), "link": None,
                                                          "title": None, "source": None, "url": None, "date": None,
                                                          "short": c.get("doc"), "story": None, "lang": ""},
        "hl": highlight(c, a),
    }


def _chart(d, result, articles: Mapping[str, Any]) -> dict[str, Any] | str:
    """The chart of the subject's value per article, when 3+ articles report it: the
    subject, the unit and the points (one per claim, in order), else ``""``."""
    if d.kind not in NUMERIC_KINDS:
        return ""
    members = {(c["doc"], c["start"], c["end"]) for c in d.claims}
    claims: dict[tuple, tuple[Mapping[str, Any], bool]] = {}
    for c in d.claims:
        claims[(c["doc"], c["start"], c["end"])] = (c, True)
    frame = result.claims
    if frame is not None and len(frame):
        from .schema import claim_records

        same = frame[(frame["story"] == d.story) & (frame["kind"] == d.kind) & (frame["subject"] == d.subject)]
        if d.unit is not None and len(same):
            same = same[same["unit"].isna() | (same["unit"] == d.unit)]
        for c in claim_records(same):
            key = (c["doc"], c["start"], c["end"])
            claims.setdefault(key, (c, key in members))
    if len({k[0] for k in claims}) < CHART_MIN_ARTICLES:
        return ""
    rows = []
    for (doc, start, _end), (c, member) in claims.items():
        a = articles.get(doc)
        value = _float(c.get("value"))
        if value is None:
            continue
        rows.append((_date_key(a) if a is not None else (True, "", doc), start, dict(
            article=doc, label=(a.source or a.title or doc) if a is not None else doc,
            date=a.date.isoformat() if a is not None and a.date else None,
            value=value, low=_float(c.get("low")), high=_float(c.get("high")),
            text=_str(c.get("text")) or "", member=member)))
    rows.sort(key=lambda r: (r[0], r[1]))
    if len({r[2]["article"] for r in rows}) < CHART_MIN_ARTICLES:
        return ""
    return {"subject": d.subject, "unit": d.unit, "points": [r[2] for r in rows]}


def _discrepancy_view(d, i: int, result, articles: Mapping[str, Any], m=None) -> dict[str, Any]:
    from .formats.i18n import DEFAULT, Messages
    from .formats.plain import sentence

    m = m or Messages.load(DEFAULT)
    claims = sorted(d.claims, key=lambda c: (_date_key(articles[c["doc"]]) if c["doc"] in articles
                                             else (True, "", c["doc"]), c["start"], c["end"]))
    views = [_claim_view(c, articles, m) for c in claims]
    article_views = {v["doc"]: v["article"] for v in views}
    by_article: dict[str, dict[str, Any]] = {}
    for v in views:
        entry = by_article.setdefault(v["doc"], {"article": v["article"], "texts": []})
        if v["text"] not in entry["texts"]:
            entry["texts"].append(v["text"])
    by_text: dict[str, list[str]] = {}
    for g in by_article.values():
        by_text.setdefault(" / ".join(g["texts"]), []).append(g["article"]["short"])
    return {
        "n": i,
        "id": d.id,
        "by_text": [{"text": k, "shorts": v} for k, v in by_text.items()],
        "short_id": d.id[:10],
        "story": d.story,
        "rule": d.rule,
        "rule_title": getattr(result.rules.get(d.rule), "summary", None) if result.rules else None,
        "subject": d.subject,
        "kind": d.kind,
        "unit": d.unit,
        "verdict": d.verdict,
        "severity": d.severity,
        "severity_rank": severity_rank(d.severity),
        "explanation": d.explanation,
        "plain": sentence(d.kind, d.subject, views, article_views, m),
        "values": list(d.values),
        "claims": views,
        "by_article": list(by_article.values()),
        "n_articles": len(by_article),
        "state": d.baseline_state,
        "extends": d.extends,
        "status": d.baseline_status,
        "note": d.baseline_note,
        "chart": _chart(d, result, articles),
    }


def _suppressed_view(d, articles: Mapping[str, Any]) -> dict[str, Any]:
    """A discrepancy a suppression silenced: what it is about, what each article says,
    and where it was silenced (``path:line`` of each comment or front matter of its
    articles that covers it; none found: the configuration's per-file ignores)."""
    where: set[tuple[str, int]] = set()
    for c in d.claims:
        a = articles.get(c.get("doc"))
        for s in (getattr(a, "suppressions", None) or ()):
            if s.covers(d.rule, int(c.get("line") or 0)):
                where.add((a.id, s.line))
    texts: dict[str, list[str]] = {}
    for c in d.claims:
        texts.setdefault(str(c.get("doc")), [])
        t = _str(c.get("text")) or ""
        if t not in texts[str(c.get("doc"))]:
            texts[str(c.get("doc"))].append(t)
    return {"id": d.id, "story": d.story, "subject": d.subject, "rule": d.rule, "verdict": d.verdict,
            "severity": d.severity, "texts": [{"doc": k, "texts": v} for k, v in sorted(texts.items())],
            "where": [f"{path}:{line}" for path, line in sorted(where)]}


def _ordered(counts: Mapping[str, int], order: Sequence[str]) -> list[tuple[str, int]]:
    known = [(k, counts[k]) for k in order if k in counts]
    return known + sorted((k, v) for k, v in counts.items() if k not in order)


def root_story_name(inputs: Sequence[str]) -> str | None:
    """The name of the root story (``.``): the folder the articles were read from, when
    they were read from one folder (else None)."""
    folders = {(Path(p) if Path(p).is_dir() else Path(p).parent).resolve().name for p in inputs}
    return folders.pop() if len(folders) == 1 and "" not in folders else None


def report_view(result, lang: str | None = None, root_story: str | None = None) -> dict[str, Any]:
    """Everything the page shows, as plain values, in a fixed order, in the report's
    language (``lang``, else the articles' majority language)."""
    from .formats.i18n import Messages, choose_language

    m = Messages.load(choose_language(lang, (a.lang for a in result.articles)))
    root = root_story or root_story_name(result.inputs) or m("no_story_name")
    articles = {a.id: a for a in result.articles}
    stats = result.statistics()
    stories: dict[str, list] = {}
    for a in sorted(result.articles, key=lambda a: (a.story, a.id)):
        stories.setdefault(a.story, [])
    ds = sorted_discrepancies(result.discrepancies)
    for i, d in enumerate(ds):
        stories.setdefault(d.story, []).append(_discrepancy_view(d, i, result, articles, m))
    story_articles: dict[str, list] = {}
    for a in sorted(result.articles, key=_date_key):
        story_articles.setdefault(a.story, []).append(_article_view(a))
    dates = [a.date for a in result.articles if a.date]
    baseline = result.baseline_path
    fixed = [{"id": e.get("id"), "rule": e.get("rule"), "story": e.get("story"), "subject": e.get("subject"),
              "status": e.get("status", "known"), "note": e.get("note"), "decided": e.get("decided")}
             for e in sorted(result.fixed, key=lambda e: str(e.get("id")))]
    suppressed = [_suppressed_view(d, articles) for d in sorted_discrepancies(getattr(result, "suppressed", None) or [])]
    return {
        "stats": stats,
        "suppressed": suppressed,
        "by_verdict": _ordered(stats["by_verdict"], VERDICTS),
        "by_severity": _ordered(stats["by_severity"], SEVERITIES),
        "inputs": sorted(dict.fromkeys(str(Path(p).as_posix()) for p in result.inputs)),
        "newest": max(dates).isoformat() if dates else None,
        "oldest": min(dates).isoformat() if dates else None,
        "undated": sum(1 for a in result.articles if not a.date),
        "baseline": Path(baseline).as_posix() if baseline else None,
        "fixed": fixed,
        "errors": sorted(result.errors),
        "stories": [{"name": s, "label": s if s != "." else root, "discrepancies": v,
                     "articles": story_articles.get(s, [])}
                    for s, v in sorted(stories.items())],
        "lang": m.lang,
        "t": m,
        "verdicts": [k for k, _ in _ordered(stats["by_verdict"], VERDICTS)],
        "severities": [k for k, _ in _ordered(stats["by_severity"], SEVERITIES)],
    }
