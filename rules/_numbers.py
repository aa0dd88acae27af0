"""The shared number scanner of the number rules (N01 quantity, N02 percent, N03 money,
N04 ordinal, D04 duration).

:func:`mentions` scans an article's text once (memoised per article under the key
``"numbers"``) for every numeric mention, in digits or in words, and classifies each
one; each rule module keeps the mentions of its own kind. A mention is a claim row
(``start, end, kind, value, low, high, unit, subject, qualifier``).

How a text is read, in order:

1. Page furniture is set aside: URLs (``pic.twitter.com/...``), ``@handles``,
   ``#hashtags``, tweet datelines (``— CNEWS (@CNEWS) September 4, 2025``), list
   numbers at the start of a line (``1.``, ``2)``), clock times (``10h30``,
   ``14H00``, ``10:30``, ``3 pm``) and dates (``4 septembre 2025``, ``1er
   septembre``, ``2025-09-04``, ``04/09/2025``, ``September 4, 2025``, ``May 4th``):
   dates and times belong to the date rules. Sports scores and vote tallies (``won 3-1``,
   ``a 5-4 vote``, ``victoire 2-0``) are no quantities either.
2. Digits, with the grouping the article's language uses (fr: ``100.000``,
   ``100 000`` with U+0020/U+00A0/U+202F, ``1 234 567,89``, decimal ``1,5``; en:
   ``100,000``, ``1 234 567.89``, ``12,34,567.89``, decimal ``1.5``; the other
   language's unambiguous form is read too), signs, exponents (``1e10``,
   ``1,1^23``), fractions (``3/4``, ``2 1/4``, ``¾``), suffixes (``12k``, ``10M``,
   ``3 Md€``) and multiplier words (``1,5 million``, ``2 milliards``,
   ``3 hundred``, ``13 lakh``; French ``billion`` is 10^12).
3. Number words, by ``text_to_num.find_numbers`` over the remaining word tokens
   (hyphens inside words split, so ``Vingt-six`` reads as ``Vingt six``), then
   joined: fractions (``trois cinquièmes`` 0.6, ``un demi``, ``a fifth``,
   ``1 sur 3``, ``one over three``, ``1 in twenty-one``), whole plus fraction
   (``five and a quarter``, ``3 millions et demi``), fraction times multiplier
   (``half million``, ``half a million``, ``a quarter of a million``, ``un demi-million``),
   English digit chains
   (``3 hundred and 21``), signs (``minus five``, ``negative one``).
   ``un/une/a/an/one`` alone is a count only before a unit or currency word
   (``un an``, ``one dollar``), in a fraction or a multiplier, or, in English,
   ``one`` before a noun and after no determiner (``one person``, not
   ``that one is``).
4. Approximate nouns and vague plurals: ``une trentaine de`` (30 in [25, 35]),
   ``trois douzaines`` (36), ``des milliers de`` ([2000, 9999]) ... (intervals in
   ``rules/data/numbers_*.yaml``). After an article the nouns of ``approx_need_complement``
   need their complement (``une quarantaine de pays``, not ``la quarantaine``; ``a score of``).
5. Classification by the words around the number: percent (``%``, ``pour cent``,
   ``percent``; ``points de pourcentage``/``percentage points``/``pp`` give unit ``pp``,
   ``basis points`` ``bp``; a rate after it, ``20 % par an``, gives unit ``%/an`` /
   ``%/year``), money (currency symbol, code or word before or after, both for a doubled
   currency ``$600 million dollars``; scale abbreviations ``$ 29.3 mil``, ``US$14b``; unit
   an ISO 4217 code, sub-units ``USD_cent``, ``EUR_cent``, ``GBP_pence``; a rate after it
   gives ``USD/hour``), duration (a time unit after; unit the singular
   lemma in the article's language: ``jour``, ``an``, ``day``, ``year``), ordinal
   (``1er``, ``3e``, ``troisième``, ``21st``, ``third``), else quantity (unit and
   subject from the counted noun, see N01; a rate after it gives ``victime/jour``). A 4-digit number 1800-2100 with no
   counted noun, or after ``en``/``in``/a month, is a year and left to the date rules.
6. A qualifier just before the number (``près de``, ``environ``, ``plus de``,
   ``moins de``, ``d'ici`` / ``nearly``, ``about``, ``more than``, ``up to``)
   turns the value into an interval, the word kept in ``qualifier``.
"""
from __future__ import annotations

import bisect
import math
import unicodedata
from itertools import accumulate
from typing import Any, Iterator

import regex
from text_to_num import find_numbers, text2num

from .text import Scanner, data, fold_key, lemma, stopwords

LANGS = ("fr", "en")
SPACE = "[ \t\u00a0\u202f]"
HSP = r"[ \t\u00a0\u202f]"


def _phrase(p: str) -> str:
    """A lexicon phrase as a regex: spaces match runs of spaces, apostrophes both forms."""
    out = []
    for ch in p:
        if ch == " ":
            out.append(HSP + "+")
        elif ch in "'’":
            out.append("['’]")
        else:
            out.append(regex.escape(ch))
    return "".join(out)


def _alt(phrases) -> str:
    return "|".join(_phrase(p) for p in sorted(set(phrases), key=len, reverse=True))


# ----------------------------------------------------------------- lexicons, compiled once

UNITS = data("units.yaml")
SUFFIXES: dict[str, float] = {k: float(v) for k, v in UNITS["suffixes"].items()}
SYMBOLS: dict[str, str] = UNITS["symbols"]
_SYM_ALT = "|".join(regex.escape(s) for s in sorted(SYMBOLS, key=len, reverse=True))
_SUF_ALT = "|".join(regex.escape(s) for s in sorted(SUFFIXES, key=len, reverse=True))

