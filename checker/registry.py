"""The rule registry: rule modules found through entry points (and custom ones), as metadata.

A rule module is a plain Python module with module-level metadata and one public
function (see ``docs/architecture.md`` and ``docs/rules.md``)::

    '''Summary line (the rule's title in reports and SARIF).

    Why an editor cares ...

    Flags:
        ...
    Does not flag:
        ...
    '''
    CODE = "N01"                 # family letter + two digits; never reused
    NAME = "number.quantity"     # dotted name, accepted wherever a code is
    TYPE = "extractor"           # extractor | annotator | comparator
    KINDS = ("quantity",)        # claim kinds produced (extractors) or compared
    LANGUAGES = ("fr", "en")     # languages it runs on
    SEVERITY = "error"           # default severity of what a comparator reports
    ALIASES = ()                 # retired codes and names it still answers to
    NEEDS = ("numbers",)         # shared scans it reads with ctx.scan(name)
    SCANS = {"dates": scan}      # shared scans it provides: name -> function(ctx)
    WITHIN_ARTICLE = False       # comparator: True keeps findings that involve one article

    def extract(ctx): ...        # extractor: ArticleContext -> iterable of claim rows
    def annotate(ctx, rows): ... # annotator: fills fields of an article's claim rows
    def compare(claims, ctx): ...# comparator: claims DataFrame -> iterable of schema.Finding

The registry is built once into an immutable mapping; the engine never imports a
particular rule, and a rule never imports a formatter. Built-in rules are found the
way plug-ins are, through the entry-point group ``recoupe.rules``: those the
``recoupe`` distribution declares are the built-ins (origin ``builtin``), any other
distribution's are plug-ins (origin ``entry-point``). The languages come the same way:
one descriptor object under ``recoupe.languages`` (see :func:`load_languages`).
"""
from __future__ import annotations

import difflib
import functools
import importlib
import importlib.util
import inspect
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType, ModuleType
from typing import Any, Callable, Iterable, Iterator, Mapping

from .errors import ConfigError

CODE_RE = re.compile(r"^[A-Z][0-9]{2,3}$")
TYPES = {"extractor": "extract", "annotator": "annotate", "comparator": "compare"}
FAMILIES = {
    "N": "numbers",
    "D": "dates and times",
    "R": "roles",
    "A": "annotations",
    "C": "comparisons",
}
ENTRY_POINT_GROUP = "recoupe.rules"
LANGUAGES_GROUP = "recoupe.languages"
DISTRIBUTION = "recoupe"  # the distribution whose entry points are the built-ins


@dataclass(frozen=True)
class Rule:
    """A rule's metadata and its function."""

    code: str
    name: str
    type: str
    kinds: tuple[str, ...]
    languages: tuple[str, ...]
    severity: str
    summary: str
    doc: str
    aliases: tuple[str, ...]
    module: str
    func: Callable[..., Any]
    origin: str = "builtin"  # builtin | config | entry-point
    needs: tuple[str, ...] = ()  # shared scans it reads (ctx.scan(name))
    scans: Mapping[str, Callable[..., Any]] = field(default_factory=dict)  # shared scans it provides
    within_article: bool = False  # a comparator whose findings may involve one article

    @property
    def family(self) -> str:
        return self.code[0]

    @property
    def family_name(self) -> str:
        return FAMILIES.get(self.family, "custom")

    def runs_on(self, lang: str | None) -> bool:
        return not self.languages or lang is None or lang in self.languages or "*" in self.languages

    def info(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "family": self.family_name,
            "type": self.type,
            "kinds": list(self.kinds),
            "languages": list(self.languages),
            "severity": self.severity,
            "summary": self.summary,
            "aliases": list(self.aliases),
            "origin": self.origin,
        }


