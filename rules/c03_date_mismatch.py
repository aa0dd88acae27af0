"""Articles of one story give different dates for the same event.

An editor cares because a wrong date is as much a published error as a wrong
figure: the summit held on the 4th in one article and on the 5th in another. Date
claims (rules D01, D02) are compared within a story, between different articles,
when they date the same event: the same predicate (the verb the date attaches to,
from A02, or one of its class in ``rules/data/predicates.yaml``) and sentences that
share most of their content words (an overlap coefficient of at least 0.5). A date
with no verb of its own (a headline: ``2 sept: Nifty stock tips``) dates the one event
of its story whose wording (the content words of its dated sentences) its sentence
shares most, at least 0.4 of the smaller set, and is compared with that event only; a
verbless date that is its own article's date (a dateline) or a year alone (``Tour de
France 2025``) dates no event. The date of a statement (``said on Tuesday``: the
``announcement`` class) is not an event's. A sentence that dates one verb several times
(``a remporté dimanche son quatrième Tour, après ceux de 2020, 2021 et 2024``) lists
occurrences: its most precise date stands for it. Two articles of one predicate class
whose sentences share at least four content words besides the verbs speak of one event
even below the 0.5 overlap (``bijou Louvre malfaiteur musée``). Dates
are intervals of days: ``septembre 2025`` covers the whole month and meets
``4 septembre 2025``; a day given without a year (``21 Aug``) is compared by month
and day. Relative dates the article date could not resolve (``jeudi`` in an undated
article) are not compared. An article that gives both dates has told the reader they
are different events: no discrepancy. A bound date (``depuis 2014``, ``since 2006``)
is a reference point, not the date of the event, and is not compared, except the
reference year of a record: a sentence with a record word (``le plus``, ``premier``,
``highest``, ``first``: ``record_markers`` in ``rules/data/dates_*.yaml``) whose year
follows ``depuis`` / ``since`` within four words (``le plus grand feu depuis 1949``,
``the highest since reunification in 1990``, ``le premier Allemand depuis Klöden en
2006``). Such years are compared with those of the same record word in the story,
sentences sharing at least 0.3 of their content words.

A day written with a weekday it does not fall on (``jeudi 19 septembre`` in 2025, a
Friday) names two days: when another article of the story gives the day the weekday
names (the Thursday nearest: ``jeudi 18 septembre``, or ``ce jeudi`` in an article of
the 18th), the two disagree whatever their wording.

The evidence that two dates belong to one event comes from the wording only, so a
finding is a ``contradiction`` at warning level. Cost: grouping on (story, event) and
on (story, day, weekday), verbless dates scored only against the events they share a
word with: linear in the claims.

Flags:
- [fr] Le sommet des dirigeants européens s'est tenu le 4 septembre 2025 à Paris. || Le sommet des dirigeants européens s'est tenu le 5 septembre 2025 à Paris.
- [en] The European leaders held their summit in Paris on September 4, 2025. || The European leaders held their summit in Paris on September 5, 2025.
- [fr] Le feu est le plus grave dans la région depuis 1976. || Le feu est le plus grave dans la région depuis 1986.
- [fr] Les enseignants ont défilé mardi 12 mars 2025 à Quimper. || Le syndicat appelle à la grève le mardi 11 mars 2025.

Does not flag:
- [fr] Le sommet s'est tenu le 4 septembre 2025 à Paris. || Le sommet s'est tenu en septembre 2025 à Paris.
- [fr] Le sommet s'est tenu le 4 septembre 2025 à Paris. || Les ministres se sont réunis le 6 septembre 2025 à Bruxelles pour préparer le budget.
- [en] The club has played in this stadium since 1994. || The club has played in this stadium since 1998.
- [en] The harbour master said on March 3, 2025 that the ferry would resume. || The harbour master said on March 4, 2025 that the ferry would resume.

Configuration: ``[tool.recoupe.severity] C03 = …``.
"""
from __future__ import annotations

import datetime as _dt
import functools
from typing import Any, Iterable

import pandas as pd
import regex

from recoupe.checker.ruleapi import Finding, unexplained_conflicts

from ._compare import context_overlap, context_sets, predicate_classes
from .d01_date import lexicon
from .text import alt

CODE = "C03"
NAME = "compare.date"
TYPE = "comparator"
KINDS = ("date",)
LANGUAGES = ("fr", "en")
SEVERITY = "warning"

