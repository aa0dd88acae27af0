"""Job 2 of the scan: numbers written in digits.

The article's language's grouping (``digit_forms`` in ``rules/data/numbers_<lang>.yaml``),
signs, exponents (``1e10``, ``1,1^23``), fractions (``3/4``, ``2 1/4``, ``¾``), suffixes
(``12k``, ``3 Md€``), multiplier words (``1,5 million``) and ordinal suffixes (``3e``, ``21st``).
"""
from __future__ import annotations

import math
import unicodedata

import regex

from .lang import HSP, SUFFIXES, Lang
from .num import Num, Spans, overlaps


FRACTION_RE = regex.compile(
    r"(?<![\p{L}\p{N}/.,])(?:(?P<whole>\d+)" + HSP + r"+)?(?P<num>\d+)" + HSP + r"*/" + HSP + r"*(?P<den>\d+)(?![\p{N}/])"
    r"|(?:(?<![\p{L}\p{N}/.,])(?P<whole2>\d+)" + HSP + r"*)?(?P<vulgar>[¼½¾⅐⅑⅒⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞])"
)
_HSP_RE = regex.compile(HSP)
_DOT_GROUPS_RE = regex.compile(r"\d{1,3}(?:\.\d{3})+")
_FOUR_DIGITS_RE = regex.compile(r"\d{4}")
#: Beyond this power of ten a value is no float (10^309 overflows, 10^-400 is 0): the
#: exponent is not computed, the value is out of range (skipped with a note by the scan).
MAX_EXPONENT = 400


def scaled(v: float, exp: str) -> float:
    """``v`` times ten to the power ``exp`` (digits, maybe signed), bounded before it is
    computed: ``1e400`` is infinite (out of range), ``1e-400`` is 0; an exponent of any
    length costs the same."""
    digits = exp.lstrip("+-").lstrip("0") or "0"
    neg = exp.startswith("-")
    if len(digits) > 4 or int(digits) > MAX_EXPONENT:
        return 0.0 if neg or v == 0 else math.copysign(math.inf, v)
    e = -int(digits) if neg else int(digits)
    try:
        return v * 10.0 ** e
    except OverflowError:
        return math.copysign(math.inf, v)


def power(v: float, exp: str) -> float:
    """``v ^ exp`` (``1,1^23``), bounded: an overflow is infinite, ``0^-1`` is not a number
    (both out of range)."""
    try:
        return math.pow(v, float(exp))
    except OverflowError:
        return math.inf
    except (ValueError, ZeroDivisionError):
        return math.nan


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


def read_digits(text: str, L: Lang, blocked: list[tuple[int, int]]) -> list[Num]:
    out: list[Num] = []
    taken: list[tuple[int, int]] = []
    blocked = Spans(blocked)
    for m in FRACTION_RE.finditer(text):
        s, e = m.span()
        if overlaps(blocked, s, e):
            continue
        if m.group("vulgar"):
            v = unicodedata.numeric(m.group("vulgar"))
            w = m.group("whole2")
        else:
            den = float(m.group("den"))  # float: a digit run of any length (inf), no int limit
            if den == 0:
                continue
            v = float(m.group("num")) / den if math.isfinite(den) else math.nan  # out of range
            w = m.group("whole")
        if w:
            v += float(w)
        s2 = _sign(text, s)
        out.append(Num(s2, e, -v if s2 < s else v, "digit"))
        taken.append((s, e))
    taken = Spans(taken)
    for m in L.digit_re.finditer(text):
        s, e = m.span()
        if overlaps(blocked, s, e) or overlaps(taken, s, e):
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
            v = power(v, exp[1:]) if exp[0] == "^" else scaled(v, exp[1:])
        n = Num(s, e, v, "digit")
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
