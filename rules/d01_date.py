"""An absolute calendar date: a day, a month of a year, or a year.

An editor cares because two articles of one story that put the same event on
different days (``jeudi 4 septembre`` / ``mercredi 3 septembre``) cannot both be
right, and a date is the first thing a reader checks. The rule finds dates written
out in full (``4 septembre 2025``, ``September 4, 2025``, ``le 1er septembre``),
with a weekday (``jeudi 4 septembre``), in numbers (``2025-09-04``, ``04/09/2025``:
day first in French, month first in English), months of a year (``en septembre
2025`` → ``2025-09``), years after a marker (``en 2022``, ``depuis 2014``, ``in
1997`` → ``2022``), years standing alone (``le budget 2026``: a 1800-2100 number that
counts nothing; the number rules leave it to this one) and months standing alone
(``fin mars``, ``en juillet``, ``in August``; English capitalised, ``May`` never alone).
The value is ISO 8601 text at the precision written.

A day without a year takes the year of the article date that the clause points
to: the first such day on or after the article when the clause looks forward
(future tense, ``doit``, ``d'ici``, ``prochain``, ``due to``, ``next``), the last one on or
before it when it looks back (``depuis``, ``dernier``, ``since``, ``last``), the nearest one
otherwise. A weekday written with the day does not move it (``jeudi 19 septembre``
stays the 19th, a Friday in 2025: the mismatch is the error to report). A month
alone is the article's month, else the last such month before the article, or the
next one in a forward clause. Without an article date the claim is unresolved
(``resolved`` false) and its value is the ISO 8601 truncated form ``--09-04``.
A year's marker other than ``en`` / ``in`` (``depuis``, ``avant``, ``since``) is
kept as the qualifier. The span of a year includes its marker, so that a stray
number claim on the bare year is dropped in favour of the date.

Flags:
- [fr] Les dirigeants sont réunis ce jeudi 4 septembre 2025 à Paris.
- [fr] L'invasion a commencé en 2022.
- [fr] Le décret du 04/09/2025 entre en vigueur le 1er octobre 2025.
- [en] The summit took place on September 4, 2025 in Paris.
- [en] The company has been listed since 2014.
- [fr] Le budget 2026 sera présenté fin septembre.
- [en] She stepped down in August.

Does not flag:
- [fr] Des troupes présentes sur le sol, en mer ou dans les airs.
- [fr] «26 pays ont confirmé leur volonté», a-t-il dit.
- [fr] Il a vendu 2000 exemplaires.
- [en] — CNEWS (@CNEWS) September 4, 2025
- [en] You may bring 4 friends.
- [en] May we come in?
- [fr] La coopérative a vendu 1950 bouteilles.

Configuration: none; month, weekday and year-marker words are in
``rules/data/dates_fr.yaml`` and ``rules/data/dates_en.yaml``.

Provenance: the dates of the seed articles (``jeudi 4 septembre``, ``en 2022``)
and the tweet datelines they embed.
"""
from __future__ import annotations

import datetime as _dt
import functools
import re
from typing import Any, Iterator

from .text import Scanner, alt, data
from ._spans import Spans

CODE = "D01"
NAME = "date.absolute"
TYPE = "extractor"
KINDS = ("date",)
LANGUAGES = ("fr", "en")
NEEDS = ("dates", "furniture")  # shared scans read with ctx.scan()

# A line that starts with a dash and holds an @handle is an embedded tweet's dateline.
FURNITURE_RE = re.compile(r"^[ \t]*[—–][^\n]*@\w[^\n]*$", re.M)


@functools.cache
def lexicon(lang: str) -> dict[str, Any]:
    """The date lexicon of a language (``rules/data/dates_<lang>.yaml``)."""
    return data(f"dates_{'en' if lang == 'en' else 'fr'}.yaml")


def _full_months(lx) -> list[str]:
    """Month names that are no abbreviation of another (``septembre``, not ``sept``) and,
    in English, no common word (``may``): the months that may stand alone."""
    words = list(lx["months"])
    ambiguous = set(lx.get("ambiguous_months", ()))
    return [w for w in words if w not in ambiguous and not any(o != w and o.startswith(w) for o in words)]


@functools.cache
def date_scanner(lang: str) -> Scanner:
    """:func:`date_pattern`, tried only at a digit or a weekday, month, marker or ``the``."""
    lx = lexicon(lang)
    words = [*lx["weekdays"], *lx["months"], *lx["year_markers"], *lx["first_day"], *lx["month_prefixes"]]
    words += ["the"] if lang == "en" else []
    return Scanner(date_pattern(lang), words, digits=True, letters=True)


