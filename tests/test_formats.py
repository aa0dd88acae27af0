"""The machine-readable and review-tool formats of ``recoupe check``.

Most tests build a :class:`CheckResult` by hand from ``Article`` and ``Discrepancy``
values, so that they do not depend on what the rules extract; the expected output is
written by hand from those values. The end-to-end tests run the CLI on real files.
"""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from recoupe.checker.compare import CheckResult
from recoupe.checker.formats import CHECK_FORMATS, get
from recoupe.checker.registry import Rule
from recoupe.checker.schema import Article, Discrepancy, empty_claims
from conftest import ROOT, run_cli

SCHEMA_PATH = ROOT / "tests" / "data" / "sarif-2.1.0-schema.json"
MY_FORMATS = ("sarif", "github", "gitlab", "junit", "markdown")

TEXT_A = "Le président américain Donald Trump a parlé.\n26 pays se sont engagés à envoyer des troupes.\n"
TEXT_B = "Titre\n\nL'ancien président américain Donald Trump a parlé.\n35 pays se sont engagés à envoyer des troupes.\n"
TEXT_C = "Intro\nTaux: 50,5\n% selon A.\n"
TEXT_D = "Taux: 60 %.\n"
TEXT_E = "Rien à signaler.\n"

ID1, ID2, ID3, ID4 = (f"0123456789abcdef000{i}" for i in range(1, 5))
EXPLANATION_3 = "Taux: 50,5% vs 60%,\r\nselon <script>alert(1)</script> | B"


# -- hand-made records --------------------------------------------------------------

def _rule(code, name, severity, summary, kinds):
    doc = f"{summary}\n\nWhy an editor cares about {name}.\n\nFlags:\n- [fr] x || y\n"
    return Rule(code=code, name=name, type="comparator", kinds=kinds, languages=("fr", "en"), severity=severity,
                summary=summary, doc=doc, aliases=(), module=f"recoupe.rules.{code.lower()}", func=lambda claims, ctx: [])


RULES = {
    "C01": _rule("C01", "compare.quantity", "error", "Articles of one story give different figures.", ("quantity",)),
    "C02": _rule("C02", "compare.role", "error", "Articles of one story give incompatible roles.", ("role",)),
}


def _articles():
    return [
        Article(id="a.txt", text=TEXT_A, story="paris", lang="fr", path="corpus/paris/a.txt", title="A"),
        Article(id="b.txt", text=TEXT_B, story="paris", lang="fr", path="corpus/paris/b.txt"),
        Article(id="50%: a,b.txt", text=TEXT_C, story="odd", lang="fr", path="corpus/odd/50%: a,b.txt"),
        Article(id="d.txt", text=TEXT_D, story="odd", lang="fr", path="corpus/odd/d.txt"),
        Article(id="e.txt", text=TEXT_E, story="calm", lang="fr", path="corpus/calm/e.txt"),
    ]


def _claim(article, span, kind, value, unit, subject, rule="N01"):
    start = article.text.index(span)
    return {"doc": article.id, "story": article.story, "start": start, "end": start + len(span),
            "line": article.text.count("\n", 0, start) + 1, "text": span, "kind": kind, "value": value,
            "low": value if isinstance(value, float) else None, "high": value if isinstance(value, float) else None,
            "unit": unit, "subject": subject, "rule": rule, "lang": "fr"}


