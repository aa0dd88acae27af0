"""``recoupe stories``: which story each article belongs to, and where that story comes from."""
from __future__ import annotations

import argparse
import json

from ..errors import EXIT_ERROR, EXIT_OK
from .session import Session, inputs_of, write


def run(args: argparse.Namespace) -> int:
    from tabulate import tabulate

    session = Session.open(args)
    loaded = session.load(inputs_of(args))
    rows = [{"id": a.id, "story": a.story, "origin": loaded.story_origins.get(a.id, "folder")}
            for a in sorted(loaded.articles, key=lambda a: (a.story, a.id))]
    if args.format == "json":
        text = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    else:
        text = tabulate([[r["story"], r["id"], r["origin"]] for r in rows],
                        headers=["story", "article", "from"], tablefmt="simple") + "\n"
    write(text, args.output)
    return EXIT_ERROR if loaded.errors else EXIT_OK
