"""Output formats: one module per format; each receives finished records and returns text.

Claim formats (``recoupe extract``) expose ``render_claims(records)``; discrepancy
formats (``recoupe check``) expose ``render_check(report)`` where ``report`` is a
:class:`checker.compare.CheckResult`. Formatters know nothing of particular rules:
rule metadata comes in the records.
"""
from __future__ import annotations

import importlib

CLAIM_FORMATS = ("jsonl", "json", "csv", "table")
CHECK_FORMATS = ("text", "table", "markdown", "json", "csv", "sarif", "github", "gitlab", "junit")


def get(name: str):
    """The formatter module for ``name``."""
    return importlib.import_module(f"recoupe.checker.formats.{name}_format")
