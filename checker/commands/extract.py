"""``recoupe extract``: the claims of a corpus, normalised, in a claim format."""
from __future__ import annotations

import argparse

from ..errors import EXIT_ERROR, EXIT_OK
from .session import Session, inputs_of, write


def run(args: argparse.Namespace) -> int:
    from .. import formats
    from ..schema import claim_records

    session = Session.open(args)
    loaded = session.load(inputs_of(args))
    frame = session.extract(loaded.articles)
    fmt = args.format or "jsonl"
    write(formats.get(fmt).render_claims(claim_records(frame)), args.output)
    return EXIT_ERROR if loaded.errors else EXIT_OK
