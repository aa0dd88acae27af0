"""Articles of one story give incompatible figures for the same counted subject.

An editor cares because one of the figures is wrong, or the articles describe
different things without saying so: either way the reader is misled. Claims are
compared only within a story, only between different articles, and only when they
count the same thing: same kind (quantity, percent, money), same counted noun after
the synonym table (``soldats`` / ``troupes`` / ``militaires``; ``pays`` / ``nations``
/ ``États``) and no conflicting modifiers (``soldats russes`` is not ``soldats
ukrainiens``). Values are intervals: ``près de 100 000`` is [90 000, 100 000],
``une trentaine`` [25, 35]; two claims conflict when their intervals, widened by
the kind's relative tolerance, do not meet.

What a figure counts: its counted noun, or for a bare figure the measure of its
clause (``le bilan``, ``magnitude``), what ``le nombre de`` / ``the number of``
names, the key of a figure right before it in its sentence (``2 719, up from
2 056``), or for a duration right after a figure, that figure (``491 litres en huit
heures``); a generic noun (``people``) takes its verb's key (``killed`` → dead).
The frame (:mod:`.frames`: measure, place, round, scope, date) splits a group when
claims give different values; a claim that gives none joins the group's main value
(a place only when its own article names it; a scope never: it is the whole).

Verdicts and severities:

- ``contradiction`` / error: the same subject with the same predicate (the same
  event) and incompatible values; or two figures one typing slip apart (two digits
  swapped, ``2 065`` / ``2 056``; the same digits at another scale, ``160 000`` /
  ``16 000``, ``88 milliards`` / ``88 millions``), whatever their dates or sources
  (in a series of three figures or more, the slip is a finding of its own);
- ``contradiction`` / warning: incompatible values, but the evidence that they are
  about the same event is weak (different predicates, or an article that itself
  gives both values);
- ``attributed`` / warning: the values come from different named sources (``selon
  la CGT`` / ``selon la police``): report it, it is not an error of the articles;
- ``update`` / info: a figure that grows or shrinks by nature (a toll, the injured,
  firefighters sent, hectares burned) in articles of different dates, unless a value
  is restated after another side's newer one;
- not reported: claims whose paragraphs (lines) date them differently, each with its
  own calendar day (different events).

Flags:
- [fr] Vingt-six pays se sont engagés à envoyer des troupes. || Trente-cinq pays se sont engagés à envoyer des troupes.
- [en] Police said 120 protesters were arrested. || Police said 300 protesters were arrested.

Does not flag:
- [fr] Près de 100.000 soldats russes sont déployés. || 98 000 soldats russes sont déployés.
- [fr] Une trentaine de pays ont participé. || 31 pays ont participé.
- [fr] 100.000 soldats russes sont déployés. || 26 pays ont participé.
- [en] Nearly 800,000 people were displaced. || Nearly 800,000 people were displaced.

Configuration: ``[tool.recoupe.tolerance]`` (relative tolerance per kind, default 0),
``[tool.recoupe.synonyms]`` (extra synonyms), ``[tool.recoupe.severity] C01 = …``.

Provenance: the design card's own example (26 / 35 / une trentaine de pays), and
quantity contradiction pairs of EQUATE and DACCORD.
"""
from __future__ import annotations

import functools
from typing import Iterable, Mapping

import pandas as pd
import regex

import numpy as np

from recoupe.checker.ruleapi import Finding, cross_doc_conflicts, sides, unexplained_conflicts, widened

from ._compare import context_overlap, context_sets, predicate_classes
from .frames import frames, growing
from .text import data, fold, lemma, stopwords

CODE = "C01"
NAME = "compare.quantity"
TYPE = "comparator"
KINDS = ("quantity", "percent", "money", "duration", "ordinal")
LANGUAGES = ("fr", "en")
SEVERITY = "error"

COMPARED_KINDS = KINDS
# percent and money figures need a subject besides their unit to be comparable
NEEDS_SUBJECT = {"percent", "money"}


@functools.cache
def _synonyms(lang: str) -> dict[str, str]:
    table = data(f"synonyms_{lang}.yaml") or {}
    out = {}
    for canon, words in table.items():
        out[canon] = canon
        for w in words or []:
            out[str(w).lower()] = canon
    return out


def _canon_map(lang: str, extra: Mapping[str, Iterable[str]]) -> dict[str, str]:
    table = dict(_synonyms(lang))
    for canon, words in extra.items():
        c = lemma(canon, lang)
        table[c] = table.get(c, c)
        for w in words:
            table[lemma(w, lang)] = table[c]
            table[w.lower()] = table[c]
    return table


