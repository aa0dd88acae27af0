"""Rule docstrings are documentation and test cases.

Each built-in rule's docstring has a summary line, a ``Flags:`` and a ``Does not flag:``
section, each with at least one example line ``- [lang] text`` (comparators:
``- [lang] text of article A || text of article B``). The examples run through the
rule: a Flags example must produce a claim of the rule (an annotator: set its
``FIELD`` on a claim; a comparator: report a discrepancy), a Does-not-flag example
must not. ``docs/rules.md`` must be what ``recoupe docs`` generates.
"""
from __future__ import annotations

import importlib
import re

import pytest

from conftest import ROOT, make_article, run_cli

EXAMPLE_RE = re.compile(r"^\[(fr|en)\]\s+(.+)$")


def _examples():
    from recoupe.checker.registry import load_registry
    from recoupe.checker.ruledocs import examples

    out = []
    for code, rule in load_registry(entry_points=False).items():
        ex = examples(rule)
        for section in ("flags", "does_not_flag"):
            for i, line in enumerate(ex[section]):
                out.append(pytest.param(code, section, line, id=f"{code}-{section}-{i}"))
    return out


def test_docstrings_have_examples(registry):
    from recoupe.checker.ruledocs import examples

    for code, rule in registry.items():
        ex = examples(rule)
        assert rule.summary, code
        assert ex["flags"], f"{code}: docstring has no 'Flags:' examples"
        assert ex["does_not_flag"], f"{code}: docstring has no 'Does not flag:' examples"
        for line in ex["flags"] + ex["does_not_flag"]:
            assert EXAMPLE_RE.match(line), f"{code}: example not of the form '[fr] text': {line!r}"
        if "fr" in rule.languages and "en" in rule.languages:
            langs = {EXAMPLE_RE.match(x).group(1) for x in ex["flags"]}
            assert langs == {"fr", "en"}, f"{code}: needs a French and an English 'Flags' example"


def test_codes_and_names_unique(registry):
    names = [r.name for r in registry.values()]
    assert len(set(names)) == len(names)
    assert all(re.match(r"^[A-Z]\d\d$", c) for c in registry)


@pytest.mark.parametrize("code,section,line", _examples())
def test_docstring_example(code, section, line, registry, extractor):
    rule = registry[code]
    lang, text = EXAMPLE_RE.match(line).groups()
    if rule.type == "comparator":
        from recoupe.checker.compare import check_articles

        texts = [t.strip() for t in text.split("||")]
        arts = [make_article(t, lang, id=f"{i}.txt", story="s") for i, t in enumerate(texts)]
        found = [d for d in check_articles(arts, registry).discrepancies if d.rule == code]
    else:
        from recoupe.checker.schema import claim_records

        claims = claim_records(extractor.run([make_article(text, lang)]))
        if rule.type == "annotator":
            field = importlib.import_module(rule.module).FIELD
            found = [c for c in claims if c.get(field)]
        else:
            found = [c for c in claims if c["rule"] == code]
    if section == "flags":
        assert found, f"{code} should flag: {text!r}"
    else:
        assert not found, f"{code} should not flag: {text!r}, got {found!r}"


def test_rules_doc_is_current():
    done = run_cli("docs", "--check", "-o", ROOT / "docs" / "rules.md")
    assert done.returncode == 0, done.stderr
