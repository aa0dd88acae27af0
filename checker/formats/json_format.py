"""JSON: an array of claims, or the check report object with its ``schema_version``.

Both are written item by item (:func:`write_check`, :func:`iter_check`): the output
of a large corpus is never built as one string. The bytes are those of
``json.dumps(items, ensure_ascii=False, indent=2)`` (each item is dumped alone, then
indented one level; JSON strings hold no raw line break, so indenting by line is safe).
"""
from __future__ import annotations

import json
from typing import Any, Iterable, Iterator, Mapping, TextIO


def iter_array(items: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    """The pieces of ``json.dumps(list(items), ensure_ascii=False, indent=2) + "\\n"``."""
    first = True
    for item in items:
        text = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        yield ("[\n  " if first else ",\n  ") + text
        first = False
    yield "[]\n" if first else "\n]\n"


def render_claims(records: Iterable[Mapping[str, Any]]) -> str:
    return "".join(iter_array(records))


def write_claims(records: Iterable[Mapping[str, Any]], out: TextIO) -> None:
    """:func:`render_claims` written piece by piece to ``out``."""
    for piece in iter_array(records):
        out.write(piece)


def iter_check(report) -> Iterator[str]:
    """The contract's JSON array of discrepancies; each object carries ``schema_version``
    first (documented in docs/output-formats.md)."""
    from ..compare import SCHEMA_VERSION

    return iter_array({"schema_version": SCHEMA_VERSION, **d.to_json()} for d in report.discrepancies)


def render_check(report) -> str:
    return "".join(iter_check(report))


def write_check(report, out: TextIO) -> None:
    """:func:`render_check` written piece by piece to ``out``."""
    for piece in iter_check(report):
        out.write(piece)