def rule_from_module(mod: ModuleType, origin: str = "builtin") -> Rule:
    """Read a rule module's metadata; raise ConfigError naming what is wrong."""
    where = getattr(mod, "__file__", mod.__name__)
    code = getattr(mod, "CODE", None)
    if not isinstance(code, str) or not CODE_RE.match(code):
        raise ConfigError(f"{where}: rule module needs CODE like 'N01' (got {code!r})")
    rtype = getattr(mod, "TYPE", "extractor")
    if rtype not in TYPES:
        raise ConfigError(f"{where}: TYPE must be one of {', '.join(TYPES)} (got {rtype!r})")
    func = getattr(mod, TYPES[rtype], None)
    if not callable(func):
        raise ConfigError(f"{where}: a {rtype} rule needs a function {TYPES[rtype]}()")
    needs = getattr(mod, "NEEDS", ())
    if isinstance(needs, str) or not all(isinstance(n, str) for n in needs):
        raise ConfigError(f"{where}: NEEDS must be a tuple of scan names (got {needs!r})")
    scans = getattr(mod, "SCANS", {})
    if not isinstance(scans, Mapping) or not all(isinstance(k, str) and callable(f) for k, f in scans.items()):
        raise ConfigError(f"{where}: SCANS must map scan names to functions of the article context")
    doc = inspect.cleandoc(mod.__doc__ or "")
    summary = doc.splitlines()[0].strip() if doc else ""
    if not summary:
        raise ConfigError(f"{where}: rule {code} has no docstring")
    return Rule(
        code=code,
        name=str(getattr(mod, "NAME", code.lower())),
        type=rtype,
        kinds=tuple(getattr(mod, "KINDS", ())),
        languages=tuple(getattr(mod, "LANGUAGES", ())),
        severity=str(getattr(mod, "SEVERITY", "error")),
        summary=summary,
        doc=doc,
        aliases=tuple(getattr(mod, "ALIASES", ())),
        module=mod.__name__,
        func=func,
        origin=origin,
        needs=tuple(needs),
        scans=MappingProxyType(dict(scans)),
        within_article=bool(getattr(mod, "WITHIN_ARTICLE", False)),
    )


def _entry_points(group: str, builtin: bool) -> list[Any]:
    """The entry points of ``group``, by name: the ``recoupe`` distribution's (``builtin``)
    or every other distribution's."""
    from importlib.metadata import entry_points

    def ours(ep) -> bool:
        return ep.dist is not None and ep.dist.name == DISTRIBUTION

    return sorted((ep for ep in entry_points(group=group) if ours(ep) == builtin), key=lambda e: e.name)


def _builtin_modules() -> Iterator[ModuleType]:
    eps = _entry_points(ENTRY_POINT_GROUP, builtin=True)
    if not eps:
        raise ConfigError(f"no built-in rules found (entry points {ENTRY_POINT_GROUP!r}); reinstall recoupe")
    for ep in eps:
        yield importlib.import_module(ep.module)


def _module_from_path(path: Path) -> ModuleType:
    name = "recoupe_custom_" + re.sub(r"\W", "_", path.stem)
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ConfigError(f"{path}: cannot load as a Python module")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    try:
        spec.loader.exec_module(mod)
    except FileNotFoundError:
        raise ConfigError(f"{path}: custom rule module not found") from None
    except Exception as e:  # a custom module's own error, reported in one line
        raise ConfigError(f"{path}: custom rule module failed to load: {type(e).__name__}: {e}") from None
    return mod


def _entry_point_modules() -> Iterator[ModuleType]:
    for ep in _entry_points(ENTRY_POINT_GROUP, builtin=False):
        try:
            obj = ep.load()
        except Exception as e:
            raise ConfigError(f"entry point {ep.name} ({ep.value}): failed to load: {e}") from None
        if isinstance(obj, ModuleType):
            yield obj
        else:
            raise ConfigError(f"entry point {ep.name} ({ep.value}): must name a rule module")


