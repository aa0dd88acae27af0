"""The ``recoupe`` command line: it parses the arguments and dispatches to the
command's module in :mod:`recoupe.checker.commands`. Heavy imports happen inside the
commands, so that ``recoupe --help`` answers at once. The CLI is the only place that
catches :class:`~recoupe.checker.errors.RecoupeError` (exit 2).

Exit status (:mod:`recoupe.checker.errors`): 0 fine, 1 discrepancies not covered by
the baseline (check), 2 usage or input error (wins over 1 and over ``--exit-zero``).
"""
from __future__ import annotations

import argparse
import sys
from typing import Sequence

from . import __version__
from .errors import EXIT_ERROR, EXIT_OK, RecoupeError, UsageError
from .formats import CHECK_FORMATS, CLAIM_FORMATS
from .vocab import SEVERITIES


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's usage error -> our exit 2, one line
        self.print_usage(sys.stderr)
        raise UsageError(message)


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", metavar="FILE", help="configuration file (default: [tool.recoupe] in pyproject.toml or recoupe.toml, searched upwards)")
    p.add_argument("--select", metavar="RULES", help="comma-separated rule ids or prefixes to run (replaces the configured set)")
    p.add_argument("--ignore", metavar="RULES", help="comma-separated rule ids or prefixes not to run")
    p.add_argument("--extend-select", metavar="RULES", help="comma-separated rule ids or prefixes to add")
    p.add_argument("--lang", metavar="LANG", help="language of articles that do not state one, e.g. fr (default: guessed)")
    p.add_argument("-q", "--quiet", action="store_true", help="no messages on standard error but errors")


def _add_no_cache(p: argparse.ArgumentParser) -> None:
    p.add_argument("--no-cache", action="store_true",
                   help="neither read nor write the cache of claims and findings (default: .recoupe_cache under the root)")


def _add_story_grouping(*parsers: argparse.ArgumentParser) -> None:
    for p in parsers:
        p.add_argument("--story-grouping", choices=("folder", "auto"),
                       help="how articles without an explicit story are grouped: by folder (default) or "
                       "auto, from the names, terms and dates they share (needs recoupe[stories])")


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be a positive whole number (got {value!r})")
    return n