def _stop(lang: str) -> frozenset[str]:
    return stopwords(lang if lang in ("fr", "en") else "fr")


@functools.cache
def _neutral() -> tuple[dict[str, str], dict[str, tuple[str, float]], frozenset[str]]:
    """Language-neutral noun keys, unit conversions and absolute scales (neutral_keys.yaml)."""
    table = data("neutral_keys.yaml") or {}
    nouns = {str(w).lower(): str(k) for k, ws in (table.get("nouns") or {}).items() for w in [k, *(ws or [])]}
    conv = {str(u): (str(d), float(f)) for u, (d, f) in (table.get("conversions") or {}).items()}
    return nouns, conv, frozenset(str(w) for w in table.get("absolute_scales") or [])


@functools.cache
def _by_predicate() -> tuple[frozenset[str], dict[str, str]]:
    """(generic counted nouns, {predicate class: noun key}) of neutral_keys.yaml."""
    table = data("neutral_keys.yaml") or {}
    return (frozenset(str(w) for w in table.get("generic_nouns") or []),
            {str(c): str(k) for c, k in (table.get("by_predicate") or {}).items()})


def _predicate_key(lang, predicate) -> str:
    """The noun key a figure's predicate says it counts (``tuer`` → ``mort``), or ""."""
    if not isinstance(predicate, str):
        return ""
    return _by_predicate()[1].get(predicate_classes().get((lang, predicate), ""), "")


def _keys(frame: pd.DataFrame, ctx) -> pd.DataFrame:
    """Canonical unit (language-neutral, converted to one unit per dimension) and
    modifier set of each claim; values of converted units are scaled. A generic
    counted noun (``people``) takes the key its predicate says (``killed`` → dead)."""
    maps = {lang: _canon_map(lang, ctx.synonyms) for lang in ("fr", "en")}
    nouns, conv, _ = _neutral()
    generic = _by_predicate()[0]
    units, mods, factors = [], [], []
    for lang, unit, subject, pred in zip(frame["lang"], frame["unit"], frame["subject"], frame["predicate"]):
        table = maps.get(lang, maps["fr"])
        u = table.get(str(unit), str(unit))
        dim, factor = conv.get(str(unit), (None, 1.0))
        words = str(subject).split() if subject is not pd.NA and subject is not None else []
        said = nouns.get(u, u)
        if said in generic:
            said = _predicate_key(lang, pred) or said
        rest = sorted({nouns.get(table.get(w, w), table.get(w, w)) for w in words} - {u, str(unit), nouns.get(u, u), said})
        units.append(dim or said)
        mods.append(" ".join(rest))
        factors.append(factor)
    f = pd.Series(factors, index=frame.index, dtype=float)
    return frame.assign(unit_c=units, mods=mods, low=frame["low"] * f, high=frame["high"] * f,
                        nvalue=pd.to_numeric(frame["value"], errors="coerce") * f, factor=f)


def _group_keys(frame: pd.DataFrame) -> pd.Series:
    """story|kind|unit and, when the story gives several distinct modifier sets for
    one unit, the modifier set; a count without modifiers then joins the most
    frequent set (it does not say it counts something else). A bare amount or rate
    (``NEEDS_SUBJECT``) stands apart: its modifiers are its only subject."""
    base = frame["story"].astype(str) + "\x1f" + frame["kind"].astype(str) + "\x1f" + frame["unit_c"]
    said = frame["mods"] != ""
    distinct = frame.loc[said].groupby(base[said])["mods"].nunique()
    several = base.map(distinct).fillna(0) > 1
    main = base.map(frame.loc[said].groupby(base[said])["mods"].agg(_main_value))
    mods = frame["mods"].where(said | main.isna() | frame["kind"].isin(NEEDS_SUBJECT), main)
    key = base.where(~several, base + "\x1f" + mods)
    return key


def _fmt_num(x: float) -> str:
    if pd.isna(x):
        return ""
    return f"{int(x):,}".replace(",", " ") if float(x).is_integer() else f"{x:g}"


def _describe(c: pd.Series) -> str:
    """«26 pays» (002.txt l. 1, engager)"""
    where = f"{c['doc']} l. {c['line']}"
    pred = c["predicate"] if isinstance(c["predicate"], str) else None
    attrib = c["attribution"] if isinstance(c["attribution"], str) else None
    according = "selon" if c["lang"] == "fr" else "according to"
    bits = [where] + ([pred] if pred else []) + ([f"{according} {attrib}"] if attrib else [])
    interval = ""
    if c["low"] != c["high"]:
        interval = f" [{_fmt_num(c['low'])}–{_fmt_num(c['high']) or '…'}]"
    return f"«{c['text']}»{interval} ({', '.join(bits)})"


