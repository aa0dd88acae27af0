"""``recoupe report``: the editors' report, one self-contained HTML page or its Markdown
twin, written to a file (default ``reports/recoupe-report.html`` or ``.md``) or to
standard output with ``-o -`` (a pull-request comment in CI).

Steps: :func:`.session.run_check` (load, extract, compare, baseline), then the
``render_report`` of :mod:`recoupe.checker.formats.html_format` or
:mod:`recoupe.checker.formats.markdown_format`.
"""
from __future__ import annotations

import argparse
import sys

from ..errors import EXIT_ERROR, EXIT_OK, UsageError
from .session import run_check, write

DEFAULT_OUTPUT = {"html": "reports/recoupe-report.html", "markdown": "reports/recoupe-report.md"}


def run(args: argparse.Namespace) -> int:
    from .. import formats

    if not hasattr(args, "no_baseline"):
        args.no_baseline = False
    fmt = getattr(args, "format", None) or "html"
    asked = getattr(args, "report_lang", None)
    if asked is not None:
        from ..formats.i18n import languages

        if asked not in languages():
            raise UsageError(f"--report-lang: {asked!r} is not a report language (allowed: {', '.join(languages())})")
    _session, result, loaded = run_check(args)
    settings = _session.settings
    lang = getattr(args, "report_lang", None) or settings.report_lang or getattr(args, "lang", None)
    text = formats.get(fmt).render_report(result, lang=lang, root_story=settings.root_story)
    output = getattr(args, "output", None) or DEFAULT_OUTPUT[fmt]
    write(text, None if output == "-" else output)  # "-": standard output (a PR comment in CI)
    if not getattr(args, "quiet", False) and output != "-":
        s = result.statistics()
        n = s["discrepancies"]
        print(f"recoupe: report written to {output} ({s['articles']} articles, {n} discrepanc{'y' if n == 1 else 'ies'})",
              file=sys.stderr)
    return EXIT_ERROR if loaded.errors else EXIT_OK
