"""Frames: what the text says a figure measures, where, when and at what scope.

A figure's *frame* is read from the clause it stands in: the text between the
previous and the next figure of the same sentence (so ``7 500 à Paris, 4 500 à
Rennes`` gives each figure its own town). Fields, each ``""`` when the clause does
not say:

- ``measure``: the measured thing when a measure noun stands next to the number
  (``une profondeur de 10 km`` → ``depth``, ``magnitude 7.7`` → ``magnitude``,
  ``à 17 km de Mandalay`` → ``distance``, ``taux de participation`` → ``turnout``);
- ``place``: the place it is about (``à Paris``, ``dans la province de Valence``,
  ``in Thailand``, ``worldwide``), lower-cased;
- ``period``: a round or phase (``au premier tour`` → ``round1``, ``second round`` →
  ``round2``);
- ``scope``: ``part`` (``dont``, ``à elle seule``, ``including``) or ``total``
  (``au total``, ``career``);
- ``measure_first``: the measure noun stands right before the figure (``magnitude
  7.7``, ``une profondeur de 10 km``), or is a threshold anywhere in the clause
  (``subject_measures``: ``les 289 nécessaires``): the measure, not a counted noun,
  is the subject;
- ``head``: the first content word among the few after the figure, before any
  punctuation (``quatrième Tour`` → ``tour``, ``27 heures seulement après la
  présentation`` → ``présentation``), the counted thing of ordinals and durations
  (not a frame field: not compared);
- ``counted``: the words after ``le nombre de`` / ``the number of`` in the clause
  (``disparus``, ``people killed``): what a bare figure counts (not compared);
- ``when``: the calendar dates the clause gives (ISO text, ``|`` separated), from
  the date claims D01 already extracted (clock times are left out: a time of day
  and a date do not compare).

Two frames are compatible when no field is known on both sides with different
values (see :func:`conflicting`); ``when`` values are compatible when one is a
prefix of the other (``2025`` and ``2025-09-10``). The words are data
(``rules/data/frames.yaml``); the patterns are compiled once, and each figure's
clause is a slice of its article's text (no scan of the whole text per figure).
C01 builds frames for the figures of candidate groups only; C03 can reuse
:func:`frames` for dates.
"""
from __future__ import annotations

import functools
from typing import Mapping

import numpy as np
import pandas as pd
import regex

from .text import alt, data, stopwords

WINDOW = 120  # characters of clause kept on each side of a figure, at most
SENTENCE_END = regex.compile(r"[.!?;](?=\s|$)|\n")
FIELDS = ("measure", "place", "period", "scope", "when")
MEASURE_GAP = regex.compile(r"(?:\s+|de\b|d'|d’|du\b|of\b|:)*", regex.I)


def _phrases(table: Mapping[str, list]) -> tuple[regex.Pattern, dict[str, str]]:
    """One alternation for all phrases of a ``{key: [phrases]}`` table, longest first."""
    lookup = {}
    for key, words in (table or {}).items():
        for w in words or []:
            lookup.setdefault(str(w).lower(), str(key))
    alts = sorted(lookup, key=lambda a: (-len(a), a))  # longest first, then alphabetical
    pattern = regex.compile(r"(?<![\w-])(?:" + "|".join(regex.escape(a) for a in alts) + r")(?![\w])", regex.I)
    return pattern, lookup


@functools.cache
def _tables():
    d = data("frames.yaml") or {}
    measures = _phrases(d.get("measures"))
    scope = _phrases(d.get("scope"))
    periods = _phrases(d.get("periods"))
    place_words = _phrases(d.get("place_words"))
    preps = sorted({p for ps in (d.get("place_prepositions") or {}).values() for p in ps}, key=lambda p: (-len(p), p))
    place = regex.compile(
        r"(?<![\w])(?i:" + "|".join(regex.escape(p) for p in preps) + r")\s+(?:l'|d')?"
        r"(\p{Lu}[\p{L}'’-]+(?:[ -](?:de |du |d')?\p{Lu}[\p{L}'’-]+)*)")
    not_places = frozenset(str(w).lower() for w in d.get("not_places") or [])
    growing = frozenset(str(w).lower() for w in d.get("growing") or [])
    subject_measures = frozenset(str(w) for w in d.get("subject_measures") or [])
    ypreps = sorted({str(p) for p in d.get("year_prepositions") or []}, key=lambda p: (-len(p), p))
    years = regex.compile(r"(?<![\w])(?i:" + "|".join(regex.escape(p) for p in ypreps) + r")\s+((?:1[89]|20)\d\d)(?!\d)") \
        if ypreps else None
    relative = _phrases({str(k): v for k, v in (d.get("relative_years") or {}).items()})
    return measures, scope, periods, place_words, place, not_places, growing, years, relative, subject_measures


