"""The editors' report in the editor's language: catalogues, babel formatting, the
plain sentences, dates as read, and ``recoupe baseline import`` of the page's decisions."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from conftest import run_cli
from test_report import write_brief_corpus

from recoupe.checker.formats.i18n import MESSAGES, Messages, choose_language, languages
from recoupe.checker.formats.plain import as_written, sentence

FR, EN = Messages.load("fr"), Messages.load("en")


def test_catalogues_say_the_same_things():
    keys = {lang: set(yaml.safe_load((MESSAGES / f"{lang}.yaml").read_text(encoding="utf-8"))) for lang in languages()}
    assert set(keys) == {"en", "fr"}
    assert keys["fr"] == keys["en"]


def test_numbers_intervals_dates_for_the_language():
    assert FR.number(12000) == "12\u202f000" and EN.number(12000) == "12,000"
    assert FR.number(33.5) == "33,5" and EN.number(33.5) == "33.5"
    assert FR.interval(25, 35) == "de 25 à 35" and EN.interval(25, 35) == "25 to 35"
    assert FR.interval(300, None) == "au moins 300"
    assert FR.date("2025-09-04") == "jeudi 4 septembre 2025"
    assert EN.date("2025-09-04") == "Thursday, September 4, 2025"
    assert FR.date("2025-09-04", short=True) == "4 sept."
    assert FR.date("-W-5") is None
    assert FR.time("14:00+02:00") == "14:00 (UTC+02:00)"
    assert FR.plural("n_articles", 1) == "1 article" and FR.plural("n_articles", 3) == "3 articles"


def test_language_requested_else_majority():
    assert choose_language("en", ["fr", "fr"]) == "en"
    assert choose_language(None, ["fr", "en", "fr"]) == "fr"
    assert choose_language(None, ["en", "en", "fr"]) == "en"
    assert choose_language("xx", []) == "en"


def test_names_keep_their_capitals_as_written():
    assert as_written("elysee", "a fait savoir l'Élysée jeudi") == "Élysée"
    assert as_written("selon emmanuel macron", "a dit, selon Emmanuel Macron, que") == "selon Emmanuel Macron"
    assert as_written("absent", "rien ici") == "absent"


def _claim(doc, text, value, low=None, high=None, qualifier=None, side=None, unit="pays"):
    low = value if low is None else low
    high = value if high is None else high
    key = str(value) if low == high else f"{value}[{low},{high}]"
    return {"doc": doc, "text": text, "num": float(value), "low": float(low), "high": float(high), "unit": unit,
            "qualifier": qualifier, "read_as": None, "value_key": key, "value_text": str(value), "side": side}


ARTICLES = {
    "a.md": {"id": "a.md", "source": "Le Courrier", "date": "2025-09-02"},
    "b.md": {"id": "b.md", "source": None, "date": "2025-09-03"},
    "c.md": {"id": "c.md", "source": None, "title": "Le bilan", "date": None},
    "d.md": {"id": "d.md", "source": "Le Monde", "date": "2025-09-04"},
}


def test_plain_sentence_by_equal_value():
    claims = [_claim("a.md", "35 pays", 35), _claim("b.md", "35 pays", 35), _claim("c.md", "35 pays", 35),
              _claim("d.md", "une trentaine de pays", 30, 25, 35, "une trentaine")]
    assert sentence("quantity", "pays", claims, ARTICLES, FR) == \
        "Trois articles donnent 35 pays ; Le Monde (4 sept.) en donne « une trentaine de pays »."
    assert sentence("quantity", "pays", claims, ARTICLES, EN) == \
        "Three articles give 35 pays; Le Monde (4 Sep) gives “une trentaine de pays”."


def test_plain_sentence_by_side_when_claims_have_one():
    # 34 and 35 on the same side: they agree (issue 9's sides), whatever their values
    claims = [_claim("a.md", "35 pays", 35, side=0), _claim("b.md", "34 pays", 34, side=0),
              _claim("d.md", "12 pays", 12, side=1)]
    assert sentence("quantity", "pays", claims, ARTICLES, FR) == \
        "Deux articles donnent 35 pays et 34 pays ; Le Monde (4 sept.) en donne 12 pays."


def test_plain_sentence_for_a_role():
    role = lambda doc, v: {"doc": doc, "text": v, "value_key": v, "value_text": v, "read_as": None}  # noqa: E731
    claims = [role("a.md", "ancienne maire"), role("b.md", "maire"), role("c.md", "maire")]
    assert sentence("role", "Hélène Carrasco", claims, ARTICLES, FR) == \
        "Hélène Carrasco est « maire » dans deux articles, « ancienne maire » dans Le Courrier (2 sept.)."


def test_a_sentence_ending_on_an_abbreviated_month_has_one_full_stop():
    role = lambda doc, v: {"doc": doc, "text": v, "value_key": v, "value_text": v, "read_as": None}  # noqa: E731
    claims = [role("a.md", "maire"), role("d.md", "maire"), role("b.md", "ancienne maire")]
    assert sentence("role", "Hélène Carrasco", claims, ARTICLES, FR) == \
        "Hélène Carrasco est « maire » dans deux articles, « ancienne maire » dans l'article du 3 sept."


def test_dates_show_what_they_were_read_as():
    from recoupe.checker.report_view import _read_as

    assert _read_as({"kind": "date", "value": "2025-03-03"}, FR) == "lundi 3 mars 2025"
    assert _read_as({"kind": "date", "value": "-W-4"}, FR) == "date inconnue"  # a weekday, article undated
    assert _read_as({"kind": "time", "value": "12:00Z"}, FR) == "12:00 (UTC)"
    assert _read_as({"kind": "quantity", "value": 30, "low": 25, "high": 35}, FR) == "30 (de 25 à 35)"


def write_date_corpus(root: Path) -> Path:
    """Two articles that date the same vote differently (our own words)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "a.md").write_text("---\ntitle: Conseil municipal\nsource: La Gazette du Val\ndate: 2025-03-05\n---\n"
                               "Le conseil municipal de Val-Fleuri a voté le budget lundi 3 mars, après une longue séance.\n",
                               encoding="utf-8")
    (root / "b.md").write_text("---\ntitle: Budget voté\nsource: Radio Val\ndate: 2025-03-06\n---\n"
                               "Le conseil municipal de Val-Fleuri a voté le budget mardi 4 mars, après une longue séance.\n",
                               encoding="utf-8")
    return root


