"""Automatic story grouping (checker/stories.py) and its settings, on three small
invented stories (tests/data/stories/, see its README)."""
from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import sys
from pathlib import Path

import pytest

from recoupe.rules.languages import LANGUAGES
from recoupe.checker import cli
from recoupe.checker.corpus import Loader, split_front_matter
from recoupe.checker.stories import GroupingParams, StoriesUnavailable, StoryArticle, group_stories, terms

FLAT = Path(__file__).parent / "data" / "stories" / "flat"
EXPECTED = {  # by hand: which files tell the same story
    "boulangerie-1.md": "bakery", "boulangerie-2.md": "bakery", "boulangerie-3.md": "bakery",
    "bridge-1.txt": "bridge", "bridge-2.txt": "bridge", "bridge-3.txt": "bridge",
    "echecs-1.md": "chess", "echecs-2.md": "chess", "echecs-3.md": "chess",
}


def fixture_articles() -> list[StoryArticle]:
    out = []
    for f in sorted(FLAT.iterdir()):
        meta, text = split_front_matter(f.read_text(encoding="utf-8"), f.name)
        out.append(StoryArticle(f.name, text, meta.get("date"), None, meta.get("lang")))
    return out


def partition(mapping: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for art, story in mapping.items():
        groups.setdefault(story, set()).add(art)
    return {frozenset(g) for g in groups.values()}


def run(argv, capsys):
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


# -- the grouping -----------------------------------------------------------------

def test_three_stories_found_in_a_flat_folder_french_and_english():
    found = group_stories(fixture_articles(), LANGUAGES.function_words())
    assert partition(found) == partition(EXPECTED)


def test_names_come_from_the_shared_names_and_are_distinct():
    found = group_stories(fixture_articles(), LANGUAGES.function_words())
    assert found["bridge-2.txt"] == "bridge-harwick-tamsford"
    assert found["echecs-3.md"] == "brevin-quimper-anatole"
    assert found["boulangerie-1.md"] == "villeurbanne-marchand-odile"


def test_same_result_whatever_the_input_order():
    arts = fixture_articles()
    first = group_stories(arts, LANGUAGES.function_words())
    for seed in range(3):
        shuffled = arts[:]
        random.Random(seed).shuffle(shuffled)
        assert group_stories(shuffled, LANGUAGES.function_words()) == first


def test_an_explicit_story_wins_and_is_left_out_of_the_grouping():
    arts = [a if a.id != "bridge-3.txt" else StoryArticle(a.id, a.text, a.date, "ponts") for a in fixture_articles()]
    found = group_stories(arts, LANGUAGES.function_words())
    assert found["bridge-3.txt"] == "ponts"
    assert found["bridge-1.txt"] == found["bridge-2.txt"] != "ponts"
    assert len(partition(found)) == 4


def test_the_same_words_a_year_apart_are_two_stories():
    text = ("Le maire de Ploudaniel, Gwenaël Kerrien, inaugure la médiathèque Anjela Duval "
            "et la nouvelle piscine de Ploudaniel devant les habitants.")
    arts = [StoryArticle("a", text, dt.date(2024, 5, 1)), StoryArticle("b", text, dt.date(2024, 5, 3)),
            StoryArticle("c", text, dt.date(2025, 5, 2))]
    found = group_stories(arts, LANGUAGES.function_words())
    assert found["a"] == found["b"] != found["c"]
    # without dates the date factor is 1: one story
    undated = [StoryArticle(a.id, a.text) for a in arts]
    assert len(set(group_stories(undated, LANGUAGES.function_words()).values())) == 1


def test_the_threshold_is_tunable():
    found = group_stories(fixture_articles(), LANGUAGES.function_words(), GroupingParams(threshold=0.99))
    assert len(set(found.values())) == 9  # nothing is that similar: every article alone


def test_a_name_already_taken_gets_a_number():
    arts = fixture_articles()
    taken = group_stories(arts, LANGUAGES.function_words())["bridge-1.txt"]
    arts.append(StoryArticle("zz-other.txt", "Anything else.", story=taken))
    found = group_stories(arts, LANGUAGES.function_words())
    assert found["zz-other.txt"] == taken
    assert found["bridge-1.txt"] == f"{taken}-2"


def test_articles_sharing_nothing_are_stories_of_their_own():
    found = group_stories([StoryArticle("x/un.txt", "Rien."), StoryArticle("deux", "Autre chose.")])
    assert found == {"deux": "deux", "x/un.txt": "x-un-txt"}


def test_terms_drop_numbers_and_function_words_and_double_names():
    got = terms("Le maire de Quimper, Anatole Brevin, a compté 212 joueurs.", frozenset({"le", "de", "a"}))
    # "Le" starts the sentence: not a name; "Quimper", "Anatole", "Brevin" are, and the two in a row give a name
    assert got == ["maire", "quimper", "quimper", "anatole", "anatole", "brevin", "brevin", "anatole_brevin",
                   "compte", "joueurs"]


# -- without scikit-learn -----------------------------------------------------------

@pytest.fixture
def no_sklearn(monkeypatch):
    monkeypatch.setitem(sys.modules, "sklearn.feature_extraction.text", None)


def test_auto_without_scikit_learn_is_a_one_line_error(no_sklearn, capsys):
    with pytest.raises(StoriesUnavailable):
        group_stories(fixture_articles())
    code, out, err = run(["stories", str(FLAT), "--story-grouping", "auto"], capsys)
    assert code == 2 and out == ""
    assert err == "error: story-grouping 'auto' needs scikit-learn: pip install 'recoupe[stories]'\n"


def test_folder_grouping_needs_no_scikit_learn(no_sklearn, tmp_path, capsys):
    (tmp_path / "ponts").mkdir()
    shutil.copy(FLAT / "bridge-1.txt", tmp_path / "ponts")
    code, out, _ = run(["stories", str(tmp_path), "--format", "json"], capsys)
    assert code == 0
    assert json.loads(out) == [{"id": "ponts/bridge-1.txt", "story": "ponts", "origin": "folder"}]


# -- the loader, the configuration and the CLI ---------------------------------------

def test_loader_auto_keeps_front_matter_and_config_stories(tmp_path):
    shutil.copytree(FLAT, tmp_path / "in")
    (tmp_path / "in" / "echecs-1.md").write_text(
        "---\nstory: tournoi\ndate: 2025-03-01\n---\n" + (FLAT / "echecs-1.md").read_text(encoding="utf-8").split("---\n", 2)[2],
        encoding="utf-8")
    loader = Loader(LANGUAGES.is_boilerplate, LANGUAGES.detect, stories=(("bridge-3*", "pont-aske"),),
                    story_grouping="auto", stopwords=LANGUAGES.function_words())
    result = loader.load([str(tmp_path / "in")])
    story = {a.id: a.story for a in result.articles}
    assert story["echecs-1.md"] == "tournoi" and result.story_origins["echecs-1.md"] == "explicit"
    assert story["bridge-3.txt"] == "pont-aske" and result.story_origins["bridge-3.txt"] == "config"
    assert result.story_origins["bridge-1.txt"] == "auto"
    assert story["echecs-2.md"] == story["echecs-3.md"] != "tournoi"
    assert story["bridge-1.txt"] == story["bridge-2.txt"] != "pont-aske"


def test_stories_command_text_and_json(capsys, monkeypatch):
    monkeypatch.chdir(FLAT)  # ids are relative to the project root: here the current folder
    code, out, _ = run(["stories", str(FLAT), "--story-grouping", "auto"], capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["story", "article", "from"]
    assert lines[2].split() == ["brevin-quimper-anatole", "echecs-1.md", "auto"]
    assert len(lines) == 2 + 9
    code, out, _ = run(["stories", str(FLAT), "--story-grouping", "auto", "--format", "json"], capsys)
    rows = json.loads(out)
    assert [r["id"] for r in rows][:3] == ["echecs-1.md", "echecs-2.md", "echecs-3.md"]
    assert {r["origin"] for r in rows} == {"auto"}
    assert partition({r["id"]: r["story"] for r in rows}) == partition(EXPECTED)


def test_extract_json_carries_the_auto_story(tmp_path, capsys, monkeypatch):
    flat = tmp_path / "flat"  # a copy: extraction writes its cache under the project root
    shutil.copytree(FLAT, flat)
    monkeypatch.chdir(flat)  # ids are relative to the project root: here the current folder
    code, out, _ = run(["extract", str(flat), "--story-grouping", "auto", "--format", "json"], capsys)
    assert code == 0
    claims = json.loads(out)
    by_doc = {c["doc"]: c["story"] for c in claims}
    assert by_doc["bridge-3.txt"] == "bridge-harwick-tamsford"  # "4 million pounds"
    assert by_doc["boulangerie-3.md"] == "villeurbanne-marchand-odile"  # "8 000 euros"


def test_story_grouping_from_the_configuration_and_its_origin(tmp_path, capsys):
    shutil.copytree(FLAT, tmp_path / "in")
    (tmp_path / "in" / "recoupe.toml").write_text('story-grouping = "auto"\n', encoding="utf-8")
    code, out, _ = run(["config", str(tmp_path / "in")], capsys)
    data = json.loads(out)
    assert data["settings"]["story-grouping"] == "auto"
    assert data["origins"]["story-grouping"].endswith("recoupe.toml")
    code, out, _ = run(["stories", str(tmp_path / "in"), "--format", "json"], capsys)
    assert {r["story"] for r in json.loads(out)} == {"bridge-harwick-tamsford", "brevin-quimper-anatole", "villeurbanne-marchand-odile"}
    # the command line wins
    code, out, _ = run(["stories", str(tmp_path / "in"), "--format", "json", "--story-grouping", "folder"], capsys)
    assert {r["story"] for r in json.loads(out)} == {"."}


def test_a_wrong_story_grouping_is_one_line_exit_2(tmp_path, capsys):
    (tmp_path / "recoupe.toml").write_text('story-grouping = "topics"\n', encoding="utf-8")
    code, out, err = run(["stories", str(tmp_path)], capsys)
    assert code == 2
    assert err == f"{tmp_path / 'recoupe.toml'}: error: story-grouping: 'topics' is not a grouping (allowed: folder, auto)\n"
