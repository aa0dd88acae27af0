"""The cache, as ruff's: an article's claims and a story's findings kept between runs.

An article's claim rows (what :meth:`.pipeline.Extractor.article_rows` returns) are
keyed by the sha256 of its text and metadata; a story's discrepancies (before
suppressions and the baseline) by the sorted hashes of its articles. Both live under
a *run key*: recoupe's version, the engine's sources, the enabled rules and a hash of
each rule's sources and data files, and the settings that affect extraction and
comparison. A run whose key differs reads nothing of an earlier one.

On disk (``<root>/.recoupe_cache/`` or ``cache-dir``): one JSON file per story and
stage, ``<run key>/claims-<story hash>.json`` and ``findings-<story hash>.json``,
written to a temporary file then moved into place (``os.replace``), so that two runs
at once each see a whole file, the last one written wins. A file that cannot be read
or parsed, or holds something else than expected, is a miss: it is rebuilt, never an
error. Nothing is unpickled. A ``.gitignore`` holding ``*`` keeps the folder out of git.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from dataclasses import fields
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

import pandas as pd

from .schema import Article, Discrepancy, claims_frame, sorted_discrepancies

CACHE_VERSION = 1
# settings that change neither the claims nor the discrepancies before suppressions/baseline
_NOT_IN_KEY = {"baseline", "output-format", "paths", "exclude", "per-file-ignores", "cache", "cache-dir",
               "max-article-bytes"}
_TUPLE_FIELDS = ("claims", "values", "baseline_members")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def _files_digest(paths: Iterable[Path]) -> str:
    h = hashlib.sha256()
    for p in sorted(set(paths)):
        try:
            h.update(str(p).encode("utf-8") + b"\0" + p.read_bytes() + b"\0")
        except OSError:
            h.update(str(p).encode("utf-8") + b"\0?\0")
    return h.hexdigest()


def _sources_of(module_name: str) -> list[Path]:
    """The files a rule module's behaviour depends on: its package's ``.py`` files and
    ``data/`` files (a rule of a package may use any helper of it), or the module's own
    file when it stands alone (a newsroom's ``extra-rules`` file)."""
    module = sys.modules.get(module_name)
    path = getattr(module, "__file__", None)
    if not path:
        return []
    here = Path(path).resolve()
    package = (getattr(module, "__package__", None) or "").split(".")
    if not package or package == [""]:
        return [here]
    top = sys.modules.get(".".join(package[:2]) if package[0] == "recoupe" else package[0])
    top_file = getattr(top, "__file__", None)
    folder = Path(top_file).resolve().parent if top_file else here.parent
    return [p for p in folder.rglob("*") if p.is_file() and (p.suffix == ".py" or "data" in p.relative_to(folder).parts)]


def run_key(rules: Sequence[Any], enabled: Iterable[str], settings) -> str:
    """The key of a run: version, engine sources, the enabled rules, the sources of every
    rule module (a rule not selected may still provide a shared scan), settings."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        ver = version("recoupe")
    except PackageNotFoundError:  # pragma: no cover - always installed in practice
        ver = "?"
    engine = Path(__file__).resolve().parent
    sources: dict[str, str] = {}
    for module in sorted({r.module for r in rules}):
        sources[module] = _files_digest(_sources_of(module))
    public = {k: v for k, v in settings.public().items() if k not in _NOT_IN_KEY}
    payload = {
        "cache": CACHE_VERSION,
        "version": ver,
        "engine": _files_digest(engine.rglob("*.py")),
        "rules": sorted(enabled),
        "sources": sources,
        "settings": public,
    }
    return _sha(_dumps(payload).encode("utf-8"))[:24]


def article_hash(article: Article) -> str:
    """What extraction reads of an article: its text and metadata (id, story, date, lang...)."""
    return _sha(_dumps({"meta": article.meta(), "text": article.text}).encode("utf-8"))


def _story_file(kind: str, story: str) -> str:
    return f"{kind}-{_sha(story.encode('utf-8'))[:20]}.json"


def _to_plain(d: Discrepancy) -> dict[str, Any]:
    return {f.name: getattr(d, f.name) for f in fields(Discrepancy)}


def _from_plain(data: Mapping[str, Any]) -> Discrepancy:
    values = dict(data)
    for name in _TUPLE_FIELDS:
        values[name] = tuple(tuple(x) if name == "baseline_members" else x for x in values[name])
    return Discrepancy(**values)


class Cache:
    """The cache of one run, in ``folder/<key>/``."""

    def __init__(self, folder: str | os.PathLike, key: str):
        self.root = Path(folder)
        self.folder = self.root / key
        self.key = key

    @classmethod
    def for_run(cls, rules: Sequence[Any], enabled: Iterable[str], settings) -> "Cache":
        return cls(settings.cache_dir, run_key(rules, enabled, settings))

    # -- files -------------------------------------------------------------------
    def _read(self, name: str) -> Any:
        try:
            with open(self.folder / name, encoding="utf-8") as f:
                data = json.load(f)
        except (OSError, ValueError, UnicodeDecodeError):
            return None
        return data if isinstance(data, dict) and data.get("run") == self.key else None

    def _write(self, name: str, data: dict[str, Any]) -> None:
        """Write atomically; a cache that cannot be written is no error (the run goes on)."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.root / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Automatically created by recoupe.\n*\n", encoding="utf-8")
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    # key order kept: a claim's fields come back in the schema's order
                    json.dump({**data, "run": self.key}, f, ensure_ascii=False, separators=(",", ":"))
                os.replace(tmp, self.folder / name)
            except BaseException:
                with _quiet():
                    os.unlink(tmp)
                raise
        except OSError:
            pass

    # -- extraction --------------------------------------------------------------
    def extract(self, article_rows: Callable[[Article], list[dict[str, Any]]], articles: Sequence[Article],
                order: Callable[[pd.DataFrame], pd.DataFrame], progress=None) -> pd.DataFrame:
        """The claims of ``articles``: cached rows where the article's hash is known,
        ``article_rows(article)`` for the others (then stored). ``order`` sorts the frame
        as the extractor does."""
        from .pipeline import gc_paused

        by_story: dict[str, list[Article]] = {}
        for a in articles:
            by_story.setdefault(a.story, []).append(a)
        rows: list[dict[str, Any]] = []
        done = 0
        with gc_paused():
            for story in sorted(by_story):
                name = _story_file("claims", story)
                shard = self._read(name)
                known = shard.get("articles") if shard else None
                known = known if isinstance(known, dict) else {}
                kept: dict[str, Any] = {}
                changed = False
                for a in by_story[story]:
                    h = article_hash(a)
                    got = known.get(h)
                    if not (isinstance(got, list) and all(isinstance(r, dict) for r in got)):
                        got = article_rows(a)
                        changed = True
                    kept[h] = got
                    rows.extend(got)
                    done += 1
                    if progress:
                        progress(done)
                if changed or set(kept) != set(known):
                    self._write(name, {"articles": kept})
            try:
                frame = claims_frame(rows)
            except (ValueError, TypeError, KeyError):  # a cache file of another shape: start again
                return self._rebuild(article_rows, articles, order, progress)
        return order(frame)

    def _rebuild(self, article_rows, articles, order, progress) -> pd.DataFrame:
        for p in self.folder.glob("claims-*.json"):
            with _quiet():
                p.unlink()
        return self.extract(article_rows, articles, order, progress)

    # -- comparison --------------------------------------------------------------
    def compare(self, claims: pd.DataFrame, articles: Sequence[Article],
                compare: Callable[[pd.DataFrame], list[Discrepancy]]) -> list[Discrepancy]:
        """The discrepancies of every story: cached when the story's articles (by hash)
        are the ones of the cached findings, else ``compare(story_claims)`` (then stored)."""
        hashes: dict[str, list[str]] = {}
        for a in articles:
            hashes.setdefault(a.story, []).append(article_hash(a))
        out: list[Discrepancy] = []
        missing: dict[str, tuple[str, str]] = {}  # story -> (file name, key)
        for story in sorted(hashes):
            key = _sha("\n".join(sorted(hashes[story])).encode("utf-8"))
            name = _story_file("findings", story)
            shard = self._read(name)
            found = None
            if shard and shard.get("key") == key and isinstance(shard.get("findings"), list):
                try:
                    found = [_from_plain(d) for d in shard["findings"]]
                except (TypeError, KeyError, ValueError, AttributeError):
                    found = None
            if found is None:
                missing[story] = (name, key)
            else:
                out.extend(found)
        if missing:
            # one comparison of all the stories to redo (comparators never cross a story),
            # its findings then stored story by story
            part = claims[claims["story"].isin(list(missing))].reset_index(drop=True) if len(claims) else claims
            by_story: dict[str, list[Discrepancy]] = {story: [] for story in missing}
            for d in (compare(part) if len(part) else []):
                by_story[d.story].append(d)
            for story, (name, key) in missing.items():
                self._write(name, {"key": key, "findings": [_to_plain(d) for d in by_story[story]]})
                out.extend(by_story[story])
        return sorted_discrepancies(out)


class _quiet:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return exc[0] is not None and issubclass(exc[0], OSError)
