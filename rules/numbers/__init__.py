"""The shared number scanner of the number rules (N01 quantity, N02 percent, N03 money,
N04 ordinal, D04 duration).

:func:`mentions` scans an article's text once (the shared scan ``"numbers"``, declared by N01,
read with ``ctx.scan``) for every numeric mention, in digits or in words, and classifies each
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

Where each job lives (one module each): ``furniture`` (1), ``digits`` (2), ``words`` (3, and
the vague plurals of 4), ``joining`` (3 and 4: one function per pass, run in order by
``join``), ``classify`` (5, one function per kind, asked in a fixed order), ``around`` (the
words around a number: counted noun, qualifier (6), rate), ``lang`` (the per-language grammar
from ``rules/data/numbers_<lang>.yaml``) and ``num`` (the record the passes hand on).
"""
from __future__ import annotations

import math
from typing import Any, Iterator

from .around import apply_qualifier
from .classify import classify
from .digits import read_digits
from .furniture import blocked_spans
from .joining import join
from .lang import LEX
from .num import Spans
from .words import read_words, vague_mentions

__all__ = ["scan", "mentions"]


def scan(ctx) -> list[dict[str, Any]]:
    """All numeric mentions of an article, classified (use :func:`mentions`)."""
    text = ctx.text
    L = LEX.get(ctx.lang) or LEX["fr"]
    blocked = blocked_spans(text, L)
    items = read_digits(text, L, blocked)
    vague = vague_mentions(text, L, blocked)
    reserved = blocked + [(n.start, n.end) for n in items] + [(n.start, n.end) for n in vague]
    words, _toks = read_words(text, L, reserved)
    nums = join(text, L, items + words) + vague
    nums.sort(key=lambda n: n.start)
    # spans where a number word is no ordinal ("premier ministre"): needed for ordinals only
    not_ord = Spans(m.span() for m in L.not_ords.finditer(text)) if any(n.ordinal for n in nums) else Spans(())
    starts = {n.start for n in nums}
    rows: list[dict[str, Any]] = []
    last_end = -1
    for n in nums:
        if n.start < last_end:
            continue
        row = classify(text, L, n, not_ord, starts)
        if row is None:
            continue
        if row["kind"] != "ordinal":
            apply_qualifier(text, L, n, row)
        if not (isinstance(row["value"], float) and math.isfinite(row["value"])):
            note = getattr(ctx, "note", None)
            if note is not None:
                shown = text[row["start"]:row["end"]]
                shown = shown if len(shown) <= 40 else shown[:40] + "…"
                note(row["start"], f"number out of range, skipped: {shown!r}")
            continue
        rows.append(row)
        last_end = row["end"]
    return rows


def mentions(ctx, kind: str) -> Iterator[dict[str, Any]]:
    """The article's numeric mentions of one kind, as claim rows (scan shared per article)."""
    for row in ctx.scan("numbers"):
        if row["kind"] == kind:
            yield dict(row)