FRACTION_RE = regex.compile(
    r"(?<![\p{L}\p{N}/.,])(?:(?P<whole>\d+)" + HSP + r"+)?(?P<num>\d+)" + HSP + r"*/" + HSP + r"*(?P<den>\d+)(?![\p{N}/])"
    r"|(?:(?<![\p{L}\p{N}/.,])(?P<whole2>\d+)" + HSP + r"*)?(?P<vulgar>[¼½¾⅐⅑⅒⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞])"
)
_TLDS = "com|fr|org|net|io|be|ch|ca|uk|eu|info"
#: Page furniture, dates and clock times, as ``(branch, guard)``: every match of the branch
#: holds a match of its guard, a cheap pattern that rules the branch out of most texts.
_URL_BRANCHES = (
    (r"(?:https?://|www\.)\S+", None),
    (r"\b(?:pic\.twitter\.com|t\.co|bit\.ly|youtu\.be)/\S+", None),
    (rf"\b[\w.-]+\.(?:{_TLDS})/\S*", rf"\.(?:{_TLDS})/"),
    (r"[@#][\p{L}\p{N}_]+", None),
    (r"(?m:^[ \t]*[—–-][ \t].*\(@\w+\).*$)", None),     # tweet dateline: — CNEWS (@CNEWS) September 4, 2025
    (r"(?m:^[ \t]*\d{1,2}[.)](?=[ \t]))", r"\d[.)][ \t]"),  # list numbering at the start of a line
    # clock times and numeric dates, one pattern: they all start with a digit after \b
    (r"\b(?=\d)(?:\d{1,2}" + HSP + r"?[hH]" + HSP + r"?\d{2}\b|\d{1,2}[hH](?![\p{L}\p{N}])"
     r"|\d{1,2}:\d{2}(?::\d{2})?\b|\d{1,2}(?::\d{2})?" + HSP + r"?(?:[ap]\.?m\.?)(?![\p{L}])"
     r"|\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?\b|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b)", None),
)


class _HostPath:
    """``search`` of the ``host.tld/path`` branch, started at the run of host characters
    before the first ``.tld/`` at or after ``pos``: a match holds a ``.tld/`` right after
    its run of ``[\\w.-]`` characters, so none starts between ``pos`` and that run (the
    plain search tries ``[\\w.-]+`` with backtracking at every word boundary of the text)."""

    def __init__(self, pattern: str, guard: str):
        self.pattern = regex.compile(pattern)
        self.guard = regex.compile(guard)
        self.run_back = regex.compile(r"(?r)[\w.-]*")

    def search(self, text: str, pos: int = 0):
        g = self.guard.search(text, pos)
        if g is None:
            return None
        start = self.run_back.match(text, pos, g.start()).start()
        return self.pattern.search(text, start)


URL_BRANCHES = tuple((_HostPath(p, g) if i == 2 else regex.compile(p), regex.compile(g) if g else None)
                     for i, (p, g) in enumerate(_URL_BRANCHES))


def alternation_spans(branches, text: str) -> list[tuple[int, int]]:
    """The spans ``regex.compile("|".join(patterns)).finditer(text)`` gives (leftmost match,
    the first branch that matches there, then on from its end), found with one scan per
    branch: an engine tries every branch at every position of an alternation, while a
    branch alone is scanned quickly. ``branches`` are ``(pattern, guard)`` pairs (see
    ``_URL_BRANCHES``); the patterns must not match the empty string."""
    nxt = [p.search(text) if guard is None or guard.search(text) else None for p, guard in branches]
    out = []
    while True:
        best = None
        for i, m in enumerate(nxt):
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        if best is None:
            return out
        out.append(best.span())
        pos = best.end()
        for i, m in enumerate(nxt):
            if m is not None and m.start() < pos:
                nxt[i] = branches[i][0].search(text, pos)


# A pair N-M of small numbers: a sports score or a vote tally ("won 3-1", "a 5-4 vote") when N >= M
# or when a score word (numbers_*.yaml) stands next to it; else a range ("10-15 soldiers").
SCORE_RE = regex.compile(r"(?<![\p{L}\p{N}_.,/:-])(\d{1,2})[-–](\d{1,2})(?![\p{L}\p{N}%]|[.,:/-]\d)")
_WORD = regex.compile(r"\p{L}+")


def _scores(text: str, L: _Lang) -> list[tuple[int, int]]:
    out = []
    for m in SCORE_RE.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        near = _WORD.findall(text[max(0, m.start() - 25):m.start()])[-3:] + _WORD.findall(text[m.end():m.end() + 20])[:2]
        if a >= b or any(w.lower() in L.score_words for w in near):
            out.append(m.span())
    return out


