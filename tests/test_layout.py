"""The boundary between engine and rules, read from the imports (ast) of every module.

- no import cycle among the project's modules (imports at module level);
- ``checker/`` imports no ``recoupe.rules`` module and holds no language word list or code;
- rules import from ``checker/`` only ``recoupe.checker.ruleapi``;
- no module imports a ``_private`` name of another module.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: repository folder -> installed package
PACKAGES = {"recoupe": "recoupe", "checker": "recoupe.checker", "rules": "recoupe.rules"}
RULE_API = "recoupe.checker.ruleapi"
#: checker modules that still name a language code, and why; fix them, then remove them here.
PENDING_LANGUAGE_CODES: dict[str, str] = {}
#: engine modules that still import a private helper of another, and why (the rules import none).
PENDING_PRIVATE: dict[str, str] = {}


def _modules() -> dict[str, Path]:
    mods: dict[str, Path] = {}
    for folder, package in PACKAGES.items():
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT / folder).with_suffix("")
            parts = [p for p in rel.parts if p != "__init__"]
            mods[".".join([package, *parts])] = path
    return mods


MODULES = _modules()


def _is_package(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def _resolve(current: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = current.split(".") if _is_package(current) else current.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports(name: str, top_level_only: bool = False) -> list[tuple[str, str | None, int]]:
    """``(module, imported name or None, line)`` for each project import of a module."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    out = []
    for node in nodes:
        if isinstance(node, ast.Import):
            out += [(a.name, None, node.lineno) for a in node.names if a.name.split(".")[0] == "recoupe"]
        elif isinstance(node, ast.ImportFrom):
            mod = _resolve(name, node)
            if mod.split(".")[0] != "recoupe":
                continue
            for a in node.names:
                sub = f"{mod}.{a.name}"
                out.append((sub, None, node.lineno) if sub in MODULES else (mod, a.name, node.lineno))
    return out


def _project_module(target: str) -> str | None:
    """The project module an imported dotted name lives in."""
    while target and target not in MODULES:
        target = target.rpartition(".")[0]
    return target or None


def test_the_layout_is_read():
    # the walk finds the modules this test is about, and resolves relative imports
    assert {"recoupe.checker.registry", "recoupe.checker.ruleapi", "recoupe.rules.text", "recoupe.rules.names",
            "recoupe.rules.languages", "recoupe.rules.d02_weekday"} <= set(MODULES)
    d02 = {(m, n) for m, n, _ in _imports("recoupe.rules.d02_weekday")}
    assert ("recoupe.rules.d01_date", "in_furniture") in d02
    assert ("recoupe.rules.text", "alt") in d02


def test_no_import_cycle():
    graph = {m: sorted({_project_module(t) for t, _, _ in _imports(m, top_level_only=True)} - {None, m}) for m in MODULES}
    # a package's own __init__ is imported first by any of its modules: not a cycle edge
    graph = {m: [t for t in ts if not (_is_package(t) and m.startswith(t + "."))] for m, ts in graph.items()}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for t in graph[m]:
            if state.get(t) == 1:
                pytest.fail("import cycle: " + " -> ".join(stack[stack.index(t):] + [t]))
            if t not in state:
                visit(t)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)


def test_engine_imports_no_rule_module():
    bad = [f"{MODULES[m].relative_to(ROOT)}:{line} imports {t}"
           for m in MODULES if m.startswith("recoupe.checker")
           for t, _, line in _imports(m) if t == "recoupe.rules" or t.startswith("recoupe.rules.")]
    assert bad == []


def test_rules_use_only_the_rule_api_of_the_engine():
    bad = [f"{MODULES[m].relative_to(ROOT)}:{line} imports {t}"
           for m in MODULES if m.startswith("recoupe.rules")
           for t, _, line in _imports(m) if t.startswith("recoupe.checker") and t != RULE_API]
    assert bad == []
    users = {m for m in MODULES if m.startswith("recoupe.rules") for t, _, _ in _imports(m) if t == RULE_API}
    assert "recoupe.rules.c01_quantity_mismatch" in users


def test_no_module_imports_a_private_name_of_another():
    bad = {f"{MODULES[m].relative_to(ROOT)}:{line} imports {n} from {t}": m
           for m in MODULES for t, n, line in _imports(m)
           if n is not None and n.startswith("_") and not n.startswith("__") and t != m}
    assert [b for b, m in bad.items() if m not in PENDING_PRIVATE] == []


def _strings(path: Path) -> list[str]:
    """The string constants of a module, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docs.add(id(first.value))
    return [n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs]


def test_engine_names_no_language():
    from recoupe.checker.registry import load_languages

    langs = load_languages()
    conf = __import__("yaml").safe_load((ROOT / "rules" / "data" / "languages.yaml").read_text(encoding="utf-8"))
    words = {c: {str(w) for w in v["function_words"]} for c, v in conf["languages"].items()}
    lines = [p for v in conf["languages"].values() for p in v.get("boilerplate") or ()]
    named_codes, word_lists = {}, []
    for m, path in MODULES.items():
        if not m.startswith("recoupe.checker"):
            continue
        strings = _strings(path)
        if set(strings) & set(langs.codes):
            named_codes[m] = sorted(set(strings) & set(langs.codes))
        # a word list: a string of five or more words, or a literal collection of five or
        # more strings, all function words of one language
        groups = [s.split() for s in strings]
        groups += [[e.value for e in n.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
                   for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                   if isinstance(n, (ast.Tuple, ast.List, ast.Set))]
        for group in groups:
            for code, vocab in words.items():
                if len(group) >= 5 and all(w.lower() in vocab for w in group):
                    word_lists.append(f"{m}: {code} function words {' '.join(group)[:40]!r}")
        word_lists += [f"{m}: boilerplate line {p!r}" for s in strings for p in lines if len(p) > 8 and p in s]
    assert word_lists == []
    assert set(named_codes) <= set(PENDING_LANGUAGE_CODES), named_codes


def test_language_descriptor_reaches_the_engine_through_an_entry_point():
    from recoupe.checker.registry import load_languages

    langs = load_languages()
    assert langs.codes == ("fr", "en") and langs.default == "fr"
    assert langs.detect("The minister said that the plan was ready and that it would start in May.") == "en"
    assert langs.detect("Le ministre a dit que le plan est prêt et qu'il sera lancé en mai.") == "fr"
    assert langs.detect("12 345 678") == "fr"  # no function word: the default
    assert langs.is_boilerplate("  Lire aussi : notre enquête sur le port  ")
    assert not langs.is_boilerplate("La publicité du ministère a coûté cher.")


def test_builtin_rules_come_from_entry_points_even_without_plugins():
    from importlib.metadata import entry_points

    from recoupe.checker.registry import load_registry

    declared = {ep.module for ep in entry_points(group="recoupe.rules") if ep.dist and ep.dist.name == "recoupe"}
    reg = load_registry(entry_points=False)
    assert {r.module for r in reg.values()} == declared
    assert {r.origin for r in reg.values()} == {"builtin"}
    assert "recoupe.rules.r01_role" in declared and "recoupe.rules.names" not in declared
