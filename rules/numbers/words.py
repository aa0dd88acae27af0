"""Job 3 of the scan: numbers written in words, read by text2num.

``text_to_num.find_numbers`` reads the word tokens around the candidate number words only
(:func:`_tokens`: windows around ``Lang.cands``, reserved spans as one ``§`` token, hyphens
inside words split so ``Vingt-six`` reads as ``Vingt six``, French spellings fixed). Fraction
words and approximate nouns (``tiers``, ``trentaine``) become their own records for the joining
passes; :func:`vague_mentions` reads the vague plurals (``des milliers de``).
"""
from __future__ import annotations

import bisect
import math
import re
from itertools import accumulate

import regex
from text_to_num import find_numbers, text2num

from ..text import fold_key
from .lang import HSP, Lang, fold_q
from .num import Num, Spans, overlaps


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


def _window_tokens(text: str, L: Lang, a: int, b: int, rs: list[int], re_: list[int], toks: list[_Tok]) -> None:
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


def _article_may_count(text: str, s: int, e: int, L: Lang) -> bool:
    """Can the lone article ``text[s:e]`` (French ``un``/``une``) change the scan? Only when a
    word after or before it can join it (a number word, a joiner such as ``sur``/``et``), a
    unit or currency may follow (:func:`keep_article`), or anything but plain words and
    spaces stands next to it. Otherwise its occurrence is an article that
    :func:`classify` drops, which joins nothing: no need to tokenise around it. False
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


def _candidates(text: str, L: Lang) -> list[int]:
    """Where the number words that may change the scan start: ``L.cands`` less the lone
    articles :func:`_article_may_count` rules out."""
    arts = _LONE_ARTICLES.get(L.lang)
    out = []
    for m in L.cands.finditer(text):
        s, e = m.span()
        if arts is None or e - s > 3 or m.group().lower() not in arts or _article_may_count(text, s, e, L):
            out.append(s)
    return out


def _tokens(text: str, L: Lang, reserved: list[tuple[int, int]], cands: list[int] | None = None) -> list[_Tok]:
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
    edges = _Edges(text)
    # windows in characters around each candidate, on whitespace (a token boundary), merged
    wins: list[list[int]] = []
    for c in cands:
        a, b = edges.left(c - _PAD), edges.right(c + _PAD)
        if wins and a <= wins[-1][1]:
            wins[-1][1] = max(wins[-1][1], b)
        else:
            wins.append([a, b])
    toks: list[_Tok] = []
    marks: list[int] = []  # len(toks) before each window
    i = 0
    pad = _PAD  # how far the current window grows: doubled at each growth, so that a window
    # that must reach past a long run of reserved spans (one "§" token) is tokenised
    # O(log) times, not once per _PAD characters
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
                a = edges.left(a - pad)
            if grow_right:
                b = edges.right(b + pad)
            pad *= 2
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
        pad = _PAD
    return toks


class _Edges:
    """Token boundaries on whitespace, found by bisection over the text's whitespace
    positions (computed once): walking to the next space from every number word is
    quadratic in a text without spaces."""

    __slots__ = ("n", "spaces")

    def __init__(self, text: str):
        self.n = len(text)
        self.spaces = [m.start() for m in _SPACE_RE.finditer(text)]

    def left(self, pos: int) -> int:
        """``pos`` moved left to just after a whitespace character (or to 0)."""
        if pos <= 0:
            return 0
        i = bisect.bisect_right(self.spaces, pos - 1)
        return self.spaces[i - 1] + 1 if i else 0

    def right(self, pos: int) -> int:
        """``pos`` moved right to a whitespace character (or to the end)."""
        if pos >= self.n:
            return self.n
        i = bisect.bisect_left(self.spaces, pos)
        return self.spaces[i] if i < len(self.spaces) else self.n


#: ``\s`` of ``re`` is ``str.isspace``.
_SPACE_RE = re.compile(r"\s")


def _t2n(toks: list[_Tok], lang: str) -> float | None:
    try:
        return float(text2num(" ".join(t.t for t in toks), lang))
    except ValueError:
        return None


def _ord_value(tok: _Tok, lang: str) -> float | None:
    occ = find_numbers([tok], lang, 0.0)
    return float(occ[0].value) if len(occ) == 1 else None


def _split_occurrences(toks: list[_Tok], L: Lang, occ: list) -> list:
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


def read_words(text: str, L: Lang, reserved: list[tuple[int, int]]) -> tuple[list[Num], list[_Tok]]:
    toks = _tokens(text, L, reserved, _candidates(text, L))
    out: list[Num] = []
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
        n = Num(first.s, last.e, value, "word")
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
            out.append(Num(t.s, t.e, 1.0 / L.fracw[lt], "frac", den=L.fracw[lt], last=lt))
        elif lt in L.approx:
            v, lo, hi = L.approx[lt]
            # no complement: "la quarantaine est obligatoire", "the final score" are no counts
            bare = lt in L.approx_need and not L.approx_comp_re.match(text, t.e)
            out.append(Num(t.s, t.e, v, "approx", low=lo, high=hi, last=lt, bare=bare))
    return out, toks
_VAGUE_TAIL_RE = regex.compile(HSP + r"+(?i:de|of)$|" + HSP + r"+(?i:d['’])$")


def vague_mentions(text: str, L: Lang, blocked: list[tuple[int, int]]) -> list[Num]:
    """Vague plurals (``des milliers de`` 2000 in [2000, 9999]), the value their low end."""
    vague = []
    blocked = Spans(blocked)
    for m in L.vagues.finditer(text):
        if overlaps(blocked, *m.span()):
            continue
        key = fold_q(m.group())
        spec = next((v for k, v in L.vague.items() if fold_q(k) == key), None)
        if spec is None:
            continue
        s, e = m.span()
        tail = _VAGUE_TAIL_RE.search(m.group())
        if tail:
            e = s + tail.start()
        vague.append(Num(s, e, spec[0], "vague", low=spec[1], high=spec[2], qualifier=" ".join(text[s:e].split())))
    return vague
