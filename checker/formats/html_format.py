"""The editors' report as one self-contained HTML page (``recoupe report``).

:func:`render_report` fills ``checker/templates/report.html.j2`` with the plain values
of :func:`recoupe.checker.report_view.report_view` (Jinja2, autoescape on: article
text, metadata and baseline notes are untrusted). The charts are inline SVG built by
:mod:`.svgchart`, which escapes every label.

The page loads nothing: a Content-Security-Policy forbids every network load, the
styles and the small filter script are inline. It carries no timestamp: the same
inputs give the same bytes, whatever the order of the files.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def chart_svg(chart: Mapping[str, Any], fmt=None, undated: str = "undated"):
    """The ``<svg>`` markup of a chart of the view (subject, unit, points), its numbers
    formatted by ``fmt`` (the report's language)."""
    import markupsafe

    from .svgchart import Point, value_chart

    points = [Point(**p) for p in chart["points"]]
    return markupsafe.Markup(value_chart(points, chart["subject"], chart["unit"], fmt, undated))


def _environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["svg"] = chart_svg  # built by svgchart, which escapes every label
    return env


LAZY_ABOVE = 150  # discrepancies: above, each one's claims are built by the script when opened


def _utf16(text: str) -> int:
    """The length of ``text`` as the page's script counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def _lazy_data(view: Mapping[str, Any]) -> dict[str, Any]:
    """The claims of every discrepancy as compact JSON, for a large report: each string
    once in ``s`` (sentences, readings, qualifiers, attributions), each article once in
    ``a`` (``st``: each story's, by date), each claim as [article, line, sentence, mark start, mark length, read as,
    qualifier, attribution] (indexes; -1 for none). Large reports draw no chart (at 3 000
    articles the charts alone weighed 3 MB)."""
    strings: dict[str, int] = {}
    arts: dict[str, int] = {}
    art_rows: list[dict[str, Any]] = []

    def sid(x: str | None) -> int:
        return -1 if not x else strings.setdefault(x, len(strings))

    def art(a: Mapping[str, Any]) -> int:
        if a["id"] not in arts:
            arts[a["id"]] = len(art_rows)
            art_rows.append({**{k: a.get(k) for k in ("id", "label", "link", "source")},
                             "date": view["t"].date(a["date"], short=True) if a.get("date") else None})
        return arts[a["id"]]

    out: dict[str, Any] = {}
    stories: dict[str, list[int]] = {}
    for story in view["stories"]:
        stories[story["name"]] = [art(a) for a in story["articles"]]
        for d in story["discrepancies"]:
            rows = []
            for c in d["claims"]:
                hl = c["hl"]
                rows.append([art({**c["article"], "id": c["doc"]}), c["line"], sid(hl["before"] + hl["mark"] + hl["after"]),
                             _utf16(hl["before"]), _utf16(hl["mark"]), sid(c["read_as"]), sid(c["qualifier"]),
                             sid(c["attribution"])])
            out[d["id"]] = {"c": rows, "x": d["explanation"], "r": d["rule"]}  # no chart: too big at scale
    return {"s": list(strings), "a": art_rows, "d": out, "st": stories}


def render_report(result, lang: str | None = None, root_story: str | None = None) -> str:
    """The self-contained HTML page of a finished check result, in ``lang`` (else the
    articles' majority language)."""
    from ..report_view import report_view

    view = report_view(result, lang, root_story)
    lazy = view["stats"]["discrepancies"] > LAZY_ABOVE
    return _environment().get_template("report.html.j2").render(
        **view, lazy=lazy, lazy_data=_lazy_data(view) if lazy else None)
