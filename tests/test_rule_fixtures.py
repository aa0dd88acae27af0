"""Every rule is tested from its data file ``tests/fixtures/rules/<CODE>.yml``.

Extractor fixtures::

    rule: N01
    cases:
      - name: dotted thousands
        lang: fr                  # default fr
        date: 2025-09-04          # optional article date
        text: "Alors que 100.000 soldats russes se regroupent"
        expect:                   # each must match one claim of this rule (given fields only)
          - {text: "100.000 soldats", value: 100000, unit: soldat, subject: soldat russe}
        absent:                   # no claim of this rule may match one of these
          - {value: 2022}
        exact: true               # optional: no claim of this rule beyond those expected

Annotator fixtures have the same shape; their ``expect`` entries are matched against
the claims of every rule (an annotator fills fields, it makes no claim).

Comparator fixtures::

    rule: C01
    cases:
      - name: two counts of one subject
        articles:
          - {id: a.txt, text: "...", date: 2025-09-04, lang: fr}
          - {id: b.txt, text: "..."}
        expect:                   # discrepancies of this rule (given fields only)
          - {verdict: contradiction, severity: error}
        exact: true               # default true for comparators: nothing else of this rule

Expected values are written by hand from the text, never pasted from the program.
"""
from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, make_article

RULE_FIXTURES = FIXTURES / "rules"


def _load(path: Path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and "rule" in data and "cases" in data, f"{path.name}: needs 'rule' and 'cases'"
    return data


def _cases():
    out = []
    for path in sorted(RULE_FIXTURES.glob("*.yml")):
        data = _load(path)
        for i, case in enumerate(data["cases"]):
            out.append(pytest.param(data["rule"], case, id=f"{data['rule']}-{case.get('name', i)}"))
    return out


def _same(expected, actual) -> bool:
    if isinstance(expected, bool):
        return actual is expected
    if isinstance(expected, (int, float)):
        return isinstance(actual, (int, float)) and math.isclose(expected, actual, rel_tol=1e-9, abs_tol=1e-9)
    if expected is None:
        return actual is None or (isinstance(actual, float) and math.isnan(actual))
    if isinstance(expected, list) and isinstance(actual, (list, tuple)):
        return len(expected) == len(actual) and all(_same(e, a) for e, a in zip(expected, actual))
    return str(expected) == str(actual) if not isinstance(actual, (int, float)) else False


def _matches(spec: dict, claim: dict) -> bool:
    return all(_same(v, claim.get(k)) for k, v in spec.items())


def test_every_rule_has_fixtures(registry):
    have = {_load(p)["rule"] for p in RULE_FIXTURES.glob("*.yml")}
    missing = [c for c, r in registry.items() if r.origin == "builtin" and c not in have]
    assert not missing, f"rules without a fixture file in tests/fixtures/rules/: {missing}"


def test_fixtures_name_known_rules(registry):
    for p in RULE_FIXTURES.glob("*.yml"):
        assert _load(p)["rule"] in registry, f"{p.name} names an unknown rule"


@pytest.mark.parametrize("code,case", _cases())
def test_rule_case(code, case, registry, extractor):
    rule = registry[code]
    if rule.type == "comparator":
        from recoupe.checker.compare import check_articles

        arts = [make_article(a["text"], a.get("lang", "fr"), a.get("date"), id=a["id"], story=a.get("story", "s"),
                             title=a.get("title"), source=a.get("source"))
                for a in case["articles"]]
        result = check_articles(arts, registry)
        found = [d.to_json() for d in result.discrepancies if d.rule == code]
        expected = case.get("expect") or []
        for spec in expected:
            assert any(_matches(spec, d) for d in found), f"expected {spec} among {[(d['verdict'], d['severity'], d['explanation']) for d in found]}"
        if case.get("exact", True):
            assert len(found) == len(expected), f"expected {len(expected)} discrepancies, got {[d['explanation'] for d in found]}"
        return
    from recoupe.checker.schema import claim_records

    art = make_article(case["text"], case.get("lang", "fr"), case.get("date"))
    claims = claim_records(extractor.run([art]))
    if rule.type == "extractor":  # an annotator's fixture matches the claims of every rule
        claims = [c for c in claims if c["rule"] == code]
    for spec in case.get("expect") or []:
        assert any(_matches(spec, c) for c in claims), f"expected {spec} among {[(c['text'], c['value'], c['unit'], c['subject']) for c in claims]}"
    for spec in case.get("absent") or []:
        bad = [c for c in claims if _matches(spec, c)]
        assert not bad, f"unexpected {[(c['text'], c['value']) for c in bad]}"
    if case.get("exact"):
        assert len(claims) == len(case.get("expect") or []), f"extra claims: {[(c['text'], c['value']) for c in claims]}"
