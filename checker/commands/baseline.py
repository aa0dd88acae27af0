"""``recoupe baseline write|accept|import``: record the reviewed discrepancies (``import``:
the decisions an editor exported from the report's page)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import EXIT_FOUND, EXIT_OK, BaselineError, RecoupeError
from .session import baseline_path, run_check


def run(args: argparse.Namespace) -> int:
    from ..baseline import locked, merged, read_baseline, read_decisions, write_baseline

    decisions = read_decisions(args.file) if args.baseline_command == "import" else None  # malformed: exit 2 first
    session, result, loaded = run_check(args, use_baseline=False, keep_claims=False)
    path, _ = baseline_path(args, session.settings)
    if Path(path).exists():
        read_baseline(path)  # a malformed baseline is reported before anything else
    if loaded.errors:
        # a bad file must never lose a reviewed decision: do not rewrite from a partial corpus
        raise BaselineError("not written: fix the input errors above first (a partial corpus would drop entries)", path)
    with locked(path):  # re-read under the lock: a decision recorded meanwhile is kept
        old = read_baseline(path) if Path(path).exists() else None
        if args.baseline_command == "write":
            entries = merged(old, result.discrepancies, ran=lambda code: code in session.selection)
            write_baseline(path, entries)
            print(f"{path}: {len(entries)} entries written", file=sys.stderr)
            return EXIT_OK
        if decisions is not None:
            return _import(args, path, old, decisions, result)
        return _accept(args, path, old, result)


def _import(args: argparse.Namespace, path: str, old, decisions, result) -> int:
    from ..baseline import import_decisions, write_baseline

    entries, recorded, conflicts = import_decisions(old, decisions, result.discrepancies)
    for c in conflicts:
        print(f"{args.file}: conflict: {c}", file=sys.stderr)
    if recorded:
        write_baseline(path, entries)
    print(f"{path}: {len(recorded)} decision{'s' if len(recorded) != 1 else ''} imported from {args.file}"
          + (f", {len(conflicts)} conflicting kept as they were" if conflicts else ""), file=sys.stderr)
    return EXIT_FOUND if conflicts else EXIT_OK


def _accept(args: argparse.Namespace, path: str, old, result) -> int:
    from ..baseline import accept, write_baseline

    recorded = {d.id: e["id"] for d in result.discrepancies if old is not None and (e := old.match(d)) is not None}
    former = old.former if old is not None else {}  # entries of a folder-relative baseline, by their old ids too
    matches = [d for d in result.discrepancies if d.id.startswith(args.id) or recorded.get(d.id, "").startswith(args.id)
               or former.get(d.id, "").startswith(args.id)]
    known = [e for e in (old.entries if old else []) if e["id"].startswith(args.id)]
    ids = {d.id for d in matches} | {e["id"] for e in known if e["id"] not in recorded.values()}
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