#: The event of the reference year of a record (``depuis 1949``, ``since 1987``).
RECORD = "record"
YEAR_RE = regex.compile(r"^\d{4}$")
#: The frame of a record is itself evidence of one event: a smaller overlap suffices.
MIN_OVERLAP_RECORD = 0.3
MIN_OVERLAP = 0.5
#: ... or at least this many shared content words besides the predicates
MIN_SHARED = 4
#: Predicate classes (``rules/data/predicates.yaml``) of statements, not events.
REPORTING = frozenset({"announcement"})
MIN_OVERLAP_BARE = 0.4  # a verbless date (a headline) against an event of its story
ISO_RE = regex.compile(r"^(?:(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?|--(?P<m2>\d{2})-(?P<d2>\d{2}))$")
LEAP = 2000  # month-day comparisons happen in a leap year, so that 29 February exists


def day_interval(value: str) -> tuple[float, float, bool] | None:
    """``(first day, last day, has year)`` of an ISO date, month, year or ``--MM-DD``."""
    m = ISO_RE.match(str(value))
    if not m:
        return None
    try:
        if m.group("m2"):
            d = _dt.date(LEAP, int(m.group("m2")), int(m.group("d2"))).toordinal()
            return d, d, False
        y = int(m.group("y"))
        if m.group("d"):
            d = _dt.date(y, int(m.group("m")), int(m.group("d"))).toordinal()
            return d, d, True
        if m.group("m"):
            mo = int(m.group("m"))
            first = _dt.date(y, mo, 1)
            last = (_dt.date(y + mo // 12, mo % 12 + 1, 1) - _dt.timedelta(days=1))
            return first.toordinal(), last.toordinal(), True
        return _dt.date(y, 1, 1).toordinal(), _dt.date(y, 12, 31).toordinal(), True
    except ValueError:
        return None


def _month_day(ordinal: float) -> float:
    d = _dt.date.fromordinal(int(ordinal))
    return _dt.date(LEAP, d.month, d.day).toordinal()


@functools.cache
def _record_res(lang: str) -> tuple[regex.Pattern, regex.Pattern]:
    lx = lexicon(lang)
    words, since = alt(lx["record_markers"]), alt(lx["record_since"])
    return (regex.compile(rf"(?i)(?<!\p{{L}})(?:{words})(?!\p{{L}})"),
            regex.compile(rf"(?i)(?<!\p{{L}})(?:{since})(?!\p{{L}})(?:\W+\p{{L}}+){{0,4}}\W*$"))


def _record(sentence: Any, text: Any, lang: str) -> str | None:
    """The record whose reference point the date is, named by its marker's last word
    (``plus`` in ``le plus grand feu depuis 1949``, ``highest`` in ``the highest since 1987``,
    ``premier`` in ``le premier Allemand depuis Klöden en 2006``), or None."""
    if not isinstance(sentence, str) or not isinstance(text, str):
        return None
    marker, since = _record_res("en" if lang == "en" else "fr")
    at = sentence.find(text)
    found = list(marker.finditer(sentence, 0, at)) if at >= 0 else []
    if not found:
        return None
    # the words before the year: "depuis", "since reunification in", "depuis Klöden en"
    before = regex.sub(r"\d{4}\W*$", "", sentence[max(0, at - 50):at + len(text)])
    word = found[-1].group(0).lower().split()[-1]  # "le plus", "du plus": one record word
    return f"{RECORD}: {word}" if since.search(before) else None


def _sides(g: pd.DataFrame) -> dict[int, int]:
    """Each claim's side: the rank of its interval among the group's distinct intervals
    (claims dating the event alike are on one side)."""
    keys = sorted(set(zip(g["lo"], g["hi"])))
    rank = {k: i for i, k in enumerate(keys)}
    return {int(r): rank[(lo, hi)] for r, lo, hi in zip(g["row"], g["lo"], g["hi"])}


def _same_wording(g: pd.DataFrame, least: float) -> bool:
    """Every two articles of the group share ``least`` of their context words (the
    overlap coefficient, :func:`~._compare.context_overlap`), or, when the group is one
    predicate class, at least ``MIN_SHARED`` of them (``bijou louvre malfaiteur musée``:
    sentences of twelve words each that speak of one theft)."""
    if context_overlap(g) >= least:
        return True
    if g["bare"].any() or str(g["event"].iloc[0]).startswith(RECORD):
        return False
    verbs = set(g["predicate"].dropna())
    distinct = list({frozenset(x) - verbs: None for x in context_sets(g)})
    return all(len(a & b) >= MIN_SHARED for i, a in enumerate(distinct) for b in distinct[i + 1:])


@functools.cache
def _weekday_re(lang: str) -> tuple[regex.Pattern, dict[str, int]]:
    days = {str(k).lower(): int(v) for k, v in lexicon(lang)["weekdays"].items()}
    return regex.compile(rf"(?i)(?<!\p{{L}})(?:{alt(days)})(?!\p{{L}})"), days


def named_weekday(text: Any, lang: str) -> int | None:
    """The ISO weekday (1 = Monday) a claim's text names (``jeudi 19 septembre``,
    ``ce jeudi``, ``on Thursday``), or None."""
    if not isinstance(text, str):
        return None
    pattern, days = _weekday_re("en" if lang == "en" else "fr")
    m = pattern.search(text)
    return days[m.group(0).lower()] if m else None


def _wrong_weekdays(dates: pd.DataFrame) -> Iterable[Finding]:
    """A day written with a weekday it does not fall on (``jeudi 19 septembre`` in 2025,
    a Friday) names two days; when another article of the story gives the day the
    weekday names (the Thursday nearest the 19th: ``jeudi 18 septembre``, ``ce jeudi``
    in an article of the 18th), the two articles disagree on that day. Keyed on
    (story, day, weekday): one pass over the claims."""
    single = dates[(dates["hi"] == dates["lo"]) & dates["has_year"]]
    if single.empty:
        return
    named_wd = [named_weekday(t, la) for t, la in zip(single["text"], single["lang"])]
    single = single.assign(wd=named_wd)
    single = single[single["wd"].notna()]
    wrong: dict[tuple[str, int, int], list] = {}
    for row, story, lo, wd in zip(single.index, single["story"], single["lo"], single["wd"]):
        actual = _dt.date.fromordinal(int(lo)).isoweekday()
        if actual != wd:
            shift = (int(wd) - actual + 3) % 7 - 3  # the named weekday nearest the day
            wrong.setdefault((story, int(lo) + shift, int(wd)), []).append(row)
    if not wrong:
        return
    right: dict[tuple[str, int, int], list] = {}
    for row, story, lo, wd in zip(single.index, single["story"], single["lo"], single["wd"]):
        key = (story, int(lo), int(wd))
        if key in wrong:
            right.setdefault(key, []).append(row)
    for key in sorted(right):
        bad, good = wrong[key], right[key]
        members = single.loc[bad + good].sort_values(["doc", "start"])
        if members["doc"].nunique() < 2 or not set(single.loc[good, "doc"]) - set(single.loc[bad, "doc"]):
            continue
        day = _dt.date.fromordinal(key[1]).isoformat()
        parts = " vs ".join(f"«{c['text']}» ({c['doc']} l. {c['line']})" for _, c in members.drop_duplicates(["doc", "value"]).iterrows())
        yield Finding(
            story=key[0],
            subject=f"date: weekday {day}",
            kind="date",
            rows=tuple(sorted(members.index)),
            sides={int(r): (0 if r in good else 1) for r in members.index},
            verdict="contradiction",
            severity=SEVERITY,
            explanation=f"{parts}: the weekday names {day}, another day is written beside it",
        )


def _words(context: Any) -> frozenset[str]:
    return frozenset(context.split()) if isinstance(context, str) else frozenset()


def _assign_bare(bare: pd.DataFrame, named: pd.DataFrame) -> list[str | None]:
    """The event each verbless date dates: of its story's events, the one whose wording
    (the content words of all its dated sentences) shares the most of the verbless
    date's sentence, at least ``MIN_OVERLAP_BARE`` of the smaller set (ties: the first
    event by name); None when no event shares enough (a dateline, a headline on
    something else). Candidates come from an index of words to events, so each date is
    scored against the events it shares a word with, never against every event."""
    vocab: dict[tuple[str, str], set[str]] = {}
    for story, ev, c in zip(named["story"], named["event"], named["context"]):
        if not str(ev).startswith(RECORD):  # a record is never bare
            vocab.setdefault((story, ev), set()).update(_words(c))
    index: dict[tuple[str, str], set[str]] = {}
    for (story, ev), words in vocab.items():
        for w in words:
            index.setdefault((story, w), set()).add(ev)
    out: list[str | None] = []
    for story, c in zip(bare["story"], bare["context"]):
        words = _words(c)
        shared: dict[str, int] = {}
        for w in words:
            for ev in index.get((story, w), ()):
                shared[ev] = shared.get(ev, 0) + 1
        best, score = None, 0.0
        for ev in sorted(shared):
            sc = shared[ev] / min(len(words), len(vocab[(story, ev)]))
            if sc > score:
                best, score = ev, sc
        out.append(best if score >= MIN_OVERLAP_BARE else None)
    return out


def compare(claims: pd.DataFrame, ctx) -> Iterable[Finding]:
    dates = claims[(claims["kind"] == "date") & claims["value"].notna()]
    # a record's reference year ("le plus grand feu depuis 1949") is that record's event
    record = [_record(se, t, la) if YEAR_RE.match(str(v)) else None
              for v, se, t, la in zip(dates["value"], dates["sentence"], dates["text"], dates["lang"])]
    dates = dates.assign(predicate=[r or p for r, p in zip(record, dates["predicate"])])
    record = [r is not None for r in record]
    # another bound date ("depuis 2014", "since 2006") is a reference point, not the event's date
    dates = dates[dates["qualifier"].isna() | pd.Series(record, index=dates.index, dtype=bool)]
    if dates.empty:
        return
    spans = [day_interval(v) for v in dates["value"]]
    keep = [s is not None for s in spans]
    dates = dates[keep]
    spans = [s for s in spans if s is not None]
    if dates.empty:
        return
    classes = predicate_classes()
    event = [classes.get((lang, p), p) if isinstance(p, str) else None for lang, p in zip(dates["lang"], dates["predicate"])]
    dates = dates.assign(event=event, lo=[s[0] for s in spans], hi=[s[1] for s in spans],
                         has_year=[s[2] for s in spans])
    # a date with no governing verb ("2 sept: Nifty stock tips") dates the event of its
    # story whose wording its sentence shares most (_assign_bare), or none
    yield from _wrong_weekdays(dates)
    # the date of a statement ("said on Tuesday") dates the statement, and a story's
    # statements are many: not an event to compare
    dates = dates[~dates["event"].isin(REPORTING)]
    # one sentence that dates one verb several times ("a remporté dimanche son quatrième
    # Tour, après ceux de 2020, 2021 et 2024") lists occurrences: its event is dated by
    # its most precise date, the others are earlier ones
    width = dates["hi"] - dates["lo"]
    key = [dates["doc"], dates["sentence"].fillna(""), dates["event"].fillna("")]
    dates = dates[dates["event"].isna() | (width == width.groupby(key).transform("min"))]
    bare = dates[dates["event"].isna()]
    named = dates[dates["event"].notna()]
    # a verbless date that is its own article's date is a dateline: it dates the article
    own = {doc: a.date.isoformat() for doc, a in (ctx.articles or {}).items() if getattr(a, "date", None)}
    bare = bare[pd.Series([own.get(d) != str(v) for d, v in zip(bare["doc"], bare["value"])], index=bare.index, dtype=bool)]
    # a year alone in a headline ("Tour de France 2025") is too vague to date an event
    bare = bare[(bare["hi"] - bare["lo"]) < 32]
    bare = bare.assign(event=_assign_bare(bare, named))
    candidates = pd.concat([named.assign(row=named.index, bare=False),
                            bare[bare["event"].notna()].assign(row=lambda f: f.index, bare=True)])
    for (story, ev), g in candidates.groupby(["story", "event"], sort=True):
        if not g["has_year"].all():  # some day lacks its year: compare by month and day
            g = g.assign(lo=[_month_day(x) for x in g["lo"]], hi=[_month_day(x) for x in g["hi"]])
            g = g[(g["hi"] - g["lo"]) < 1]  # a year or a month has no single month-day
        if g["doc"].nunique() < 2 or g["bare"].all():
            continue
        mid = ((g["lo"] + g["hi"]) / 2).to_numpy()
        if not unexplained_conflicts(g["doc"].to_numpy(), mid, g["lo"].to_numpy(), g["hi"].to_numpy()):
            continue
        least = MIN_OVERLAP_RECORD if ev.startswith(RECORD) else MIN_OVERLAP_BARE if g["bare"].any() else MIN_OVERLAP
        if not _same_wording(g, least):
            continue
        firsts = g.sort_values(["doc", "start"]).drop_duplicates(["doc", "value"])
        parts = " vs ".join(f"«{c['text']}» ({c['doc']} l. {c['line']})" for _, c in firsts.iterrows())
        predicates = " / ".join(sorted(set(g["predicate"].dropna())))
        yield Finding(
            story=story,
            subject=f"date: {ev}",
            kind="date",
            rows=tuple(sorted(set(g["row"]))),
            sides=_sides(g),
            verdict="contradiction",
            severity=SEVERITY,
            explanation=f"{parts}: the articles date the same event ({predicates}) differently",
        )