class Registry(Mapping[str, Rule]):
    """An immutable mapping code -> Rule, with name and alias look-up."""

    def __init__(self, rules: Iterable[Rule]):
        by_code: dict[str, Rule] = {}
        names: dict[str, str] = {}
        scans: dict[str, tuple[Callable[..., Any], str]] = {}
        rules = list(rules)
        for rule in rules:
            for name, func in rule.scans.items():
                owner = scans.get(name)
                if owner is not None and owner[0] is not func:
                    raise ConfigError(f"rule {rule.code} ({rule.module}): scan {name!r} already provided by {owner[1]}")
                scans.setdefault(name, (func, rule.code))
        for rule in rules:
            unknown = [n for n in rule.needs if n not in scans]
            if unknown:
                raise ConfigError(f"rule {rule.code} ({rule.module}): needs unknown scan {unknown[0]!r}"
                                  f" (provided: {', '.join(sorted(scans)) or 'none'})")
            for key in (rule.code, rule.name, *rule.aliases):
                owner = names.get(key.upper())
                if owner is not None and owner != rule.code:
                    raise ConfigError(f"rule {rule.code} ({rule.module}): id or name {key!r} already used by {owner}")
                names[key.upper()] = rule.code
            by_code[rule.code] = rule
        self._rules = MappingProxyType(dict(sorted(by_code.items())))
        self._names = MappingProxyType(names)
        #: Shared scans by name, whichever rule module provides them and whether or not it runs.
        self.scans: Mapping[str, Callable[..., Any]] = MappingProxyType({n: f for n, (f, _) in sorted(scans.items())})

    def __getitem__(self, code: str) -> Rule:
        return self._rules[code]

    def __iter__(self):
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def resolve(self, key: str) -> Rule | None:
        """The rule a code, name or alias refers to (case-insensitive)."""
        code = self._names.get(key.strip().upper())
        return self._rules[code] if code else None

    def suggest(self, key: str) -> str | None:
        keys = list(self._rules) + [r.name for r in self._rules.values()]
        close = difflib.get_close_matches(key, keys, n=1, cutoff=0.5)
        return close[0] if close else None

    def matching(self, selector: str) -> list[Rule]:
        """Rules a selector names: a code, a name, an alias or a code prefix ("N", "C0")."""
        sel = selector.strip()
        if sel.upper() == "ALL":
            return list(self._rules.values())
        rule = self.resolve(sel)
        if rule:
            return [rule]
        return [r for r in self._rules.values() if r.code.startswith(sel.upper())]

    def of_type(self, rtype: str) -> list[Rule]:
        return [r for r in self._rules.values() if r.type == rtype]


@dataclass(frozen=True)
class Selection:
    """Which rules run, and why each one does or does not."""

    enabled: frozenset[str]
    reasons: Mapping[str, str]

    def __contains__(self, code: str) -> bool:
        return code in self.enabled


def select_rules(
    registry: Registry,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    extend_select: Iterable[str] = (),
) -> Selection:
    """Apply select / extend-select / ignore (ruff's semantics) to the registry.

    ``select`` replaces the default set (all rules); ``extend-select`` adds to it;
    ``ignore`` removes, and wins over a less specific select.
    """
    select, ignore, extend_select = list(select), list(ignore), list(extend_select)
    for key, sels in (("select", select), ("ignore", ignore), ("extend-select", extend_select)):
        for sel in sels:
            if not registry.matching(sel):
                hint = registry.suggest(sel)
                raise ConfigError(f"{key}: unknown rule id or prefix {sel!r}" + (f" (did you mean {hint!r}?)" if hint else "")
                                  + "; 'recoupe rules' lists them")
    reasons: dict[str, str] = {}
    enabled: set[str] = set()
    base = select or ["ALL"]
    for sel in base:
        for r in registry.matching(sel):
            enabled.add(r.code)
            reasons[r.code] = "default" if not select else f"selected by {sel!r}"
    for sel in extend_select:
        for r in registry.matching(sel):
            enabled.add(r.code)
            reasons[r.code] = f"selected by extend-select {sel!r}"
    for sel in ignore:
        for r in registry.matching(sel):
            if r.code in enabled:
                # a more specific select (longer selector) wins over a prefix ignore
                chosen = [s for s in select + extend_select if r in registry.matching(s)]
                if any(len(s) > len(sel) and s.upper() != "ALL" for s in chosen):
                    continue
                enabled.discard(r.code)
            reasons[r.code] = f"ignored by {sel!r}"
    for code in registry:
        reasons.setdefault(code, "not selected")
    return Selection(frozenset(enabled), MappingProxyType(dict(sorted(reasons.items()))))


def load_registry(extra_paths: Iterable[str | Path] = (), entry_points: bool = True) -> Registry:
    """Build the registry: built-in rules, installed entry points, custom module paths."""
    rules: list[Rule] = [rule_from_module(m) for m in _builtin_modules()]
    if entry_points:
        rules += [rule_from_module(m, "entry-point") for m in _entry_point_modules()]
    for p in extra_paths:
        rules.append(rule_from_module(_module_from_path(Path(p)), "config"))
    return Registry(rules)


@functools.cache
def load_languages() -> Any:
    """The language descriptor the ``recoupe`` distribution declares under ``recoupe.languages``.

    An object with ``codes`` (the language codes; the first, ``default``, is the language
    of an article nothing else decides), ``detect(text) -> code`` and
    ``is_boilerplate(line) -> bool``. The engine names no language; it asks this object.
    """
    eps = _entry_points(LANGUAGES_GROUP, builtin=True)
    if not eps:
        raise ConfigError(f"no language descriptor found (entry point {LANGUAGES_GROUP!r}); reinstall recoupe")
    return eps[0].load()
