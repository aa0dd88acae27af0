"""Configuration: ``[tool.recoupe]`` in a ``pyproject.toml``, or a ``recoupe.toml``.

The file is looked for in the first checked folder and its parents (then in the
current folder and its parents); in each folder ``recoupe.toml`` wins over
``pyproject.toml``, and a ``pyproject.toml`` without a ``[tool.recoupe]`` table is
passed over. Command-line options win over the file. :func:`load_settings` returns
the effective :class:`Settings` with, for each key, where its value came from.

Keys (see the README's "Configure" section for an example)::

    select, ignore, extend-select   rule ids, names or id prefixes
    severity                        {rule id: error | warning | info}
    tolerance                       {kind: relative tolerance, 0 <= t < 1}
    languages                       languages whose articles are checked
    default-lang                    language of articles that state none (else guessed)
    synonyms                        {lemma: [lemmas that mean the same]}
    names                           {canonical name: [variants]}
    stories                         {glob on article ids: story}
    story-grouping                  folder (a story is a folder) or auto (found from
                                    what the articles share; needs scikit-learn)
    exclude                         [globs on article ids]
    baseline                        baseline file path
    output-format                   default format of ``recoupe check``
    report-lang                     language of the editors' report (else --lang, else the
                                    articles' majority language)
    root-story                      name the report gives the root story (default: the folder's)
    extra-rules                     [paths of custom rule modules]
    entry-points                    load third-party rules from installed ``recoupe.rules`` entry points
    max-article-bytes               largest article file read (default 8 MB); a bigger one is an error
    paths                           [the corpus: folders, files or .jsonl, relative to the root]
                                    checked when no input is named (default: the root)
    per-file-ignores                {glob on article ids: [rule ids or prefixes]} not reported there
    cache                           keep extracted claims in the cache (default true)
    cache-dir                       the cache folder (default .recoupe_cache under the root)

The project root (:attr:`Settings.root`) is the folder of the configuration file
found (as ruff finds its root), else the current folder. Article ids and folder
stories are paths relative to it, so they do not depend on how the inputs were named.
"""
from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from .errors import ConfigError
from .formats import CHECK_FORMATS
from .vocab import KINDS, SEVERITIES
from .registry import load_languages

STORY_GROUPINGS = ("folder", "auto")
DEFAULT_TOLERANCE = MappingProxyType({"quantity": 0.0, "percent": 0.0, "money": 0.0, "duration": 0.0, "ordinal": 0.0})


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    tolerance: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_TOLERANCE))
    languages: tuple[str, ...] = field(default_factory=lambda: tuple(load_languages().codes))
    default_lang: str | None = None
    synonyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    stories: tuple[tuple[str, str], ...] = ()
    story_grouping: str = "folder"
    exclude: tuple[str, ...] = ()
    baseline: str = "recoupe-baseline.json"
    output_format: str = "text"
    report_lang: str | None = None
    root_story: str | None = None
    extra_rules: tuple[str, ...] = ()
    entry_points: bool = True
    paths: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    cache: bool = True
    cache_dir: str = ".recoupe_cache"
    max_article_bytes: int = 8 * 1024 * 1024
    path: str | None = None  # the configuration file read, if any
    root: str = "."  # the project root: the configuration file's folder, else the current folder
    origins: Mapping[str, str] = field(default_factory=dict)

    def public(self) -> dict[str, Any]:
        """The settings as TOML-style keys and plain values."""
        out = {}
        for f in fields(self):
            if f.name in ("path", "origins", "root"):
                continue
            v = getattr(self, f.name)
            if isinstance(v, Mapping):
                v = {k: list(x) if isinstance(x, tuple) else x for k, x in v.items()}
            elif isinstance(v, tuple):
                v = [list(x) if isinstance(x, tuple) else x for x in v]
                if f.name in ("stories", "per_file_ignores"):
                    v = {g: s for g, s in v}
            out[f.name.replace("_", "-")] = v
        return out


KEYS = {f.name.replace("_", "-") for f in fields(Settings)} - {"path", "origins", "root"}