HEAD_WORDS = regex.compile(r"\p{L}[\p{L}-]*")
HEAD_STOP = regex.compile(r"[,;:.!?()«»\"\n]")
HEAD_REACH = 4  # words read after a figure for its counted thing


@functools.cache
def _head_skip() -> frozenset[str]:
    """Words passed over when reading the counted thing after a figure: the function
    words of both languages and ``head_skip`` of frames.yaml (``seulement``, ``après``)."""
    skip = frozenset(str(w).lower() for w in (data("frames.yaml") or {}).get("head_skip") or [])
    return skip | stopwords("fr") | stopwords("en")


@functools.cache
def _count_of() -> regex.Pattern | None:
    """``le nombre de disparus`` / ``the number of people killed``: the phrases of
    ``count_of`` (frames.yaml) and the two words after them."""
    phrases = [str(p) for p in (data("frames.yaml") or {}).get("count_of") or []]
    if not phrases:
        return None
    return regex.compile(r"(?<![\w])(?i:" + alt(phrases) + r")\s*"
                         r"(\p{L}[\p{L}-]*)(?:\s+(\p{L}[\p{L}-]*))?")


def _counted(clause: str) -> str:
    """The thing a clause says is counted (``le nombre de disparus`` → ``disparus``;
    ``the number of people killed`` → ``people killed``), lower-cased, or ""."""
    pattern = _count_of()
    m = pattern.search(clause) if pattern is not None else None
    return " ".join(w for w in m.groups() if w).lower() if m else ""


def _head(right: str) -> str:
    """The first content word among the few after a figure, before any punctuation
    (``27 heures seulement après la présentation`` → ``présentation``; ``quatrième
    Tour`` → ``tour``); "" when the clause stops first."""
    stop = HEAD_STOP.search(right, 0, 80)
    words = HEAD_WORDS.findall(right, 0, stop.start() if stop else 80)[:HEAD_REACH]
    skip = _head_skip()
    return next((w.lower() for w in words if w.lower() not in skip and len(w) > 1), "")


def growing(key: str) -> bool:
    """True for subjects that grow or shrink over time by nature (tolls, casualties)."""
    return str(key).lower() in _tables()[6]


def _nearest(pattern, lookup, text: str, last: bool) -> str:
    found = list(pattern.finditer(text))
    if not found:
        return ""
    m = found[-1] if last else found[0]
    return lookup.get(m.group().lower(), "")


def _place(text: str, last: bool) -> str:
    _, _, _, (pw, pw_lookup), place, not_places, *_ = _tables()
    names = [m.group(1) for m in place.finditer(text) if m.group(1).split()[0].lower() not in not_places]
    if names:
        return (names[-1] if last else names[0]).lower()
    return _nearest(pw, pw_lookup, text, last)


