"""JSON Lines: one claim object a line (``recoupe extract --format jsonl``)."""
from __future__ import annotations

import json
from typing import Any, Iterable, Mapping


def render_claims(records: Iterable[Mapping[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n" for r in records)
