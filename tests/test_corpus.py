"""Corpus loading: folders, front matter, date markers, manifests, JSONL, HTML, bad input."""
from __future__ import annotations

import datetime as dt
import json

from recoupe import rules
from recoupe.checker.corpus import Loader, split_front_matter
from recoupe.checker.htmltext import html_article

from conftest import run_cli


def load(*inputs, **kw):
    return Loader(rules.is_boilerplate, rules.detect_language, **kw).load([str(i) for i in inputs])


def test_folder_ids_and_stories(tmp_path):
    (tmp_path / "ukraine").mkdir()
    (tmp_path / "ukraine" / "a.txt").write_text("Vingt-six pays.", encoding="utf-8")
    (tmp_path / "b.md").write_text("Hello there, the two countries.", encoding="utf-8")
    res = load(tmp_path)
    assert not res.errors
    by_id = {a.id: a for a in res.articles}
    assert set(by_id) == {"ukraine/a.txt", "b.md"}
    assert by_id["ukraine/a.txt"].story == "ukraine"
    assert by_id["b.md"].story == "."
    assert by_id["b.md"].lang == "en" and by_id["ukraine/a.txt"].lang == "fr"


def test_front_matter_sets_metadata_and_keeps_lines(tmp_path):
    text = "---\ntitle: Sommet\ndate: 2025-09-04\nsource: AFP\nstory: coalition\nlang: fr\n---\nVingt-six pays.\n"
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    [art] = load(tmp_path).articles
    assert (art.title, art.date, art.source, art.story, art.lang) == ("Sommet", dt.date(2025, 9, 4), "AFP", "coalition", "fr")
    # front matter is blanked, not cut: the article text keeps the file's line numbers
    assert art.text.split("\n")[7] == "Vingt-six pays."
    assert len(art.text) == len(text)


def test_date_marker_line():
    meta, text = split_front_matter(" date 2025-09-04 Vingt-six pays, essentiellement européens", "x.txt")
    assert meta["date"] == dt.date(2025, 9, 4)
    assert text.strip().startswith("Vingt-six pays")
    assert text.index("Vingt-six") == len(" date 2025-09-04 ")


def test_manifest_and_file_precedence(tmp_path):
    (tmp_path / "a.txt").write_text("date 2025-09-05\nTexte.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Texte.", encoding="utf-8")
    (tmp_path / "recoupe-manifest.yaml").write_text(
        "articles:\n  a.txt: {date: 2025-01-01, source: AFP}\n  b.txt: {title: Titre, url: 'https://example.org/b'}\n",
        encoding="utf-8")
    arts = {a.id: a for a in load(tmp_path).articles}
    assert arts["a.txt"].date == dt.date(2025, 9, 5)  # the file's own marker wins
    assert arts["a.txt"].source == "AFP"
    assert arts["b.txt"].title == "Titre" and arts["b.txt"].url == "https://example.org/b"


def test_bad_manifest_key_is_reported(tmp_path):
    (tmp_path / "a.txt").write_text("Texte.", encoding="utf-8")
    (tmp_path / "recoupe-manifest.yaml").write_text("articles:\n  a.txt: {datum: 2025-01-01}\n", encoding="utf-8")
    res = load(tmp_path)
    assert any("datum" in str(e) and "recoupe-manifest.yaml" in str(e) for e in res.errors)


def test_boilerplate_lines_are_blanked(tmp_path):
    (tmp_path / "a.txt").write_text("Une phrase.\nLa suite après cette publicité\nFin.", encoding="utf-8")
    [art] = load(tmp_path).articles
    assert "publicité" not in art.text
    assert art.text.count("\n") == 2


def test_jsonl_bad_lines_do_not_stop_the_rest(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_text(
        json.dumps({"id": "ok1", "text": "Vingt-six pays.", "story": "s", "date": "2025-09-04"}) + "\n"
        + '{"id": "broken", "text": \n'
        + json.dumps({"id": "ok2", "text": "Trente pays."}) + "\n"
        + json.dumps({"id": "bad-date", "text": "x", "date": "4 septembre"}) + "\n",
        encoding="utf-8")
    res = load(p)
    assert [a.id for a in res.articles] == ["ok2", "ok1"]  # sorted by (story, id): "." < "s"
    msgs = [str(e) for e in res.errors]
    assert any(m.startswith(f"{p}:2: error: invalid JSON") for m in msgs)
    assert any(m.startswith(f"{p}:4: error: date: not a valid date") for m in msgs)


def test_undecodable_file_named_with_line(tmp_path):
    (tmp_path / "good.txt").write_text("Vingt-six pays.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes("première ligne\nd\xe9j\xe0".encode("utf-8")[:0] + b"ok\nd\xe9j\xe0 vu\n")
    res = load(tmp_path)
    assert [a.id for a in res.articles] == ["good.txt"]
    [err] = res.errors
    assert str(err).startswith(f"{tmp_path / 'bad.txt'}:2: error: not valid UTF-8")


def test_html_visible_text(tmp_path):
    page = """<!doctype html><html lang="fr"><head><title>Le sommet</title>
    <meta property="article:published_time" content="2025-09-04T10:00:00Z">
    <script>var x = "35 pays";</script><style>p{}</style></head>
    <body><nav>Accueil 12 rubriques</nav><article><h1>Le sommet</h1>
    <p>Vingt-six pays se sont engag&eacute;s.</p><p>La suite après cette publicité</p>
    <p>Une trentaine de pays</p></article><footer>© 2025</footer></body></html>"""
    meta, text = html_article(page, rules.is_boilerplate)
    assert meta["title"] == "Le sommet" and meta["date"] == "2025-09-04T10:00:00Z" and meta["lang"] == "fr"
    assert text == "Le sommet\nVingt-six pays se sont engagés.\nUne trentaine de pays\n"


def test_duplicate_ids_are_reported(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_text(json.dumps({"id": "a", "text": "x"}) + "\n" + json.dumps({"id": "a", "text": "y"}) + "\n", encoding="utf-8")
    res = load(p)
    assert len(res.articles) == 1
    assert "already read" in str(res.errors[0])


def test_exclude_and_story_mapping(tmp_path):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "d.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    res = load(tmp_path, exclude=("drafts/*",), stories=(("a*", "alpha"),))
    assert [(a.id, a.story) for a in res.articles] == [("a.txt", "alpha")]


def test_cli_bad_input_exit_2_one_line_each_and_rest_processed(tmp_path):
    (tmp_path / "good.txt").write_text("Vingt-six pays se sont engagés.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00garbage")
    bad_jsonl = tmp_path / "x.jsonl"
    bad_jsonl.write_text('{"id": "j1", "text": "26 pays."}\n{not json}\n', encoding="utf-8")
    done = run_cli("extract", tmp_path, "--format", "jsonl")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    errs = [l for l in done.stderr.splitlines() if "error:" in l]
    assert len(errs) == 2
    assert any("bad.txt:1: error: not valid UTF-8" in l for l in errs)
    assert any("x.jsonl:2: error: invalid JSON" in l for l in errs)
    docs = {json.loads(l)["doc"] for l in done.stdout.splitlines()}
    assert docs <= {"good.txt", "j1"}


def test_cli_empty_corpus_and_missing_input(tmp_path):
    done = run_cli("extract", tmp_path)
    assert done.returncode == 2 and "no articles found" in done.stderr and "Traceback" not in done.stderr
    done = run_cli("check", tmp_path / "nope")
    assert done.returncode == 2 and "no such file or folder" in done.stderr
