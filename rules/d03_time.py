"""A clock time: ``10h30``, ``14H00``, ``10:30``, ``8 a.m.``, with its time zone.

An editor cares because wire copy gives the hour of an event in local time and in
GMT (``à 10h30 (08H30 GMT)``): an article that moves the event by an hour, or
copies the GMT figure as local time, misleads the reader. The value is an ISO 8601
time: ``10:30`` without a zone, ``08:30Z`` for GMT / UTC, ``10:30+02:00`` with an
offset. A local time followed by its GMT equivalent in brackets gives two claims,
and the local one takes the offset the pair shows: ``10h30 (08H30 GMT)`` →
``10:30+02:00`` and ``08:30Z``. A zone abbreviation right after the time
(``14:00 CEST``, ``9 a.m. EDT``) gives its offset. Wire copy's four-digit
times with a zone (``1300 GMT``, ``07.00 GMT``, ``0620 UTC``) are times too; without a
zone such a number is left to the number rules. A word such as ``peu après``,
``vers``, ``around`` before the time is kept as the qualifier.

The value is the time only: the day, when the sentence gives one, is a separate
date claim (D01, D02) of the same sentence; ``subject`` is left empty.
A ``2h30`` after a duration word (``en 2h30``, ``pendant 3 h``, ``for 2:30``) is a
duration and is skipped; so are times in tweet datelines. French ``heures``
(``à 10 heures``) counts as a time only after ``à`` / ``vers`` / ``dès`` and the
other time qualifiers.

Flags:
- [fr] Le président copréside à 10h30 (08H30 GMT) une réunion à l'Elysée.
- [fr] L'entretien a débuté peu après 14H00.
- [fr] Le cortège partira à 10 heures.
- [en] The meeting started at 10:30 local time.
- [en] Police arrived at 8 a.m. and left at 3.30pm.
- [en] Polls closed at 6 p.m. (1700 GMT).

Does not flag:
- [fr] Le trajet se fait en 2h30 depuis Paris.
- [fr] Il a parcouru 10 heures de route.
- [en] He ran the marathon in 2:30.
- [en] The 3 hotels were full.
- [en] The plant employs 1700 people.

Configuration: none; qualifier, duration and zone words are in
``rules/data/dates_fr.yaml`` and ``rules/data/dates_en.yaml``.

Provenance: the AFP convention ``10h30 (08H30 GMT)`` of the seed articles.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Iterator

from .text import Scanner, alt
from .d01_date import in_furniture, lexicon

CODE = "D03"
NAME = "time.clock"
TYPE = "extractor"
KINDS = ("time",)
LANGUAGES = ("fr", "en")
NEEDS = ("times", "furniture")  # shared scans read with ctx.scan()


@functools.cache
def time_scanner(lang: str) -> Scanner:
    """:func:`time_pattern`, tried only at a digit (every time starts with one)."""
    return Scanner(time_pattern(lang), (), digits=True, letters=True)


@functools.cache
def time_pattern(lang: str) -> re.Pattern[str]:
    zones = alt([z for z, off in lexicon(lang)["zones"].items() if off is not None])
    hour = r"(?:[01]?\d|2[0-3])"
    minute = r"[0-5]\d"
    zone = rf"(?:[ \t]*(?P<zone>(?i:{zones}))(?P<zoff>[+-]\d{{1,2}}(?::?\d\d)?)?(?![\w]))?"
    return re.compile(
        r"(?<![\w/:.,])(?:"
        rf"(?P<h1>{hour})(?::|[.](?=\d\d\s?[ap]\.?m))(?P<m1>{minute})(?:\s?(?P<ap1>[aApP])\.?\s?[mM]\b\.?)?(?![\d:])"
        rf"|(?P<h2>1[0-2]|0?\d)\s?(?P<ap2>[aApP])\.?\s?[mM]\b\.?"
        rf"|(?P<h3>{hour})\s?[hH](?:\s?(?P<m3>{minute}))?(?![\w])"
        rf"|(?P<h4>{hour})\s+heures?(?:\s+(?P<m4>{minute})(?!\s*\d))?(?![\w])"
        rf"|(?P<h5>[01]\d|2[0-3])[.]?(?P<m5>{minute})(?=[ \t]*(?i:{zones})(?![\w]))"
        rf"){zone}"
    )


def _qualifier(text: str, start: int, words) -> str | None:
    before = " ".join(text[max(0, start - 40):start].replace("’", "'").split()).lower()
    for w in sorted(words, key=len, reverse=True):
        w = w.replace("’", "'")
        if before.endswith(w) and (len(before) == len(w) or not before[-len(w) - 1].isalnum()):
            return w
    return None


def _offset(minutes: int) -> str:
    if minutes == 0:
        return "Z"
    sign = "+" if minutes > 0 else "-"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _zone_minutes(m: re.Match, lx) -> int | None:
    if not m.group("zone"):
        return None
    base = lx["zones"].get(m.group("zone").lower())
    if base is None:
        return None
    total = base * 60
    if m.group("zoff"):
        sign = -1 if m.group("zoff")[0] == "-" else 1
        digits = m.group("zoff")[1:].replace(":", "")
        hours, mins = (int(digits), 0) if len(digits) <= 2 else (int(digits[:-2]), int(digits[-2:]))
        total += sign * (hours * 60 + mins)
    return total


@dataclass
class _Time:
    """A time found in the text: its claim row, and the minutes of the day and the
    UTC offset (minutes; None when unknown) that its value is written from."""

    row: dict[str, Any]
    clock: int
    zone: int | None


def _times(ctx) -> list[dict[str, Any]]:
    lx = lexicon(ctx.lang)
    text = ctx.text
    out: list[_Time] = []
    for m in time_scanner(ctx.lang).finditer(text):
        if in_furniture(ctx, m.start()):
            continue
        g = m.groupdict()
        qual = _qualifier(text, m.start(), lx["time_qualifiers"])
        if _qualifier(text, m.start(), lx["duration_markers"]):
            continue
        if g["h4"] is not None and not (qual or re.search(r"(?i)\b[àa]\s*$", text[max(0, m.start() - 4):m.start()])):
            continue
        h = int(g["h1"] or g["h2"] or g["h3"] or g["h4"] or g["h5"])
        minute = int(g["m1"] or g["m3"] or g["m4"] or g["m5"] or 0)
        ap = (g["ap1"] or g["ap2"] or "").lower()
        if ap and h > 12:
            continue
        if ap == "p" and h < 12:
            h += 12
        elif ap == "a" and h == 12:
            h = 0
        zone = _zone_minutes(m, lx)
        row = {"start": m.start(), "end": m.end(), "kind": "time", "unit": "time"}
        if qual:
            row["qualifier"] = qual
        out.append(_Time(row, h * 60 + minute, zone))
    # "10h30 (08H30 GMT)": the bracketed zoned time gives the local one its offset.
    for a, b in zip(out, out[1:]):
        if a.zone is None and b.zone is not None and re.fullmatch(r"\s*\(\s*", text[a.row["end"]:b.row["start"]]):
            diff = (a.clock - b.clock + b.zone) % 1440
            if diff > 14 * 60:
                diff -= 1440
            a.zone = diff
    rows = []
    for t in out:
        r = t.row
        r["value"] = f"{t.clock // 60:02d}:{t.clock % 60:02d}" + (_offset(t.zone) if t.zone is not None else "")
        rows.append(r)
    return rows


def extract(ctx) -> Iterator[dict[str, Any]]:
    yield from ctx.scan("times")


SCANS = {"times": _times}