class _Lang:
    """A language's lexicon compiled into patterns."""

    def __init__(self, lang: str):
        lx = data(f"numbers_{lang}.yaml")
        self.lang = lang
        self.stop = stopwords(lang)
        # every word that can be (part of) a number for text2num or the word joins below
        stems = lx.get("number_word_stems") or []
        whole = set(lx.get("number_words_short") or []) | set(lx["fraction_words"]) | set(lx["approx_nouns"]) \
            | set(lx["multipliers"])
        never = lx.get("number_word_not") or []
        self.cand_re = regex.compile(
            r"(?i)(?<!\p{L})" + (r"(?!" + _alt(never) + ")" if never else "")
            + r"(?:" + _alt(stems) + r"|(?:" + _alt(whole) + r")(?![\p{L}\p{M}]))")
        self.cands = Scanner(self.cand_re, [*stems, *whole], word_end=False)
        self.mult = {k.lower(): float(v) for k, v in lx["multipliers"].items()}
        self.fracw = {k.lower(): float(v) for k, v in lx["fraction_words"].items()}
        self.frac_join = set(lx.get("fraction_joiners") or [])
        self.frac_join_words = set(lx.get("fraction_joiners_words_only") or [])
        self.and_words = set(lx.get("and_words") or [])
        #: words that join the number word next to them (see :func:`_article_may_count`)
        self.join_words = frozenset(w.lower() for w in (*self.frac_join, *self.frac_join_words, *self.and_words,
                                                        *(lx.get("sign_words") or [])))
        self.article_before = set(lx.get("article_before") or [])
        self.approx = {k.lower(): tuple(float(x) for x in v) for k, v in lx["approx_nouns"].items()}
        self.vague = {k: tuple(float(x) for x in v) for k, v in lx["vague"].items()}
        self.durations = {k.lower(): v for k, v in lx["durations"].items()}
        self.rates = lx.get("rate_after") or {}
        self.year_before = {w.lower() for w in lx.get("year_before") or []}
        months = list(lx["months"])
        self.months = {m.lower() for m in months} | set(lx.get("months_cased") or [])
        self.articles = {"fr": {"un", "une"}, "en": {"one", "a", "an"}}[lang]
        self.words_cur: dict[str, str] = {k.lower(): v for k, v in UNITS["words"][lang].items()}
        self.qual_kind: dict[str, str] = {}
        for kind, words in lx["qualifiers"].items():
            for w in words:
                self.qual_kind[_fold_q(w)] = kind
        self.sign_words = set(lx.get("sign_words") or [])
        self.frac_mult_gap = {_fold_q(g) for g in lx.get("fraction_multiplier_gap") or []}
        self.approx_need = {w.lower() for w in lx.get("approx_need_complement") or []}
        self.approx_never_mult = {w.lower() for w in lx.get("approx_never_multiplied") or []}
        self.unit_alias = {k.lower(): v for k, v in (lx.get("unit_aliases") or {}).items()}
        self.not_counted = {w.lower().replace("’", "'") for w in lx.get("not_counted") or []}
        self.ly_nouns = {w.lower() for w in lx.get("ly_nouns") or []}
        self.score_words = {w.lower() for w in lx.get("score_words") or []}
        self.money_scales = {k.lower(): float(v) for k, v in (lx.get("money_scales") or {}).items()}

        dec = lx["decimal"]
        if lang == "fr":
            body = (r"\d{1,3}(?:" + HSP + r"\d{3})+(?:,\d+)?(?![\d])"
                    r"|\d{1,3}(?:\.\d{3})+,\d+|\d{1,3}(?:,\d{3})+\.\d+"
                    r"|\d{1,3}(?:\.\d{3})+(?![\d,]\d)|\d+\.\d+|\d+(?:,\d+)?|(?<![\S]),\d+")
        else:
            body = (r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?(?![\d])|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d])"
                    r"|\d{1,3}(?:\.\d{3})+,\d+|\d{1,3}(?:" + HSP + r"\d{3})+(?:\.\d+)?(?![\d])"
                    r"|\d+(?:\.\d+)?|(?<![\S])\.\d+")
        self.dec = dec
        mult_alt = _alt(self.mult)
        ords = sorted(lx["ordinal_suffixes"], key=len, reverse=True)
        self.digit_re = regex.compile(
            r"(?<![\p{L}\p{N}_.,/])(?P<body>" + body + r")"
            r"(?P<exp>[eE][+-]?\d+(?![\p{L}\p{N}])|\^[+-]?\d+)?"
            r"(?:(?P<ord>" + "|".join(map(regex.escape, ords)) + r")(?![\p{L}\p{N}])"
            r"|(?P<suf>" + _SUF_ALT + r")(?![\p{L}\p{N}])"
            r"|" + HSP + r"(?P<suf2>M|Md|Mds|Mrd|k)(?=" + HSP + r"?[€$£¥])"
            r"|(?:" + HSP + r"*-?" + HSP + r"*(?P<mul>(?i:" + mult_alt + r"))(?![\p{L}]))"
            r"|(?P<unit>[a-zA-Zµ]{1,3})(?![\p{L}\p{N}]))?"
        )
        mon_i = [m for m in months]
        mon = r"(?:(?i:" + _alt(mon_i) + r")\.?" + ("|May" if lang == "en" else "") + r")"
        if lang == "fr":
            date = (r"\b(?:1er|1re|\d{1,2})" + HSP + r"+" + mon + r"(?![\p{L}])(?:" + HSP + r"+\d{4})?"
                    r"|(?<![\p{L}])" + mon + HSP + r"+\d{4}\b")
        else:
            date = (r"(?<![\p{L}])" + mon + HSP + r"+\d{1,2}(?:st|nd|rd|th)?\b(?:,?" + HSP + r"+\d{4}\b)?"
                    r"|\b\d{1,2}(?:st|nd|rd|th)?" + HSP + r"+(?:of" + HSP + r"+)?" + mon + r"(?![\p{L}])(?:,?" + HSP + r"+\d{4}\b)?"
                    r"|(?<![\p{L}])" + mon + r",?" + HSP + r"+\d{4}\b")
        self.dates = Scanner(regex.compile(date), [*months, "May"], digits=True)
        self.vagues = Scanner(regex.compile(r"(?<![\p{L}])(?i:" + _alt(self.vague) + r")"), self.vague, word_end=False)
        self.qual_re = regex.compile(r"(?<![\p{L}\p{N}])(?i:" + _alt(self.qual_kind) + r")" + HSP + r"*$")
        self.pct_after = regex.compile(
            HSP + r"*(?:(?P<pp>(?i:" + _alt(lx["points_after"]) + r"))|(?P<pct>(?i:" + _alt(lx["percent_after"]) + r")))(?![\p{L}])")
        self.pct_before = regex.compile(r"(?<![\p{L}])(?i:" + _alt(lx["percent_before"]) + r")" + HSP + r"*$")
        self.rate_unit = {_fold_q(k): v for k, v in self.rates.items()}
        not_rate = lx.get("rate_not_before") or []
        self.rate_re = regex.compile(
            HSP + r"*(?P<rate>(?i:" + _alt(self.rates) + r"))(?![\p{L}])"
            + (r"(?!" + HSP + r"+(?i:" + _alt(not_rate) + r")(?![\p{L}]))" if not_rate else ""))
        self.approx_comp_re = regex.compile(
            HSP + r"+(?:(?i:" + _alt(w for w in lx.get("approx_complement") or ["de"] if not w.endswith(("'", "’"))) + r")(?![\p{L}])"
            + r"|(?i:d['’]))")
        self.scale_re = regex.compile(
            HSP + r"*(?P<sc>(?i:" + (_alt(self.money_scales) or "(?!)") + r"))(?![\p{L}\p{N}])")
        self.bp_after = regex.compile(HSP + r"*(?i:" + (_alt(lx.get("basis_points_after") or []) or "(?!)") + r")(?![\p{L}])")
        link = r"(?:(?i:de|d['’]|of|des)" + HSP + r"*)?"
        self.cur_after = regex.compile(
            HSP + r"*(?:-" + HSP + r"*)?(?P<link>" + link + r")(?:(?P<sym>" + _SYM_ALT + r")(?![\p{L}])|(?P<word>(?i:" + _alt(self.words_cur) + r"))(?![\p{L}]))")
        self.cur_before = regex.compile(r"(?:(?<![\p{L}])|(?<=[$€£]))(?P<sym>" + _SYM_ALT + r")" + HSP + r"*$")
        self.dur_after = regex.compile(HSP + r"*(?:-" + HSP + r"*)?(?P<dur>(?i:" + _alt(self.durations) + r"))(?![\p{L}])")
        self.sign_re = regex.compile(r"(?<![\p{L}])(?i:" + "|".join(self.sign_words or ["(?!)"]) + r")" + HSP + r"+$")
        self.not_ords = Scanner(regex.compile(r"(?<![\p{L}])(?i:" + _alt(lx["not_ordinal"]) + r")(?![\p{L}])"),
                                lx["not_ordinal"])
        self.np_lead = regex.compile(HSP + r"*(?:(?:(?i:de|of(?:" + HSP + r"+the)?|des|du)(?![\p{L}])|(?i:d['’]))" + HSP + r"*)?")
        self.word_re = regex.compile(HSP + r"*(\p{L}[\p{L}\p{M}]*(?:[-'’]\p{L}[\p{L}\p{M}]*)*)")
        if lang == "fr":
            self.ord_word = regex.compile(r"(?i)(?:i[eè]mes?|premi[eè]re?s?|seconde?s?)$")
        else:
            self.ord_word = regex.compile(r"(?i)(?:first|second|third|th)s?$")
        self.second_re = regex.compile(r"(?i)^seconde?s?$")


