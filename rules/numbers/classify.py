"""Job 5 of the scan: what kind of number each one is, in a fixed order of decisions.

:func:`classify` asks, in order: a lone article that counts nothing (dropped), an ordinal (N04),
a percent (N02), a money amount (N03), a duration (D04), a year (dropped, left to the date
rules), else a quantity (N01). Each kind has one small function here; the first that takes the
number gives the claim row.
"""
from __future__ import annotations

from typing import Any

import regex

from ..text import lemma
from .around import add_rate, next_word, noun_phrase, np_words, prev_word
from .lang import HSP, SYMBOLS, Lang
from .num import Num, overlaps


_DIGIT_BEFORE_RE = regex.compile(r"\d" + HSP + r"*$")


def keep_article(text: str, n: Num, L: Lang, starts: set[int]) -> bool:
    """Is a lone un/une/one/a a count here (before a unit or currency; English one + noun)?"""
    if n.value != 1 or text[n.start:n.end].lower() in ("a", "an"):
        return False
    nxt = L.dur_after.match(text, n.end) or L.cur_after.match(text, n.end)
    if nxt and not nxt.groupdict().get("link"):
        return True
    if L.lang == "en":
        pw = prev_word(text, n.start)
        if pw and pw.lower() in L.article_before:
            return False
        w = next_word(text, n.end, L)
        if w is None or text[n.end:n.end + 1] not in (" ", "\u00a0"):
            return False
        if w.lower() == "of":
            return False
        # one + a single noun, maybe after capitalised modifiers ("one soldier", "one Russian
        # soldier"); "one slim chance" (an adjective first) is the article-like one, not a count
        words = np_words(text, n.end, L, starts)
        if not words or words[0][0] != w:
            return False
        if L.qual_re.search(text, max(0, n.start - 40), n.start):
            return True   # a bound makes it a count: "at least one police officer"
        if len(words) > 1 and not words[1][0][0].isupper():
            w2 = words[1][0].lower()
            if lemma(w2, "en") != w2 and not w2.endswith("s"):
                return True   # an inflected verb after the noun: "one passenger paid"
        return len(words) == 1 or (all(x[0].isupper() for x, _ in words[:-1]) and not words[-1][0][0].isupper())
    return False


#: What a kind's test returns for a number of its kind that makes no claim (a year, an
#: article, "premier ministre"): the decision is taken, nothing is kept.
DROP: dict[str, Any] = {"kind": None}


def classify(text: str, L: Lang, n: Num, not_ord, starts) -> dict[str, Any] | None:
    """The claim row of a number, or None: each kind's test in :data:`ORDER` is asked in turn,
    the first that answers (a row, or :data:`DROP`) decides."""
    row: dict[str, Any] = {"start": n.start, "end": n.end, "kind": "quantity", "value": float(n.value),
                           "low": n.low, "high": n.high, "unit": None, "subject": None, "qualifier": n.qualifier}
    for test in ORDER:
        got = test(text, L, n, row, not_ord, starts)
        if got is not None:
            return None if got is DROP else got
    return None


def lone_article(text: str, L: Lang, n: Num, row: dict[str, Any], not_ord, starts) -> dict[str, Any] | None:
    """``un``/``a``/``one`` alone counts only where :func:`keep_article` says so."""
    if n.article and not keep_article(text, n, L, starts):
        return DROP
    return None


def ordinal(text: str, L: Lang, n: Num, row: dict[str, Any], not_ord, starts) -> dict[str, Any] | None:
    """N04: a rank, unless a title (``premier ministre``), a time unit (``seconde`` after a
    number or ``de``/``a``) or a date (``1er septembre``)."""
    if not n.ordinal:
        return None
    if overlaps(not_ord, n.start, n.end):
        return DROP
    if n.src == "word" and L.second_re.match(n.last or ""):
        pw = prev_word(text, n.start)
        if _DIGIT_BEFORE_RE.search(text[max(0, n.start - 3):n.start]) or \
                (pw and pw.lower() in ("de", "d", "of", "per", "par", "a", "une", "quelques", "few", "several", "plusieurs")):
            return DROP
    if n.src == "digit":
        w = next_word(text, n.end, L)
        if w and (w.lower() in L.months or w in L.months):
            return DROP
    row.update(kind="ordinal")
    return row


