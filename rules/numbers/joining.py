"""Job 4 of the scan: numbers next to each other joined into one.

:func:`join` runs the passes in order, each over the records the previous one left:
approximate nouns (``une trentaine``, ``trois douzaines``), fractions (``trois cinquièmes``,
``a fifth``), links (fraction times multiplier ``half a million``, whole plus fraction ``five and
a quarter``, ``1 sur 3``, English chains ``3 hundred and 21``), then signs in words (``minus
five``).
"""
from __future__ import annotations

import regex

from .lang import HSP, Lang, fold_q
from .num import Num


_PUNCT_NEXT_RE = regex.compile(r"[ \t]*[^\s\p{L}]")
_ART_BEFORE = regex.compile(r"(?<![\p{L}])(?i:(a|an|un|une|la|le|l['’]))" + HSP + r"+$")


def _gap(text: str, a: Num, b: Num) -> str:
    return text[a.end:b.start]


def _is_space(g: str) -> bool:
    return g == "" or g.isspace() or g.strip() == "-"


def join(text: str, L: Lang, items: list[Num]) -> list[Num]:
    """The numbers once the joining passes have run, in order, each over what the one before
    left; fraction words that joined nothing are dropped."""
    items.sort(key=lambda n: (n.start, -n.end))
    items = approx_nouns(text, L, items)
    items = fractions(text, L, items)
    items = links(text, L, items)
    signs(text, L, items)
    return [n for n in items if n.src != "frac" and n.src != "frac-alone"]


def approx_nouns(text: str, L: Lang, items: list[Num]) -> list[Num]:
    """Approximate nouns: ``une trentaine`` (30 in [25, 35]), ``trois douzaines`` (36); a bare
    noun that needs its complement (``la quarantaine``) is dropped."""
    out: list[Num] = []
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
    return out


def fractions(text: str, L: Lang, items: list[Num]) -> list[Num]:
    """Numerator and ordinal or fraction word: ``trois cinquièmes`` 0.6, ``a fifth``, ``un demi``;
    ``un troisième mandat`` stays a rank."""
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
    return out


def links(text: str, L: Lang, items: list[Num]) -> list[Num]:
    """Fraction times multiplier (``half a million``, ``un demi-million``), whole and fraction
    (``five and a quarter``, ``3 millions et demi``), ``1 sur 3`` / ``one over three``, English
    chains (``3 hundred and 21``)."""
    out = []
    for n in items:
        prev = out[-1] if out else None
        if prev is None:
            out.append(n)
            continue
        gap = _gap(text, prev, n)
        g = gap.strip().lower()
        if prev.src in ("fraction", "frac-alone") and n.src == "word" and n.mult and n.value == n.mult \
                and (_is_space(gap) or fold_q(gap) in L.frac_mult_gap):
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
    return out


def signs(text: str, L: Lang, items: list[Num]) -> None:
    """Signs in words (``minus five``, ``negative one``), in place."""
    for n in items:
        if L.sign_words and n.src != "approx":
            m = L.sign_re.search(text, max(0, n.start - 12), n.start)
            if m:
                n.start, n.value, n.article = m.start(), -n.value, False


def _fraction_tail(text: str, pos: int, L: Lang) -> bool:
    """After "un cinquième" / "a fifth": end, punctuation or de/of/et/and (a share, not a rank)."""
    m = L.word_re.match(text, pos)
    if m is None:
        return True
    w = m.group(1).lower()
    return w in ("de", "des", "du", "d", "of", "et", "and", "sur", "over", "in") or w.startswith(("d'", "d’")) \
        or bool(_PUNCT_NEXT_RE.match(text[pos:pos + 3])) and not text[pos:pos + 1].isalpha()
