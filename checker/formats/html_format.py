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


def chart_svg(chart: Mapping[str, Any]):
    """The ``<svg>`` markup of a chart of the view (subject, unit, points)."""
    import markupsafe

    from .svgchart import Point, value_chart

    points = [Point(**p) for p in chart["points"]]
    return markupsafe.Markup(value_chart(points, chart["subject"], chart["unit"]))


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


def render_report(result) -> str:
    """The self-contained HTML page of a finished check result."""
    from ..report_view import report_view

    return _environment().get_template("report.html.j2").render(**report_view(result))
