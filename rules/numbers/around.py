"""The words around a number that classification reads.

The counted noun phrase after it (:func:`noun_phrase`: unit and subject of N01), the qualifier
before it that makes an interval (:func:`apply_qualifier`: ``près de``, ``more than``) and a rate
after it (:func:`add_rate`: ``par jour`` gives ``victime/jour``).
"""
from __future__ import annotations

from typing import Any

import regex

from ..text import lemma
from .lang import HSP, Lang, fold_q
from .num import Num


_PREV_WORD_RE = regex.compile(r"(\p{L}[\p{L}\p{M}]*)['’]?" + HSP + r"*$")


def next_word(text: str, pos: int, L: Lang) -> str | None:
    m = L.word_re.match(text, pos)
    return m.group(1) if m else None


def prev_word(text: str, pos: int) -> str | None:
    m = _PREV_WORD_RE.search(text[max(0, pos - 30):pos])
    return m.group(1) if m else None


def verbish(w: str, lang: str) -> bool:
    lw = w.lower().replace("’", "'")
    if lang == "fr":
        if lw.endswith("ment") and len(lw) > 6:
            return True
        lem = lemma(lw, lang)
        return lem != lw and lem.endswith(("er", "ir", "re", "oir")) and lw not in (lem + "s", lem + "x", lem + "e", lem + "es")
    if lw.endswith("ly") and len(lw) > 4:
        return True
    lem = lemma(lw, lang)
    return lem != lw and lw.endswith(("ed", "ing"))


def np_words(text: str, pos: int, L: Lang, starts: set[int]) -> list[tuple[str, int]]:
    """The up to three words of the counted noun phrase after ``pos`` (word, end)."""
    m = L.np_lead.match(text, pos)
    p = m.end() if m else pos
    words: list[tuple[str, int]] = []
    while len(words) < 3:
        wm = L.word_re.match(text, p)
        if wm is None or wm.start(1) in starts:
            break
        w = wm.group(1)
        lw = w.lower().replace("’", "'")
        if lw in L.stop or lw.split("'")[0] in L.stop and "'" in lw or lw in L.not_counted \
                or (verbish(w, L.lang) and lw not in L.ly_nouns):
            break
        if lw in L.mult or lw in L.durations:
            break
        if words and L.lang == "fr" and w[0].isupper():
            break
        words.append((w, wm.end(1)))
        p = wm.end(1)
    return words


def noun_phrase(text: str, pos: int, L: Lang, starts: set[int]) -> tuple[str | None, str | None, int]:
    """(unit, subject, end of the head noun) of the counted noun phrase after ``pos``."""
    words = np_words(text, pos, L, starts)
    if not words:
        return None, None, pos
    lang = L.lang
    if lang == "fr":
        head = 0
        keep = words[:3]
    else:
        # the last of the first run of plural nouns ("Russian soldiers", "sports stars", not
        # "fans bought tickets"); else the first lower-case word after capitalised modifiers
        # ("one Russian soldier"), else the first word
        head = next((i for i, (w, _) in enumerate(words) if not w[0].isupper()), 0) if len(words) > 1 else 0
        seen_plural = False
        for i, (w, _) in enumerate(words):
            lw = w.lower()
            if lw.endswith("s") and (lemma(lw, lang) != lw or w[0].isupper() and not lw.endswith("ss")):
                head, seen_plural = i, True
            elif seen_plural:
                break
        keep = words[:head + 1]
    lemmas = [L.unit_alias.get(w.lower(), lemma(w, lang)) for w, _ in keep]
    return lemmas[head], " ".join(lemmas), keep[head][1]


def apply_qualifier(text: str, L: Lang, n: Num, row: dict[str, Any]) -> None:
    start = row["start"]
    m = L.qual_re.search(text, max(0, start - 40), start)
    if not m:
        return
    q = " ".join(m.group(0).split())
    kind = L.qual_kind.get(fold_q(q))
    if kind is None:
        return
    v = row["value"]
    lo = row["low"] if row["low"] is not None else v
    hi = row["high"] if row["high"] is not None else v
    if kind == "near":
        lo, hi = min(0.9 * lo, hi), min(hi, v)
    elif kind == "about":
        lo, hi = min(0.9 * lo, 1.1 * lo), max(1.1 * hi, 0.9 * hi)
    elif kind == "min":
        hi = None
    elif kind == "max":
        lo = 0.0 if hi >= 0 else None
    if row.get("qualifier"):
        q = q + ("" if q.endswith(("'", "’")) else " ") + row["qualifier"]
    row.update(low=lo, high=hi, qualifier=q)
    row["start"] = m.start()


def add_rate(text: str, L: Lang, row: dict[str, Any], pos: int) -> bool:
    """A rate right after ``pos`` ("par jour", "a year", "/hour") appends ``/<period>`` to the
    unit ("victime/jour", "USD/hour", "%/an") and extends the span."""
    r = L.rate_re.match(text, pos)
    if r is None:
        return False
    period = L.rate_unit.get(fold_q(r.group("rate")))
    if period is None:
        return False
    row.update(unit=f"{row['unit'] or ''}/{period}", end=r.end())
    return True