@functools.cache
def date_pattern(lang: str) -> re.Pattern[str]:
    """One pattern holding every absolute-date family of a language, longest forms first."""
    lx = lexicon(lang)
    en = lang == "en"
    month = alt(lx["months"], title=en, dots=True)
    weekday = alt(lx["weekdays"], title=en)
    markers = alt(lx["year_markers"])
    month_alone = alt(_full_months(lx), title=en)
    month_prefix = rf"(?i:{alt(lx['month_prefixes'])})" if en else alt(lx["month_prefixes"])
    year = r"(?:1[6-9]|20)\d\d"
    if en:
        # after a day number a month may be written in lower case ("on 2 sept"), except
        # the months that are also common words ("3 may", "2 march")
        lower = [w for w in lx["months"] if w.lower() not in lx.get("ambiguous_months", ())]
        month_after_day = f"{month}|{alt(lower, dots=True)}"
        day_month = (
            rf"(?:(?P<wd>{weekday}),?\s+)?(?:the\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<m>{month_after_day})(?![\w])"
            rf"(?:,?\s+(?P<y>{year})(?!\d))?"
            rf"|(?:(?P<wd2>{weekday}),?\s+)?(?P<m2>{month})\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?![\d\w:.,]\d|\w)"
            rf"(?:,?\s+(?P<y2>{year})(?!\d))?"
        )
    else:
        first = "|".join(map(re.escape, lx["first_day"]))
        day_month = (
            rf"(?:(?P<wd>{weekday})\s+)?(?P<d>{first}|[0-3]?\d)\s+(?P<m>{month})(?![\w])"
            rf"(?:\s+(?P<y>{year})(?!\d))?"
        )
    flags = "" if en else "(?i)"
    marker_part = rf"(?i:{markers})" if en else rf"(?:{markers})"
    return re.compile(
        flags + r"(?<![\w/.-])(?:"
        + day_month
        + r"|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})(?![\d-])"
        + r"|(?P<n1>\d{1,2})(?P<sep>[/.])(?P<n2>\d{1,2})(?P=sep)(?P<ny>\d{4}(?![\d/.]|,\d)|\d{2}(?![\d/.,]))"
        + rf"|(?P<mm>{month})\s+(?P<my>{year})(?!\d)"
        + rf"|(?P<mk>{marker_part})(?:\s+|-)(?P<yy>{year})(?![\d])(?![.,]\d|\s\d)"
        + rf"|(?:(?P<mp>{month_prefix})(?:\s+|-))?(?P<mo>{month_alone})(?![\w])(?!\s*\d)"
        + rf"|(?<![$€£])(?<!\d\s)(?P<by>{year})(?![\d])(?![.,]\d|\s\d{{3}}(?!\d)|\s?%)"
        + ")"
    )


# Future tense near a date: French future endings and "aller + infinitive"; English "will".
FUTURE_RE = {
    "fr": re.compile(r"(?i)\b(?:\w{2,}(?:era|eront|erons|erez|erai|ira|iront|dra|dront)|sera|seront|aura|auront|fera|feront|va|vont|allons)\b"),
    "en": re.compile(r"(?i)\b(?:will|shall|'ll|’ll|is going to|are going to)\b"),
}
#: How far around a date its clause is read (characters each side): a length guard, so
#: that a sentence of thousands of dates is not re-read for each.
CLAUSE_REACH = 200
CLAUSE_STOP_RE = re.compile(r"[,;:.!?«»\"“”()\n]")


@functools.cache
def _marker_re(lang: str, table: str) -> re.Pattern[str]:
    words = rf"(?<![\w'’])(?:{alt(lexicon(lang)[table])})(?![\w])"
    if table == "future_markers":  # one search for the future tense and the forward words
        words = f"{FUTURE_RE[lang].pattern.removeprefix('(?i)')}|{words}"
    return re.compile(f"(?i){words}")


def _clause(ctx, start: int, end: int) -> tuple[str, str]:
    """The words of the clause before and after a span (up to a comma, a quote ...)."""
    text = ctx.text
    s, e = ctx.sentence_at(start)
    s, e = max(s, start - CLAUSE_REACH), min(e, end + CLAUSE_REACH)
    left = text[s:start]
    stops = list(CLAUSE_STOP_RE.finditer(left))
    if stops:
        left = left[stops[-1].end():]
    right = text[end:e]
    stop = CLAUSE_STOP_RE.search(right)
    if stop:
        right = right[:stop.start()]
    return left, right


def direction(ctx, start: int, end: int) -> str | None:
    """``future`` when the clause around a date looks forward (future tense, ``doit``,
    ``d'ici``, ``due to``), ``past`` when it looks back (``depuis``, ``since``), else None."""
    lang = "en" if ctx.lang == "en" else "fr"
    left, right = _clause(ctx, start, end)
    both = left + " " + right
    if _marker_re(lang, "future_markers").search(both):
        return "future"
    if _marker_re(lang, "past_markers").search(both):
        return "past"
    return None


def furniture(ctx) -> list[tuple[int, int]]:
    """Spans of page-furniture lines (tweet datelines) that hold no article claim."""
    return ctx.scan("furniture")


def _furniture_lines(ctx) -> list[tuple[int, int]]:
    return [m.span() for m in FURNITURE_RE.finditer(ctx.text)]


def in_furniture(ctx, start: int) -> bool:
    return ctx.memo("furniture_spans", lambda c: Spans(furniture(c))).holds(start)


