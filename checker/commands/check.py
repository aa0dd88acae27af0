"""``recoupe check``: the CI gate. Compare the claims of each story, apply the baseline,
write the discrepancies in a check format; exit 1 on a new discrepancy (see ``--fail-on``,
``--strict-baseline``, ``--exit-zero``)."""
from __future__ import annotations

import argparse
import sys

from ..errors import EXIT_ERROR, EXIT_FOUND, EXIT_OK
from .session import run_check, write_check


def run(args: argparse.Namespace) -> int:
    from .. import formats
    from ..compare import fails

    session, result, loaded = run_check(args, keep_claims=False)  # no format of check reads the claims
    fmt = args.format or session.settings.output_format
    for out_fmt, path in outputs(args.output, fmt):
        write_check(formats.get(out_fmt), result, None if path == "-" else path)
    quiet = getattr(args, "quiet", False)
    for e in result.fixed:
        if not quiet or args.strict_baseline:
            print(f"{result.baseline_path}: fixed: {e['id']} ({e['rule']} {e['story']} '{e['subject']}') no longer occurs", file=sys.stderr)
    if args.statistics:
        print_statistics(result)
    elif not quiet:
        s = result.statistics()
        known = f", {s['known']} known" if result.baseline_path else ""
        print(f"recoupe: {s['articles']} articles, {s['claims']} claims, {s['new']} new discrepancies{known}", file=sys.stderr)
    unused = result.unused_suppressions if args.report_unused_suppressions else []
    for path, s in unused:
        what = ", ".join(s.rules) or "every rule"
        print(f"{path}:{s.line}: unused suppression ({what}): it silences no discrepancy", file=sys.stderr)
    if loaded.errors:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_OK
    if fails(result, args.fail_on) or (args.strict_baseline and result.fixed) or unused:
        return EXIT_FOUND
    return EXIT_OK


def outputs(values: list[str] | None, fmt: str) -> list[tuple[str, str]]:
    """``(format, file)`` pairs from the ``-o`` values (``FILE`` or ``FORMAT=FILE``);
    standard output in ``fmt`` when none is given."""
    from ..errors import UsageError
    from ..formats import CHECK_FORMATS

    out = []
    for v in values or []:
        name, sep, path = v.partition("=")
        if sep and name in CHECK_FORMATS:
            out.append((name, path or "-"))
        elif sep and "/" not in name and "." not in name:
            raise UsageError(f"--output {v}: {name!r} is not a format (allowed: {', '.join(CHECK_FORMATS)})")
        else:
            out.append((fmt, v))
    return out or [(fmt, "-")]


def print_statistics(result) -> None:
    """Counts per rule, verdict and severity, on standard error (``--statistics``)."""
    from tabulate import tabulate

    s = result.statistics()
    rows = [["articles", s["articles"]], ["stories", s["stories"]], ["claims", s["claims"]],
            ["discrepancies", s["discrepancies"]], ["new", s["new"]], ["known", s["known"]], ["fixed", s["fixed"]]]
    rows += [[f"rule {k}", v] for k, v in s["by_rule"].items()]
    rows += [[f"verdict {k}", v] for k, v in s["by_verdict"].items()]
    rows += [[f"severity {k}", v] for k, v in s["by_severity"].items()]
    print(tabulate(rows, headers=["count", "n"], tablefmt="simple"), file=sys.stderr)
