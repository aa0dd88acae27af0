"""The baseline: discrepancies reviewed and known, so that CI fails only on new ones.

File format (JSON, ``recoupe-baseline.json`` by default)::

    {
      "tool": "recoupe",
      "version": 1,
      "entries": [
        {"id": "…", "rule": "C01", "story": ".", "subject": "pays",
         "members": [["001_….txt", "35"], ["002_….txt", "26"]],
         "status": "known",                       # known | accepted | wontfix | false-positive
         "note": "…", "decided": "2026-11-21"}    # only for an editor's decision
      ]
    }

Entries are sorted by id and carry no line numbers and no timestamps but the date of
an editor's decision. Rewriting (``baseline write``) keeps every decided entry and its
note, even when the discrepancy no longer occurs. ``check`` never writes it.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .errors import BaselineError
from .schema import Discrepancy

VERSION = 1
STATUSES = ("known", "accepted", "wontfix", "false-positive")
ENTRY_KEYS = {"id", "rule", "story", "subject", "members", "status", "note", "decided", "verdict", "severity", "values"}


@dataclass
class Baseline:
    path: str
    entries: list[dict[str, Any]] = field(default_factory=list)

    def by_id(self) -> dict[str, dict[str, Any]]:
        return {e["id"]: e for e in self.entries}


def read_baseline(path: str) -> Baseline:
    """Read and validate a baseline; any problem is a BaselineError (exit 2)."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError("baseline file not found (create it with 'recoupe baseline write')", path) from None
    except (OSError, UnicodeDecodeError) as e:
        raise BaselineError(f"cannot read baseline ({e})", path) from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as e:
        raise BaselineError(f"baseline is not valid JSON ({e.msg} at column {e.colno})", path, e.lineno) from None
    if not isinstance(data, dict) or data.get("tool") != "recoupe" or "entries" not in data:
        raise BaselineError("not a recoupe baseline (expected an object with tool 'recoupe' and 'entries')", path)
    if data.get("version") != VERSION:
        raise BaselineError(f"baseline version {data.get('version')!r} is not supported (this recoupe reads version {VERSION})", path)
    entries = data["entries"]
    if not isinstance(entries, list):
        raise BaselineError("'entries' must be a list", path)
    for i, e in enumerate(entries):
        if not isinstance(e, dict) or not all(isinstance(e.get(k), str) for k in ("id", "rule", "story", "subject")) \
                or not isinstance(e.get("members"), list) or e.get("status", "known") not in STATUSES:
            raise BaselineError(f"entry {i + 1} is malformed (needs id, rule, story, subject, members and a known status)", path)
    return Baseline(path, entries)


def entry_for(d: Discrepancy) -> dict[str, Any]:
    from .compare import members_of

    return {
        "id": d.id, "rule": d.rule, "story": d.story, "subject": d.subject,
        "verdict": d.verdict, "severity": d.severity, "values": list(d.values),
        "members": members_of(d), "status": "known",
    }


def merged(old: Baseline | None, current: Iterable[Discrepancy]) -> list[dict[str, Any]]:
    """The entries ``baseline write`` records: the current discrepancies, keeping the
    decision (status, note, date) of entries already there, plus every decided entry
    that no longer occurs."""
    old_by_id = old.by_id() if old else {}
    out: dict[str, dict[str, Any]] = {}
    for d in current:
        e = entry_for(d)
        prev = old_by_id.get(d.id)
        if prev:
            for k in ("status", "note", "decided"):
                if k in prev:
                    e[k] = prev[k]
        out[d.id] = e
    for eid, prev in old_by_id.items():
        if eid not in out and prev.get("status", "known") != "known":
            out[eid] = prev
    return [out[k] for k in sorted(out)]


def write_baseline(path: str, entries: list[dict[str, Any]]) -> None:
    data = {"tool": "recoupe", "version": VERSION, "entries": [dict(sorted(e.items())) for e in entries]}
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    p = Path(path)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=str(p.parent), prefix=".recoupe-baseline.")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, p)
    except OSError as e:
        raise BaselineError(f"cannot write baseline ({e.strerror or e})", path) from None


def accept(baseline: Baseline | None, d: Discrepancy | None, entry_id: str, note: str, status: str,
           today: _dt.date | None = None) -> list[dict[str, Any]]:
    """Record an editor's decision on one entry (from the current discrepancy or the
    baseline's own entry); return the entries to write."""
    entries = baseline.by_id() if baseline else {}
    e = dict(entries.get(entry_id) or (entry_for(d) if d else {}))
    if not e:
        raise BaselineError(f"no discrepancy or baseline entry with id {entry_id!r}", baseline.path if baseline else None)
    e.update(status=status, note=note, decided=(today or _dt.date.today()).isoformat())
    entries[e["id"]] = e
    return [entries[k] for k in sorted(entries)]