def _strings(v: Any, key: str, where: str) -> tuple[str, ...]:
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise ConfigError(f"{key}: must be a list of strings", where)
    return tuple(v)


def _table(v: Any, key: str, where: str) -> dict[str, Any]:
    if not isinstance(v, dict):
        raise ConfigError(f"{key}: must be a table", where)
    return v


def _parse(raw: Mapping[str, Any], where: str) -> dict[str, Any]:
    """Check a [tool.recoupe] table; return Settings field values."""
    out: dict[str, Any] = {}
    for key, v in raw.items():
        if key not in KEYS:
            near = difflib.get_close_matches(key, sorted(KEYS), n=1)
            hint = f"; did you mean {near[0]!r}?" if near else ""
            raise ConfigError(f"unknown key {key!r}{hint} (allowed: {', '.join(sorted(KEYS))})", where)
        name = key.replace("-", "_")
        if key in ("select", "ignore", "extend-select", "exclude", "extra-rules", "paths"):
            out[name] = _strings(v, key, where)
        elif key == "languages":
            langs = _strings(v, key, where)
            known = load_languages().codes
            bad = [x for x in langs if x not in known]
            if bad:
                raise ConfigError(f"languages: {bad[0]!r} is not supported (allowed: {', '.join(known)})", where)
            out[name] = langs
        elif key == "default-lang":
            known = load_languages().codes
            if v not in known:
                raise ConfigError(f"default-lang: {v!r} is not supported (allowed: {', '.join(known)})", where)
            out[name] = v
        elif key == "severity":
            sev = _table(v, key, where)
            for code, s in sev.items():
                if s not in SEVERITIES:
                    raise ConfigError(f"severity.{code}: {s!r} is not a severity (allowed: {', '.join(SEVERITIES)})", where)
            out[name] = dict(sev)
        elif key == "tolerance":
            tol = _table(v, key, where)
            merged = dict(DEFAULT_TOLERANCE)
            for kind, t in tol.items():
                if kind not in KINDS:
                    near = difflib.get_close_matches(kind, KINDS, n=1)
                    raise ConfigError(f"tolerance.{kind}: unknown kind" + (f"; did you mean {near[0]!r}?" if near else "") + f" (allowed: {', '.join(KINDS)})", where)
                if isinstance(t, bool) or not isinstance(t, (int, float)) or not 0 <= t < 1:
                    raise ConfigError(f"tolerance.{kind}: must be a number from 0 to below 1 (a relative tolerance), got {t!r}", where)
                merged[kind] = float(t)
            out[name] = merged
        elif key in ("synonyms", "names"):
            table = _table(v, key, where)
            out[name] = {str(k): _strings(x, f"{key}.{k}", where) for k, x in table.items()}
        elif key == "stories":
            table = _table(v, key, where)
            for g, s in table.items():
                if not isinstance(s, str) or not s:
                    raise ConfigError(f"stories.{g}: must be a story name (a string)", where)
            out[name] = tuple(table.items())
        elif key == "story-grouping":
            if v not in STORY_GROUPINGS:
                raise ConfigError(f"story-grouping: {v!r} is not a grouping (allowed: {', '.join(STORY_GROUPINGS)})", where)
            out[name] = v
        elif key == "per-file-ignores":
            table = _table(v, key, where)
            out[name] = tuple((str(g), _strings(x, f"{key}.{g}", where)) for g, x in table.items())
        elif key == "cache":
            if not isinstance(v, bool):
                raise ConfigError("cache: must be true or false", where)
            out[name] = v
        elif key in ("baseline", "cache-dir"):
            if not isinstance(v, str) or not v:
                raise ConfigError(f"{key}: must be a file path (a string)", where)
            out[name] = v
        elif key == "output-format":
            if v not in CHECK_FORMATS:
                raise ConfigError(f"output-format: {v!r} is not a format (allowed: {', '.join(CHECK_FORMATS)})", where)
            out[name] = v
        elif key == "report-lang":
            from .formats.i18n import languages

            if v not in languages():
                raise ConfigError(f"report-lang: {v!r} is not a report language (allowed: {', '.join(languages())})", where)
            out[name] = v
        elif key == "root-story":
            if not isinstance(v, str) or not v.strip():
                raise ConfigError("root-story: must be a story name (a string)", where)
            out[name] = v
        elif key == "max-article-bytes":
            if isinstance(v, bool) or not isinstance(v, int) or v < 1:
                raise ConfigError(f"max-article-bytes: must be a positive number of bytes, got {v!r}", where)
            out[name] = v
        elif key == "entry-points":
            if not isinstance(v, bool):
                raise ConfigError("entry-points: must be true or false", where)
            out[name] = v
    return out


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest configuration at or above ``start``: (file, [tool.recoupe] table)."""
    start = start.resolve()
    if start.is_file():
        start = start.parent
    for folder in (start, *start.parents):
        rc = folder / "recoupe.toml"
        if rc.is_file():
            data = _read_toml(rc)
            return rc, data.get("tool", {}).get("recoupe", data) if "tool" in data else data
        pp = folder / "pyproject.toml"
        if pp.is_file():
            data = _read_toml(pp)
            table = data.get("tool", {}).get("recoupe")
            if table is not None:
                return pp, table
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except OSError as e:
        raise ConfigError(f"cannot read ({e.strerror or e})", str(path)) from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"invalid TOML ({e})", str(path)) from None
    except UnicodeDecodeError as e:
        raise ConfigError(f"not valid UTF-8 (byte 0x{e.object[e.start]:02x} at offset {e.start})", str(path)) from None
    except RecursionError:
        raise ConfigError("invalid TOML (nested too deeply)", str(path)) from None


def shown_path(p: Path) -> Path:
    """``p`` relative to the current folder when it is under it (messages stay short)."""
    try:
        return p.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return p


def load_settings(inputs: list[str] | None = None, config_file: str | None = None,
                  overrides: Mapping[str, Any] | None = None) -> Settings:
    """Effective settings: defaults < configuration file < command line."""
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    path: Path | None = None
    if config_file:
        p = Path(config_file)
        if not p.is_file():
            raise ConfigError("configuration file not found", config_file)
        data = _read_toml(p)
        table = data.get("tool", {}).get("recoupe", {}) if p.name == "pyproject.toml" or "tool" in data else data
        path = p
    else:
        found = None
        starts = [Path(i) for i in (inputs or []) if Path(i).exists()][:1] + [Path.cwd()]
        for start in starts:
            found = find_config(start)
            if found:
                break
        table = {}
        if found:
            path, table = found
    if path is not None:
        where = f"{path} [tool.recoupe]" if path.name == "pyproject.toml" else str(path)
        parsed = _parse(table, where)
        values.update(parsed)
        origins.update({k: str(path) for k in parsed})
        if "extra_rules" in values:  # relative to the configuration file
            values["extra_rules"] = tuple(str((path.parent / p)) for p in values["extra_rules"])
        if "baseline" in values and not Path(values["baseline"]).is_absolute():
            values["baseline"] = str(path.parent / values["baseline"])
    root = path.parent if path is not None else Path.cwd()
    values["root"] = str(root)
    if "baseline" not in values:  # the baseline lives at the root
        values["baseline"] = str(shown_path(root / Settings.baseline))
    if not Path(values.get("cache_dir", Settings.cache_dir)).is_absolute():
        values["cache_dir"] = str(root / values.get("cache_dir", Settings.cache_dir))
    overrides = {k: v for k, v in (overrides or {}).items() if v is not None and v != ()}
    if "select" in overrides:  # a selection on the command line starts afresh
        for k in ("ignore", "extend_select"):
            if k in values and k not in overrides:
                values.pop(k)
                origins[k] = "reset by --select"
    for k, v in overrides.items():
        values[k] = v
        origins[k] = "command line"
    settings = Settings(**values, path=str(path) if path else None)
    all_origins = {f.name: origins.get(f.name, "default") for f in fields(Settings) if f.name not in ("path", "origins", "root")}
    return replace(settings, origins=MappingProxyType(all_origins))