SOURCE_STOP = frozenset({"de", "du", "des", "la", "le", "les", "l", "d", "the", "of", "a", "selon", "according", "to"})


def _source_words(a: str) -> frozenset[str]:
    return frozenset(w for w in regex.split(r"[\s'’-]+", fold(str(a))) if w and w not in SOURCE_STOP)


def _distinct_sources(g: pd.DataFrame) -> list[str] | None:
    """The named sources of each side when at least two sides name one, at most one
    side names none, and no two sides share one."""
    per_side, unnamed = [], 0
    for _, s in g.groupby("side"):
        names = sorted(set(s["attribution"].dropna()))
        if not names:
            unnamed += 1
            continue
        per_side.append(names)
    if len(per_side) < 2 or unnamed > 1:
        return None
    words = [frozenset().union(*(_source_words(n) for n in names)) for names in per_side]
    for i, a in enumerate(words):
        for b in words[i + 1:]:
            if a & b:
                return None
    return [" / ".join(n) for n in per_side]


def _supersedes(g: pd.DataFrame, ctx) -> str | None:
    """For a figure that grows or shrinks by nature: the date of the latest article
    unless a figure is restated: one stated value of a side appears both before and
    after the day another side first appears (the old toll repeated after the newer
    one is a contradiction). A running count may rise and fall back (firefighters
    sent, then withdrawn): a side whose later value differs (``près de 600`` then
    ``environ 650``) is a new count, not a restatement. Same-day articles are live updates, and
    two articles of one day with one figure each are two running counts of a live
    story. Undated articles are left out; at least two sides must be dated."""
    dates = [ctx.articles[d].date if d in ctx.articles else None for d in g["doc"]]
    g = g.assign(_d=dates)
    g = g[g["_d"].notna()]
    if g.empty:
        return None
    spans = g.groupby("side")["_d"].agg(["min", "max"]).sort_values(["min", "max"])
    if len(spans) < 2:
        return None
    if spans["max"].max() == spans["min"].min():  # one day: two running counts of a live story
        return spans["max"].max().isoformat() if len(spans) == 2 and g["doc"].nunique() == len(spans) else None
    first = spans["min"]
    for (side, _), d in g.groupby(["side", "nvalue"])["_d"]:
        others = first.drop(side)
        if ((others > d.min()) & (others < d.max())).any():
            return None  # a figure stated again after another side's newer figure
    return spans["max"].max().isoformat()


def _digits(x: float) -> str:
    """The significant digits of a figure as written: 160 000 → ``16``, 4.21 → ``421``."""
    return f"{abs(float(x)):.12g}".replace(".", "").lstrip("0").rstrip("0") if np.isfinite(x) and x else ""


def slip(a: float, b: float) -> str:
    """How two different figures are one typing slip apart: ``"scale"`` when they have
    the same digits at another power of ten (160 000 / 16 000, 88 milliards / 88
    millions), ``"swap"`` when two neighbouring digits are swapped at the same
    magnitude (8 400 / 4 800 after zeros, 2 065 / 2 056, 4.12 / 4.21); ``""`` otherwise.
    A slip is an error of one article, not a revised figure nor another source's count."""
    da, db = _digits(a), _digits(b)
    if len(da) < 2 or len(db) < 2 or a == b:  # one digit (1 / 10 / 100) is too common to be a sign
        return ""
    if da == db:
        return "scale"
    if len(da) == len(db) and np.floor(np.log10(abs(a))) == np.floor(np.log10(abs(b))):
        diff = [i for i in range(len(da)) if da[i] != db[i]]
        if len(diff) == 2 and diff[1] == diff[0] + 1 and da[diff[0]] == db[diff[1]] and da[diff[1]] == db[diff[0]]:
            return "swap"
    return ""


SLIP_WORDS = {"scale": "the same digits at another scale (a zero or a scale word off)",
              "swap": "two digits swapped"}


def _slip(g: pd.DataFrame) -> tuple[int, int, str] | None:
    """``(side, side, reason)`` when two sides' stated values (each side's most
    frequent exact figure) are one typing slip apart, else None."""
    exact = g[g["qualifier"].isna()] if "qualifier" in g.columns else g
    values = exact.groupby("side")["value"].agg(lambda s: s.astype(float).mode().min())
    shown = exact.groupby("side")["text"].first()
    sides_ = list(values.index)
    for i, a in enumerate(sides_):
        for b in sides_[i + 1:]:
            kind = slip(values[a], values[b])
            if kind:
                return int(a), int(b), f"«{shown[a]}» and «{shown[b]}» differ by {SLIP_WORDS[kind]}: a typing slip"
    return None


