"""The baseline: discrepancies reviewed and known, so that CI fails only on new ones.

File format (JSON, ``recoupe-baseline.json`` by default; see docs/output-formats.md)::

    {
      "tool": "recoupe",
      "version": 2,
      "entries": [
        {"id": "…", "rule": "C01", "story": ".", "subject": "pays", "kind": "quantity", "unit": "pays",
         "members": [["001_….txt", "35"], ["002_….txt", "26"]],   # the values seen when recorded
         "status": "known",                       # known | accepted | wontfix | false-positive
         "note": "…", "decided": "2026-11-21"}    # only for an editor's decision
      ]
    }

The id (fingerprint version 2) names what a disagreement is about: rule, story,
kind, unit, subject and the set of articles, not the values; so an edited figure
leaves the id alone, and ``check`` reports the discrepancy "changed" (known, with
the recorded and the current values) instead of fixed plus new.

Version 1 files are migrated on read: their ids are version-1 fingerprints (values
included), which the tool can still compute for a current discrepancy; an entry so
matched is rewritten with its new id and keeps its decision and note. A decided v1
entry that no longer occurs is kept as it was, marked ``"fingerprint": 1``.

Baselines written by older versions on a folder below the project root carry article
ids and folder stories relative to that folder; such an entry is recognised by its
rule, subject and articles (:meth:`Baseline.relocated`), counts as known in ``check``
and is rewritten to root-relative ids, decision and note kept, by ``baseline write``.

Entries are sorted by id and carry no line numbers and no timestamps but the date of
an editor's decision. Rewriting (``baseline write``) keeps every decided entry and its
note, even when the discrepancy no longer occurs, and every entry of a rule it did not
run. Writes hold a lock (``<baseline>.lock``) from the re-read to the rename, go through
a temporary file in the same folder (fsync, rename), keep the file's mode and write
through a symlink to its target. ``check`` never writes it.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import signal
import stat
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .errors import BaselineError
from .schema import Discrepancy

VERSION = 2
READS = (1, 2)
STATUSES = ("known", "accepted", "wontfix", "false-positive")
ENTRY_KEYS = {"id", "rule", "story", "subject", "kind", "unit", "members", "status", "note", "decided",
              "verdict", "severity", "values", "fingerprint"}
TMP_MARK = ".recoupe-tmp-"
LOCK_TIMEOUT = 60.0  # seconds


@dataclass
class Baseline:
    path: str
    entries: list[dict[str, Any]] = field(default_factory=list)
    _index: dict[tuple[int, str], dict[str, Any]] | None = field(default=None, repr=False, compare=False)
    _by_docs: dict[tuple, list[dict[str, Any]]] | None = field(default=None, repr=False, compare=False)
    _moved: set[int] = field(default_factory=set, repr=False, compare=False)
    relocations: int = field(default=0, compare=False)  # entries rewritten to root-relative ids by relocated()
    former: dict[str, str] = field(default_factory=dict, compare=False)  # relocated: new id -> the id it had

    def by_id(self) -> dict[str, dict[str, Any]]:
        return {e["id"]: e for e in self.entries}

    def match(self, d: Discrepancy) -> dict[str, Any] | None:
        """The entry recording ``d``: by its id, else (a version-1 entry) by its v1
        fingerprint, else (an entry written by an older recoupe run on a folder below the
        root) by :meth:`relocated`."""
        if self._index is None:
            self._index = {(e.get("fingerprint", VERSION), e["id"]): e for e in self.entries}
        e = self._index.get((VERSION, d.id))
        if e is None:
            from .compare import fingerprint_v1

            e = self._index.get((1, fingerprint_v1(d.rule, d.story, d.subject, d.claims)))
        return e if e is not None else self.relocated(d)

    def relocated(self, d: Discrepancy) -> dict[str, Any] | None:
        """The entry an older recoupe wrote for ``d`` when run on a folder ``P`` below the
        project root: its article ids (and its folder story) are relative to ``P``.

        For each folder ``P`` that holds every article of ``d``, the entry of the same
        rule, subject, kind and unit whose articles are exactly ``d``'s with ``P/`` taken
        off, and whose story is ``d``'s with ``P`` taken off (``.`` for ``P`` itself, or the
        story unchanged: an explicit one). The entry is rewritten in place to ``d``'s
        root-relative id, story and members (``P/`` put back), keeping its decision
        and note, so that ``check`` reports it known and ``baseline write`` records it
        under the new id. An entry is relocated at most once."""
        docs = sorted({c["doc"] for c in d.claims})
        if not docs or "/" not in docs[0]:
            return None
        if self._by_docs is None:
            self._by_docs = {}
            for e in self.entries:
                key = (e["rule"], e["subject"], frozenset(m[0] for m in e["members"]))
                self._by_docs.setdefault(key, []).append(e)
        parts = docs[0].split("/")[:-1]
        for depth in range(len(parts), 0, -1):
            prefix = "/".join(parts[:depth])
            if not all(doc.startswith(prefix + "/") for doc in docs):
                continue
            cut = len(prefix) + 1
            stories = {d.story, d.story[cut:] if d.story.startswith(prefix + "/") else None,
                       "." if d.story == prefix else None}
            for e in self._by_docs.get((d.rule, d.subject, frozenset(doc[cut:] for doc in docs)), ()):
                if id(e) in self._moved or e["story"] not in stories \
                        or e.get("kind", d.kind) != d.kind or e.get("unit", d.unit) != d.unit:
                    continue
                self._moved.add(id(e))
                self.former[d.id] = e["id"]
                self._index.pop((e.get("fingerprint", VERSION), e["id"]), None)
                e.pop("fingerprint", None)
                e.update(id=d.id, story=d.story, members=sorted([f"{prefix}/{m[0]}", m[1]] for m in e["members"]))
                self._index[(VERSION, d.id)] = e
                self.relocations += 1
                return e
        return None


def _is_pair(m: Any) -> bool:
    return isinstance(m, list) and len(m) == 2 and all(isinstance(x, str) for x in m)


def _entry_problem(e: Any) -> str | None:
    if not isinstance(e, dict):
        return "is not an object"
    for k in ("id", "rule", "story", "subject"):
        if not isinstance(e.get(k), str):
            return f"needs a string {k!r}"
    if not isinstance(e.get("members"), list) or not all(_is_pair(m) for m in e["members"]):
        return "needs 'members', a list of [article, value] string pairs"
    if e.get("status", "known") not in STATUSES:
        return f"has an unknown status {e.get('status')!r} (allowed: {', '.join(STATUSES)})"
    for k in ("note", "decided", "verdict", "severity", "kind"):
        if k in e and not isinstance(e[k], str):
            return f"{k!r} must be a string"
    if "unit" in e and e["unit"] is not None and not isinstance(e["unit"], str):
        return "'unit' must be a string or null"
    if "values" in e and not (isinstance(e["values"], list) and all(isinstance(v, str) for v in e["values"])):
        return "'values' must be a list of strings"
    return None


def _read_json(path: str, what: str, missing: str) -> Any:
    """The JSON value of a file recoupe reads (a baseline, a decisions file); any problem
    is one BaselineError naming the file (and the line, for bad JSON)."""
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(missing, path) from None
    except (OSError, UnicodeDecodeError) as e:
        raise BaselineError(f"cannot read {what} ({e})", path) from None
    try:
        return json.loads(raw)
    except json.JSONDecodeError as e:
        raise BaselineError(f"{what} is not valid JSON ({e.msg} at column {e.colno})", path, e.lineno) from None
    except RecursionError:
        raise BaselineError(f"{what} is malformed (nested too deeply)", path) from None
    except ValueError as e:  # an integer beyond Python's digit limit
        raise BaselineError(f"{what} is malformed ({str(e).split(';')[0][:80]})", path) from None


def read_baseline(path: str) -> Baseline:
    """Read and validate a baseline (migrating version 1); any problem is a BaselineError (exit 2)."""
    data = _read_json(path, "baseline", "baseline file not found (create it with 'recoupe baseline write')")
    if not isinstance(data, dict) or data.get("tool") != "recoupe" or "entries" not in data:
        raise BaselineError("not a recoupe baseline (expected an object with tool 'recoupe' and 'entries')", path)
    version = data.get("version")
    if isinstance(version, bool) or version not in READS:
        raise BaselineError(f"baseline version {version!r} is not supported (this recoupe reads versions 1 and 2)", path)
    entries = data["entries"]
    if not isinstance(entries, list):
        raise BaselineError("'entries' must be a list", path)
    for i, e in enumerate(entries):
        problem = _entry_problem(e)
        if problem:
            raise BaselineError(f"entry {i + 1} is malformed: it {problem}", path)
    if version == 1:
        entries = [dict(e, fingerprint=1) for e in entries]
    return Baseline(path, entries)


def entry_for(d: Discrepancy) -> dict[str, Any]:
    from .compare import members_of

    return {
        "id": d.id, "rule": d.rule, "story": d.story, "subject": d.subject, "kind": d.kind, "unit": d.unit,
        "verdict": d.verdict, "severity": d.severity, "values": list(d.values),
        "members": members_of(d), "status": "known",
    }


def _decision(prev: dict[str, Any], e: dict[str, Any]) -> dict[str, Any]:
    for k in ("status", "note", "decided"):
        if k in prev:
            e[k] = prev[k]
    return e


def merged(old: Baseline | None, current: Iterable[Discrepancy],
           ran: Callable[[str], bool] = lambda rule: True) -> list[dict[str, Any]]:
    """The entries ``baseline write`` records: the current discrepancies, keeping the
    decision (status, note, date) of entries already there, every decided entry that
    no longer occurs, and every entry of a rule that did not run (``ran`` is false)."""
    out: dict[str, dict[str, Any]] = {}
    used: set[int] = set()
    for d in current:
        e = entry_for(d)
        prev = old.match(d) if old else None
        if prev is not None:
            used.add(id(prev))
            e = _decision(prev, e)
        out[d.id] = e
    for prev in old.entries if old else []:
        if id(prev) in used or prev["id"] in out:
            continue
        if not ran(prev["rule"]) or prev.get("status", "known") != "known":
            out[prev["id"]] = prev
    return [out[k] for k in sorted(out)]


@contextmanager
def locked(path: str) -> Iterator[None]:
    """Hold ``<baseline>.lock`` (of the symlink's target) for a read-modify-write."""
    from filelock import FileLock, Timeout

    target = os.path.realpath(path)
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(target + ".lock")
    try:
        lock.acquire(timeout=LOCK_TIMEOUT)
    except Timeout:
        raise BaselineError(f"baseline is locked by another recoupe for over {LOCK_TIMEOUT:.0f} s ({target}.lock)", path) from None
    except OSError as e:
        raise BaselineError(f"cannot lock baseline ({e.strerror or e})", path) from None
    try:
        yield
    finally:
        lock.release()


@contextmanager
def _terminate_as_exit() -> Iterator[None]:
    """SIGTERM raises SystemExit while a write runs, so that its ``finally`` removes the
    temporary file (a SIGKILL cannot be caught: the next write removes what it left)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def write_baseline(path: str, entries: list[dict[str, Any]]) -> None:
    """Atomically replace the baseline (call it inside :func:`locked`)."""
    data = {"tool": "recoupe", "version": VERSION, "entries": [dict(sorted(e.items())) for e in entries]}
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    target = Path(os.path.realpath(path))  # through a symlink: the link stays, its target is written
    prefix = f".{target.name}{TMP_MARK}"
    tmp: Path | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        for stale in target.parent.glob(prefix + "*"):  # left by a killed writer (we hold the lock)
            stale.unlink(missing_ok=True)
        try:
            mode = stat.S_IMODE(target.stat().st_mode)
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        with _terminate_as_exit():
            tmp = target.parent / f"{prefix}{os.getpid()}"
            try:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    f.write(text)
                    f.flush()
                    os.fchmod(f.fileno(), mode)
                    os.fsync(f.fileno())
                os.replace(tmp, target)
                tmp = None
                _fsync_dir(target.parent)
            finally:
                if tmp is not None:
                    tmp.unlink(missing_ok=True)
    except OSError as e:
        raise BaselineError(f"cannot write baseline ({e.strerror or e})", path) from None


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def accept(baseline: Baseline | None, d: Discrepancy | None, entry_id: str, note: str, status: str,
           today: _dt.date | None = None) -> list[dict[str, Any]]:
    """Record an editor's decision on one entry (from the current discrepancy or the
    baseline's own entry); return the entries to write."""
    prev = baseline.match(d) if (baseline and d) else None  # first: a folder-relative entry is rewritten
    entries = baseline.by_id() if baseline else {}
    if prev is None and d is None:
        prev = entries.get(entry_id)
    if d is not None:  # the current values, and the decision already recorded if any
        if prev is not None:
            entries.pop(prev["id"], None)  # a v1 entry is rewritten under its new id
        e = _decision(prev, entry_for(d)) if prev is not None else entry_for(d)
    elif prev is not None:
        e = dict(prev)
    else:
        raise BaselineError(f"no discrepancy or baseline entry with id {entry_id!r}", baseline.path if baseline else None)
    e.update(status=status, note=note, decided=(today or _dt.date.today()).isoformat())
    entries[e["id"]] = e
    return [entries[k] for k in sorted(entries)]


DECISION_STATUSES = ("accepted", "wontfix", "false-positive")
DECISIONS_VERSION = 1  # the page's decisions file


def read_decisions(path: str) -> list[dict[str, Any]]:
    """The decisions an editor exported from the report's page::

        {"tool": "recoupe", "kind": "decisions", "version": 1,
         "decisions": [{"id": "…", "status": "accepted", "note": "…", "decided": "2026-12-01"}]}

    Any problem is a BaselineError naming the file (and the line, for bad JSON)."""
    data = _read_json(path, "decisions file", "decisions file not found")
    if not isinstance(data, dict) or data.get("tool") != "recoupe" or data.get("kind") != "decisions" \
            or not isinstance(data.get("decisions"), list):
        raise BaselineError("not a recoupe decisions file (expected tool 'recoupe', kind 'decisions' and a 'decisions' list)", path)
    if data.get("version") != DECISIONS_VERSION or isinstance(data.get("version"), bool):
        raise BaselineError(f"decisions version {data.get('version')!r} is not supported "
                            f"(this recoupe reads version {DECISIONS_VERSION})", path)
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
    if baseline:  # an entry recorded under an earlier fingerprint answers to the current id too
        for d in current:
            e = baseline.match(d)
            if e is not None:
                old.setdefault(d.id, e)
    unknown = [x["id"] for x in decisions if x["id"] not in by_id and x["id"] not in old]
    if unknown:
        raise BaselineError(f"no discrepancy or baseline entry with id {unknown[0]!r}"
                            + (f" (and {len(unknown) - 1} more)" if len(unknown) > 1 else ""),
                            baseline.path if baseline else None)
    entries = [dict(e) for e in (baseline.entries if baseline else [])]
    current_baseline = Baseline(baseline.path if baseline else "", entries)
    recorded, conflicts = [], []
    for x in decisions:
        d = by_id.get(x["id"])
        prev = current_baseline.match(d) if d is not None else current_baseline.by_id().get(x["id"])
        note = x.get("note", "")
        if prev and prev.get("status", "known") != "known":
            if prev.get("status") == x["status"] and (prev.get("note") or "") == note:
                continue
            conflicts.append(f"{x['id']}: already {prev.get('status')} ({prev.get('note') or 'no note'!s}); "
                             f"kept, not {x['status']} ({note or 'no note'})")
            continue
        decided = _dt.date.fromisoformat(x["decided"]) if x.get("decided") else None
        entries = accept(current_baseline, d, x["id"], note, x["status"], decided)
        current_baseline = Baseline(current_baseline.path, entries)
        recorded.append(x["id"])
    return current_baseline.entries, recorded, conflicts
