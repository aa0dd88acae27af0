"""Bad inputs through the CLI, one test per class: each gives its documented outcome
(exit 2 and one line naming the file for input errors; a warning naming the file for
skipped or partly read ones), never an internal error, and the good article's claims
are still in the output."""
from __future__ import annotations

import datetime as dt
import json
import os
import time

import pytest

from conftest import run_cli
from recoupe.checker.corpus import Loader, parse_date
from recoupe.checker.errors import InputError

GOOD = "Le ministère a compté 26 pays signataires.\n"


def corpus(tmp_path, files):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    for name, content in files.items():
        p = folder / name
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content, encoding="utf-8")
    return folder


def extract(folder, *extra):
    r = run_cli("extract", folder, *extra)
    assert "internal error" not in r.stderr, r.stderr
    claims = [json.loads(line) for line in r.stdout.splitlines()]
    return r, claims


def good_claims_present(claims):
    assert any(c["doc"].rsplit("/", 1)[-1] == "good.txt" and c["value"] == 26 for c in claims)  # ids are relative to the project root


def one_error_line(r, name, line=None):
    errors = [ln for ln in r.stderr.splitlines() if ": error: " in ln]
    assert len(errors) == 1, r.stderr
    where = f"{name}:{line}:" if line else f"{name}:"
    assert where in errors[0], errors[0]
    return errors[0]


def test_fifo_in_the_folder_is_skipped_with_a_warning(tmp_path):
    folder = corpus(tmp_path, {})
    os.mkfifo(folder / "pipe.txt")
    start = time.monotonic()
    r, claims = extract(folder)
    assert time.monotonic() - start < 30
    assert r.returncode == 0, r.stderr
    assert f"{folder / 'pipe.txt'}: warning: skipped: not a regular file (a named pipe)" in r.stderr
    good_claims_present(claims)