def _word_key(lx: dict, table: str, word: str) -> Any:
    w = word.lower().replace("’", "'").rstrip(".")
    return lx[table].get(w)


def _day_number(tok: str, lx) -> int:
    return 1 if tok.lower() in lx["first_day"] else int(tok)


def _pick_year(day: int, month: int, ref: _dt.date, way: str | None) -> _dt.date | None:
    """The date with this day and month nearest to ``ref``: the first one on or after it
    when the sentence looks forward, the last one on or before it when it looks back.
    A weekday written with the date does not move it (D02 reports a weekday that does
    not match its date)."""
    cands = []
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            cands.append(_dt.date(y, month, day))
        except ValueError:
            continue
    if way == "future":
        cands = [c for c in cands if c >= ref] or cands
    elif way == "past":
        cands = [c for c in cands if c <= ref] or cands
    return min(cands, key=lambda c: abs((c - ref).days)) if cands else None


def _pick_month_year(month: int, ref: _dt.date, way: str | None) -> int:
    """The year of a month written alone: this year's month when it is the article's,
    else the last one before the article, or the next one when the sentence looks forward."""
    if month == ref.month:
        return ref.year
    if way == "future":
        return ref.year if month > ref.month else ref.year + 1
    return ref.year if month < ref.month else ref.year - 1


def _followed_by_count(text: str, end: int, lx) -> bool:
    nxt = re.match(r"\s*(%|€|\$|[\w’']+)", text[end:end + 40])
    return bool(nxt) and nxt.group(1).lower() in lx["not_year_after"]


def _scan(ctx) -> list[dict[str, Any]]:
    lx = lexicon(ctx.lang)
    text, ref = ctx.text, ctx.date
    rows: list[dict[str, Any]] = []
    for m in date_scanner(ctx.lang).finditer(text):
        if in_furniture(ctx, m.start()):
            continue
        g = m.groupdict()
        row: dict[str, Any] = {"start": m.start(), "end": m.end(), "kind": "date", "unit": "date"}
        try:
            if g.get("d") or g.get("d2"):
                d = _day_number(g.get("d") or g["d2"], lx)
                mon = _word_key(lx, "months", g.get("m") or g["m2"])
                wd_word = g.get("wd") or g.get("wd2")
                wd = _word_key(lx, "weekdays", wd_word) if wd_word else None
                y = g.get("y") or g.get("y2")
                if y:
                    row["value"] = _dt.date(int(y), mon, d).isoformat()
                elif ref is not None:
                    picked = _pick_year(d, mon, ref, direction(ctx, m.start(), m.end()))
                    if picked is None:
                        continue
                    row["value"] = picked.isoformat()
                else:
                    _dt.date(2000, mon, d)  # validates day and month (2000 is a leap year)
                    row["value"] = f"--{mon:02d}-{d:02d}"
                    row["resolved"] = False
            elif g.get("iy"):
                row["value"] = _dt.date(int(g["iy"]), int(g["im"]), int(g["id"])).isoformat()
            elif g.get("n1"):
                a, b, y = int(g["n1"]), int(g["n2"]), g["ny"]
                if len(y) == 2:
                    if g["sep"] != "/":
                        continue
                    y = ("20" if int(y) < 70 else "19") + y
                day, mon = (b, a) if ctx.lang == "en" else (a, b)
                row["value"] = _dt.date(int(y), mon, day).isoformat()
            elif g.get("mm"):
                row["value"] = f"{int(g['my']):04d}-{_word_key(lx, 'months', g['mm']):02d}"
            elif g.get("mo"):
                mon = _word_key(lx, "months", g["mo"])
                if ref is not None:
                    y = _pick_month_year(mon, ref, direction(ctx, m.start(), m.end()))
                    row["value"] = f"{y:04d}-{mon:02d}"
                else:
                    row.update(value=f"--{mon:02d}", resolved=False)
                prefix = " ".join((g.get("mp") or "").lower().split())
                if prefix and prefix not in lx["year_markers_neutral"]:
                    row["qualifier"] = prefix
            elif g.get("by"):
                if _followed_by_count(text, m.end(), lx):
                    continue
                row["value"] = g["by"]
            elif g.get("yy"):
                if _followed_by_count(text, m.end(), lx):
                    continue
                marker = " ".join(g["mk"].lower().replace("’", "'").split())
                row["value"] = g["yy"]
                if marker not in lx["year_markers_neutral"]:
                    row["qualifier"] = marker
            else:
                continue
        except (ValueError, TypeError):
            continue  # not a calendar date (day 31 of a 30-day month, month 13 ...)
        rows.append(row)
    return rows


def scan(ctx) -> list[dict[str, Any]]:
    """The absolute dates of an article, computed once per article (D02 reads them)."""
    return ctx.scan("dates")


#: Shared scans this module provides (D02 and D03 read them whether or not D01 runs).
SCANS = {"dates": _scan, "furniture": _furniture_lines}


def extract(ctx) -> Iterator[dict[str, Any]]:
    for row in scan(ctx):
        yield dict(row)
