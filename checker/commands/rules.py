"""``recoupe rules``: the rules with their ids, family, whether they run, and a summary."""
from __future__ import annotations

import argparse
import json

from ..errors import EXIT_OK
from .session import Session, write


def run(args: argparse.Namespace) -> int:
    from tabulate import tabulate

    session = Session.open(args)
    rows = []
    for code, rule in session.registry.items():
        info = rule.info()
        info["enabled"] = code in session.selection
        info["why"] = session.selection.reasons[code]
        if code in session.settings.severity:
            info["severity"] = session.settings.severity[code]
        rows.append(info)
    if args.format == "json":
        write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", None)
    else:
        table = [[r["code"], r["name"], r["family"], r["type"], "yes" if r["enabled"] else "no",
                  r["why"], r["summary"]] for r in rows]
        write(tabulate(table, headers=["id", "name", "family", "type", "enabled", "why", "summary"], tablefmt="simple") + "\n", None)
    return EXIT_OK