def _fold_q(s: str) -> str:
    return " ".join(s.lower().replace("’", "'").split())


class _Lexicons(dict):
    """``{lang: _Lang}``, each language compiled at its first use (a French corpus never
    pays for the English patterns)."""

    def __missing__(self, lang: str) -> _Lang:
        if lang not in LANGS:
            raise KeyError(lang)
        self[lang] = _Lang(lang)
        return self[lang]

    def get(self, lang, default=None):
        return self[lang] if lang in LANGS else default


LEX = _Lexicons()
TOKEN_RE = regex.compile(r"\p{L}[\p{L}\p{M}]*|\d+|[^\s\p{L}\p{N}]")
_TOKEN_SPLIT = regex.compile(f"({TOKEN_RE.pattern})")
_ACCENT_FIX = [(regex.compile(r"(?i)ieme(s?)$"), r"ième\1"), (regex.compile(r"(?i)^zero$"), "zéro"),
               (regex.compile(r"(?i)^premiere(s?)$"), r"première\1")]


def _french_spelling(word: str) -> str:
    """A French word as text2num spells it: ``vingtieme`` -> ``vingtième``, ``zero`` -> ``zéro``
    (``_ACCENT_FIX``, tried only on the words it can change: ``ſ`` matches ``s``)."""
    if word[-1] not in "eEsSoOſ":
        return word
    key = fold_key(word)
    if key.endswith(("ieme", "iemes")) or key in ("zero", "premiere", "premieres"):
        for pat, rep in _ACCENT_FIX:
            word = pat.sub(rep, word)
    return word


class _Tok:
    """A token for ``text_to_num.find_numbers``."""

    __slots__ = ("t", "s", "e")

    def __init__(self, t: str, s: int, e: int):
        self.t, self.s, self.e = t, s, e

    def text(self) -> str:
        return self.t

    def nt_separated(self, previous) -> bool:
        return False

    def not_a_number_part(self) -> bool:
        return False


class _Num:
    __slots__ = ("start", "end", "value", "src", "ordinal", "mult", "article", "low", "high",
                 "qualifier", "plain4", "unit", "den", "plural", "last", "bare")

    def __init__(self, start, end, value, src, **kw):
        self.start, self.end, self.value, self.src = start, end, value, src
        self.ordinal = False
        self.mult = 0.0
        self.article = False
        self.low = self.high = None
        self.qualifier = None
        self.plain4 = False
        self.unit = None
        self.den = 0.0
        self.plural = False
        self.last = ""
        self.bare = False
        for k, v in kw.items():
            setattr(self, k, v)


# ----------------------------------------------------------------- digits

_HSP_RE = regex.compile(HSP)
_DOT_GROUPS_RE = regex.compile(r"\d{1,3}(?:\.\d{3})+")
_FOUR_DIGITS_RE = regex.compile(r"\d{4}")
_PUNCT_NEXT_RE = regex.compile(r"[ \t]*[^\s\p{L}]")
_PREV_WORD_RE = regex.compile(r"(\p{L}[\p{L}\p{M}]*)['’]?" + HSP + r"*$")
_VAGUE_TAIL_RE = regex.compile(HSP + r"+(?i:de|of)$|" + HSP + r"+(?i:d['’])$")
_DIGIT_BEFORE_RE = regex.compile(r"\d" + HSP + r"*$")


def _digit_value(body: str, lang: str) -> float:
    s = _HSP_RE.sub("", body)
    if "," in s and "." in s:
        if s.rfind(",") > s.rfind("."):
            s = s.replace(".", "").replace(",", ".")
        else:
            s = s.replace(",", "")
    elif "," in s:
        if lang == "fr" and s.count(",") == 1:
            s = s.replace(",", ".")
        else:
            s = s.replace(",", "")
    elif "." in s:
        if s.count(".") > 1 or (lang == "fr" and _DOT_GROUPS_RE.fullmatch(s)):
            s = s.replace(".", "")
    if s.startswith("."):
        s = "0" + s
    return float(s)


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a < e and s < b for a, b in spans)


def _sign(text: str, start: int) -> int:
    """Start of a minus sign attached to the number at ``start`` (or ``start``)."""
    if start >= 1 and text[start - 1] in "-−":
        before = text[start - 2] if start >= 2 else " "
        if before.isspace() or before in "([=:;" or start == 1:
            return start - 1
    if start >= 2 and text[start - 1] == " " and text[start - 2] in "-−":
        line_start = text.rfind("\n", 0, start - 2) + 1
        if not text[line_start:start - 2].strip():
            return start - 2
    return start


def _digits(text: str, L: _Lang, blocked: list[tuple[int, int]]) -> list[_Num]:
    out: list[_Num] = []
    taken: list[tuple[int, int]] = []
    for m in FRACTION_RE.finditer(text):
        s, e = m.span()
        if _overlaps(blocked, s, e):
            continue
        if m.group("vulgar"):
            v = unicodedata.numeric(m.group("vulgar"))
            w = m.group("whole2")
        else:
            den = int(m.group("den"))
            if den == 0:
                continue
            v = int(m.group("num")) / den
            w = m.group("whole")
        if w:
            v += int(w)
        s2 = _sign(text, s)
        out.append(_Num(s2, e, -v if s2 < s else v, "digit"))
        taken.append((s, e))
    for m in L.digit_re.finditer(text):
        s, e = m.span()
        if _overlaps(blocked, s, e) or _overlaps(taken, s, e):
            continue
        if s >= 2 and text[s - 1] == "-" and text[s - 2].isalpha():
            continue  # F-16, Covid-19: a name, not a number
        body = m.group("body")
        try:
            v = _digit_value(body, L.lang)
        except ValueError:
            continue
        exp = m.group("exp")
        if exp:
            v = v ** float(exp[1:]) if exp[0] == "^" else v * 10 ** int(exp[1:])
        n = _Num(s, e, v, "digit")
        if m.group("ord"):
            n.ordinal = True
        elif m.group("suf") or m.group("suf2"):
            n.value = v * SUFFIXES[m.group("suf") or m.group("suf2")]
        elif m.group("mul"):
            n.mult = L.mult[m.group("mul").lower()]
            n.value = v * n.mult
        elif m.group("unit"):
            n.unit = m.group("unit")
            n.end = m.start("unit")
        n.plain4 = not exp and not m.group("suf") and not m.group("mul") and _FOUR_DIGITS_RE.fullmatch(body) is not None
        s2 = _sign(text, s)
        if s2 < s:
            n.start, n.value = s2, -n.value
        out.append(n)
    return out


