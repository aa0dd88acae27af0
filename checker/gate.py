"""``recoupe check`` (the CI gate) and ``recoupe baseline write|accept``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .cli import EXIT_ERROR, EXIT_FOUND, EXIT_OK
from .errors import BaselineError, RecoupeError


def run_check(args: argparse.Namespace, use_baseline: bool = True):
    """Load, extract, compare, apply the baseline. Returns (session, result, loaded)."""
    from .check import check_articles, with_baseline
    from .commands import Session, _inputs
    from .progress import Progress

    session = Session.open(args)
    loaded = session.load(_inputs(args))
    baseline = None
    if use_baseline and not getattr(args, "no_baseline", False):
        baseline = _baseline_for(args, session.settings, required=False)
    result = check_articles(loaded.articles, session.registry, session.selection, session.settings,
                            Progress(len(loaded.articles), "checking"))
    for note in result.notes:
        print(note, file=sys.stderr)
    result.inputs = list(_inputs(args))
    result.errors = [str(e) for e in loaded.errors]
    if baseline is not None:
        result = with_baseline(result, baseline)
    return session, result, loaded


def _baseline_path(args: argparse.Namespace, settings) -> tuple[str, bool]:
    """The baseline path, and whether the user named it (then it must exist)."""
    if getattr(args, "baseline", None):
        return args.baseline, True
    return settings.baseline, settings.origins.get("baseline", "default") != "default"


def _baseline_for(args: argparse.Namespace, settings, required: bool):
    from .baseline import read_baseline

    path, named = _baseline_path(args, settings)
    if not named and not required and not Path(path).exists():
        return None
    return read_baseline(path)


def cmd_check(args: argparse.Namespace) -> int:
    from . import formats
    from .check import fails
    from .commands import _write

    session, result, loaded = run_check(args)
    fmt = args.format or session.settings.output_format
    _write(formats.get(fmt).render_check(result), args.output)
    quiet = getattr(args, "quiet", False)
    for e in result.fixed:
        if not quiet or args.strict_baseline:
            print(f"{result.baseline_path}: fixed: {e['id']} ({e['rule']} {e['story']} '{e['subject']}') no longer occurs", file=sys.stderr)
    if args.statistics:
        _print_statistics(result)
    elif not quiet:
        s = result.statistics()
        known = f", {s['known']} known" if result.baseline_path else ""
        print(f"recoupe: {s['articles']} articles, {s['claims']} claims, {s['new']} new discrepancies{known}", file=sys.stderr)
    if loaded.errors:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_OK
    if fails(result, args.fail_on) or (args.strict_baseline and result.fixed):
        return EXIT_FOUND
    return EXIT_OK


def _print_statistics(result) -> None:
    from tabulate import tabulate

    s = result.statistics()
    rows = [["articles", s["articles"]], ["stories", s["stories"]], ["claims", s["claims"]],
            ["discrepancies", s["discrepancies"]], ["new", s["new"]], ["known", s["known"]], ["fixed", s["fixed"]]]
    rows += [[f"rule {k}", v] for k, v in s["by_rule"].items()]
    rows += [[f"verdict {k}", v] for k, v in s["by_verdict"].items()]
    rows += [[f"severity {k}", v] for k, v in s["by_severity"].items()]
    print(tabulate(rows, headers=["count", "n"], tablefmt="simple"), file=sys.stderr)


def cmd_baseline(args: argparse.Namespace) -> int:
    from .baseline import accept, merged, read_baseline, write_baseline

    session, result, loaded = run_check(args, use_baseline=False)
    path, _ = _baseline_path(args, session.settings)
    old = read_baseline(path) if Path(path).exists() else None
    if loaded.errors:
        # a bad file must never lose a reviewed decision: do not rewrite from a partial corpus
        raise BaselineError("not written: fix the input errors above first (a partial corpus would drop entries)", path)
    if args.baseline_command == "write":
        entries = merged(old, result.discrepancies)
        write_baseline(path, entries)
        print(f"{path}: {len(entries)} entries written", file=sys.stderr)
        return EXIT_OK
    matches = [d for d in result.discrepancies if d.id.startswith(args.id)]
    known = [e for e in (old.entries if old else []) if e["id"].startswith(args.id)]
    ids = {d.id for d in matches} | {e["id"] for e in known}
    if len(ids) > 1:
        raise RecoupeError(f"id prefix {args.id!r} is ambiguous: {', '.join(sorted(ids)[:5])}")
    if not ids:
        raise RecoupeError(f"no discrepancy with id {args.id!r} in the corpus or the baseline")
    entry_id = ids.pop()
    d = next((x for x in matches if x.id == entry_id), None)
    entries = accept(old, d, entry_id, args.note, args.status)
    write_baseline(path, entries)
    print(f"{path}: {entry_id} recorded as {args.status}", file=sys.stderr)
    return EXIT_OK


HANDLERS = {"check": cmd_check, "baseline": cmd_baseline}
