"""A set of text spans asked "does ``[s, e)`` overlap one of you?" in logarithmic time.

The scanners set spans aside (furniture, dates, reserved numbers) and test every later
match against them; a scan of the whole list per match is quadratic in the article's
length (an article of dates and numbers). :class:`Spans` sorts the spans once and answers
with a bisection over their starts and the running maximum of their ends.
"""
from __future__ import annotations

import bisect
from collections.abc import Iterable
from itertools import accumulate


class Spans:
    """Half-open ``(start, end)`` spans, possibly overlapping or nested."""

    __slots__ = ("starts", "max_ends")

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.max_ends = list(accumulate((e for _, e in ordered), max))

    def overlaps(self, s: int, e: int) -> bool:
        """True when some span ``(a, b)`` has ``a < e and s < b``."""
        i = bisect.bisect_left(self.starts, e)  # the spans [:i] start before e
        return i > 0 and self.max_ends[i - 1] > s

    def holds(self, pos: int) -> bool:
        """True when some span ``(a, b)`` has ``a <= pos < b``."""
        return self.overlaps(pos, pos + 1)

    def __len__(self) -> int:
        return len(self.starts)