def percent(text: str, L: Lang, n: Num, row: dict[str, Any], not_ord, starts) -> dict[str, Any] | None:
    """N02: percent or percentage points after the number, basis points, or ``pourcentage de``
    before it."""
    m = L.pct_after.match(text, n.end)
    if m:
        row.update(kind="percent", unit="pp" if m.group("pp") else "%", end=m.end())
        if row["unit"] == "%":
            add_rate(text, L, row, row["end"])
        _, subj, _e = noun_phrase(text, row["end"], L, starts)
        row["subject"] = subj
        return row
    m = L.bp_after.match(text, n.end)
    if m:
        row.update(kind="percent", unit="bp", end=m.end())
        _, subj, _e = noun_phrase(text, row["end"], L, starts)
        row["subject"] = subj
        return row
    m = L.pct_before.search(text, max(0, n.start - 30), n.start)
    if m:
        row.update(kind="percent", unit="%", start=m.start())
        return row
    return None


def money(text: str, L: Lang, n: Num, row: dict[str, Any], not_ord, starts) -> dict[str, Any] | None:
    """N03: a currency symbol, code or word after the number (maybe after a scale such as
    ``mil``) or a symbol before it."""
    end = n.end
    m = L.cur_after.match(text, end)
    scale = None
    if m is None:
        sc = L.scale_re.match(text, end)   # "29.3 mil dollars"
        if sc is not None:
            m = L.cur_after.match(text, sc.end())
            scale = L.money_scales[sc.group("sc").lower()] if m else None
    before = L.cur_before.search(text, max(0, n.start - 8), n.start)
    if m and (not m.group("link") or n.mult or scale or n.src == "vague"):
        cur = SYMBOLS.get(m.group("sym")) if m.group("sym") else L.words_cur.get(" ".join(m.group("word").lower().split()))
        if cur and not (m.group("word") and m.group("word").lower() in ("livre", "livres") and not (n.mult or m.group("link"))):
            if before and "_" not in cur:
                # a doubled currency, "$600 million dollars": one amount; the symbol says more
                # ("C$ 5 million dollars" is CAD)
                row["start"], cur = before.start(), SYMBOLS[before.group("sym")]
            row.update(kind="money", unit=cur, end=m.end())
            _scale(row, scale)
            add_rate(text, L, row, row["end"])
            row["subject"] = noun_phrase(text, row["end"], L, starts)[1]
            return row
    if before:
        row.update(kind="money", unit=SYMBOLS[before.group("sym")], start=before.start())
        sc = L.scale_re.match(text, end) if not n.mult else None   # "$ 29.3 mil", "US$14b"
        if sc is not None:
            row["end"] = sc.end()
            _scale(row, L.money_scales[sc.group("sc").lower()])
        add_rate(text, L, row, row["end"])
        row["subject"] = noun_phrase(text, row["end"], L, starts)[1]
        return row
    return None


def duration(text: str, L: Lang, n: Num, row: dict[str, Any], not_ord, starts) -> dict[str, Any] | None:
    """D04: a time unit right after the number."""
    m = L.dur_after.match(text, n.end)
    if m:
        row.update(kind="duration", unit=L.durations[m.group("dur").lower()], end=m.end())
        return row
    return None


def year(text: str, L: Lang, n: Num, row: dict[str, Any], not_ord, starts) -> dict[str, Any] | None:
    """A plain 4-digit number 1800-2100 after ``en``/``in``/a month, or with no counted noun, is a
    year: dropped, left to the date rules."""
    if n.plain4 and 1800 <= n.value <= 2100:
        pw = prev_word(text, n.start)
        if pw and (pw.lower() in L.year_before or pw.lower() in L.months or pw in L.months):
            return DROP
        unit, subj, _e = noun_phrase(text, n.end, L, starts)
        if unit is None:
            return DROP
    return None


def quantity(text: str, L: Lang, n: Num, row: dict[str, Any], not_ord, starts) -> dict[str, Any] | None:
    """N01: anything else; unit and subject from the counted noun, a rate after it."""
    end = n.end
    if n.unit:
        row["unit"] = n.unit
        row["end"] = end + len(n.unit)
        return row
    unit, subj, head_end = noun_phrase(text, end, L, starts)
    row.update(unit=unit, subject=subj)
    if unit is not None:
        row["end"] = head_end  # the span covers the counted noun: "100.000 soldats"
        words = np_words(text, end, L, starts)
        if not add_rate(text, L, row, head_end) and words and words[-1][1] > head_end:
            add_rate(text, L, row, words[-1][1])   # "8 000 victimes civiles par jour"
    else:
        add_rate(text, L, row, end)
    return row


#: The order of decisions: the first test that answers decides.
ORDER = (lone_article, ordinal, percent, money, duration, year, quantity)


def _scale(row: dict[str, Any], factor: float | None) -> None:
    if factor:
        for k in ("value", "low", "high"):
            if row.get(k) is not None:
                row[k] = row[k] * factor
