"""The commands behind the CLI, one module per command, each with ``run(args) -> int``
(the exit status). They share :mod:`.session` (settings, inputs, the registry and
selection, loading and checking a corpus, writing the output) and raise
:class:`~recoupe.checker.errors.RecoupeError` for the CLI to report.

This package imports nothing heavy: ``recoupe --help`` stays fast.
"""
from __future__ import annotations

import importlib

NAMES = ("extract", "check", "baseline", "report", "stories", "rules", "explain", "config", "docs")


def get(name: str):
    """The module of the command ``name``."""
    return importlib.import_module(f"recoupe.checker.commands.{name}")
