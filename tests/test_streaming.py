"""Checking by story units: articles loaded without their text and read again unit by
unit, units of whole stories, the claim count instead of the claims, and the JSON
output written piece by piece; the same bytes as before in every case."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from conftest import make_article, run_cli
from recoupe.checker import parallel
from recoupe.checker.compare import CompareContext, check_articles, compare_claims
from recoupe.checker.config import Settings
from recoupe.checker.corpus import Loader
from recoupe.checker.errors import InputError
from recoupe.checker.formats import json_format


def harbour_rows(n_stories: int, per_story: int) -> list[dict]:
    """Articles about a harbour strike, in our own words; the figures differ between
    the articles of a story."""
    out = []
    for s in range(n_stories):
        for i in range(per_story):
            text = (f"Les dockers du port numéro {s + 1} sont en grève depuis le 3 février 2025. "
                    f"Le syndicat compte {400 + (i % 3) * 25} grévistes et {12 + i % 2} navires bloqués.")
            out.append({"id": f"port-{s}/{i}", "story": f"port-{s}", "lang": "fr", "date": "2025-02-05", "text": text})
    return out


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_lazy_articles_hold_no_text_and_read_it_again_as_loaded(tmp_path):
    corpus = write_jsonl(tmp_path / "port.jsonl", harbour_rows(2, 2) + [
        {"id": "note", "text": "Le quai 4 ferme.\nLa suite après cette publicité\n42 grues <!-- recoupe: ignore C01 -->"}])
    (tmp_path / "mag").mkdir()
    (tmp_path / "mag" / "quai.md").write_text("---\ntitle: Quai\ndate: 2025-02-04\n---\nDeux cents camions attendent.\n",
                                              encoding="utf-8")
    loader = dict(is_boilerplate=lambda line: line.startswith("La suite après"), detect_language=lambda t: "fr")
    eager = Loader(**loader).load([str(corpus), str(tmp_path / "mag")])
    lazy = Loader(**loader, lazy_text=True).load([str(corpus), str(tmp_path / "mag")])
    assert [a.id for a in lazy.articles] == [a.id for a in eager.articles]
    assert len(lazy.articles) == 6
    assert {a.text for a in lazy.articles} == {""}
    again = [lazy.text_of(a) for a in lazy.articles]
    assert again == eager.articles  # text, metadata, suppressions: all as the first reading gave them
    note = next(a for a in again if a.id == "note")
    assert "publicité" not in note.text and note.text.startswith("Le quai 4 ferme.\n")
    assert [s.rules for s in note.suppressions] == [("C01",)]
    quai = next(a for a in again if a.id.endswith("quai.md"))
    assert quai.title == "Quai" and quai.text.strip() == "Deux cents camions attendent."


def test_an_article_changed_while_recoupe_runs_is_an_input_error(tmp_path):
    rows = harbour_rows(1, 2)
    corpus = write_jsonl(tmp_path / "port.jsonl", rows)
    lazy = Loader(lazy_text=True).load([str(corpus)])
    write_jsonl(corpus, [rows[1], rows[0]])  # the lines swapped
    with pytest.raises(InputError) as e:
        lazy.text_of(lazy.articles[0])
    assert "changed while recoupe ran" in str(e.value) and str(corpus) in str(e.value)


def test_story_units_hold_whole_stories_in_sorted_order():
    arts = [make_article("x", id=f"{s}{i}", story=s) for s, i in
            [("b", 1), ("a", 1), ("c", 1), ("b", 2), ("c", 2), ("c", 3), ("a", 2)]]
    assert parallel.story_units(arts, 2) == [[1, 6], [0, 3], [2, 4, 5]]
    assert parallel.story_units(arts, 3) == [[1, 6, 0, 3], [2, 4, 5]]
    assert parallel.story_units(arts, 100) == [[1, 6, 0, 3, 2, 4, 5]]
    assert parallel.story_units([], 2) == []


@pytest.mark.parametrize("jobs", [1, 2])
def test_check_by_units_equals_one_comparison_of_everything(registry, extractor, monkeypatch, jobs):
    arts = [make_article(r["text"], id=r["id"], story=r["story"]) for r in harbour_rows(5, 4)]
    claims = extractor.run(arts)
    comparators = registry.of_type("comparator")
    ctx = CompareContext(tolerance=dict(Settings().tolerance), articles={a.id: a for a in arts})
    whole = compare_claims(claims, comparators, ctx)
    assert len({d.story for d in whole}) == 5  # every story has a conflict to find
    monkeypatch.setattr(parallel, "ARTICLES_PER_UNIT", 6)  # two stories a unit at most
    monkeypatch.setattr(parallel, "MIN_PARALLEL_ARTICLES", 2)
    kept = check_articles(arts, registry, jobs=jobs)
    assert kept.discrepancies == whole
    pd.testing.assert_frame_equal(kept.claims, claims)
    counted = check_articles(arts, registry, jobs=jobs, keep_claims=False)
    assert counted.discrepancies == whole
    assert counted.n_claims == len(claims) and counted.statistics()["claims"] == len(claims)
    assert len(counted.claims) == 0


def test_lazy_units_read_each_text_once(registry, monkeypatch):
    rows = harbour_rows(3, 3)
    arts = [make_article(r["text"], id=r["id"], story=r["story"]) for r in rows]
    bare = [make_article("", id=r["id"], story=r["story"]) for r in rows]
    by_id = {a.id: a for a in arts}
    asked = []

    def materialise(a):
        asked.append(a.id)
        return by_id[a.id]

    monkeypatch.setattr(parallel, "ARTICLES_PER_UNIT", 4)
    lazy = check_articles(bare, registry, materialise=materialise, keep_claims=False)
    assert sorted(asked) == sorted(by_id)  # each article read once, in its unit
    assert lazy.discrepancies == check_articles(arts, registry).discrepancies


@pytest.mark.parametrize("items", [[], [{}], [{"a": [1, {"b": None}], "t": "deux\nlignes « guillemets »"}, {"n": 1.5}],
                                   [[], [[]], {"x": {}}]])
def test_json_array_pieces_are_the_bytes_of_one_dump(items):
    assert "".join(json_format.iter_array(items)) == json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def test_check_json_to_a_file_and_to_stdout_are_the_same_bytes(tmp_path):
    corpus = write_jsonl(tmp_path / "port.jsonl", harbour_rows(3, 3))
    out = tmp_path / "out" / "found.json"
    to_file = run_cli("check", corpus, "--format", "json", "--no-baseline", "--no-cache", "-o", f"json={out}", "-q")
    to_stdout = run_cli("check", corpus, "--format", "json", "--no-baseline", "--no-cache", "-q")
    assert to_file.returncode == to_stdout.returncode == 1
    found = json.loads(to_stdout.stdout)
    assert len({d["story"] for d in found}) == 3
    assert out.read_text(encoding="utf-8") == to_stdout.stdout


def test_sarif_columns_come_from_the_text_read_again(tmp_path):
    corpus = write_jsonl(tmp_path / "port.jsonl", harbour_rows(1, 2))
    done = run_cli("check", corpus, "--format", "sarif", "--no-baseline", "--no-cache", "-q")
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in json.loads(done.stdout)["runs"][0]["results"]]
    assert regions and all("startColumn" in r for r in regions)
    text = harbour_rows(1, 2)[1]["text"]
    for r in regions:  # the column of the claim's snippet in its line (one-line articles)
        assert text[r["startColumn"] - 1:].startswith(r["snippet"]["text"])


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv"])
def test_extract_written_unit_by_unit_equals_one_render(tmp_path, extractor, fmt):
    from recoupe.checker import formats
    from recoupe.checker.schema import claim_records

    rows = harbour_rows(25, 10)  # 250 articles: two worker processes with -j 2
    corpus = write_jsonl(tmp_path / "port.jsonl", rows)
    out = tmp_path / f"claims.{fmt}"
    done = run_cli("extract", corpus, "--format", fmt, "-j", "2", "--no-cache", "-o", out)
    assert done.returncode == 0, done.stderr
    arts = [make_article(r["text"], id=r["id"], story=r["story"], date=r["date"]) for r in rows]
    whole = formats.get(fmt).render_claims(claim_records(extractor.run(arts)))
    assert whole.count("\n") > 250 * 3
    assert out.read_text(encoding="utf-8") == whole


def test_an_edit_during_a_parallel_check_is_an_input_error(tmp_path):
    """A unit (in a worker) that cannot read its text again stops the run with an
    InputError naming the file and line (which the CLI prints as one line, exit 2)."""
    rows = harbour_rows(30, 10)
    path = write_jsonl(tmp_path / "port.jsonl", rows)
    lazy = Loader(lazy_text=True).load([str(path)])
    write_jsonl(path, rows[::-1])  # every line moved

    from recoupe.checker.registry import load_registry

    with pytest.raises(InputError) as e:
        check_articles(lazy.articles, load_registry(entry_points=False), jobs=2, materialise=lazy.text_of)
    assert str(e.value).startswith(f"{path}:") and "changed while recoupe ran" in str(e.value)
