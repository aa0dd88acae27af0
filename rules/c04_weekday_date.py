"""One article writes a day with a weekday it does not fall on.

An editor cares because ``jeudi 19 septembre`` in a year where the 19th is a Friday
is wrong whichever of the two words was meant: the reader cannot tell which day the
event took place. This is the one comparison made inside a single article: every
date claim of one day (rule D01) whose text names a weekday (``jeudi 19 septembre
2025``, ``Thursday, September 19``) is checked against the calendar. A day whose year
is written (``2025``) is a sure error (severity error); a day whose year recoupe
inferred from the article's date is reported at warning level, since the year is a
reading. Days given without a year in an undated article are not checked. Cost: one
pass over the date claims.

Flags:
- [fr] Le conseil municipal s'est réuni le jeudi 19 septembre 2025 à Nantes.
- [en] The council met on Thursday, September 19, 2025 in Leeds.

Does not flag:
- [fr] Le conseil municipal s'est réuni le jeudi 18 septembre 2025 à Nantes.
- [en] The council met on Friday, September 19, 2025 in Leeds.
- [fr] Le conseil municipal s'est réuni le 19 septembre 2025 à Nantes.

Configuration: ``[tool.recoupe.severity] C04 = …`` (the override applies to the sure
errors; inferred years stay at warning).
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Iterable

import pandas as pd
import regex

from recoupe.checker.ruleapi import Finding

from .c03_date_mismatch import day_interval, named_weekday

CODE = "C04"
NAME = "compare.weekday"
TYPE = "comparator"
KINDS = ("date",)
LANGUAGES = ("fr", "en")
SEVERITY = "error"
#: A finding of this rule involves one article (the engine keeps it).
WITHIN_ARTICLE = True

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
YEAR_WRITTEN = regex.compile(r"(?<!\d)\d{4}(?!\d)")


def _wrong_weekday(text: Any, value: Any, lang: str) -> tuple[int, int] | None:
    """``(day ordinal, ISO weekday named)`` when a one-day date claim's text names a
    weekday the day does not fall on (``jeudi 19 septembre 2025``: a Friday), else None.
    Days without a year are not checked."""
    span = day_interval(value)
    if span is None or span[0] != span[1] or not span[2]:
        return None
    named = named_weekday(text, lang)
    if named is None or _dt.date.fromordinal(int(span[0])).isoweekday() == named:
        return None
    return int(span[0]), named


def compare(claims: pd.DataFrame, ctx) -> Iterable[Finding]:
    """One finding per article and wrongly named day, whatever the number of times it is written."""
    dates = claims[(claims["kind"] == "date") & claims["value"].notna()]
    wrong: dict[tuple, list] = {}
    for row, story, doc, text, value, lang in zip(
            dates.index, dates["story"], dates["doc"], dates["text"], dates["value"], dates["lang"]):
        found = _wrong_weekday(text, value, lang)
        if found is not None:
            wrong.setdefault((story, doc, *found), []).append(row)
    for (story, doc, ordinal, named), rows in sorted(wrong.items()):
        day = _dt.date.fromordinal(ordinal)
        first = dates.loc[rows[0]]
        written = any(YEAR_WRITTEN.search(str(t)) for t in dates.loc[rows, "text"])
        yield Finding(
            story=story,
            subject=f"date: weekday of {day.isoformat()}",
            kind="date",
            rows=tuple(rows),
            verdict="contradiction",
            severity=None if written else "warning",
            explanation=(f"«{first['text']}» ({doc} l. {first['line']}): {day.isoformat()} is a "
                         f"{WEEKDAYS[day.isoweekday() - 1]}, not a {WEEKDAYS[named - 1]}"
                         + ("" if written else " (year inferred from the article's date)")),
        )
