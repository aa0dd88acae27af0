"""JSON: an array of claims, or the check report object with its ``schema_version``."""
from __future__ import annotations

import json
from typing import Any, Iterable, Mapping


def render_claims(records: Iterable[Mapping[str, Any]]) -> str:
    return json.dumps(list(records), ensure_ascii=False, indent=2) + "\n"


def render_check(report) -> str:
    return json.dumps(report.json_discrepancies(), ensure_ascii=False, indent=2) + "\n"
