"""The extraction pipeline's own guarantees."""
from __future__ import annotations

import gc

from recoupe.checker.pipeline import gc_paused, resolve_overlaps, sentence_bounds

from conftest import SEEDS, make_article


def test_extraction_and_comparison_leave_no_reference_cycles(registry, extractor):
    """gc_paused relies on this: the records the pipeline builds are acyclic."""
    from recoupe.checker.compare import check_articles

    arts = [make_article(p.read_text(encoding="utf-8"), "fr", id=p.name) for p in sorted(SEEDS.glob("*.txt"))]
    check_articles(arts, registry)  # warm the caches
    gc.collect()
    with gc_paused():
        result = check_articles(arts, registry)
        assert result.discrepancies
        assert gc.collect() == 0


def test_gc_paused_restores_the_collector():
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_sentence_bounds():
    text = "M. Bush est arrivé. Il a parlé à 10h30 !\nNouvelle ligne sans point"
    assert [text[s:e] for s, e in sentence_bounds(text)] == [
        "M. Bush est arrivé.", "Il a parlé à 10h30 !", "Nouvelle ligne sans point"]


def test_overlapping_spans_keep_the_longest():
    rows = [
        {"start": 0, "end": 16, "kind": "date", "value": "2025-09-04", "rule": "D01"},
        {"start": 0, "end": 1, "kind": "quantity", "value": 4.0, "rule": "N01"},
        {"start": 12, "end": 16, "kind": "quantity", "value": 2025.0, "rule": "N01"},
        {"start": 20, "end": 27, "kind": "role", "value": "x", "rule": "R01"},
        {"start": 20, "end": 27, "kind": "role", "value": "x", "rule": "R01"},
    ]
    kept = resolve_overlaps(rows)
    assert [(r["rule"], r["start"]) for r in kept] == [("D01", 0), ("R01", 20)]