# ----------------------------------------------------------------- words

#: Tokens kept on each side of a number word: text2num looks one token around a number
#: word at most (a joiner, a hyphen), so two is a safe margin.
_MARGIN = 2
#: Characters first taken on each side of a number word (then widened to the margin).
_PAD = 12


def _union(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Sorted, merged spans as (starts, ends): a token overlaps one of ``spans`` iff it
    overlaps one of these."""
    starts: list[int] = []
    ends: list[int] = []
    for s, e in sorted(spans):
        if ends and s <= ends[-1]:
            ends[-1] = max(ends[-1], e)
        else:
            starts.append(s)
            ends.append(e)
    return starts, ends


def _window_tokens(text: str, L: _Lang, a: int, b: int, rs: list[int], re_: list[int], toks: list[_Tok]) -> None:
    """Append the tokens of ``text[a:b]`` (``a``, ``b`` on token boundaries) to ``toks``,
    as text2num reads a text's tokens: reserved runs as one ``§``, hyphens inside words
    dropped, French spellings fixed."""
    n = len(text)
    ri = bisect.bisect_right(re_, a)
    nr = len(rs)
    fr = L.lang == "fr"
    parts = _TOKEN_SPLIT.split(text[a:b])  # [gap, token, gap, token, ..., gap]
    offsets = list(accumulate(map(len, parts), initial=a))
    for t, s, e in zip(parts[1::2], offsets[1::2], offsets[2::2]):
        while ri < nr and re_[ri] <= s:
            ri += 1
        if ri < nr and rs[ri] < e:
            if not toks or toks[-1].t != "§":
                toks.append(_Tok("§", s, e))
            continue
        if t == "-" and 0 < s and e < n and text[s - 1].isalpha() and text[e].isalpha():
            continue  # vingt-six -> vingt six
        if fr and t[0].isalpha():
            t = _french_spelling(t)
        toks.append(_Tok(t, s, e))


_HSP_CHARS = frozenset(" \t\u00a0\u202f")
#: The lone articles :func:`_article_may_count` can rule out, by language.
_LONE_ARTICLES = {"fr": frozenset({"un", "une"})}


def _article_may_count(text: str, s: int, e: int, L: _Lang) -> bool:
    """Can the lone article ``text[s:e]`` (French ``un``/``une``) change the scan? Only when a
    word after or before it can join it (a number word, a joiner such as ``sur``/``et``), a
    unit or currency may follow (:func:`_keep_article`), or anything but plain words and
    spaces stands next to it. Otherwise its occurrence is an article that
    :func:`_classify` drops, which joins nothing: no need to tokenise around it. False
    only when sure; a needless True costs a window, never a difference."""
    n = len(text)
    if e >= n or text[e] not in _HSP_CHARS or s == 0:
        return True
    wm = L.word_re.match(text, e)
    if wm is None:
        return True
    w = wm.group(1).lower()
    if w in L.join_words or L.cand_re.match(text, wm.start(1)) \
            or L.dur_after.match(text, e) or L.cur_after.match(text, e):
        return True
    j = s - 1
    if text[j] in "'’":  # d'un, qu'une: the word before the elision
        j -= 1
    else:
        while j >= 0 and text[j] in _HSP_CHARS:
            j -= 1
    if j < 0 or not text[j].isalpha():
        return True
    k = j
    while k > 0 and text[k - 1].isalpha():
        k -= 1
    return text[k:j + 1].lower() in L.join_words or L.cand_re.match(text, k) is not None


def _candidates(text: str, L: _Lang) -> list[int]:
    """Where the number words that may change the scan start: ``L.cands`` less the lone
    articles :func:`_article_may_count` rules out."""
    arts = _LONE_ARTICLES.get(L.lang)
    out = []
    for m in L.cands.finditer(text):
        s, e = m.span()
        if arts is None or e - s > 3 or m.group().lower() not in arts or _article_may_count(text, s, e, L):
            out.append(s)
    return out


def _tokens(text: str, L: _Lang, reserved: list[tuple[int, int]], cands: list[int] | None = None) -> list[_Tok]:
    """The tokens text2num needs: those around the number words only (``L.cands`` finds
    every word that can be one; or ``cands``, their starts), each stretch with ``_MARGIN``
    tokens on both sides and the stretches joined by a ``§`` (as a reserved span reads).
    text2num reads a stretch the same as the whole token list, at a fraction of the cost
    on text with few numbers."""
    if cands is None:
        cands = [m.start() for m in L.cands.finditer(text)]
    if not cands:
        return []
    rs, re_ = _union(reserved)
    n = len(text)
    # windows in characters around each candidate, on whitespace (a token boundary), merged
    wins: list[list[int]] = []
    for c in cands:
        a, b = _left_edge(text, c - _PAD), _right_edge(text, c + _PAD)
        if wins and a <= wins[-1][1]:
            wins[-1][1] = max(wins[-1][1], b)
        else:
            wins.append([a, b])
    toks: list[_Tok] = []
    marks: list[int] = []  # len(toks) before each window
    i = 0
    while i < len(wins):
        a, b = wins[i]
        marks[i:] = [len(toks)]
        if toks and toks[-1].t != "§":
            toks.append(_Tok("§", a, a))
        first = len(toks)
        _window_tokens(text, L, a, b, rs, re_, toks)
        # the number words of the window need _MARGIN tokens on each side
        lo = hi = None
        k = first
        for ci in range(bisect.bisect_left(cands, a), bisect.bisect_left(cands, b)):
            c = cands[ci]
            while k < len(toks) and toks[k].e <= c:
                k += 1
            if k < len(toks) and toks[k].s <= c:
                if lo is None:
                    lo = k
                hi = k
        grow_left = lo is not None and a > 0 and lo - first < _MARGIN
        grow_right = hi is not None and b < n and len(toks) - 1 - hi < _MARGIN
        if grow_left or grow_right:
            del toks[marks[i]:]
            if grow_left:
                a = _left_edge(text, a - _PAD)
            if grow_right:
                b = _right_edge(text, b + _PAD)
            wins[i] = [a, b]
            while i and wins[i][0] <= wins[i - 1][1]:  # reaches back into the previous window
                wins[i - 1][1] = max(wins[i - 1][1], wins[i][1])
                del wins[i]
                i -= 1
                del toks[marks[i]:]
            while i + 1 < len(wins) and wins[i + 1][0] <= wins[i][1]:
                wins[i][1] = max(wins[i][1], wins[i + 1][1])
                del wins[i + 1]
            continue
        i += 1
    return toks


def _left_edge(text: str, pos: int) -> int:
    """``pos`` moved left to just after a whitespace character (or to 0)."""
    if pos <= 0:
        return 0
    while pos > 0 and not text[pos - 1].isspace():
        pos -= 1
    return pos


def _right_edge(text: str, pos: int) -> int:
    """``pos`` moved right to a whitespace character (or to the end)."""
    n = len(text)
    if pos >= n:
        return n
    while pos < n and not text[pos].isspace():
        pos += 1
    return pos


def _t2n(toks: list[_Tok], lang: str) -> float | None:
    try:
        return float(text2num(" ".join(t.t for t in toks), lang))
    except ValueError:
        return None


def _ord_value(tok: _Tok, lang: str) -> float | None:
    occ = find_numbers([tok], lang, 0.0)
    return float(occ[0].value) if len(occ) == 1 else None


def _split_occurrences(toks: list[_Tok], L: _Lang, occ: list) -> list:
    """Undo text2num joins a fraction needs: "six millions et deux | tiers" -> 6e6, 2;
    "quatre centièmes" (one ordinal, 400) -> quatre, centièmes (a fraction, 4/100)."""
    out = []
    for a, b, value, is_ord in occ:
        nxt = toks[b].t.lower() if b < len(toks) else ""
        if b - a >= 3 and (nxt in L.fracw or L.ord_word.search(nxt)):
            k = max((i for i in range(a + 1, b - 1) if toks[i].t.lower() in L.and_words), default=None)
            if k is not None:
                left, right = _t2n(toks[a:k], L.lang), _t2n(toks[k + 1:b], L.lang)
                if left is not None and right is not None:
                    out += [(a, k, left, False), (k + 1, b, right, False)]
                    continue
        last = toks[b - 1].t.lower()
        if b - a >= 2 and last.endswith("s") and L.ord_word.search(last) and last not in L.mult:
            num, den = _t2n(toks[a:b - 1], L.lang), _ord_value(toks[b - 1], L.lang)
            if num is not None and den and math.isclose(num * den, value):
                out += [(a, b - 1, num, False), (b - 1, b, den, True)]
                continue
        out.append((a, b, value, is_ord))
    return out


def _words(text: str, L: _Lang, reserved: list[tuple[int, int]]) -> tuple[list[_Num], list[_Tok]]:
    toks = _tokens(text, L, reserved, _candidates(text, L))
    out: list[_Num] = []
    if not toks:
        return out, toks
    occ = [(o.start, o.end, float(o.value), bool(o.is_ordinal)) for o in find_numbers(toks, L.lang, 0.0)]
    occ = _split_occurrences(toks, L, occ)
    used = {i for a, b, _, _ in occ for i in range(a, b)}
    for a, b, value, is_ord in occ:
        # a multiplier text2num does not read (trillion, lakh, French billion): one trillion
        if b < len(toks) and b not in used and toks[b].t.lower() in L.mult and not is_ord \
                and toks[b].t.lower() not in L.approx:
            value *= L.mult[toks[b].t.lower()]
            b += 1
        first, last = toks[a], toks[b - 1]
        n = _Num(first.s, last.e, value, "word")
        lt = last.t.lower()
        n.last = lt
        n.ordinal = is_ord or bool(L.ord_word.search(lt))
        n.plural = n.ordinal and lt.endswith("s")
        if lt in L.mult:
            n.mult = L.mult[lt]
        if b - a == 1 and first.t.lower() in L.articles:
            n.article = True
        out.append(n)
    for t in toks:
        lt = t.t.lower()
        if lt in L.fracw:
            out.append(_Num(t.s, t.e, 1.0 / L.fracw[lt], "frac", den=L.fracw[lt], last=lt))
        elif lt in L.approx:
            v, lo, hi = L.approx[lt]
            # no complement: "la quarantaine est obligatoire", "the final score" are no counts
            bare = lt in L.approx_need and not L.approx_comp_re.match(text, t.e)
            out.append(_Num(t.s, t.e, v, "approx", low=lo, high=hi, last=lt, bare=bare))
    return out, toks


# ----------------------------------------------------------------- joining

_ART_BEFORE = regex.compile(r"(?<![\p{L}])(?i:(a|an|un|une|la|le|l['’]))" + HSP + r"+$")


def _gap(text: str, a: _Num, b: _Num) -> str:
    return text[a.end:b.start]


def _is_space(g: str) -> bool:
    return g == "" or g.isspace() or g.strip() == "-"


def _join(text: str, L: _Lang, items: list[_Num]) -> list[_Num]:
    items.sort(key=lambda n: (n.start, -n.end))
    # approximate nouns: une trentaine, trois douzaines
    out: list[_Num] = []
    for n in items:
        if n.src == "approx":
            prev = out[-1] if out else None
            if prev is not None and prev.src in ("word", "digit") and not prev.ordinal and _is_space(_gap(text, prev, n)) \
                    and not (prev.article and L.lang == "fr") and not (n.bare and n.last in L.approx_never_mult):
                prev.value = prev.value * n.value
                prev.end = n.end
                if n.low != n.high and prev.article:
                    prev.low, prev.high = n.low, n.high
                    prev.qualifier = text[prev.start:n.end]
                prev.article = False
                prev.src = "word"
                continue
            if n.bare:
                continue
            if prev is not None and prev.article and _is_space(_gap(text, prev, n)):
                out.pop()
                n.start = prev.start
            else:
                m = _ART_BEFORE.search(text, 0, n.start)
                if m is None or m.start() < n.start - 8:
                    continue
                n.start = m.start(1)
            if n.low != n.high:
                n.qualifier = " ".join(text[n.start:n.end].split())
            else:
                n.low = n.high = None
            n.src = "word"
            out.append(n)
            continue
        out.append(n)
    items = out

    # fractions: numerator + ordinal / fraction word
    out = []
    for n in items:
        prev = out[-1] if out else None
        is_den = (n.src == "frac") or (n.src == "word" and n.ordinal and (n.value >= 3 or n.plural))
        if is_den and prev is not None and prev.src in ("word", "digit") and not prev.ordinal \
                and _is_space(_gap(text, prev, n)) and prev.value != 0:
            den = n.den if n.src == "frac" else n.value
            if prev.article and n.src != "frac" and not _fraction_tail(text, n.end, L):
                out.pop()  # "un troisième mandat": article + ordinal
                out.append(n)
                continue
            prev.value = prev.value / den
            prev.end, prev.src, prev.article, prev.mult = n.end, "fraction", False, 0.0
            continue
        if is_den and (n.src == "frac" or not n.plural):
            m = _ART_BEFORE.search(text, max(0, n.start - 6), n.start)
            if m and m.group(1).lower() in ("a", "an") and (n.src == "frac" or _fraction_tail(text, n.end, L)):
                den = n.den if n.src == "frac" else n.value
                n.value, n.start, n.src, n.ordinal = 1.0 / den, m.start(1), "fraction", False
                out.append(n)
                continue
        if n.src == "frac":
            # half alone is 0.5 (more than half); other fraction words count only when joined
            n.src = "fraction" if (n.den == 2 and L.lang == "en") else "frac-alone"
            out.append(n)
            continue
        out.append(n)
    items = out

    # fraction x multiplier (half million, un demi-million); whole + and + fraction; x sur y
    out = []
    for n in items:
        prev = out[-1] if out else None
        if prev is None:
            out.append(n)
            continue
        gap = _gap(text, prev, n)
        g = gap.strip().lower()
        if prev.src in ("fraction", "frac-alone") and n.src == "word" and n.mult and n.value == n.mult \
                and (_is_space(gap) or _fold_q(gap) in L.frac_mult_gap):
            prev.value *= n.mult
            prev.end, prev.src, prev.mult = n.end, "word", n.mult
            continue
        if n.src == "fraction" and prev.src in ("word", "digit") and not prev.ordinal and g in L.and_words \
                and n.value < 1 and (gap.startswith((" ", "\u00a0")) or gap == ""):
            prev.value = prev.value + n.value * (prev.mult if prev.mult >= 1000 else 1.0)
            prev.end, prev.article = n.end, False
            continue
        if n.src == "frac-alone" and prev.src in ("word", "digit") and g in L.and_words and n.den == 2:
            prev.value = prev.value + n.value * (prev.mult if prev.mult >= 1000 else 1.0)
            prev.end, prev.article = n.end, False
            continue
        if prev.src in ("word", "digit") and n.src in ("word", "digit") and not prev.ordinal and not n.ordinal and n.value:
            words_side = prev.src == "word" or n.src == "word"
            unit_after = L.dur_after.match(text, n.end) or L.cur_after.match(text, n.end) or L.cur_before.search(text, max(0, prev.start - 8), prev.start)
            if (g in L.frac_join or (g in L.frac_join_words and words_side)) and not unit_after:
                prev.value = prev.value / n.value
                prev.end, prev.src, prev.article = n.end, "fraction", False
                continue
            if L.lang == "en" and prev.mult and g in ("", "and") and n.value < prev.mult \
                    and not n.article:
                prev.value += n.value
                prev.end, prev.mult = n.end, n.mult
                continue
        out.append(n)
    # signs in words: minus five, negative one
    for n in out:
        if L.sign_words and n.src != "approx":
            m = L.sign_re.search(text, max(0, n.start - 12), n.start)
            if m:
                n.start, n.value, n.article = m.start(), -n.value, False
    return [n for n in out if n.src != "frac" and n.src != "frac-alone"]


def _fraction_tail(text: str, pos: int, L: _Lang) -> bool:
    """After "un cinquième" / "a fifth": end, punctuation or de/of/et/and (a share, not a rank)."""
    m = L.word_re.match(text, pos)
    if m is None:
        return True
    w = m.group(1).lower()
    return w in ("de", "des", "du", "d", "of", "et", "and", "sur", "over", "in") or w.startswith(("d'", "d’")) \
        or bool(_PUNCT_NEXT_RE.match(text[pos:pos + 3])) and not text[pos:pos + 1].isalpha()


# ----------------------------------------------------------------- classification

def _next_word(text: str, pos: int, L: _Lang) -> str | None:
    m = L.word_re.match(text, pos)
    return m.group(1) if m else None


def _prev_word(text: str, pos: int) -> str | None:
    m = _PREV_WORD_RE.search(text[max(0, pos - 30):pos])
    return m.group(1) if m else None


def _verbish(w: str, lang: str) -> bool:
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


def _np_words(text: str, pos: int, L: _Lang, starts: set[int]) -> list[tuple[str, int]]:
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
                or (_verbish(w, L.lang) and lw not in L.ly_nouns):
            break
        if lw in L.mult or lw in L.durations:
            break
        if words and L.lang == "fr" and w[0].isupper():
            break
        words.append((w, wm.end(1)))
        p = wm.end(1)
    return words


def _noun_phrase(text: str, pos: int, L: _Lang, starts: set[int]) -> tuple[str | None, str | None, int]:
    """(unit, subject, end of the head noun) of the counted noun phrase after ``pos``."""
    words = _np_words(text, pos, L, starts)
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


def _apply_qualifier(text: str, L: _Lang, n: _Num, row: dict[str, Any]) -> None:
    start = row["start"]
    m = L.qual_re.search(text, max(0, start - 40), start)
    if not m:
        return
    q = " ".join(m.group(0).split())
    kind = L.qual_kind.get(_fold_q(q))
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


def _keep_article(text: str, n: _Num, L: _Lang, starts: set[int]) -> bool:
    """Is a lone un/une/one/a a count here (before a unit or currency; English one + noun)?"""
    if n.value != 1 or text[n.start:n.end].lower() in ("a", "an"):
        return False
    nxt = L.dur_after.match(text, n.end) or L.cur_after.match(text, n.end)
    if nxt and not nxt.groupdict().get("link"):
        return True
    if L.lang == "en":
        pw = _prev_word(text, n.start)
        if pw and pw.lower() in L.article_before:
            return False
        w = _next_word(text, n.end, L)
        if w is None or text[n.end:n.end + 1] not in (" ", "\u00a0"):
            return False
        if w.lower() == "of":
            return False
        # one + a single noun, maybe after capitalised modifiers ("one soldier", "one Russian
        # soldier"); "one slim chance" (an adjective first) is the article-like one, not a count
        words = _np_words(text, n.end, L, starts)
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


def scan(ctx) -> list[dict[str, Any]]:
    """All numeric mentions of an article, classified (use :func:`mentions`)."""
    text = ctx.text
    L = LEX.get(ctx.lang) or LEX["fr"]
    blocked = alternation_spans(URL_BRANCHES, text)
    blocked += [m.span() for m in L.dates.finditer(text)]
    blocked += _scores(text, L)
    blocked.sort()
    items = _digits(text, L, blocked)
    vague = []
    for m in L.vagues.finditer(text):
        if _overlaps(blocked, *m.span()):
            continue
        key = _fold_q(m.group())
        spec = next((v for k, v in L.vague.items() if _fold_q(k) == key), None)
        if spec is None:
            continue
        s, e = m.span()
        tail = _VAGUE_TAIL_RE.search(m.group())
        if tail:
            e = s + tail.start()
        vague.append(_Num(s, e, spec[0], "vague", low=spec[1], high=spec[2], qualifier=" ".join(text[s:e].split())))
    reserved = blocked + [(n.start, n.end) for n in items] + [(n.start, n.end) for n in vague]
    words, _toks = _words(text, L, reserved)
    nums = _join(text, L, items + words) + vague
    nums.sort(key=lambda n: n.start)
    # spans where a number word is no ordinal ("premier ministre"): needed for ordinals only
    not_ord = [m.span() for m in L.not_ords.finditer(text)] if any(n.ordinal for n in nums) else []
    starts = {n.start for n in nums}
    rows: list[dict[str, Any]] = []
    last_end = -1
    for n in nums:
        if n.start < last_end:
            continue
        row = _classify(text, L, n, not_ord, starts)
        if row is None:
            continue
        if row["kind"] != "ordinal":
            _apply_qualifier(text, L, n, row)
        if not (isinstance(row["value"], float) and math.isfinite(row["value"])):
            continue
        rows.append(row)
        last_end = row["end"]
    return rows


def _classify(text: str, L: _Lang, n: _Num, not_ord, starts) -> dict[str, Any] | None:
    row: dict[str, Any] = {"start": n.start, "end": n.end, "kind": "quantity", "value": float(n.value),
                           "low": n.low, "high": n.high, "unit": None, "subject": None, "qualifier": n.qualifier}
    if n.article and not _keep_article(text, n, L, starts):
        return None
    if n.ordinal:
        if _overlaps(not_ord, n.start, n.end):
            return None
        if n.src == "word" and L.second_re.match(n.last or ""):
            pw = _prev_word(text, n.start)
            if _DIGIT_BEFORE_RE.search(text[max(0, n.start - 3):n.start]) or \
                    (pw and pw.lower() in ("de", "d", "of", "per", "par", "a", "une", "quelques", "few", "several", "plusieurs")):
                return None
        if n.src == "digit":
            w = _next_word(text, n.end, L)
            if w and (w.lower() in L.months or w in L.months):
                return None
        row.update(kind="ordinal")
        return row
    end = n.end
    # percent
    m = L.pct_after.match(text, end)
    if m:
        row.update(kind="percent", unit="pp" if m.group("pp") else "%", end=m.end())
        if row["unit"] == "%":
            _add_rate(text, L, row, row["end"])
        _, subj, _e = _noun_phrase(text, row["end"], L, starts)
        row["subject"] = subj
        return row
    m = L.bp_after.match(text, end)
    if m:
        row.update(kind="percent", unit="bp", end=m.end())
        _, subj, _e = _noun_phrase(text, row["end"], L, starts)
        row["subject"] = subj
        return row
    m = L.pct_before.search(text, max(0, n.start - 30), n.start)
    if m:
        row.update(kind="percent", unit="%", start=m.start())
        return row
    # money
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
            _add_rate(text, L, row, row["end"])
            row["subject"] = _noun_phrase(text, row["end"], L, starts)[1]
            return row
    if before:
        row.update(kind="money", unit=SYMBOLS[before.group("sym")], start=before.start())
        sc = L.scale_re.match(text, end) if not n.mult else None   # "$ 29.3 mil", "US$14b"
        if sc is not None:
            row["end"] = sc.end()
            _scale(row, L.money_scales[sc.group("sc").lower()])
        _add_rate(text, L, row, row["end"])
        row["subject"] = _noun_phrase(text, row["end"], L, starts)[1]
        return row
    # duration
    m = L.dur_after.match(text, end)
    if m and not n.article or m and n.article:
        if m:
            row.update(kind="duration", unit=L.durations[m.group("dur").lower()], end=m.end())
            return row
    # year (left to the date rules)
    if n.plain4 and 1800 <= n.value <= 2100:
        pw = _prev_word(text, n.start)
        if pw and (pw.lower() in L.year_before or pw.lower() in L.months or pw in L.months):
            return None
        unit, subj, _e = _noun_phrase(text, end, L, starts)
        if unit is None:
            return None
    # quantity
    if n.unit:
        row["unit"] = n.unit
        row["end"] = end + len(n.unit)
        return row
    unit, subj, head_end = _noun_phrase(text, end, L, starts)
    row.update(unit=unit, subject=subj)
    if unit is not None:
        row["end"] = head_end  # the span covers the counted noun: "100.000 soldats"
        words = _np_words(text, end, L, starts)
        if not _add_rate(text, L, row, head_end) and words and words[-1][1] > head_end:
            _add_rate(text, L, row, words[-1][1])   # "8 000 victimes civiles par jour"
    else:
        _add_rate(text, L, row, end)
    return row


def _scale(row: dict[str, Any], factor: float | None) -> None:
    if factor:
        for k in ("value", "low", "high"):
            if row.get(k) is not None:
                row[k] = row[k] * factor


def _add_rate(text: str, L: _Lang, row: dict[str, Any], pos: int) -> bool:
    """A rate right after ``pos`` ("par jour", "a year", "/hour") appends ``/<period>`` to the
    unit ("victime/jour", "USD/hour", "%/an") and extends the span."""
    r = L.rate_re.match(text, pos)
    if r is None:
        return False
    period = L.rate_unit.get(_fold_q(r.group("rate")))
    if period is None:
        return False
    row.update(unit=f"{row['unit'] or ''}/{period}", end=r.end())
    return True


def mentions(ctx, kind: str) -> Iterator[dict[str, Any]]:
    """The article's numeric mentions of one kind, as claim rows (scan shared per article)."""
    for row in ctx.memo("numbers", scan):
        if row["kind"] == kind:
            yield dict(row)