def clause_bounds(claims: pd.DataFrame, boundary: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """``(prev_end, next_start)`` for each claim of ``claims``: the end of the previous
    and the start of the next claim of ``boundary`` in the same article (-1 / large
    when there is none). A sort and a search per article, no pairs."""
    prev_end = np.full(len(claims), -1, dtype=np.int64)
    next_start = np.full(len(claims), np.iinfo(np.int64).max // 2, dtype=np.int64)
    bounds = {doc: (g["start"].to_numpy(), g["end"].to_numpy())
              for doc, g in boundary.sort_values(["doc", "start"]).groupby("doc", sort=False)}
    pos = np.arange(len(claims))
    for doc, idx in pd.Series(pos, index=claims.index).groupby(claims["doc"].to_numpy()):
        if doc not in bounds:
            continue
        starts, ends = bounds[doc]
        cs = claims["start"].to_numpy()[idx.to_numpy()]
        ce = claims["end"].to_numpy()[idx.to_numpy()]
        i = np.searchsorted(starts, cs, side="left")  # boundary claims starting before this one
        prev = np.where(i > 0, ends[np.maximum(i - 1, 0)], -1)
        prev_end[idx.to_numpy()] = np.where(prev <= cs, prev, -1)
        j = np.searchsorted(starts, ce, side="left")
        next_start[idx.to_numpy()] = np.where(j < len(starts), starts[np.minimum(j, len(starts) - 1)], next_start[idx.to_numpy()])
    return prev_end, next_start


def frames(q: pd.DataFrame, claims: pd.DataFrame, texts: Mapping[str, str], boundary_kinds,
           article_dates: Mapping[str, object] | None = None) -> pd.DataFrame:
    """The frame of each claim of ``q`` (a slice of the claims table): a frame with the
    columns :data:`FIELDS`, indexed like ``q``. ``claims`` is the whole table (figures
    of ``boundary_kinds`` bound the clauses, date and time claims give ``when``);
    ``texts`` maps article ids to their text; ``article_dates`` (optional) maps them to
    their publication date, which resolves relative years (``l'an prochain``)."""
    measures, scope, periods, *_ = _tables()
    boundary = claims[claims["kind"].isin(boundary_kinds) & claims["doc"].isin(q["doc"].unique())]
    prev_end, next_start = clause_bounds(q, boundary)
    out = {f: [] for f in (*FIELDS, "head", "counted", "measure_first")}
    lefts, rights = [], []
    for doc, start, end, pe, ns in zip(q["doc"], q["start"], q["end"], prev_end, next_start):
        text = texts.get(doc, "")
        lo = max(0, start - WINDOW, pe)
        left = text[lo:start]
        cut = [m.end() for m in SENTENCE_END.finditer(left)]
        if cut:
            lo += cut[-1]
            left = left[cut[-1]:]
        hi = min(len(text), end + WINDOW, ns)
        right = text[end:hi]
        m = SENTENCE_END.search(right)
        if m:
            hi = end + m.start()
            right = right[:m.start()]
        lefts.append(lo)
        rights.append(hi)
        span = text[start:end]
        found = [m for m in measures[0].finditer(left + span) if m.start() < len(left)]
        if found:  # the nearest measure noun before the figure; "first" when it stands right before it
            m = found[-1]
            measure = measures[1].get(m.group().lower(), "")
            first = m.end() <= len(left) and MEASURE_GAP.fullmatch(left[m.end():]) is not None
        else:
            measure, first = _nearest(*measures, span + right, last=False), False
        out["measure"].append(measure)
        out["measure_first"].append(bool((first or measure in _tables()[9]) and measure))
        out["place"].append(_place(right, last=False) or _place(left, last=True))
        out["period"].append(_nearest(*periods, left + " " + right, last=False))
        out["head"].append(_head(right))
        out["counted"].append(_counted(left + span + right))
        out["scope"].append(_nearest(*scope, left, last=True) or _nearest(*scope, right, last=False))
    # dates of the clause: a join on the article, filtered by offsets; years after
    # "en" / "in" found by one scan per article
    years = _tables()[7]
    when = claims.loc[(claims["kind"] == "date") & claims["doc"].isin(q["doc"].unique()),
                      ["doc", "start", "value"]].assign(
        text=claims["text"] if "text" in claims.columns else "x0")
    if years is not None:
        found = [(doc, m.start(1), m.group(1), "") for doc in q["doc"].unique()
                 for m in years.finditer(texts.get(doc, ""))]
        rel, rel_lookup = _tables()[8]
        for doc in q["doc"].unique():
            year = getattr((article_dates or {}).get(doc), "year", None)
            if year:
                found += [(doc, m.start(), str(year + int(rel_lookup[m.group().lower()])), "")
                          for m in rel.finditer(texts.get(doc, ""))]
        if found:
            when = pd.concat([when, pd.DataFrame(found, columns=["doc", "start", "value", "text"])], ignore_index=True)
    paras = [texts.get(doc, "").rfind("\n", 0, lo) + 1 for doc, lo in zip(q["doc"], lefts)]
    spans = pd.DataFrame({"doc": q["doc"].to_numpy(), "lo": lefts, "hi": rights, "row": q.index, "para": paras})
    joined = spans.merge(when.dropna(subset=["value"]), on="doc", how="inner")
    inside = joined[(joined["start"] >= joined["lo"]) & (joined["start"] < joined["hi"])]
    by_row = inside.groupby("row")["value"].agg(lambda s: "|".join(sorted({str(v) for v in s})))
    # a figure whose clause gives no date takes the nearest calendar date written out
    # (a day number: not a bare weekday, not a year) before it in its paragraph
    # ("ce jeudi 2 octobre a rassemblé … Le ministère a recensé 195 000")
    day = joined["text"].fillna("").str.contains(r"\d", regex=True) & (joined["value"].astype(str).str.len() >= 10)
    before = joined[day & (joined["start"] >= joined["para"]) & (joined["start"] < joined["lo"])]
    nearest = before.sort_values(["row", "start"]).groupby("row")["value"].last().astype(str)
    out["when"] = [by_row.get(r, "") or nearest.get(r, "") for r in q.index]
    return pd.DataFrame(out, index=q.index)


def _when_compatible(a: str, b: str) -> bool:
    if not a or not b:
        return True
    xs, ys = a.split("|"), b.split("|")
    return any(x.startswith(y) or y.startswith(x) for x in xs for y in ys)


def conflicting(a: Mapping[str, str], b: Mapping[str, str]) -> list[str]:
    """The fields on which two frames conflict (both known, different)."""
    out = [f for f in FIELDS if f != "when" and a.get(f) and b.get(f) and a[f] != b[f]]
    if not _when_compatible(a.get("when", ""), b.get("when", "")):
        out.append("when")
    return out
