"""``recoupe docs``: regenerate docs/rules.md from the rules' docstrings (``--check``: exit 1 if stale)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import EXIT_FOUND, EXIT_OK
from .session import write


def run(args: argparse.Namespace) -> int:
    from ..registry import load_registry
    from ..ruledocs import rules_markdown

    text = rules_markdown(load_registry(entry_points=False))
    path = Path(args.output)
    if args.check:
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        if current != text:
            print(f"{path}: out of date; run 'recoupe docs' to regenerate it", file=sys.stderr)
            return EXIT_FOUND
        return EXIT_OK
    write(text, str(path))
    return EXIT_OK
