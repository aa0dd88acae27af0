"""``recoupe explain ID``: a rule's documentation and examples."""
from __future__ import annotations

import argparse

from ..errors import EXIT_OK, ConfigError
from .session import Session, write


def run(args: argparse.Namespace) -> int:
    session = Session.open(args)
    rule = session.registry.resolve(args.rule)
    if rule is None:
        hint = session.registry.suggest(args.rule)
        raise ConfigError(f"unknown rule {args.rule!r}" + (f" (did you mean {hint!r}?)" if hint else ""))
    from ..ruledocs import rule_markdown

    write(rule_markdown(rule), None)
    return EXIT_OK