def test_date_report_in_french_and_english(tmp_path):
    write_date_corpus(tmp_path / "val")
    r = run_cli("report", "val", "-o", "fr.html", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    html = (tmp_path / "fr.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in html and "Rapport de recoupement" in html
    assert ("Date : « lundi 3 mars » (lundi 3 mars 2025) dans La Gazette du Val (5 mars) ; "
            "« mardi 4 mars » (mardi 4 mars 2025) dans Radio Val (6 mars).") in html.replace("&#39;", "'")
    assert "Sujet <span class=\"story-name\">val</span>" in html  # the root story is named after its folder
    r = run_cli("report", "val", "-o", "en.html", "--report-lang", "en", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    english = (tmp_path / "en.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in english and "Cross-checking report" in english
    assert "read as Monday, March 3, 2025" in english


def test_configured_report_language_and_root_story(tmp_path):
    write_date_corpus(tmp_path / "val")
    (tmp_path / "val" / "recoupe.toml").write_text('report-lang = "en"\nroot-story = "Budget 2025"\n', encoding="utf-8")
    r = run_cli("report", "val", "-o", "r.html", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in html and '<span class="story-name">Budget 2025</span>' in html
    (tmp_path / "val" / "recoupe.toml").write_text('report-lang = "de"\n', encoding="utf-8")
    r = run_cli("report", "val", "-o", "r.html", cwd=tmp_path)
    assert r.returncode == 2 and "report-lang" in r.stderr and "Traceback" not in r.stderr


# --------------------------------------------------------------------------- baseline import


def _decisions(path: Path, *items) -> Path:
    path.write_text(json.dumps({"tool": "recoupe", "kind": "decisions", "version": 1, "decisions": list(items)}),
                    encoding="utf-8")
    return path


def _ids(tmp_path) -> list[str]:
    r = run_cli("check", "corpus", "--format", "json", "--no-baseline", "--exit-zero", cwd=tmp_path)
    return sorted(d["id"] for d in json.loads(r.stdout))


def _entries(tmp_path) -> dict:
    return {e["id"]: e for e in json.loads((tmp_path / "recoupe-baseline.json").read_text(encoding="utf-8"))["entries"]}


def test_import_records_decisions_like_accept(tmp_path):
    write_brief_corpus(tmp_path / "corpus")
    first, second = _ids(tmp_path)
    _decisions(tmp_path / "dec.json", {"id": first, "status": "accepted", "note": "vérifié auprès de l'AFP",
                                       "decided": "2026-11-30"})
    r = run_cli("baseline", "import", "dec.json", "corpus", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    e = _entries(tmp_path)[first]
    assert (e["status"], e["note"], e["decided"]) == ("accepted", "vérifié auprès de l'AFP", "2026-11-30")
    # a later import of another decision keeps the first one
    _decisions(tmp_path / "dec2.json", {"id": second, "status": "false-positive", "note": "deux réunions",
                                        "decided": "2026-12-01"})
    assert run_cli("baseline", "import", "dec2.json", "corpus", cwd=tmp_path).returncode == 0
    entries = _entries(tmp_path)
    assert entries[first]["status"] == "accepted" and entries[second]["status"] == "false-positive"
    # the same decision again changes nothing
    before = (tmp_path / "recoupe-baseline.json").read_bytes()
    assert run_cli("baseline", "import", "dec.json", "corpus", cwd=tmp_path).returncode == 0
    assert (tmp_path / "recoupe-baseline.json").read_bytes() == before
    # a conflicting decision is reported, exit 1, and the earlier one kept
    _decisions(tmp_path / "dec3.json", {"id": first, "status": "false-positive", "note": "autre avis",
                                        "decided": "2026-12-02"})
    r = run_cli("baseline", "import", "dec3.json", "corpus", cwd=tmp_path)
    assert r.returncode == 1 and "conflict" in r.stderr and first in r.stderr
    assert (tmp_path / "recoupe-baseline.json").read_bytes() == before
    # the report shows it as known, with the note
    r = run_cli("report", "corpus", "-o", "r.html", cwd=tmp_path)
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "vérifié auprès de l&#39;AFP" in html and "acceptée" in html


@pytest.mark.parametrize("content, needle", [
    ('{"tool": "recoupe", "kind": "decisions"', "dec.json:1: error: decisions file is not valid JSON"),
    ('{"tool": "recoupe", "version": 1, "entries": []}', "not a recoupe decisions file"),
    ('{"tool": "recoupe", "kind": "decisions", "version": 1, "decisions": [{"id": "x", "status": "maybe"}]}',
     "decision 1 is malformed"),
    ('{"tool": "recoupe", "kind": "decisions", "version": 1, "decisions": [{"id": "nope", "status": "accepted"}]}',
     "no discrepancy or baseline entry with id 'nope'"),
])
def test_import_refuses_a_bad_file(tmp_path, content, needle):
    write_brief_corpus(tmp_path / "corpus")
    (tmp_path / "dec.json").write_text(content, encoding="utf-8")
    r = run_cli("baseline", "import", "dec.json", "corpus", cwd=tmp_path)
    assert r.returncode == 2 and needle in r.stderr, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert not (tmp_path / "recoupe-baseline.json").exists()


def test_large_page_data_stays_inert(tmp_path, monkeypatch):
    """A large report carries claims as JSON in a <script> element: hostile text, titles,
    sources and URLs must not close it or become markup, and javascript: never a link."""
    import argparse

    from test_report import EVIL, write_house_corpus

    from recoupe.checker.commands.session import run_check
    from recoupe.checker.formats import html_format

    write_house_corpus(tmp_path / "corpus", evil=True)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(html_format, "LAZY_ABOVE", 0)  # the large page's layout, on a small corpus
    _s, result, _l = run_check(argparse.Namespace(inputs=["corpus"], no_baseline=True))
    html = html_format.render_report(result)
    data = html[html.index('<script type="application/json" id="claims-data">'):]
    data = data[: data.index("</script>")]
    markup = html.replace(data, "")
    assert "<script>alert" not in html and '"onload=alert(1)' not in markup
    assert '\\"onload=alert(1)' in data  # a JSON string's quote, inert inside the data block
    assert html.count("</script>") == html.count("<script")  # nothing closed early
    assert EVIL not in data and "\\u003cscript\\u003ealert(1)" in data  # the text is there, escaped
    assert '"link": "javascript:' not in data and '"link": "https://example.org/a?x=1\\u0026y=2"' in data
