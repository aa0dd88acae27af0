"""The number record the scanner's passes hand on, and the span test they share.

A :class:`Num` is a number found in the text before classification: its span, value, where
it came from (``src``: ``digit``, ``word``, ``frac``, ``approx``, ``vague``, ``fraction``)
and what the later passes need to know about it (ordinal, multiplier, lone article ...).
"""
from __future__ import annotations

from .._spans import Spans


class Num:
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


def overlaps(spans: "Spans", s: int, e: int) -> bool:
    """Does ``[s, e)`` overlap one of ``spans`` (a :class:`Spans`: a bisection, not a scan)?"""
    return spans.overlaps(s, e)