def _verdict(g: pd.DataFrame, ctx, weak: list[str]) -> tuple[str, str, str]:
    """(verdict, severity, reason) for a group split into sides (a slip between its
    only two sides is the error; with more sides, the slip is a finding of its own)."""
    typo = _slip(g) if g["side"].nunique() == 2 else None
    if typo:
        return "contradiction", "error", typo[2]
    sources = _distinct_sources(g)
    if sources:
        return "attributed", "warning", "the sides credit different sources (" + " vs ".join(sources) + ")"
    classes = predicate_classes()
    keys = {g["unit_c"].iloc[0], *g["measure"].replace("", pd.NA).dropna()}
    if not g["measure_first"].any():  # a measure's verb ("7.7 struck, killing") says nothing of it
        keys |= {classes.get((lang, p), p) for lang, p in zip(g["lang"], g["predicate"]) if isinstance(p, str)}
    if any(growing(k) for k in keys):
        latest = _supersedes(g, ctx)
        if latest:
            return "update", "info", f"a figure that changes over time; the latest article ({latest}) carries the later figure"
    preds = {classes.get((lang, p), p) if isinstance(p, str) else None for lang, p in zip(g["lang"], g["predicate"])}
    self_conflict = bool((g.groupby("doc")["side"].nunique() > 1).any())
    if weak:
        return "contradiction", "warning", "the frames match weakly (" + ", ".join(weak) + " given by some articles only)"
    if None in preds or len(preds) > 1:
        shown = sorted(str(p) for p in g["predicate"].dropna().unique())
        reason = "predicates differ (" + " / ".join(shown) + "): weak evidence of one event" if shown else \
            "no predicate to tell whether it is one event: weak evidence"
        return "contradiction", "warning", reason
    if self_conflict:
        return "contradiction", "warning", "an article itself gives more than one value: weak evidence of one event"
    return "contradiction", "error", f"same frame and predicate ({min(g['predicate'].dropna())})"

MIN_CONTEXT_OVERLAP = 0.3

# "7,2 milliards" / "$7.2 billion" is a rounded figure: it stands for [7.15, 7.25] billion.
ROUNDED_RE = regex.compile(
    r"(\d+)[.,](\d{1,2})\s*(?:millions?|milliards?|billions?|trillions?|mds?|md|mn|bn|m|k)\b", regex.I)


def _rounding(frame: pd.DataFrame) -> pd.Series:
    """Half a unit of the last written decimal of a scaled figure (0 for other figures)."""
    out = []
    for text, value in zip(frame["text"], frame["value"]):
        m = ROUNDED_RE.search(str(text))
        if not m:
            out.append(0.0)
            continue
        written = float(f"{m.group(1)}.{m.group(2)}")
        scale = float(value) / written if written else 0.0
        out.append(0.5 * 10 ** -len(m.group(2)) * scale)
    return pd.Series(out, index=frame.index, dtype=float)


def _shared_words(g: pd.DataFrame, most: int = 3) -> str:
    """`` (context: coalition, ukraine)``: content words every article's sentences share."""
    sets = context_sets(g)
    shared = sorted(set.intersection(*sets) - set(g["unit_c"])) if sets else []
    return f" (context: {', '.join(shared[:most])})" if shared else ""


FRAME_SPLIT = ("measure", "place", "period", "scope", "when")
# fields whose unknown value joins the group's main known value (others keep unknown
# apart: a figure that names no scope is the whole, not a part); a figure that names no
# place joins the main place only when its own article names that place for another
# figure (a figure that names none is often the national one: it stays apart from the towns)
JOIN_MAIN = frozenset({"measure", "period", "when", "place"})


HALF = 0.4999  # half a unit of the last digit, open: 5.2 and 5.3 do not meet at 5.25


def _precision(frame: pd.DataFrame) -> pd.Series:
    """Half a unit of the last written digit of a decimal figure: ``7.7`` stands for
    [7.65, 7.75]; a scaled figure (``7,2 milliards``) for [7.15, 7.25] billion."""
    half = _rounding(frame)
    out = []
    for h, value, low, high in zip(half, frame["value"], frame["low"], frame["high"]):
        v = float(value) if isinstance(value, (int, float)) else float("nan")
        if h or not np.isfinite(v) or float(v).is_integer() or low != high:
            out.append(h)
            continue
        decimals = len(repr(v).split(".")[1]) if "." in repr(v) and "e" not in repr(v) else 0
        out.append(HALF * 10 ** -decimals if 0 < decimals <= 3 else 0.0)
    return pd.Series(out, index=frame.index, dtype=float)