def _discrepancies():
    a, b, c, d, _ = _articles()
    return [
        Discrepancy(id=ID1, story="paris", rule="C01", subject="pays", kind="quantity", unit="pays",
                    verdict="contradiction", severity="error", explanation="26 pays vs 35 pays",
                    claims=(_claim(a, "26 pays", "quantity", 26.0, "pays", "pays"),
                            _claim(b, "35 pays", "quantity", 35.0, "pays", "pays")), values=("26", "35")),
        Discrepancy(id=ID2, story="paris", rule="C02", subject="donald trump", kind="role", unit=None,
                    verdict="contradiction", severity="warning", explanation="président / ancien président",
                    claims=(_claim(a, "président américain", "role", "président américain", None, "donald trump", "R01"),
                            _claim(b, "ancien président américain", "role", "ancien président américain", None,
                                   "donald trump", "R01")),
                    baseline_state="unchanged", baseline_status="accepted", baseline_note="vérifié | <b>ok</b>"),
        Discrepancy(id=ID3, story="odd", rule="C01", subject="taux, base: 100%", kind="percent", unit="%",
                    verdict="contradiction", severity="warning", explanation=EXPLANATION_3,
                    claims=(_claim(c, "50,5\n%", "percent", 50.5, "%", "taux"),
                            _claim(d, "60 %", "percent", 60.0, "%", "taux"))),
        Discrepancy(id=ID4, story="paris", rule="C02", subject="donald trump", kind="role", unit=None,
                    verdict="weak", severity="info", explanation="Même personne, noms différents",
                    claims=(_claim(a, "Donald Trump", "role", "Donald Trump", None, "donald trump", "R01"),
                            _claim(b, "Donald Trump", "role", "Donald Trump", None, "donald trump", "R01"))),
    ]


def _report(reverse=False):
    arts, ds = _articles(), _discrepancies()
    if reverse:
        arts = arts[::-1]
        ds = [replace(x, claims=tuple(reversed(x.claims))) for x in ds[::-1]]
    return CheckResult(discrepancies=ds, articles=arts, claims=empty_claims(), rules=RULES, inputs=["corpus"])


