"""JSON Lines: one claim object a line (``recoupe extract --format jsonl``)."""
from __future__ import annotations

import json
from typing import Any, Iterable, Mapping, TextIO

#: One encoder for every line (``json.dumps`` with options builds a new one per call).
_ENCODER = json.JSONEncoder(ensure_ascii=False)


def render_claims(records: Iterable[Mapping[str, Any]]) -> str:
    encode = _ENCODER.encode
    return "".join([encode(r) + "\n" for r in records])


def write_claims(records: Iterable[Mapping[str, Any]], out: TextIO) -> None:
    """:func:`render_claims` written line by line to ``out``."""
    encode = _ENCODER.encode
    for r in records:
        out.write(encode(r) + "\n")
