"""A date given relative to the article's date: a weekday, yesterday, today, tomorrow.

An editor cares because news copy dates events by weekday (``a annoncé jeudi``,
``ce vendredi``, ``police said Monday``): two articles of one story that put one
meeting on different days disagree even if neither writes the full date. With the
article date known, the rule resolves the day to an ISO 8601 date.

The window rule: a weekday alone or after ``ce`` / ``cette`` / ``this`` / ``on`` is
the day of that name in the week ending on the article date, ``[date - 6, date]``
(news reports what happened); when the clause looks forward (future tense: ``se
réuniront mercredi``, ``va présenter``, ``will meet``; or a forward word of
``future_markers``: ``doit se réunir vendredi``, ``d'ici mercredi``, ``was due to testify
on Wednesday``) it is the day in ``[date, date + 6]``. ``prochain`` / ``next`` is the first such day after the
article date, ``dernier`` / ``last`` the last one before it. ``hier`` /
``aujourd'hui`` / ``demain`` (``yesterday`` / ``today`` / ``tomorrow``) are the
article date minus one, plus zero, plus one day; ``l'an dernier`` / ``cette année`` /
``l'année prochaine`` (``last year`` / ``this year`` / ``next year``) the article's year
minus one, plus zero, plus one (an undated article gives ``-P1Y``, ``P0Y``, ``P1Y``).

Without an article date (or when the day would fall outside the calendar: ``hier`` in an
article dated 0001-01-01) the claim is unresolved (``resolved`` false), its
``qualifier`` holds the relative words (``ce vendredi``) and its value is a
relative ISO 8601 form instead of a date: ``-W-5`` (the truncated form "Friday of
the implied week") for a weekday, ``-P1D`` / ``P0D`` / ``P1D`` (an offset from the
unknown article date) for yesterday, today, tomorrow. A weekday inside a full date
(``jeudi 4 septembre``) is left to D01; ``la veille`` / ``le lendemain`` (``the day
before``) are relative to another event and are skipped, as are habitual weekdays
(``le lundi``, ``tous les lundis``). A weekday after ``depuis`` / ``since``
(``weekday_bounds``) is a reference point: its qualifier holds the word, and the date
comparator leaves it out, as it does ``depuis 2014``.

Flags:
- [fr] Le président a annoncé jeudi un nouveau plan.
- [fr] Ils se sont retrouvés ce vendredi au fort de Brégançon.
- [fr] La réunion a eu lieu hier soir.
- [en] Police said on Monday that the road was closed.
- [en] The minister resigned yesterday.
- [fr] L'intersyndicale doit se réunir vendredi matin.
- [en] The museum drew more visitors last year.

Does not flag:
- [fr] Les dirigeants sont réunis ce jeudi 4 septembre 2025 à Paris.
- [fr] Il est arrivé la veille et reparti le lendemain.
- [fr] Le marché se tient le lundi.
- [en] She left the day before the summit.

Configuration: none; the words are in ``rules/data/dates_fr.yaml`` and
``rules/data/dates_en.yaml``.

Provenance: the seed articles (``a annoncé jeudi``, ``ce vendredi``, ``vendredi
dernier``, ``mercredi``).
"""
from __future__ import annotations

import datetime as _dt
import functools
import re
from typing import Any, Iterator

from .text import Scanner, alt
from .d01_date import direction, in_furniture, lexicon, scan as absolute_dates
from ._spans import Spans

CODE = "D02"
NAME = "date.relative"
TYPE = "extractor"
KINDS = ("date",)
LANGUAGES = ("fr", "en")
NEEDS = ("dates", "furniture")  # shared scans read with ctx.scan()


#: English words before a weekday (``this Monday``, ``on Monday``).
EN_BEFORE = ("this", "next", "last", "past", "on")
HABITUAL_RE = re.compile(r"(?i)\b(?:le|les|tous les|chaque|every)\s+$")


@functools.cache
def weekday_scanner(lang: str) -> Scanner:
    """:func:`weekday_pattern`, tried only at the words it can start with."""
    lx = lexicon(lang)
    before = EN_BEFORE if lang == "en" else lx["weekday_before"]
    words = [*before, *lx["weekdays"], *lx["relative_days"], *lx["relative_years"]]
    return Scanner(weekday_pattern(lang), words, letters=True)


