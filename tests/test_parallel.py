"""Several cores and Dask: the same bytes whatever ``--jobs``, the executor and the input order."""
from __future__ import annotations

import json
import random

import pandas as pd
import pytest

from conftest import SEEDS, make_article, run_cli
from recoupe.checker import parallel
from recoupe.checker.compare import CompareContext, compare_claims
from recoupe.checker.config import Settings

TOWNS = ["Vierzon", "Quimperlé", "Millau", "Aurillac", "Dole", "Saumur"]


def story_articles(n_stories: int, per_story: int, seed: int = 3) -> list[dict]:
    """Articles about floods, in our own words: figures and a date that differ between
    the articles of a story now and then."""
    rng = random.Random(seed)
    out = []
    for s in range(n_stories):
        town = TOWNS[s % len(TOWNS)]
        for i in range(per_story):
            day = 12 if i % 5 else 13
            trucks = 30 + s % 7 + (1 if i % 4 == 3 else 0)
            text = (f"Les crues ont touché {town} le {day} mars 2024. "
                    f"La mairie a annoncé que {120 + rng.randint(0, 40)} habitants ont été évacués dans la nuit.\n"
                    f"Les pompiers ont mobilisé {trucks} camions et {rng.choice([2, 3])} hélicoptères. "
                    f"Le montant des dégâts atteint {4 + s % 3} millions d'euros.")
            out.append({"id": f"crue-{s:02d}/{i:03d}", "story": f"crue-{s:02d}", "lang": "fr",
                        "date": "2024-03-14", "text": text})
    return out


def write_jsonl(path, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    """The same 300 articles in two files, in two orders, under the same name."""
    rows = story_articles(30, 10)
    base = tmp_path_factory.mktemp("corpora")
    ordered = write_jsonl(base / "a" / "crues.jsonl", rows)
    shuffled = rows[:]
    random.Random(11).shuffle(shuffled)
    write_jsonl(base / "b" / "crues.jsonl", shuffled)
    return ordered.parent, base / "b"


def check_json(folder, *opts):
    done = run_cli("check", "crues.jsonl", "--format", "json", "--no-baseline", "-q", *opts, cwd=folder)
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


def test_jobs_and_input_order_give_the_same_bytes(corpora):
    ordered, shuffled = corpora
    one = check_json(ordered, "-j", "1")
    report = json.loads(one)
    rules = {d["rule"] for d in report}
    assert {"C01", "C03"} <= rules  # the corpus has figure and date conflicts to find
    assert check_json(ordered, "-j", "2") == one
    assert check_json(shuffled, "-j", "2") == one
    assert check_json(shuffled, "-j", "1") == one


def test_extract_jobs_give_the_same_bytes(corpora):
    ordered, shuffled = corpora
    one = run_cli("extract", "crues.jsonl", "-j", "1", cwd=ordered).stdout
    assert one.count("\n") > 300 * 4
    assert run_cli("extract", "crues.jsonl", "-j", "2", cwd=shuffled).stdout == one


def test_seeds_with_two_jobs_match_one():
    assert run_cli("check", SEEDS, "--format", "json", "-j", "2").stdout == \
        run_cli("check", SEEDS, "--format", "json", "-j", "1").stdout


def test_jobs_must_be_positive():
    done = run_cli("check", SEEDS, "-j", "0")
    assert done.returncode == 2 and "positive" in done.stderr and "Traceback" not in done.stderr
    done = run_cli("check", SEEDS, "--scheduler", "tcp://127.0.0.1:1")
    assert done.returncode == 2 and "--executor dask" in done.stderr


def test_story_batches_keep_stories_whole():
    frame = pd.DataFrame({"story": ["a", "a", "b", "c", "c", "c"]})
    assert parallel.story_batches(frame, 2) == [(0, 2), (2, 6)]
    assert parallel.story_batches(frame, 10) == [(0, 6)]
    assert parallel.story_batches(frame, 1) == [(0, 2), (2, 3), (3, 6)]
    assert parallel.story_batches(frame.iloc[:0], 2) == []


def test_article_batches_cover_in_order():
    assert parallel.article_batches(5, 2) == [(0, 2), (2, 4), (4, 5)]
    assert parallel.article_batches(0, 2) == []


def test_forked_extraction_equals_in_process(extractor, monkeypatch):
    arts = [make_article(r["text"], id=r["id"], story=r["story"]) for r in story_articles(4, 6)]
    monkeypatch.setattr(parallel, "MIN_PARALLEL_ARTICLES", 2)
    monkeypatch.setattr(parallel, "ARTICLES_PER_BATCH", 5)
    alone = extractor.run(arts)
    forked = parallel.extract_local(extractor, arts, 2)
    assert len(alone) > 4 * 6 * 3
    pd.testing.assert_frame_equal(forked, alone)


def test_comparison_by_story_batches_equals_one_pass(extractor, registry, monkeypatch):
    arts = [make_article(r["text"], id=r["id"], story=r["story"]) for r in story_articles(6, 8)]
    claims = extractor.run(arts)
    comparators = registry.of_type("comparator")
    ctx = CompareContext(tolerance=dict(Settings().tolerance), articles={a.id: a for a in arts})
    whole = compare_claims(claims, comparators, ctx)
    assert len({d.story for d in whole}) == 6
    monkeypatch.setattr(parallel, "CLAIMS_PER_BATCH", 10)  # about one story a batch
    monkeypatch.setattr(parallel, "MIN_PARALLEL_ARTICLES", 2)
    assert len(parallel.story_batches(claims)) == 6
    assert parallel.compare_local(claims, comparators, ctx, {}, 1, len(arts)) == whole
    assert parallel.compare_local(claims, comparators, ctx, {}, 2, len(arts)) == whole


def test_dask_executor_on_a_local_cluster_gives_the_local_bytes(corpora):
    from dask import distributed  # in the test extra: CI runs this test
    ordered, _ = corpora
    local = check_json(ordered, "-j", "1")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        on_dask = check_json(ordered, "--executor", "dask", "--scheduler", cluster.scheduler_address)
    assert on_dask == local


def test_context_overlap_is_the_least_pairwise_overlap():
    from recoupe.rules._compare import context_overlap, context_sets

    g = pd.DataFrame({"doc": ["b", "a", "b", "c", "d"],
                      "context": ["grue chantier", "grue chantier port", pd.NA, "grue", "grue chantier"]})
    assert context_sets(g) == [{"grue", "chantier", "port"}, {"grue", "chantier"}, {"grue"}, {"grue", "chantier"}]
    assert context_overlap(g) == 1.0  # every pair shares all of its smaller set
    g2 = pd.concat([g, pd.DataFrame({"doc": ["e"], "context": ["port quai"]})], ignore_index=True)
    assert context_overlap(g2) == 0.0  # c {grue} and e {port, quai} share nothing
    g3 = pd.DataFrame({"doc": ["a", "b", "c"], "context": ["grue port", "grue quai", "grue port"]})
    assert context_overlap(g3) == 0.5
    g4 = pd.DataFrame({"doc": ["a", "b"], "context": ["grue", pd.NA]})
    assert context_overlap(g4) == 0.0  # an article without lemmas overlaps nothing
    assert context_overlap(g4.iloc[:1]) == 1.0
