"""JSON: an array of claims, or the check report object with its ``schema_version``."""
from __future__ import annotations

import json
from typing import Any, Iterable, Mapping


def render_claims(records: Iterable[Mapping[str, Any]]) -> str:
    return json.dumps(list(records), ensure_ascii=False, indent=2) + "\n"


def render_check(report) -> str:
    """The contract's JSON array of discrepancies; each object carries ``schema_version``
    first (documented in docs/output-formats.md)."""
    from ..compare import SCHEMA_VERSION

    items = [{"schema_version": SCHEMA_VERSION, **d} for d in report.json_discrepancies()]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