def _dated(q: pd.DataFrame, published: pd.Series) -> pd.Series:
    """The ``when`` used to split a group: a year that is a prefix of a day another
    claim of the group gives is compatible with it, so it counts as unknown; a claim
    with no date of its own is taken as of its article's day when another claim of
    the group is dated that day (the news of the day); otherwise it stays unknown and
    joins the group's main day (``JOIN_MAIN``): an article of the 29th that does not
    date its figure may report the 28th's news."""
    when = q["when"].str.split("|").str[0].fillna("")
    days = when.where(when.str.len() >= 10, "")
    day_sets = days[days != ""].groupby(q.loc[days != "", "gkey"]).agg(lambda s: frozenset(s))
    group_days = q["gkey"].map(day_sets)
    prefix = [bool(w) and len(w) < 10 and isinstance(g, frozenset) and any(d.startswith(w) for d in g)
              for w, g in zip(when, group_days)]
    when = when.where(~pd.Series(prefix, index=q.index), "")
    pub = published.reindex(q.index).fillna("")
    same_day = pd.Series([bool(p) and isinstance(g, frozenset) and p in g for p, g in zip(pub, group_days)],
                         index=q.index)
    return when.where(~((when == "") & same_day), pub)


def _split_keys(q: pd.DataFrame, published: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Refine each group key with the frame fields on which the group's claims
    disagree (two known values or more: one subgroup per value, unknown apart), and
    note per key the fields known for some claims only (weak evidence). ``published``
    gives each claim's article date (ISO text) for :func:`_dated`."""
    key = q["gkey"]
    weak = pd.Series("", index=q.index)
    q = q.assign(when=_dated(q, published))
    # a toll on two dates is one running figure (an update), not two subjects
    runs = q["unit_c"].map(growing) | q["measure"].map(growing)
    for f in FRAME_SPLIT:
        known = (q[f] != "") & ~(runs if f == "when" else False)
        n = q.loc[known].groupby(key[known])[f].nunique()
        several = key.map(n).fillna(0) > 1
        some = key.map(q.groupby(key)[f].apply(lambda s: (s != "").any() and (s == "").any()))
        weak = weak.where(~(some.fillna(False) & ~several), weak + " " + f)
        value = q[f]
        if f in JOIN_MAIN:
            # a claim that does not say joins the group's main value (unknown is not conflicting)
            main = key.map(q.loc[known].groupby(key[known])[f].agg(_main_value))
            join = several & ~known & main.notna()
            if f == "place":  # only into a place the claim's own article names for some figure
                named = q.loc[q[f] != ""].groupby("doc")[f].agg(frozenset)
                join &= pd.Series([isinstance(n, frozenset) and m in n for m, n in zip(main, q["doc"].map(named))],
                                  index=q.index)
            value = value.where(~join, main)
            weak = weak.where(~join, weak + " " + f)
        key = key.where(~several, key + "\x1f" + f + "=" + value)
    return key, weak.str.strip()


def _main_value(s: pd.Series) -> str:
    """The most frequent value (the smallest of the tied ones: deterministic)."""
    counts = s.value_counts()
    return min(counts.index[counts == counts.max()])


def _side_summary(g: pd.DataFrame) -> str:
    """«3 articles give «35 pays» (rassembler); 1 article gives «une trentaine de pays»»:
    per side, its wordings (most frequent first, three at most) and its predicates."""
    parts = []
    for _, s in g.sort_values(["side", "doc", "start"]).groupby("side", sort=True):
        n = s["doc"].nunique()
        shown = s["text"].value_counts(sort=False)  # wordings in text order, the most frequent first
        order = sorted(range(len(shown)), key=lambda i: -int(shown.iloc[i]))
        texts = ", ".join(f"«{shown.index[i]}»" for i in order[:3]) + (", …" if len(shown) > 3 else "")
        preds = sorted({p for p in s["predicate"] if isinstance(p, str)})
        said = f" ({', '.join(preds)})" if preds else ""
        parts.append(f"{n} article{'s give' if n > 1 else ' gives'} {texts}{said}")
    return "; ".join(parts)


ELLIPSIS_GAP = 60  # characters, at most, between a figure and the bare figure that repeats its noun


def _elliptic(q: pd.DataFrame) -> pd.DataFrame:
    """A bare figure that follows a figure of the same kind and sentence closely
    counts the same thing (``175 000 manifestants selon la police, 250 000 selon la
    CGT``): it takes the counted noun of the figure before it. A shift on the rows
    sorted by article and offset, no text scanned."""
    o = q.sort_values(["doc", "start"], kind="stable")
    prev = o.shift(1)
    take = (o["unit"].isna() & prev["unit"].notna() & (o["doc"] == prev["doc"]) & (o["kind"] == prev["kind"])
            & (o["sentence"] == prev["sentence"]) & (o["kind"] == "quantity")
            & ((o["start"] - prev["end"]) <= ELLIPSIS_GAP))
    if not take.any():
        return q
    q = q.copy()
    idx = take[take].index
    q.loc[idx, "unit"] = prev.loc[idx, "unit"]
    q.loc[idx, "subject"] = prev.loc[idx, "subject"]
    return q


def _counted_key(counted: str, lang: str, table: Mapping[str, str]) -> str:
    """The noun key of what a clause says is counted (``le nombre de disparus`` →
    ``disparu``); a generic noun takes the key of the word after it (``the number of
    people killed`` → ``mort``)."""
    words = counted.split()
    if not words:
        return ""
    nouns = _neutral()[0]
    w = lemma(words[0], lang)
    k = nouns.get(table.get(w, w), table.get(w, w))
    if k in _by_predicate()[0]:
        k = _predicate_key(lang, lemma(words[1], lang)) if len(words) > 1 else ""
    return "" if k in _stop(lang) else k


# between a figure and the duration that is its period: "en", "in" (after at most two
# complements: "de pluie", "par mètre carré", "of rain"), and an adverb ("en seulement")
PERIOD_GAP = regex.compile(r"(?<![\s\u00a0])[\s\u00a0]*+(?>(?:(?:par|per|de|of)[\s\u00a0]++|d['’])[\p{L}²]++"
                           r"(?:[\s\u00a0]++(?!(?:en|in|within|over|sur)\b)[\p{L}²]++)?+[\s\u00a0]++){0,2}+"
                           r"(?:en|in|within|over|sur)[\s\u00a0]++(?>(?:seulement|only|just|à peine|moins de|less than)[\s\u00a0]++)?+",
                           regex.I)


def _period_keys(q: pd.DataFrame, texts: Mapping[str, str]) -> pd.Series:
    """A duration right after a figure (``491 litres par m² en huit heures``, ``3 000 km
    in 21 days``) is the period of that figure: its key is ``time:of:<the figure's
    key>``, whatever word follows it. A shift on the rows sorted by article and offset;
    the text between the two is a slice of the article."""
    o = q.sort_values(["doc", "start"], kind="stable")
    prev = o.shift(1)
    near = ((o["kind"] == "duration") & (prev["kind"].fillna("") != "duration") & (o["doc"] == prev["doc"])
            & (o["sentence"] == prev["sentence"]) & (prev["unit_c"].fillna("") != "")
            & ((o["start"] - prev["end"]) <= ELLIPSIS_GAP))
    out = {}
    for i in near[near].index:
        between = texts.get(o.at[i, "doc"], "")[int(prev.at[i, "end"]):int(o.at[i, "start"])]
        if PERIOD_GAP.fullmatch(between):
            out[i] = f"time:of:{prev.at[i, 'unit_c']}"
    return pd.Series(out, dtype=object)


def _elliptic_keys(q: pd.DataFrame) -> pd.Series:
    """A figure left without a key that follows closely a figure of the same kind and
    sentence takes its key (``has risen to 2,719, up from 2,056``): a shift on the rows
    sorted by article and offset, as :func:`_elliptic` does for counted nouns."""
    o = q.sort_values(["doc", "start"], kind="stable")
    prev = o.shift(1)
    take = ((o["unit_c"] == "") & (prev["unit_c"].fillna("") != "") & (o["doc"] == prev["doc"])
            & (o["kind"] == prev["kind"]) & (o["sentence"] == prev["sentence"])
            & ((o["start"] - prev["end"]) <= ELLIPSIS_GAP))
    return o["unit_c"].where(~take, prev["unit_c"])


def compare(claims: pd.DataFrame, ctx) -> Iterable[Finding]:
    yield from _figure_conflicts(claims, ctx)
    yield from _currency_mismatches(claims, ctx)


def _figure_conflicts(claims: pd.DataFrame, ctx) -> Iterable[Finding]:
    """Figures of one frame whose values cannot all hold, split into sides."""
    q = claims[claims["kind"].isin(COMPARED_KINDS)]
    if q.empty:
        return
    texts = {d: a.text for d, a in ctx.articles.items()}
    dates = {d: a.date for d, a in ctx.articles.items()}
    q = _elliptic(q)
    with_unit = q[q["unit"].notna() & (q["kind"] != "duration")]
    headed = q[q["unit"].isna() & q["kind"].isin(("quantity", "ordinal")) | (q["kind"] == "duration")]
    q = pd.concat([with_unit, headed]) if len(headed) else with_unit
    if q.empty:
        return
    q = _keys(q, ctx)
    half = _precision(q)
    q = q.assign(low=q["low"] - half * q["factor"], high=q["high"] + half * q["factor"])
    # one frame per figure, read before grouping: the measure of a unit-first figure
    # ("magnitude 7.7 struck") is its subject, whatever the scanner took for its noun
    fr = frames(q, claims, texts, COMPARED_KINDS[:4], dates)
    nouns = _neutral()[0]
    # figures without a counted noun: only those whose clause names a measure (or, for
    # ordinals and durations, the counted thing after them) compare
    if len(headed):
        hf = fr.loc[headed.index]
        maps = {lang: _canon_map(lang, ctx.synonyms) for lang in ("fr", "en")}
        key = []
        for kind, lang, unit_c, measure, head, counted in zip(
                q.loc[hf.index, "kind"], q.loc[hf.index, "lang"], q.loc[hf.index, "unit_c"], hf["measure"],
                hf["head"], hf["counted"]):
            if kind in ("ordinal", "duration"):
                h = lemma(head, lang) if head else ""
                key.append(f"{unit_c if kind == 'duration' else 'rank'}:{nouns.get(h, h)}" if h and h not in _stop(lang) else "")
            else:
                # (not its verb alone: "kill 5" and "kill at least 18" may be two attacks)
                key.append(nouns.get(measure, measure) or _counted_key(counted, lang, maps.get(lang, maps["fr"])))
        q.loc[hf.index, "unit_c"] = key
        q.loc[hf.index, "unit_c"] = _period_keys(q, texts).reindex(hf.index).fillna(q.loc[hf.index, "unit_c"])
        q.loc[hf.index, "unit_c"] = _elliptic_keys(q.loc[hf.index.union(q.index[q["unit_c"] != ""])]).reindex(hf.index)
        q = q[q["unit_c"] != ""]
    q = q.join(fr.drop(columns=["head", "counted"]))
    # "magnitude 6.1 quake", "une profondeur de 10 km": the measure standing right
    # before the figure is its subject
    first = q["measure_first"] & (q["measure"] != "")
    q.loc[first, "unit_c"] = [nouns.get(m, m) for m in q.loc[first, "measure"]]
    q.loc[first, "mods"] = ""
    q = q.assign(gkey=_group_keys(q))
    absolute = q["unit_c"].isin(_neutral()[2])
    tol = q["kind"].map(lambda k: float(ctx.tolerance.get(k, 0.0))).where(~absolute, 0.0)
    conflicting = cross_doc_conflicts(q, "gkey", tol)
    q = q[q["gkey"].isin(conflicting[conflicting].index)]
    if q.empty:
        return
    published = q["doc"].map(lambda d: dates[d].isoformat() if dates.get(d) else "")
    key, weak = _split_keys(q, published)
    q = q.assign(gkey=key, weak=weak)
    conflicting = cross_doc_conflicts(q, "gkey", tol.loc[q.index])
    q = q[q["gkey"].isin(conflicting[conflicting].index)]
    if q.empty:
        return
    low, high = widened(q, tol.loc[q.index])
    q = q.assign(_low=low, _high=high)
    # figures stated without a counted noun reconcile a value ("… 142,500 troops" / "… which has 142,500")
    bare = claims[claims["kind"].isin(COMPARED_KINDS) & claims["unit"].isna() & claims["doc"].isin(q["doc"])]
    bare_by = {k: (g["doc"].to_numpy(), g["value"].astype(float).to_numpy()) for k, g in bare.groupby(["story", "kind"])}
    for key, g in q.groupby("gkey", sort=True):
        mention_docs, mention_values = bare_by.get((g["story"].iloc[0], g["kind"].iloc[0]), ((), ()))
        if g["unit"].isna().all():
            mention_docs, mention_values = (), ()  # a measure group is made of bare figures: none reconciles another
        t = 0.0 if g["unit_c"].iloc[0] in _neutral()[2] else float(ctx.tolerance.get(g["kind"].iloc[0], 0.0))
        # an article that credits two values to two sources has not reconciled them
        voices = (g["doc"] + "\x1f" + g["attribution"].fillna("")).to_numpy()
        if not unexplained_conflicts(voices, g["nvalue"].astype(float).to_numpy(), g["low"].to_numpy(),
                                     g["high"].to_numpy(), t, mention_docs, mention_values):
            continue
        if g["kind"].iloc[0] in NEEDS_SUBJECT and not g["subject"].notna().all() and (g["measure"] == "").any() \
                and context_overlap(g) < MIN_CONTEXT_OVERLAP:
            continue  # a bare amount or rate: compared only when the sentences speak of the same things
        g = g.assign(side=sides(g["_low"].to_numpy(), g["_high"].to_numpy()))
        if g.groupby("side")["doc"].nunique().size < 2:
            continue
        weak_fields = sorted({w for ws in g["weak"] for w in ws.split()})
        verdict_name, severity, reason = _verdict(g, ctx, weak_fields)
        subject = g["unit_c"].iloc[0] + (f" {g['mods'].iloc[0]}" if g["mods"].nunique() == 1 and g["mods"].iloc[0] else "")
        typo = _slip(g) if g["side"].nunique() > 2 else None
        if typo:  # in a series of figures, the two a slip apart are an error of their own
            pair = g[g["side"].isin(typo[:2])]
            if pair["doc"].nunique() > 1:
                yield Finding(
                    story=pair["story"].iloc[0], subject=subject, kind=pair["kind"].iloc[0], unit=pair["unit_c"].iloc[0],
                    rows=tuple(pair.index), sides={int(i): int(s) for i, s in zip(pair.index, pair["side"])},
                    verdict="contradiction", severity="error",
                    explanation=f"{_side_summary(pair)}: same subject '{subject}'; {typo[2]}")
        frame_bits = [f"{f} {g[f].iloc[0]}" for f in ("measure", "place", "period", "scope")
                      if g[f].nunique() == 1 and g[f].iloc[0]]
        about = f" ({', '.join(frame_bits)})" if frame_bits else _shared_words(g)
        units = g.loc[g["unit"].notna(), "unit"].unique()
        if len(units) > 1 and g["value"].astype(str).nunique() == 1:
            reason = f"same figure in different units ({' / '.join(sorted(map(str, units)))}); " + reason
        yield Finding(
            story=g["story"].iloc[0], subject=subject, kind=g["kind"].iloc[0], unit=g["unit_c"].iloc[0],
            rows=tuple(g.index), sides=dict(zip((int(i) for i in g.index), (int(s) for s in g["side"]))),
            verdict=verdict_name, severity=severity,
            explanation=f"{_side_summary(g)}: same subject '{subject}'{about}; {reason}")


def _currency_mismatches(claims: pd.DataFrame, ctx) -> Iterable[Finding]:
    """The same amount in two currencies (``$88 million`` / ``88 millions d'euros``):
    the currency is the error. Different amounts in different currencies may be a
    conversion, and are not compared."""
    m = claims[(claims["kind"] == "money") & claims["unit"].notna() & claims["value"].notna()]
    if m.empty:
        return
    m = m.assign(v=pd.to_numeric(m["value"], errors="coerce"))
    m = m[m["v"] >= 1000]  # small sums (prices, fees) repeat by chance
    key = m["story"].astype(str) + "\x1f" + m["v"].astype(str)
    n_units = m.groupby(key)["unit"].transform("nunique")
    n_docs = m.groupby(key)["doc"].transform("nunique")
    m = m[(n_units > 1) & (n_docs > 1)]
    for _, g in m.groupby(key[m.index], sort=True):
        per_doc = g.groupby("doc")["unit"].nunique()
        if (per_doc > 1).any():
            continue  # an article gives both: a conversion it states
        if g["lang"].nunique() == 1 and context_overlap(g) < MIN_CONTEXT_OVERLAP:
            continue  # (context words do not carry across languages)
        side_of = {u: i for i, u in enumerate(sorted(g["unit"].unique()))}
        g = g.assign(side=g["unit"].map(side_of))
        yield Finding(
            story=g["story"].iloc[0], subject="currency", kind="money", unit=" / ".join(sorted(side_of)),
            rows=tuple(g.index), sides=dict(zip((int(i) for i in g.index), (int(s) for s in g["side"]))),
            verdict="contradiction", severity="warning",
            explanation=f"{_side_summary(g)}: the same amount in different currencies "
                        f"({' / '.join(sorted(side_of))}); one of them is likely wrong")
