"""Job 1 of the scan: page furniture, dates, clock times and scores, set aside.

:func:`blocked_spans` gives the spans no number may overlap: URLs (``pic.twitter.com/...``),
``@handles``, ``#hashtags``, tweet datelines, list numbers at the start of a line, clock times
and numeric dates (one regex branch at a time, :func:`alternation_spans`), written dates (the
language's ``date_forms``; they belong to the date rules) and sports scores or vote tallies
(``won 3-1``, ``a 5-4 vote``) and wire-style clock times before a zone of ``dates_*.yaml``
(``1300 GMT``, ``07.00 GMT``: rule D03 reads them).
"""
from __future__ import annotations

import regex

from .lang import HSP, Lang


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


def _scores(text: str, L: Lang) -> list[tuple[int, int]]:
    out = []
    for m in SCORE_RE.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        near = _WORD.findall(text[max(0, m.start() - 25):m.start()])[-3:] + _WORD.findall(text[m.end():m.end() + 20])[:2]
        if a >= b or any(w.lower() in L.score_words for w in near):
            out.append(m.span())
    return out


def blocked_spans(text: str, L: Lang) -> list[tuple[int, int]]:
    """The sorted spans no number may overlap: furniture, clock times, dates, scores."""
    blocked = alternation_spans(URL_BRANCHES, text)
    blocked += [m.span() for m in L.dates.finditer(text)]
    blocked += [m.span() for m in L.wire_times.finditer(text)]
    blocked += _scores(text, L)
    blocked.sort()
    return blocked
