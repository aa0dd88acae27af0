"""``recoupe extract``: the claims of a corpus, normalised, in a claim format."""
from __future__ import annotations

import argparse

from ..errors import EXIT_ERROR, EXIT_OK
from .session import Session, inputs_of, write, write_stream


def run(args: argparse.Namespace) -> int:
    from .. import formats
    from ..schema import claim_records

    session = Session.open(args)
    loaded = session.load(inputs_of(args), lazy_text=True)
    fmt = formats.get(args.format or "jsonl")
    records = (r for frame in session.extract_units(loaded) for r in claim_records(frame))
    if hasattr(fmt, "write_claims"):  # unit by unit: the claims of the corpus are never all held
        write_stream(lambda f: fmt.write_claims(records, f), args.output)
    else:
        write(fmt.render_claims(list(records)), args.output)
    return EXIT_ERROR if loaded.errors else EXIT_OK
