"""JSON Lines: one claim object a line (``recoupe extract --format jsonl``)."""
from __future__ import annotations

import json
from typing import Any, Iterable, Mapping

#: One encoder for every line (``json.dumps`` with options builds a new one per call).
_ENCODER = json.JSONEncoder(ensure_ascii=False)


def render_claims(records: Iterable[Mapping[str, Any]]) -> str:
    encode = _ENCODER.encode
    return "".join([encode(r) + "\n" for r in records])
