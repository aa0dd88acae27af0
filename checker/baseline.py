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


DECISION_STATUSES = ("accepted", "wontfix", "false-positive")


def read_decisions(path: str) -> list[dict[str, Any]]:
    """The decisions an editor exported from the report's page::

        {"tool": "recoupe", "kind": "decisions", "version": 1,
         "decisions": [{"id": "…", "status": "accepted", "note": "…", "decided": "2026-12-01"}]}

    Any problem is a BaselineError naming the file (and the line, for bad JSON)."""
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError("decisions file not found", path) from None
    except (OSError, UnicodeDecodeError) as e:
        raise BaselineError(f"cannot read decisions ({e})", path) from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as e:
        raise BaselineError(f"decisions file is not valid JSON ({e.msg} at column {e.colno})", path, e.lineno) from None
    if not isinstance(data, dict) or data.get("tool") != "recoupe" or data.get("kind") != "decisions" \
            or not isinstance(data.get("decisions"), list):
        raise BaselineError("not a recoupe decisions file (expected tool 'recoupe', kind 'decisions' and a 'decisions' list)", path)
    if data.get("version") != VERSION:
        raise BaselineError(f"decisions version {data.get('version')!r} is not supported (this recoupe reads version {VERSION})", path)
    out: dict[str, dict[str, Any]] = {}
    for i, e in enumerate(data["decisions"]):
        ok = isinstance(e, dict) and isinstance(e.get("id"), str) and e["id"] \
            and e.get("status") in DECISION_STATUSES and isinstance(e.get("note", ""), str)
        decided = e.get("decided") if isinstance(e, dict) else None
        if ok and decided is not None:
            try:
                _dt.date.fromisoformat(decided)
            except (TypeError, ValueError):
                ok = False
        if not ok:
            raise BaselineError(f"decision {i + 1} is malformed (needs an id, a status among "
                                f"{', '.join(DECISION_STATUSES)}, a text note and an ISO date)", path)
        if e["id"] in out and out[e["id"]] != e:
            raise BaselineError(f"decision {i + 1}: {e['id']} is decided twice, differently", path)
        out[e["id"]] = e
    return [out[k] for k in sorted(out)]


def import_decisions(baseline: Baseline | None, decisions: list[dict[str, Any]],
                     current: Iterable[Discrepancy]) -> tuple[list[dict[str, Any]], list[str], list[str]]:
    """Merge an editor's decisions into the baseline, as :func:`accept` records one.

    Returns (entries to write, ids recorded, conflicts). A decision on an entry the
    baseline already decides differently (status or note) is a conflict: it is
    reported and the earlier decision kept; the same decision again changes nothing.
    An id neither in the corpus nor in the baseline is a BaselineError."""
    by_id = {d.id: d for d in current}
    old = baseline.by_id() if baseline else {}
    unknown = [x["id"] for x in decisions if x["id"] not in by_id and x["id"] not in old]
    if unknown:
        raise BaselineError(f"no discrepancy or baseline entry with id {unknown[0]!r}"
                            + (f" (and {len(unknown) - 1} more)" if len(unknown) > 1 else ""),
                            baseline.path if baseline else None)
    entries = [dict(e) for e in (baseline.entries if baseline else [])]
    current_baseline = Baseline(baseline.path if baseline else "", entries)
    recorded, conflicts = [], []
    for x in decisions:
        prev = current_baseline.by_id().get(x["id"])
        note = x.get("note", "")
        if prev and prev.get("status", "known") != "known":
            if prev.get("status") == x["status"] and (prev.get("note") or "") == note:
                continue
            conflicts.append(f"{x['id']}: already {prev.get('status')} ({prev.get('note') or 'no note'!s}); "
                             f"kept, not {x['status']} ({note or 'no note'})")
            continue
        decided = _dt.date.fromisoformat(x["decided"]) if x.get("decided") else None
        entries = accept(current_baseline, by_id.get(x["id"]), x["id"], note, x["status"], decided)
        current_baseline = Baseline(current_baseline.path, entries)
        recorded.append(x["id"])
    return current_baseline.entries, recorded, conflicts
