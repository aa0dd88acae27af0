"""The typed records between stages: Finding, the vocabularies, the one order of discrepancies."""
from __future__ import annotations

import pandas as pd
import pytest

from recoupe.checker.compare import CompareContext, compare_claims
from recoupe.checker.errors import ConfigError
from recoupe.checker.registry import Rule
from recoupe.checker.schema import Discrepancy, Finding, claims_frame, sorted_discrepancies
from recoupe.checker.vocab import SEVERITIES, SEVERITY_RANK, VERDICTS


def _claims() -> pd.DataFrame:
    base = dict(story="s", kind="quantity", unit="pont", subject="pont", end=5, line=1, text="3 ponts",
                rule="N01", lang="fr", sentence="3 ponts.", resolved=True)
    return claims_frame([dict(base, doc="a.txt", start=0, value=3.0, low=3.0, high=3.0),
                         dict(base, doc="b.txt", start=0, value=4.0, low=4.0, high=4.0)])


def _rule(func) -> Rule:
    return Rule(code="X09", name="test.compare", type="comparator", kinds=("quantity",), languages=(),
                severity="warning", summary="t", doc="t", aliases=(), module="test_records", func=func)


def _run(func):
    return compare_claims(_claims(), [_rule(func)], CompareContext(tolerance={}))


def test_a_finding_becomes_a_discrepancy_with_the_rule_defaults():
    [d] = _run(lambda claims, ctx: [Finding(story="s", subject="pont", rows=(1, 0), explanation="3 vs 4")])
    assert (d.rule, d.verdict, d.severity, d.kind, d.unit) == ("X09", "contradiction", "warning", "quantity", None)
    assert [c["doc"] for c in d.claims] == ["a.txt", "b.txt"]
    assert d.values == ("3", "4")


def test_the_old_dict_shape_is_still_accepted_and_gives_the_same_record():
    as_dict = _run(lambda claims, ctx: [{"story": "s", "subject": "pont", "rows": [0, 1], "explanation": "3 vs 4",
                                         "verdict": "update", "severity": "info"}])
    as_finding = _run(lambda claims, ctx: [Finding(story="s", subject="pont", rows=(0, 1), explanation="3 vs 4",
                                                   verdict="update", severity="info")])
    assert as_dict == as_finding and as_dict[0].verdict == "update"


@pytest.mark.parametrize("bad, says", [
    ({"story": "s", "subject": "pont", "explanation": "x"}, "misses rows"),
    ({"story": "s", "subject": "pont", "rows": [0, 1], "explanation": "x", "verdict": "maybe"}, "'maybe'"),
    (("s", "pont", [0, 1]), "must yield Finding records"),
])
def test_a_bad_finding_is_a_config_error_naming_the_rule(bad, says):
    with pytest.raises(ConfigError) as e:
        _run(lambda claims, ctx: [bad])
    assert "X09" in str(e.value) and says in str(e.value)


def test_vocabularies():
    assert SEVERITIES == ("error", "warning", "info")
    assert SEVERITY_RANK["error"] < SEVERITY_RANK["warning"] < SEVERITY_RANK["info"]
    assert "weak" not in VERDICTS


def test_one_order_story_then_severity_then_rule_subject_id():
    def d(story, severity, rule, subject, id):
        return Discrepancy(id=id, story=story, rule=rule, subject=subject, kind="quantity", unit=None,
                           verdict="contradiction", severity=severity, explanation="", claims=())
    shuffled = [d("b", "error", "C01", "x", "1"), d("a", "info", "C01", "x", "2"),
                d("a", "error", "C02", "x", "3"), d("a", "error", "C01", "y", "4"), d("a", "error", "C01", "y", "0")]
    assert [x.id for x in sorted_discrepancies(shuffled)] == ["0", "4", "3", "2", "1"]


def test_rows_leaving_the_builtin_extractors_carry_only_schema_fields(registry):
    from recoupe.checker.pipeline import ArticleContext
    from recoupe.checker.schema import CLAIM_FIELDS

    from conftest import make_article

    text = ("Le président américain Donald Trump est arrivé jeudi 4 septembre 2025 à 10h30 (08H30 GMT). "
            "Près de 3 000 personnes, soit 12 %, ont payé 5 euros, selon la mairie.")
    ctx = ArticleContext(make_article(text, date="2025-09-01"), "fr")
    seen = set()
    for rule in registry.of_type("extractor"):
        for row in rule.func(ctx):
            assert set(row) <= set(CLAIM_FIELDS), (rule.code, sorted(set(row) - set(CLAIM_FIELDS)))
            seen.add(row["kind"])
    assert {"role", "time", "date", "quantity", "percent", "money"} <= seen


def test_a_rule_needing_an_unknown_scan_is_a_config_error_at_registry_load(tmp_path):
    from recoupe.checker.registry import load_registry

    mod = tmp_path / "needy.py"
    mod.write_text('"""Needs a scan nobody provides.\n\nFlags:\n- [fr] x\n"""\nCODE = "X07"\nNEEDS = ("sondages",)\n'
                   'def extract(ctx):\n    return ctx.scan("sondages")\n', encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_registry([mod], entry_points=False)
    assert "X07" in str(e.value) and "'sondages'" in str(e.value)


def test_a_shared_scan_runs_once_per_article_and_without_its_owner(registry):
    from recoupe.checker.pipeline import Extractor
    from recoupe.checker.registry import select_rules

    from conftest import make_article

    assert {"numbers", "dates", "times", "furniture", "sources"} <= set(registry.scans)
    calls = []
    scans = {**registry.scans, "dates": lambda ctx: calls.append(ctx.article.id) or registry.scans["dates"](ctx)}
    ex = Extractor.from_registry(registry, select_rules(registry, ignore=["D01"]))
    ex = Extractor(ex.extractors, ex.annotators, ex.settings, scans)
    rows = ex.article_rows(make_article("Le jeudi 4 septembre 2025, puis jeudi encore.", date="2025-09-01"))
    assert calls == ["a"]  # D02 read the date scan although D01 does not run
    assert {r["rule"] for r in rows if r["kind"] == "date"} == {"D02"}