def test_unreadable_folder_is_one_error_line(tmp_path, monkeypatch):
    folder = corpus(tmp_path, {})
    locked = folder / "locked"
    locked.mkdir()
    (locked / "x.txt").write_text("3 morts.\n", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    res = Loader().load([str(folder)])
    assert [str(e) for e in res.errors] == [f"{locked}: error: cannot read folder (Permission denied)"]
    assert [a.id for a in res.articles] == ["good.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a folder whatever its mode")
def test_unreadable_folder_through_the_cli(tmp_path):
    folder = corpus(tmp_path, {})
    (folder / "locked").mkdir()
    os.chmod(folder / "locked", 0)
    try:
        r, claims = extract(folder)
    finally:
        os.chmod(folder / "locked", 0o755)
    assert r.returncode == 2
    one_error_line(r, str(folder / "locked"))
    good_claims_present(claims)


def test_yaml_bomb_in_front_matter_is_refused_at_once(tmp_path):
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    bomb = "---\n" + "\n".join(levels) + "\ntitle: *i\n---\n3 morts.\n"
    folder = corpus(tmp_path, {"bomb.md": bomb})
    start = time.monotonic()
    r, claims = extract(folder)
    assert time.monotonic() - start < 15
    assert r.returncode == 2
    assert "aliases" in one_error_line(r, str(folder / "bomb.md"), 3)  # the first alias
    good_claims_present(claims)


@pytest.mark.parametrize("name, content, line", [
    ("feb30.md", "---\ntitle: t\ndate: 2025-02-30\n---\n3 morts.\n", 3),
    ("month13.md", "---\ndate: '2025-13-01'\n---\n3 morts.\n", 2),
    ("year0.md", "---\ndate: 0000-01-01\n---\n3 morts.\n", 2),
    ("words.md", "---\ndate: bientôt\n---\n3 morts.\n", 2),
    ("marker.txt", "\ndate 2025-02-30\n3 morts.\n", 2),
])
def test_impossible_date_in_metadata_is_one_error_line(tmp_path, name, content, line):
    folder = corpus(tmp_path, {name: content})
    r, claims = extract(folder)
    assert r.returncode == 2
    assert "not a valid date" in one_error_line(r, str(folder / name), line)
    good_claims_present(claims)
    assert not any(c["doc"] == name for c in claims)


def test_impossible_date_in_html_meta_is_a_warning_and_the_page_is_read(tmp_path):
    page = ('<html lang="fr"><head><meta property="article:published_time" content="2025-02-30T10:00:00Z">'
            "</head><body><article><p>Le bilan est de 3 morts.</p></article></body></html>")
    folder = corpus(tmp_path, {"page.html": page})
    r, claims = extract(folder)
    assert r.returncode == 0, r.stderr
    assert f"{folder / 'page.html'}: warning: date '2025-02-30T10:00:00Z'" in r.stderr
    assert any(c["doc"] == "page.html" and c["value"] == 3 for c in claims)
    good_claims_present(claims)


@pytest.mark.parametrize("text, expected", [
    ("2025-09-30T16:48:00+02:00", dt.date(2025, 9, 30)),
    ("30/09/2025", dt.date(2025, 9, 30)),
    ("30 septembre 2025", dt.date(2025, 9, 30)),
    ("Sept. 30, 2025", dt.date(2025, 9, 30)),
    ("1 mars 2024", dt.date(2024, 3, 1)),
    (dt.date(2025, 9, 30), dt.date(2025, 9, 30)),
])
def test_dates_that_sites_write(text, expected):
    assert parse_date(text, "x.md") == expected


@pytest.mark.parametrize("text", ["septembre 2025", "30/09", "2025-02-30", "mardi", "9999-99-99", "1" * 5000])
def test_dates_that_are_no_full_date_are_refused(text):
    with pytest.raises(InputError):
        parse_date(text, "x.md")


def test_front_matter_yaml_timestamp_with_time_and_offset(tmp_path):
    folder = corpus(tmp_path, {"ts.md": "---\ndate: 2025-09-30T23:48:00+02:00\n---\nMardi, 3 morts.\n"})
    res = Loader().load([str(folder)])
    assert not res.errors
    assert {a.id: a.date for a in res.articles}["ts.md"] == dt.date(2025, 9, 30)  # the date as written


def test_long_digit_run_is_read(tmp_path):
    folder = corpus(tmp_path, {"digits.txt": "Il y a " + "7" * 10_000 + " habitants et 5 blessés.\n"})
    r, claims = extract(folder)
    assert r.returncode == 0, r.stderr
    assert any(c["doc"] == "digits.txt" and c["value"] == 5 for c in claims)
    good_claims_present(claims)


def test_jsonl_lone_surrogate_huge_number_and_deep_nesting_are_line_errors(tmp_path):
    p = tmp_path / "c.jsonl"
    lines = [
        json.dumps({"id": "ok", "text": GOOD}),
        '{"id": "sur", "text": "3 morts \\ud800 hier"}',
        '{"id": "big", "text": "x", "n": ' + "9" * 5000 + "}",
        '{"id": "deep", "text": "x", "n": ' + "[" * 100_000 + "]" * 100_000 + "}",
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = run_cli("extract", p)
    assert "internal error" not in r.stderr, r.stderr
    assert r.returncode == 2
    errors = r.stderr.splitlines()
    assert [e.split(": error: ")[0] for e in errors] == [f"{p}:2", f"{p}:3", f"{p}:4"], errors
    assert "lone surrogate" in errors[0]
    claims = [json.loads(line) for line in r.stdout.splitlines()]
    assert {c["doc"] for c in claims} == {"ok"} and any(c["value"] == 26 for c in claims)


def test_html_body_in_a_form_and_unclosed_header(tmp_path):
    aspnet = ('<html><body><p>Nous utilisons des cookies.</p><form id="form1" method="post">'
              '<nav>Rubriques : 12 sections</nav><label>Rechercher <input name="q"></label>'
              "<div class='page'><p>Les secours ont recensé 3 morts.</p></div></form></body></html>")
    unclosed = ('<html><body><nav>Accueil</nav><header><h1>Titre du site'
                "<article><p>Le bilan s'élève à 4 blessés.</p></article></body></html>")
    folder = corpus(tmp_path, {"aspnet.html": aspnet, "unclosed.html": unclosed})
    r, claims = extract(folder)
    assert r.returncode == 0, r.stderr
    assert any(c["doc"] == "aspnet.html" and c["value"] == 3 for c in claims)
    assert any(c["doc"] == "unclosed.html" and c["value"] == 4 for c in claims)
    assert not any("Accueil" in c["sentence"] or "Rubriques" in c["sentence"] for c in claims)


def test_html_without_text_is_a_warning(tmp_path):
    folder = corpus(tmp_path, {"empty.html": "<html><head><script>var x = 3;</script></head><body></body></html>"})
    r, claims = extract(folder)
    assert r.returncode == 0, r.stderr
    assert f"{folder / 'empty.html'}: warning: no article text found" in r.stderr
    good_claims_present(claims)


def test_article_over_the_size_limit_is_an_error(tmp_path):
    folder = corpus(tmp_path, {"big.txt": "3 morts. " * 200})
    (tmp_path / "recoupe.toml").write_text("max-article-bytes = 1000\n", encoding="utf-8")
    r, claims = extract(folder, "--config", tmp_path / "recoupe.toml")
    assert r.returncode == 2
    assert "over the limit of 1000" in one_error_line(r, str(folder / "big.txt"))
    good_claims_present(claims)


def test_non_utf8_configuration_is_one_error_line(tmp_path):
    folder = corpus(tmp_path, {})
    (tmp_path / "recoupe.toml").write_bytes(b"select = ['N01']\n# caf\xe9\n")
    r = run_cli("extract", folder, "--config", tmp_path / "recoupe.toml")
    assert r.returncode == 2
    assert r.stderr.strip().splitlines() == [f"{tmp_path / 'recoupe.toml'}: error: not valid UTF-8 (byte 0xe9 at offset 22)"]


def test_file_name_that_is_not_utf8_is_one_error_line(tmp_path):
    folder = corpus(tmp_path, {})
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "w", encoding="utf-8") as f:
        f.write("3 morts.\n")
    r, claims = extract(folder)
    assert r.returncode == 2
    assert "file name is not valid UTF-8" in one_error_line(r, str(folder / "caf?.txt"))
    good_claims_present(claims)


def test_bad_lang_in_front_matter_names_its_line(tmp_path):
    folder = corpus(tmp_path, {"lang.md": "---\ntitle: t\ndate: 2025-09-30\nlang: de\n---\n3 morts.\n"})
    r, claims = extract(folder)
    assert r.returncode == 2
    assert "lang must be one of fr, en" in one_error_line(r, str(folder / "lang.md"), 4)


@pytest.mark.parametrize("date, expected", [("9999-12-31", "P1D"), ("0001-01-01", "-P1D")])
def test_relative_day_past_the_calendar_end_is_kept_unresolved(tmp_path, date, expected):
    word = "demain" if expected == "P1D" else "hier"
    folder = corpus(tmp_path, {"edge.md": f"---\ndate: {date}\n---\nLa réunion a lieu {word} à Paris.\n"})
    r, claims = extract(folder)
    assert r.returncode == 0, r.stderr
    assert [(c["value"], c["text"]) for c in claims if c["doc"] == "edge.md" and c["kind"] == "date"] == [(expected, word)]