@pytest.fixture
def corpus_cwd(tmp_path, monkeypatch):
    """The hand-made articles written under tmp_path/corpus, tmp_path as the working directory."""
    for art in _articles():
        p = tmp_path / art.path
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(art.text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def render(fmt, report):
    return get(fmt).render_check(report)


# -- SARIF ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sarif_validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _assert_valid(validator, log):
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def test_sarif_validates_against_the_official_schema(corpus_cwd, sarif_validator):
    _assert_valid(sarif_validator, json.loads(render("sarif", _report())))


def test_sarif_schema_rejects_a_broken_log(sarif_validator):
    broken = json.loads(render("sarif", _report()))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    broken["runs"][0]["results"][1]["baselineState"] = "known"
    assert len(list(sarif_validator.iter_errors(broken))) >= 2


def test_sarif_results(corpus_cwd):
    log = json.loads(render("sarif", _report()))
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "recoupe"
    from recoupe.checker import __version__

    assert driver["version"] == __version__
    assert [r["id"] for r in driver["rules"]] == ["C01", "C02"]
    c01 = driver["rules"][0]
    assert c01["name"] == "compare.quantity"
    assert c01["shortDescription"]["text"] == "Articles of one story give different figures."
    assert c01["fullDescription"]["text"] == "Why an editor cares about compare.quantity."
    assert c01["defaultConfiguration"]["level"] == "error"
    # sorted by story, then severity: odd (ID3), then paris (ID1 error, ID2 warning, ID4 info)
    results = run["results"]
    assert [r["partialFingerprints"]["recoupeDiscrepancy/v2"] for r in results] == [ID3, ID1, ID2, ID4]
    assert [r["level"] for r in results] == ["warning", "error", "warning", "note"]
    assert [r["baselineState"] for r in results] == ["new", "new", "unchanged", "new"]
    assert [r["ruleIndex"] for r in results] == [0, 0, 1, 1]
    r3, r1, r2, _ = results
    assert r1["message"]["text"] == "26 pays vs 35 pays"
    assert r1["properties"]["verdict"] == "contradiction"
    assert r1["properties"]["story"] == "paris" and r1["properties"]["subject"] == "pays"
    assert r2["properties"]["baselineStatus"] == "accepted"
    loc = r1["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "corpus/paris/a.txt"
    assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    assert loc["region"] == {"startLine": 2, "startColumn": 1, "endColumn": 8, "snippet": {"text": "26 pays"}}
    (rel,) = r1["relatedLocations"]
    assert rel["id"] == 1 and rel["message"]["text"] == "b.txt: «35 pays»"
    assert rel["physicalLocation"]["artifactLocation"]["uri"] == "corpus/paris/b.txt"
    assert rel["physicalLocation"]["region"]["startLine"] == 4
    # role claims: "président américain" is at column 4 of line 1 in a.txt, column 3 of line 3 in b.txt
    reg = r2["locations"][0]["physicalLocation"]["region"]
    assert (reg["startLine"], reg["startColumn"], reg["endColumn"]) == (1, 4, 23)
    reg = r2["relatedLocations"][0]["physicalLocation"]["region"]
    assert (reg["startLine"], reg["startColumn"], reg["endColumn"]) == (3, 3, 29)
    # a span over a line break; a path with % : , and a space, percent-encoded in the URI
    loc = r3["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "corpus/odd/50%25%3A%20a%2Cb.txt"
    assert loc["region"]["startLine"] == 2 and loc["region"]["startColumn"] == 7
    assert loc["region"]["endLine"] == 3 and loc["region"]["endColumn"] == 2
    assert r3["message"]["text"] == EXPLANATION_3
    uris = [a["location"]["uri"] for a in run["artifacts"]]
    assert uris == sorted(uris) and len(uris) == 5
    assert loc["artifactLocation"]["index"] == uris.index("corpus/odd/50%25%3A%20a%2Cb.txt")


def test_sarif_columns_count_utf16_code_units(corpus_cwd):
    text = "😀 é 12 soldats\n"
    art = Article(id="x.txt", text=text, story="s", path="x.txt")
    other = Article(id="y.txt", text="15 soldats\n", story="s", path="y.txt")
    c1, c2 = _claim(art, "12 soldats", "quantity", 12.0, "soldat", "soldat"), _claim(other, "15 soldats", "quantity", 15.0, "soldat", "soldat")
    d = Discrepancy(id="f" * 20, story="s", rule="C01", subject="soldat", kind="quantity", unit="soldat",
                    verdict="contradiction", severity="error", explanation="12 vs 15", claims=(c1, c2))
    log = json.loads(render("sarif", CheckResult([d], [art, other], empty_claims(), RULES)))
    region = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    # the emoji takes two UTF-16 code units: "😀 é " is 5 units, so the span starts at column 6
    assert (region["startColumn"], region["endColumn"]) == (6, 16)
    assert log["runs"][0]["columnKind"] == "utf16CodeUnits"


def test_sarif_without_files_uses_the_article_id(tmp_path, monkeypatch, sarif_validator):
    monkeypatch.chdir(tmp_path)  # no article file exists here: a JSON Lines corpus, say
    report = _report()
    report.articles = [replace(a, path=f"corpus.jsonl:{i}") for i, a in enumerate(report.articles, 1)]
    log = json.loads(render("sarif", report))
    _assert_valid(sarif_validator, log)
    assert log["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "a.txt"


def test_sarif_of_an_empty_report_is_valid(sarif_validator):
    log = json.loads(render("sarif", CheckResult([], [], empty_claims(), RULES)))
    _assert_valid(sarif_validator, log)
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"] == []


# -- GitHub ----------------------------------------------------------------------

def test_github_annotations_exact(corpus_cwd):
    expected = (
        "::error file=corpus/paris/a.txt,line=2,col=1,endColumn=8,title=recoupe C01 contradiction%3A pays"
        "::26 pays vs 35 pays%0A- a.txt:2: «26 pays»%0A- b.txt:4: «35 pays»%0Astory paris, id 0123456789abcdef0001\n"
        "::warning file=corpus/odd/50%25%3A a%2Cb.txt,line=2,col=7,endLine=3,endColumn=2,"
        "title=recoupe C01 contradiction%3A taux%2C base%3A 100%25"
        "::Taux: 50,5%25 vs 60%25,%0D%0Aselon <script>alert(1)</script> | B"
        "%0A- 50%25: a,b.txt:2: «50,5%0A%25» (50.5 %25)%0A- d.txt:1: «60 %25»%0Astory odd, id 0123456789abcdef0003\n"
        "::notice file=corpus/paris/a.txt,line=1,col=24,endColumn=36,title=recoupe C02 weak%3A donald trump"
        "::Même personne, noms différents%0A- a.txt:1: «Donald Trump»%0A- b.txt:3: «Donald Trump»"
        "%0Astory paris, id 0123456789abcdef0004\n"
    )
    assert render("github", _report()) == expected


def test_github_escaping_functions():
    from recoupe.checker.formats.github_format import escape_data, escape_property

    assert escape_data("100% sûr\r\nfin: a, b") == "100%25 sûr%0D%0Afin: a, b"
    assert escape_property("100% sûr\r\nfin: a, b") == "100%25 sûr%0D%0Afin%3A a%2C b"
    assert escape_property("%3A") == "%253A"  # escaped once, in the right order


def test_github_nothing_new_prints_nothing():
    report = _report()
    report.discrepancies = [replace(d, baseline_state="unchanged") for d in report.discrepancies]
    assert render("github", report) == ""


# -- GitLab ----------------------------------------------------------------------

def test_gitlab_code_quality(corpus_cwd):
    issues = json.loads(render("gitlab", _report()))
    assert [i["fingerprint"] for i in issues] == [ID3, ID1, ID4]  # new ones only, ID2 is known
    assert [i["severity"] for i in issues] == ["minor", "major", "info"]
    assert [i["check_name"] for i in issues] == ["C01", "C01", "C02"]
    assert issues[1] == {
        "description": "C01 contradiction: 26 pays vs 35 pays",
        "check_name": "C01",
        "fingerprint": ID1,
        "severity": "major",
        "location": {"path": "corpus/paris/a.txt", "lines": {"begin": 2}},
    }
    assert issues[0]["location"] == {"path": "corpus/odd/50%: a,b.txt", "lines": {"begin": 2}}
    assert len({i["fingerprint"] for i in issues}) == len(issues)


# -- JUnit -----------------------------------------------------------------------

def test_junit_parses_and_counts(corpus_cwd):
    out = render("junit", _report())
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("skipped"), root.get("errors")) == ("5", "3", "1", "0")
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert list(suites) == ["calm", "odd", "paris"]
    assert suites["calm"].get("tests") == "1" and suites["calm"].find("testcase/failure") is None
    paris = suites["paris"]
    assert (paris.get("tests"), paris.get("failures"), paris.get("skipped")) == ("3", "2", "1")
    failures = root.findall(".//failure")
    assert len(failures) == 3
    odd_failure = suites["odd"].find("testcase/failure")
    assert odd_failure.get("message") == EXPLANATION_3  # CR and LF survive in the attribute
    assert ID3 in odd_failure.text and "<script>alert(1)</script>" in odd_failure.text
    (skipped,) = root.findall(".//skipped")
    assert skipped.get("message") == "in the baseline (accepted): vérifié | <b>ok</b>"
    assert "<b>ok</b>" not in out and "<script>" not in out  # escaped in the XML text
    case = suites["odd"].find("testcase")
    assert case.get("file") == "corpus/odd/50%: a,b.txt" and case.get("line") == "2"


def test_junit_drops_characters_xml_cannot_carry():
    report = _report()
    report.discrepancies = [replace(report.discrepancies[0], explanation="bad \x0b char \x00")]
    root = ET.fromstring(render("junit", report).encode("utf-8"))
    assert root.find(".//failure").get("message") == "bad \ufffd char \ufffd"


# -- Markdown --------------------------------------------------------------------

_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def _table_lines(md):
    return [ln for ln in md.splitlines() if ln.startswith("|")]


def test_markdown_summary_and_tables(corpus_cwd):
    md = render("markdown", _report())
    first = md.splitlines()[0]
    assert first == ("**recoupe**: 5 articles, 3 stories, 0 claims: **3 new discrepancies** (1 error, 1 warning, 1 info), "
                     "1 known in the baseline (1 warning).")
    assert "### Story odd: 1 new, 0 known" in md and "### Story paris: 2 new, 1 known" in md
    assert md.index("### Story odd") < md.index("### Story paris")
    paris = md[md.index("### Story paris"):]
    rows = _table_lines(paris)[2:]
    assert [r.split("|")[1].strip() for r in rows] == ["**new**", "**new**", "known (accepted)"]
    assert "a.txt:2 «26 pays»<br>b.txt:4 «35 pays»" in paris
    for ln in _table_lines(md):  # every row has exactly the header's cells: no | leaked
        assert len(_CELL_SPLIT.split(ln)) == 9, ln


def test_markdown_escapes_untrusted_text():
    from recoupe.checker.formats.markdown_format import escape

    assert escape("a|b\nc") == "a\\|b c"
    assert escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert escape("*x* _y_ `z` [l](http://e) ~s~ \\") == "\\*x\\* \\_y\\_ \\`z\\` \\[l\\](http://e) \\~s\\~ \\\\"
    assert escape("@team") == "@&#8203;team"
    assert escape("&lt;") == "&amp;lt;"
    md = render("markdown", _report())
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert "selon &lt;script&gt;alert(1)&lt;/script&gt; \\| B" in md
    assert "50%: a,b.txt:2 «50,5 %» (50.5 %)" in md  # the newline inside the claim text became a space


def test_markdown_caps_rows():
    base = _discrepancies()[0]
    many = [replace(base, id=f"{i:020d}", subject=f"sujet {i:03d}") for i in range(150)]
    report = CheckResult(many, _articles(), empty_claims(), RULES)
    md = render("markdown", report)
    assert len(_table_lines(md)) == 100 + 2
    assert "… 50 more discrepancies not shown" in md
    assert len(md) < 65_536


def test_markdown_building_blocks():
    from recoupe.checker.formats import markdown_format as m

    report = _report()
    assert m.render_check(report) == m.render_summary(report) + "\n" + m.render_story_tables(report)
    assert m.render_story_tables(report, heading_level=2).startswith("## Story odd")
    empty = CheckResult([], _articles(), empty_claims(), RULES)
    assert m.render_check(empty) == "**recoupe**: 5 articles, 3 stories, 0 claims: no new discrepancy.\n"


# -- every format ----------------------------------------------------------------

@pytest.mark.parametrize("fmt", MY_FORMATS)
def test_same_bytes_whatever_the_input_order(fmt, corpus_cwd):
    assert render(fmt, _report()) == render(fmt, _report(reverse=True))


@pytest.mark.parametrize("fmt", MY_FORMATS)
def test_no_absolute_path_in_output(fmt, corpus_cwd):
    report = _report()
    report.articles = [replace(a, path=str(corpus_cwd / a.path)) for a in report.articles]
    out = render(fmt, report)
    assert str(corpus_cwd) not in out
    assert out == render(fmt, _report())


def test_every_check_format_is_a_module():
    for fmt in CHECK_FORMATS:
        assert callable(get(fmt).render_check)


# -- end to end: the CLI on real files -------------------------------------------

CONFLICTS = {
    "monde/a.txt": "Le président américain Donald Trump a parlé.\n26 pays se sont engagés à envoyer des troupes.\n",
    "monde/b.txt": "Titre\n\nL'ancien président américain Donald Trump a parlé.\n35 pays se sont engagés à envoyer des troupes.\n",
}


@pytest.fixture
def conflict_corpus(tmp_path):
    for name, text in CONFLICTS.items():
        p = tmp_path / "corpus" / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return tmp_path


def _check(cwd, *args):
    proc = run_cli("check", *args, cwd=cwd)
    assert proc.returncode in (0, 1), proc.stderr
    return proc


def test_cli_sarif_validates(conflict_corpus, sarif_validator):
    proc = _check(conflict_corpus, "corpus", "--format", "sarif")
    log = json.loads(proc.stdout)
    _assert_valid(sarif_validator, log)
    for r in log["runs"][0]["results"]:  # structure, whatever the rules find
        assert r["baselineState"] == "new"
        assert re.fullmatch(r"[0-9a-f]+", r["partialFingerprints"]["recoupeDiscrepancy/v2"])
        assert r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("corpus/monde/")
    assert str(conflict_corpus) not in proc.stdout


@pytest.mark.parametrize("fmt", CHECK_FORMATS)
def test_cli_same_bytes_whatever_the_argument_order(fmt, conflict_corpus):
    one = _check(conflict_corpus, "corpus/monde/a.txt", "corpus/monde/b.txt", "--format", fmt)
    two = _check(conflict_corpus, "corpus/monde/b.txt", "corpus/monde/a.txt", "--format", fmt)
    assert one.stdout == two.stdout
    if fmt in MY_FORMATS:  # an absolute input path gives relative paths all the same
        absolute = _check(conflict_corpus, str(conflict_corpus / "corpus"), "--format", fmt)
        assert str(conflict_corpus) not in absolute.stdout
        assert absolute.stdout == _check(conflict_corpus, "corpus", "--format", fmt).stdout


def test_cli_formats_agree_on_ids(conflict_corpus):
    ids = [d["id"] for d in json.loads(_check(conflict_corpus, "corpus", "--format", "json").stdout)]
    sarif = json.loads(_check(conflict_corpus, "corpus", "--format", "sarif").stdout)
    assert [r["partialFingerprints"]["recoupeDiscrepancy/v2"] for r in sarif["runs"][0]["results"]] == ids
    gitlab = json.loads(_check(conflict_corpus, "corpus", "--format", "gitlab").stdout)
    assert sorted(i["fingerprint"] for i in gitlab) == sorted(ids)
    junit = ET.fromstring(_check(conflict_corpus, "corpus", "--format", "junit").stdout.encode("utf-8"))
    assert int(junit.get("failures")) == len(ids)
    github = _check(conflict_corpus, "corpus", "--format", "github").stdout
    assert len(github.splitlines()) == len(ids)


def test_cli_finds_the_obvious_conflicts(conflict_corpus, sarif_validator):
    """Needs the number and role rules: a count conflict (26 vs 35 pays) and a role
    conflict (président / ancien président), each reported in every format."""
    proc = run_cli("check", "corpus", "--format", "sarif", cwd=conflict_corpus)
    assert proc.returncode == 1, proc.stderr
    log = json.loads(proc.stdout)
    _assert_valid(sarif_validator, log)
    results = log["runs"][0]["results"]
    assert len(results) >= 2
    kinds = {r["properties"]["kind"] for r in results}
    assert {"quantity", "role"} <= kinds
    for r in results:
        docs = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]} | {
            x["physicalLocation"]["artifactLocation"]["uri"] for x in r.get("relatedLocations", [])}
        assert docs == {"corpus/monde/a.txt", "corpus/monde/b.txt"}
    github = run_cli("check", "corpus", "--format", "github", cwd=conflict_corpus).stdout
    assert len(re.findall(r"^::(?:error|warning|notice) file=corpus/monde/[ab]\.txt,line=\d+", github, re.M)) == len(results)
    md = run_cli("check", "corpus", "--format", "markdown", cwd=conflict_corpus).stdout
    assert "### Story corpus/monde" in md  # ids and stories are relative to the root (here the current folder) and "«26 pays»" in md.replace("\\", "")


def test_cli_known_discrepancies_after_baseline_write(conflict_corpus, sarif_validator):
    wrote = run_cli("baseline", "write", "corpus", "--baseline", "baseline.json", cwd=conflict_corpus)
    assert wrote.returncode == 0, wrote.stderr
    proc = _check(conflict_corpus, "corpus", "--baseline", "baseline.json", "--format", "sarif")
    assert proc.returncode == 0, proc.stderr
    log = json.loads(proc.stdout)
    _assert_valid(sarif_validator, log)
    assert all(r["baselineState"] == "unchanged" for r in log["runs"][0]["results"])
    n = len(log["runs"][0]["results"])
    assert _check(conflict_corpus, "corpus", "--baseline", "baseline.json", "--format", "github").stdout == ""
    assert json.loads(_check(conflict_corpus, "corpus", "--baseline", "baseline.json", "--format", "gitlab").stdout) == []
    junit = ET.fromstring(_check(conflict_corpus, "corpus", "--baseline", "baseline.json", "--format", "junit").stdout)
    assert (junit.get("failures"), junit.get("skipped")) == ("0", str(n))
