"""A small inline SVG chart of one subject's value per article (no script, no library).

:func:`value_chart` takes one point per claim, already ordered (the report orders
articles by date, undated last), and returns an ``<svg>`` element as text: one
column per article, a dot for the value and, when the wording gives an interval
(``près de 100 000`` is [90 000, 100 000]), a vertical error bar; an open end
(``plus de 300``) runs dashed to the edge of the plot. Points that are members of
the discrepancy are filled, other claims of the same subject are hollow.

Every label is escaped here, since titles and sources come from the articles; the
output is deterministic (coordinates rounded, no ids or random numbers).
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH_PER_ARTICLE = 78
MIN_WIDTH = 300
HEIGHT = 190
LEFT, RIGHT, TOP, BOTTOM = 64, 14, 16, 46
LABEL_CHARS = 13


@dataclass(frozen=True)
class Point:
    """One claim on the chart."""

    article: str  # article id: one column per distinct id, in order of first appearance
    label: str  # short label under the column (title, source or id)
    date: str | None  # ISO date, shown under the label
    value: float
    low: float | None = None  # None: open end (or no interval when equal to value)
    high: float | None = None
    text: str = ""  # the claim's surface text, for the tooltip
    member: bool = True  # part of the discrepancy (filled) or another claim (hollow)


def _num(x: float) -> str:
    """A compact, locale-neutral number label: thousands separated by a thin space."""
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return "?"
    if float(x).is_integer():
        return f"{int(x):,}".replace(",", "\u202f")
    if abs(x) >= 100:
        return f"{x:,.0f}".replace(",", "\u202f")
    return f"{x:.3g}"


def _c(x: float) -> str:
    """A coordinate, rounded for stable output."""
    r = round(float(x), 1)
    return str(int(r)) if r.is_integer() else str(r)


def _short(s: str, n: int = LABEL_CHARS) -> str:
    s = " ".join(str(s).split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _finite(x) -> bool:
    return x is not None and isinstance(x, (int, float)) and math.isfinite(x)


def value_chart(points: Sequence[Point], title: str, unit: str | None = None, fmt=None,
                undated: str = "undated") -> str:
    """The chart as an ``<svg>`` element (escaped text); empty string without points.
    ``fmt`` formats the numbers (ticks, tips) for the report's language."""
    num = fmt or _num
    points = [p for p in points if _finite(p.value)]
    if not points:
        return ""
    columns: list[str] = []
    for p in points:
        if p.article not in columns:
            columns.append(p.article)
    n = len(columns)
    width = max(MIN_WIDTH, LEFT + RIGHT + n * WIDTH_PER_ARTICLE)
    plot_w, plot_h = width - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    ys = [p.value for p in points] + [v for p in points for v in (p.low, p.high) if _finite(v)]
    lo, hi = min(ys), max(ys)
    if lo == hi:
        pad = abs(lo) * 0.1 or 1.0
    else:
        pad = (hi - lo) * 0.12
    lo, hi = lo - pad, hi + pad
    if min(ys) >= 0 > lo:
        lo = 0.0  # counts never go below zero

    def y(v: float) -> float:
        return TOP + plot_h * (1 - (v - lo) / (hi - lo))

    def x(i: int) -> float:
        return LEFT + plot_w * (i + 0.5) / n

    label = f"{title}: value per article" + (f" ({unit})" if unit else "")
    out = [
        (f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{HEIGHT}" '
         f'viewBox="0 0 {width} {HEIGHT}" role="img" aria-label="{escape(label)}">'),
        f"<title>{escape(label)}</title>",
    ]
    # axis and three gridlines
    for v in (min(ys), (min(ys) + max(ys)) / 2, max(ys)) if min(ys) != max(ys) else (min(ys),):
        yy = _c(y(v))
        out.append(f'<line class="grid" x1="{LEFT}" y1="{yy}" x2="{width - RIGHT}" y2="{yy}"/>')
        out.append(f'<text class="tick" x="{LEFT - 6}" y="{yy}" text-anchor="end" dominant-baseline="middle">{escape(num(v))}</text>')
    out.append(f'<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}"/>')
    out.append(f'<line class="axis" x1="{LEFT}" y1="{TOP + plot_h}" x2="{width - RIGHT}" y2="{TOP + plot_h}"/>')

    per_col: dict[str, list[Point]] = {}
    for p in points:
        per_col.setdefault(p.article, []).append(p)
    for i, art in enumerate(columns):
        ps = per_col[art]
        first = ps[0]
        cx = x(i)
        out.append(f'<text class="lab" x="{_c(cx)}" y="{TOP + plot_h + 16}" text-anchor="middle">'
                   f'<title>{escape(first.label)}</title>{escape(_short(first.label))}</text>')
        out.append(f'<text class="date" x="{_c(cx)}" y="{TOP + plot_h + 31}" text-anchor="middle">'
                   f'{escape(first.date or undated)}</text>')
        k = len(ps)
        for j, p in enumerate(ps):
            px = cx + (j - (k - 1) / 2) * 10  # several claims of one article side by side
            tip = f"{p.label}: {p.text or num(p.value)} = {num(p.value)}"
            low_open = p.low is None and p.high is not None
            high_open = p.high is None and p.low is not None
            if _finite(p.low) or _finite(p.high) or low_open or high_open:
                y_lo = y(p.low) if _finite(p.low) else TOP + plot_h
                y_hi = y(p.high) if _finite(p.high) else TOP
                if _finite(p.low) and _finite(p.high) and p.low == p.high:
                    pass
                else:
                    lo_txt = num(p.low) if _finite(p.low) else "…"
                    hi_txt = num(p.high) if _finite(p.high) else "…"
                    tip += f" [{lo_txt}, {hi_txt}]"
                    if _finite(p.low) and _finite(p.high):
                        out.append(f'<line class="err" x1="{_c(px)}" y1="{_c(y_lo)}" x2="{_c(px)}" y2="{_c(y_hi)}"/>')
                    else:  # open end: solid to the value, dashed to the edge
                        yv = y(p.value)
                        solid_end = y_lo if _finite(p.low) else y_hi
                        open_end = y_hi if _finite(p.low) else y_lo
                        out.append(f'<line class="err" x1="{_c(px)}" y1="{_c(solid_end)}" x2="{_c(px)}" y2="{_c(yv)}"/>')
                        out.append(f'<line class="err open" x1="{_c(px)}" y1="{_c(yv)}" x2="{_c(px)}" y2="{_c(open_end)}"/>')
                    for ye in ((y_lo,) if _finite(p.low) else ()) + ((y_hi,) if _finite(p.high) else ()):
                        out.append(f'<line class="err" x1="{_c(px - 4)}" y1="{_c(ye)}" x2="{_c(px + 4)}" y2="{_c(ye)}"/>')
            cls = "pt" if p.member else "pt other"
            out.append(f'<circle class="{cls}" cx="{_c(px)}" cy="{_c(y(p.value))}" r="4.5"><title>{escape(tip)}</title></circle>')
    out.append("</svg>")
    return "".join(out)