@functools.cache
def weekday_pattern(lang: str) -> re.Pattern[str]:
    lx = lexicon(lang)
    en = lang == "en"
    weekday = alt(lx["weekdays"], title=en)
    rel = alt(lx["relative_days"])
    rel_years = alt(lx["relative_years"])
    if en:
        before = rf"(?:(?P<pre>(?i:{'|'.join(EN_BEFORE)}))\s+)?"
        after = ""
    else:
        before = rf"(?:(?P<pre>{alt(lx['weekday_before'])})\s+)?"
        after = rf"(?:\s+(?P<post>{alt(lx['weekday_after'])})\b)?"
    flags = "" if en else "(?i)"
    return re.compile(
        flags + rf"(?<![\w-])(?:(?P<ry>(?i:{rel_years}))(?![\w-])|{before}(?P<wd>{weekday})(?![\w-]){after}"
        + (rf"|(?P<rel>(?i:{rel}))(?![\w-])" if en else rf"|(?P<rel>{rel})(?![\w-])") + ")"
    )


def _event_relative(text: str, start: int, lx) -> bool:
    before = text[max(0, start - 20):start].lower().replace("’", "'")
    return any(before.rstrip().endswith(w) for w in lx["event_relative"])


def _future(ctx, start: int, end: int) -> bool:
    """True when the clause around a weekday looks forward (see :func:`d01_date.direction`)."""
    return direction(ctx, start, end) == "future"


def _resolve_weekday(ref: _dt.date, wd: int, mode: str) -> _dt.date:
    if mode == "next":
        delta = (wd - ref.isoweekday()) % 7 or 7
        return ref + _dt.timedelta(days=delta)
    if mode == "last":
        delta = (ref.isoweekday() - wd) % 7 or 7
        return ref - _dt.timedelta(days=delta)
    if mode == "future":
        return ref + _dt.timedelta(days=(wd - ref.isoweekday()) % 7)
    return ref - _dt.timedelta(days=(ref.isoweekday() - wd) % 7)


def _shifted(compute) -> str | None:
    """The ISO date ``compute()`` gives, or None past the calendar's ends (year 1, 9999):
    the claim is then kept unresolved, like one without an article date."""
    try:
        return compute().isoformat()
    except OverflowError:
        return None


def _offset_text(days: int) -> str:
    return f"-P{-days}D" if days < 0 else f"P{days}D"


@functools.cache
def _bound_re(lang: str) -> re.Pattern[str]:
    words = lexicon(lang).get("weekday_bounds") or []
    return re.compile(rf"(?<!\w)(?P<b>{alt(words) or '(?!)'})\s+$", re.IGNORECASE)


def extract(ctx) -> Iterator[dict[str, Any]]:
    lx = lexicon(ctx.lang)
    text, ref = ctx.text, ctx.date
    taken = Spans((r["start"], r["end"]) for r in absolute_dates(ctx))
    for m in weekday_scanner(ctx.lang).finditer(text):
        if in_furniture(ctx, m.start()) or taken.overlaps(m.start(), m.end()):
            continue
        g = m.groupdict()
        words = " ".join(m.group(0).lower().replace("’", "'").split())
        row: dict[str, Any] = {"start": m.start(), "end": m.end(), "kind": "date", "unit": "date"}
        if g["ry"]:
            years = lx["relative_years"][words]
            if ref is not None and 1 <= ref.year + years <= 9999:
                row["value"] = f"{ref.year + years:04d}"
            else:  # no article date, or a year past the calendar's ends
                row.update(value=f"P{years}Y" if years >= 0 else f"-P{-years}Y", resolved=False, qualifier=words)
            yield row
            continue
        if g["rel"]:
            if _event_relative(text, m.start(), lx):
                continue
            days = lx["relative_days"][words]
            resolved = _shifted(lambda: ref + _dt.timedelta(days=days)) if ref is not None else None
            if resolved is not None:
                row["value"] = resolved
            else:
                row.update(value=_offset_text(days), resolved=False, qualifier=words)
            yield row
            continue
        if not g["pre"] and HABITUAL_RE.search(text[max(0, m.start() - 12):m.start()]):
            continue
        wd = lx["weekdays"][g["wd"].lower()]
        mod = (g.get("post") or g.get("pre") or "").lower()
        mode = {"next": "next", "last": "last", "past": "last"}.get(mod) or lx["weekday_after"].get(mod)
        if g["pre"] and g["pre"].lower() == "on" and ctx.lang == "en":
            row["start"] = m.start("wd")  # "on Monday": the date is "Monday"
        if mode is None:
            mode = "future" if _future(ctx, m.start(), m.end()) else "window"
        resolved = _shifted(lambda: _resolve_weekday(ref, wd, mode)) if ref is not None else None
        if resolved is not None:
            row["value"] = resolved
            bound = _bound_re(ctx.lang).search(text, max(0, m.start() - 20), m.start())
            if bound:  # "depuis mardi": a reference point (the qualifier says so)
                row["qualifier"] = bound.group("b").lower().replace("’", "'")
        else:
            qual = words if not (g["pre"] and g["pre"].lower() == "on") else g["wd"].lower()
            row.update(value=f"-W-{wd}", resolved=False, qualifier=qual)
        yield row
