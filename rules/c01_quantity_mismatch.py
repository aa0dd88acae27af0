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

Verdicts and severities:

- ``contradiction`` / error: the same subject with the same predicate (the same
  event) and incompatible values;
- ``contradiction`` / warning: incompatible values, but the evidence that they are
  about the same event is weak (different predicates, or an article that itself
  gives both values);
- ``attributed`` / warning: the values come from different named sources (``selon
  la CGT`` / ``selon la police``): report it, it is not an error of the articles;
- ``update`` / info: the articles have different dates; the later one carries the
  newer figure (a death toll that rises);
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

from recoupe.checker.ruleapi import Finding, cross_doc_conflicts, unexplained_conflicts, widened

from ._compare import context_overlap, context_sets, predicate_classes
from .text import data, lemma

CODE = "C01"
NAME = "compare.quantity"
TYPE = "comparator"
KINDS = ("quantity", "percent", "money")
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


def _keys(frame: pd.DataFrame, ctx) -> pd.DataFrame:
    """Canonical unit and modifier set of each claim."""
    maps = {lang: _canon_map(lang, ctx.synonyms) for lang in ("fr", "en")}
    units, mods = [], []
    for lang, unit, subject in zip(frame["lang"], frame["unit"], frame["subject"]):
        table = maps.get(lang, maps["fr"])
        u = table.get(str(unit), str(unit))
        words = str(subject).split() if subject is not pd.NA and subject is not None else []
        rest = sorted({table.get(w, w) for w in words} - {u, str(unit)})
        units.append(u)
        mods.append(" ".join(rest))
    return frame.assign(unit_c=units, mods=mods)


def _group_keys(frame: pd.DataFrame) -> pd.Series:
    """story|kind|unit and, when the story gives several distinct modifier sets for
    one unit, the modifier set (bare claims then stand apart)."""
    base = frame["story"].astype(str) + "\x1f" + frame["kind"].astype(str) + "\x1f" + frame["unit_c"]
    distinct = frame.loc[frame["mods"] != ""].groupby(base[frame["mods"] != ""])["mods"].nunique()
    several = base.map(distinct).fillna(0) > 1
    key = base.where(~several, base + "\x1f" + frame["mods"])
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


def _verdict(g: pd.DataFrame, ctx) -> tuple[str, str, str] | None:
    """(verdict, severity, reason) for a conflicting group, or None (different events)."""
    docs = g["doc"].unique()
    events = g.groupby("doc")["event_date"].agg(lambda s: frozenset(s.dropna()))
    if all(events) and len(set(events)) >= 2 and not frozenset.intersection(*events):
        return None  # each article dates its figure, and the dates differ: different events
    dates = {ctx.articles[d].date if d in ctx.articles else None for d in docs}
    attribs = g["attribution"].dropna().unique()
    per_doc_attr = g.groupby("doc")["attribution"].agg(lambda s: frozenset(s.dropna()))
    if len(attribs) >= 2 and all(per_doc_attr) and len(set(per_doc_attr)) >= 2:
        return "attributed", "warning", "the figures come from different sources (" + " / ".join(sorted(attribs)) + ")"
    if None not in dates and len(dates) >= 2:
        by_date = g.assign(_d=[ctx.articles[d].date for d in g["doc"]]).sort_values("_d", kind="stable")
        latest = by_date.iloc[-1]
        return "update", "info", f"the latest article ({latest['_d'].isoformat()}) gives «{latest['text']}»: likely an updated figure"
    classes = predicate_classes()
    preds = set()
    for lang, p in zip(g["lang"], g["predicate"]):
        preds.add(classes.get((lang, p), p) if isinstance(p, str) else None)
    self_conflict = bool((g.groupby("doc")["_low"].max() > g.groupby("doc")["_high"].min()).any())
    if None in preds or len(preds) > 1:
        shown = sorted(str(p) for p in g["predicate"].dropna().unique())
        reason = "predicates differ (" + " / ".join(shown) + "): weak evidence of one event" if shown else \
            "no predicate to tell whether it is one event: weak evidence"
        return "contradiction", "warning", reason
    if self_conflict:
        return "contradiction", "warning", "an article itself gives more than one value: weak evidence of one event"
    return "contradiction", "error", f"same predicate ({min(g['predicate'].dropna())})"


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


def compare(claims: pd.DataFrame, ctx) -> Iterable[Finding]:
    q = claims[claims["kind"].isin(COMPARED_KINDS) & claims["unit"].notna()]
    if q.empty:
        return
    q = _keys(q, ctx)
    half = _rounding(q)
    q = q.assign(gkey=_group_keys(q), low=q["low"] - half, high=q["high"] + half)
    tol = q["kind"].map(lambda k: float(ctx.tolerance.get(k, 0.0)))
    low, high = widened(q, tol)
    q = q.assign(_low=low, _high=high)
    conflicting = cross_doc_conflicts(q, "gkey", tol)
    hit = conflicting[conflicting].index
    if not len(hit):
        return
    q = q[q["gkey"].isin(hit)]
    # the date a paragraph gives to its figure (the first calendar date of the same line)
    is_day = claims["value"].astype(str).str.match(r"^(?:\d{4}-\d{2}-\d{2}|--\d{2}-\d{2})$")
    dated = claims.loc[(claims["kind"] == "date") & is_day & claims["qualifier"].isna(), ["doc", "line", "value"]]
    dated = dated.drop_duplicates(["doc", "line"]).rename(columns={"value": "event_date"})
    q = q.join(q[["doc", "line"]].merge(dated, on=["doc", "line"], how="left").set_index(q.index)["event_date"])
    # figures stated without a counted noun reconcile a value ("… 142,500 troops" / "… which has 142,500")
    bare = claims[claims["kind"].isin(COMPARED_KINDS) & claims["unit"].isna() & claims["doc"].isin(q["doc"])]
    bare_by = {k: (g["doc"].to_numpy(), g["value"].astype(float).to_numpy()) for k, g in bare.groupby(["story", "kind"])}
    for key, g in q.groupby("gkey", sort=True):
        mention_docs, mention_values = bare_by.get((g["story"].iloc[0], g["kind"].iloc[0]), ((), ()))
        if not unexplained_conflicts(g["doc"].to_numpy(), g["value"].astype(float).to_numpy(), g["low"].to_numpy(),
                                     g["high"].to_numpy(), float(ctx.tolerance.get(g["kind"].iloc[0], 0.0)),
                                     mention_docs, mention_values):
            continue
        if g["kind"].iloc[0] in NEEDS_SUBJECT and not g["subject"].notna().all() and context_overlap(g) < MIN_CONTEXT_OVERLAP:
            continue  # a bare amount or rate: compared only when the sentences speak of the same things
        verdict = _verdict(g, ctx)
        if verdict is None:
            continue
        verdict_name, severity, reason = verdict
        subject = g["unit_c"].iloc[0] + (f" {g['mods'].iloc[0]}" if g["mods"].nunique() == 1 and g["mods"].iloc[0] else "")
        firsts = g.sort_values(["doc", "start"]).drop_duplicates(["doc", "value", "low", "high"])
        parts = " vs ".join(_describe(c) for _, c in firsts.iterrows())
        yield Finding(
            story=g["story"].iloc[0],
            subject=subject,
            kind=g["kind"].iloc[0],
            unit=g["unit_c"].iloc[0],
            rows=tuple(g.index),
            verdict=verdict_name,
            severity=severity,
            explanation=f"{parts}: same subject '{subject}'{_shared_words(g)}, values differ; {reason}",
        )