def _add_scale(*parsers: argparse.ArgumentParser, executor: bool = True) -> None:
    for p in parsers:
        p.add_argument("-j", "--jobs", type=_jobs, metavar="N",
                       help="worker processes for extraction and comparison (default: the machine's cores; "
                       "small corpora run in one process)")
        if executor:
            p.add_argument("--executor", choices=("local", "dask"), default="local",
                           help="where batches run: local processes (default) or a Dask cluster (needs recoupe[dask])")
            p.add_argument("--scheduler", metavar="ADDRESS",
                           help="with --executor dask: the scheduler to use, e.g. tcp://10.0.0.5:8786 "
                           "(default: a local cluster of --jobs workers)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="recoupe",
        description="Cross-check the numbers, dates and roles that the articles of a story state, and report where they disagree.",
        epilog="Exit status: 0 nothing new, 1 new discrepancies (check), 2 usage or input error. "
        "Run 'recoupe COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"recoupe {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("extract", help="list the claims of a corpus", description="Extract every numeric and factual claim of the articles, normalised.")
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="folders of .txt/.md/.html articles or .jsonl corpora (default: the configured paths, else the project root)")
    p.add_argument("--format", "-f", choices=CLAIM_FORMATS, help="output format (default: jsonl)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    _add_no_cache(p)
    _add_common(p)

    p = sub.add_parser("check", help="report discrepancies between the articles of each story", description="Compare the claims of the articles of each story and report where they disagree. Exits 1 when a discrepancy is not in the baseline.")
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="folders of articles, article files or .jsonl corpora (default: the configured paths, else the project root)")
    p.add_argument("--format", "-f", choices=CHECK_FORMATS, help="output format (default: text, or the configured output-format)")
    p.add_argument("-o", "--output", metavar="[FORMAT=]FILE", action="append",
                   help="write to FILE instead of standard output; FORMAT=FILE writes that format there "
                   "(repeatable: one run writes every format a job needs; FILE - is standard output)")
    p.add_argument("--baseline", metavar="FILE", help="baseline of reviewed discrepancies (default: recoupe-baseline.json at the project root when it exists)")
    p.add_argument("--report-unused-suppressions", action="store_true",
                   help="list suppression comments that silenced nothing (on standard error) and fail on them")
    p.add_argument("--no-baseline", action="store_true", help="ignore any baseline")
    _add_no_cache(p)
    p.add_argument("--fail-on", choices=SEVERITIES, help="fail only on new discrepancies of this severity or worse (default: any)")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are new discrepancies (input errors still exit 2)")
    p.add_argument("--strict-baseline", action="store_true", help="fail when baseline entries no longer occur")
    p.add_argument("--statistics", action="store_true", help="print counts per rule and verdict on standard error")
    _add_common(p)

    p = sub.add_parser("baseline", help="record reviewed discrepancies", description="Write or update the baseline of known discrepancies.")
    bsub = p.add_subparsers(dest="baseline_command", metavar="ACTION", parser_class=_Parser)
    bw = bsub.add_parser("write", help="record the current discrepancies as known (keeps accepted entries and notes)")
    bw.add_argument("inputs", nargs="*", metavar="INPUT")
    bw.add_argument("--baseline", metavar="FILE", help="baseline file (default: recoupe-baseline.json)")
    _add_common(bw)
    ba = bsub.add_parser("accept", help="record an editor's decision on a discrepancy")
    ba.add_argument("id", metavar="ID", help="discrepancy id (or a unique prefix of it)")
    ba.add_argument("inputs", nargs="*", metavar="INPUT", help="corpus to look the id up in (default: the configured paths, else the project root)")
    ba.add_argument("--note", required=True, help="the editor's note")
    ba.add_argument("--status", default="accepted", choices=("accepted", "wontfix", "false-positive"), help="decision (default: accepted)")
    ba.add_argument("--baseline", metavar="FILE", help="baseline file (default: recoupe-baseline.json)")
    _add_common(ba)
    bi = bsub.add_parser("import", help="merge the decisions exported from the report's page into the baseline")
    bi.add_argument("file", metavar="FILE", help="decisions file (recoupe-decisions.json, from the report's Export button)")
    bi.add_argument("inputs", nargs="*", metavar="INPUT", help="corpus the decisions were made on (default: seeds/)")
    bi.add_argument("--baseline", metavar="FILE", help="baseline file (default: recoupe-baseline.json)")
    _add_common(bi)

    p = sub.add_parser("report", help="write the editors' report (HTML or Markdown)", description="Write a self-contained HTML page (or Markdown) of the discrepancies, story by story.")
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="folders of articles, article files or .jsonl corpora (default: the configured paths, else the project root)")
    p.add_argument("--format", "-f", choices=("html", "markdown"), default=None, help="report format (default: html)")
    p.add_argument("-o", "--output", metavar="FILE", help="output file, - for standard output (default: reports/recoupe-report.html or .md)")
    p.add_argument("--baseline", metavar="FILE", help="baseline to show reviewed entries from")
    _add_no_cache(p)
    p.add_argument("--report-lang", metavar="LANG", help="language of the report (default: the configuration's report-lang, else --lang, else the articles' majority language)")
    _add_common(p)

    p = sub.add_parser("rules", help="list the rules", description="List the rules with their ids, family, whether they run, and a summary.")
    p.add_argument("--format", "-f", choices=("table", "json"), default="table")
    _add_common(p)

    p = sub.add_parser("explain", help="print a rule's documentation", description="Print a rule's documentation and examples.")
    p.add_argument("rule", metavar="ID", help="rule id or name (N01, number.quantity)")
    _add_common(p)

    p = sub.add_parser("config", help="print the effective configuration", description="Print the effective configuration and where each value comes from.")
    p.add_argument("path", nargs="?", default=".", help="folder whose configuration to show (default: .)")
    _add_common(p)

    p = sub.add_parser("docs", help="regenerate docs/rules.md from the rules' docstrings")
    p.add_argument("-o", "--output", default="docs/rules.md", metavar="FILE")
    p.add_argument("--check", action="store_true", help="exit 1 if the file is out of date instead of writing it")
    _add_common(p)

    stories = sub.add_parser("stories", help="list which story each article belongs to", description="List each article with its story and where the story comes from (explicit, config, folder or auto).")
    stories.add_argument("inputs", nargs="*", metavar="INPUT", help="folders of articles, article files or .jsonl corpora (default: the configured paths, else the project root)")
    stories.add_argument("--format", "-f", choices=("text", "json"), default="text", help="output format (default: text)")
    stories.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    _add_common(stories)
    _add_story_grouping(*(sub.choices[c] for c in ("extract", "check", "report", "stories")), bw, ba)
    _add_scale(sub.choices["extract"], executor=False)
    _add_scale(sub.choices["check"], sub.choices["report"], bw, ba)
    return parser


def _err(msg: str) -> None:
    print(msg, file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as e:
        _err(f"recoupe: error: {e.message}")
        return EXIT_ERROR
    if not args.command:
        parser.print_help()
        return EXIT_OK
    if args.command == "baseline" and not getattr(args, "baseline_command", None):
        _err("recoupe baseline: error: name an action: write, accept or import")
        return EXIT_ERROR
    try:
        from . import commands

        return commands.get(args.command).run(args)
    except RecoupeError as e:
        _err(str(e))
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        _err("recoupe: interrupted")
        return 130
    except Exception as e:  # a bug of recoupe's own: one line, unless asked for the trace
        import os

        if os.environ.get("RECOUPE_DEBUG"):
            raise
        _err(f"recoupe: internal error: {type(e).__name__}: {e} (set RECOUPE_DEBUG=1 for the traceback; please report it)")
        return EXIT_ERROR
