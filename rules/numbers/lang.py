"""The per-language grammar of the number scanner: ``rules/data/numbers_<lang>.yaml`` compiled.

:data:`LEX` gives a :class:`Lang` per language, compiled at its first use: the number-word
candidates, the digit grammar (``digit_forms``), the date forms set aside (``date_forms``), the
ordinal word endings, the words around a number (percent, currency, duration, rate, qualifier)
as patterns. Every word and every language-bound pattern lives in the data file; this module
only assembles them.
"""
from __future__ import annotations

import regex

from ..text import Scanner, alt, data, stopwords


LANGS = ("fr", "en")
HSP = r"[ \t\u00a0\u202f]"


def _alt(phrases) -> str:
    """A lexicon's phrases as one alternation (``text.alt``): numbers keep to horizontal
    spaces between the words of a phrase."""
    return alt(phrases, space=HSP + "+")


UNITS = data("units.yaml")
SUFFIXES: dict[str, float] = {k: float(v) for k, v in UNITS["suffixes"].items()}
SYMBOLS: dict[str, str] = UNITS["symbols"]
_SYM_ALT = "|".join(regex.escape(s) for s in sorted(SYMBOLS, key=lambda s: (-len(s), s)))
_SUF_ALT = "|".join(regex.escape(s) for s in sorted(SUFFIXES, key=lambda s: (-len(s), s)))


class Lang:
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
        self.articles = set(lx["one_articles"])
        self.words_cur: dict[str, str] = {k.lower(): v for k, v in UNITS["words"][lang].items()}
        self.qual_kind: dict[str, str] = {}
        for kind, words in lx["qualifiers"].items():
            for w in words:
                self.qual_kind[fold_q(w)] = kind
        self.sign_words = set(lx.get("sign_words") or [])
        self.frac_mult_gap = {fold_q(g) for g in lx.get("fraction_multiplier_gap") or []}
        self.approx_need = {w.lower() for w in lx.get("approx_need_complement") or []}
        self.approx_never_mult = {w.lower() for w in lx.get("approx_never_multiplied") or []}
        self.unit_alias = {k.lower(): v for k, v in (lx.get("unit_aliases") or {}).items()}
        self.not_counted = {w.lower().replace("’", "'") for w in lx.get("not_counted") or []}
        self.ly_nouns = {w.lower() for w in lx.get("ly_nouns") or []}
        self.score_words = {w.lower() for w in lx.get("score_words") or []}
        self.money_scales = {k.lower(): float(v) for k, v in (lx.get("money_scales") or {}).items()}

        self.dec = lx["decimal"]
        body = "|".join(f.replace("{sp}", HSP) for f in lx["digit_forms"])
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
        cased = lx.get("months_cased") or []
        mon = r"(?:(?i:" + _alt(months) + r")\.?" + ("|" + _alt(cased) if cased else "") + r")"
        date = "|".join(f.replace("{sp}", HSP).replace("{month}", mon) for f in lx["date_forms"])
        self.dates = Scanner(regex.compile(date), [*months, *cased], digits=True)
        # wire-style clock times (1300 GMT, 07.00 GMT): HHMM or HH.MM before a zone of
        # dates_*.yaml; a time (rule D03), never a number
        zones = [z for z, off in ((data(f"dates_{lang}.yaml") or {}).get("zones") or {}).items() if off is not None]
        self.wire_times = Scanner(regex.compile(
            r"(?<![\p{L}\p{N}_/:.,])(?:[01]\d|2[0-3])\.?[0-5]\d" + HSP + r"*(?i:" + (_alt(zones) or "(?!)") + r")(?![\p{L}\p{N}])"),
            (), digits=True)
        self.vagues = Scanner(regex.compile(r"(?<![\p{L}])(?i:" + _alt(self.vague) + r")"), self.vague, word_end=False)
        self.qual_re = regex.compile(r"(?<![\p{L}\p{N}])(?i:" + _alt(self.qual_kind) + r")" + HSP + r"*$")
        self.pct_after = regex.compile(
            HSP + r"*(?:(?P<pp>(?i:" + _alt(lx["points_after"]) + r"))|(?P<pct>(?i:" + _alt(lx["percent_after"]) + r")))(?![\p{L}])")
        self.pct_before = regex.compile(r"(?<![\p{L}])(?i:" + _alt(lx["percent_before"]) + r")" + HSP + r"*$")
        self.rate_unit = {fold_q(k): v for k, v in self.rates.items()}
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
        self.ord_word = regex.compile(r"(?i)" + lx["ordinal_word_end"] + r"$")
        self.second_re = regex.compile(r"(?i)^seconde?s?$")


def fold_q(s: str) -> str:
    return " ".join(s.lower().replace("’", "'").split())


class _Lexicons(dict):
    """``{lang: Lang}``, each language compiled at its first use (a French corpus never
    pays for the English patterns)."""

    def __missing__(self, lang: str) -> Lang:
        if lang not in LANGS:
            raise KeyError(lang)
        self[lang] = Lang(lang)
        return self[lang]

    def get(self, lang, default=None):
        return self[lang] if lang in LANGS else default
LEX = _Lexicons()
