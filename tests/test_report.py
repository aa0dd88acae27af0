"""``recoupe report``: the editors' HTML page and its Markdown twin.

Two kinds of corpora: the brief's own conflicts run through the built-in rules (the
row count must equal ``recoupe check --format json``, whatever the rules find), and a
corpus checked only by a small house rule written here (``select = ["X9"]``), so that
the page's rows, highlights, chart, baseline notes and escaping are tested whatever
the built-in rules currently find.
"""
from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

from conftest import SEEDS, make_article, run_cli

# --------------------------------------------------------------------------- corpora

HOUSE_RULES = '''
"""Test counts: "<n> pays" or "<n> à <m> pays" (a house extractor for the report tests).

Flags:
- [fr] 26 pays se sont engagés.

Does not flag:
- [fr] Des pays se sont engagés.
"""
import re

CODE = "X91"
NAME = "test.count"
TYPE = "extractor"
KINDS = ("quantity",)
LANGUAGES = ("fr", "en")

RE = re.compile(r"\\b(\\d+)(?: à (\\d+))? (pays|soldats)\\b")


def extract(ctx):
    for m in RE.finditer(ctx.text):
        lo = float(m.group(1))
        hi = float(m.group(2) or m.group(1))
        yield {"start": m.start(), "end": m.end(), "kind": "quantity", "value": lo,
               "low": lo, "high": hi, "unit": m.group(3), "subject": m.group(3)}
'''

HOUSE_COMPARE = '''
"""Articles of a story give different test counts (a house comparator for the report tests).

Flags:
- [fr] 26 pays se sont engagés. || 35 pays se sont engagés.

Does not flag:
- [fr] 26 pays se sont engagés. || 26 pays se sont engagés.
"""
CODE = "X92"
NAME = "test.count-mismatch"
TYPE = "comparator"
KINDS = ("quantity",)
LANGUAGES = ("fr", "en")
SEVERITY = "error"


def compare(claims, ctx):
    q = claims[claims["rule"] == "X91"]
    for (story, subject), g in q.groupby(["story", "subject"]):
        if g["value"].nunique() > 1 and g["doc"].nunique() > 1:
            yield {"story": story, "subject": subject, "rows": list(g.index),
                   "severity": "warning" if subject == "soldats" else None,
                   "verdict": "update" if subject == "soldats" else "contradiction",
                   "explanation": "the articles give different counts of " + subject}
'''

EVIL = '<script>alert(1)</script> "onload=alert(1) </td>'
EVIL_NOTE = "<img src=x onerror=alert(1)>"


def _front(**meta) -> str:
    lines = ["---"] + [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items()] + ["---"]
    return "\n".join(lines) + "\n"


def write_house_corpus(root: Path, order=("a", "b", "c", "d"), evil: bool = False) -> Path:
    """Four articles of story ``coalition`` (three give a count of ``pays``) and one
    of story ``front`` (two give soldier counts); files created in ``order``."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "house.py").write_text(HOUSE_RULES, encoding="utf-8")
    (root / "house_compare.py").write_text(HOUSE_COMPARE, encoding="utf-8")
    (root / "recoupe.toml").write_text(
        'select = ["X9"]\nextra-rules = ["house.py", "house_compare.py"]\nentry-points = false\n', encoding="utf-8")
    bad = EVIL if evil else ""
    files = {
        "a": ("coalition/a.md", _front(title=f"Coalition {bad}".strip(), source=f"Le Monde {bad}".strip(),
                                       date="2025-09-04", url="https://example.org/a?x=1&y=2"),
              f"Le sommet s'ouvre à Paris. {bad} Ce jeudi, 26 pays se sont engagés à envoyer des troupes.\n"),
        "b": ("coalition/b.md", _front(title="Coalition, suite", source="Libération", date="2025-09-05",
                                       url="javascript:alert(1)"),
              "Selon l'Élysée, 35 pays se sont engagés à envoyer des troupes.\nLe reste suit.\n"),
        "c": ("coalition/c.md", _front(title="Sans date", source="Ouest-France"),
              "Au total, 30 à 35 pays se sont engagés à envoyer des troupes.\n"),
        "d": ("front/d.md", _front(title="Front", source="AFP", date="2025-09-01"),
              "100 soldats sont arrivés.\n"),
        "e": ("front/e.md", _front(title="Front, suite", source="Reuters", date="2025-09-02"),
              "Puis 120 soldats sont arrivés.\n"),
    }
    for key in list(order) + [k for k in files if k not in order]:
        rel, head, body = files[key]
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(head + body, encoding="utf-8")
    return root


def write_brief_corpus(root: Path) -> Path:
    """The brief's obvious conflicts, for the built-in rules."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "a.md").write_text(_front(title="A", date="2025-09-04", source="Le Monde") +
                               "Le président américain Donald Trump a parlé.\n"
                               "26 pays se sont engagés à envoyer des troupes.\n", encoding="utf-8")
    (root / "b.md").write_text(_front(title="B", date="2025-09-05", source="Libération") +
                               "L'ancien président américain Donald Trump a parlé.\n"
                               "35 pays se sont engagés à envoyer des troupes.\n", encoding="utf-8")
    return root


# --------------------------------------------------------------------------- HTML structure


class Page(HTMLParser):
    """Just enough structure: discrepancy tbodies, their cells, marks, links, scripts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.bodies: list[dict] = []  # one per tbody.d
        self.marks: list[str] = []
        self.links: list[str] = []
        self.scripts: list[str] = []
        self.tags: list[str] = []
        self.meta: list[dict] = []
        self.resources: list[tuple[str, str]] = []  # (tag, src/href) that a browser would load
        self._mark: list[str] | None = None
        self._script: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if tag in ("img", "iframe", "embed", "source", "video", "audio") and a.get("src"):
            self.resources.append((tag, a["src"]))
        if tag == "script" and a.get("src"):
            self.resources.append((tag, a["src"]))
        if tag == "link" and a.get("href") and not a["href"].startswith("data:"):
            self.resources.append((tag, a["href"]))
        if tag == "meta":
            self.meta.append(a)
        if tag == "tbody" and "d" in (a.get("class") or "").split():
            self.bodies.append({"attrs": a, "rows": [], "marks": [], "claims": []})
        if self.bodies and tag == "tr" and self._in("tbody"):
            self.bodies[-1]["rows"].append({"class": a.get("class"), "cells": []})
        if tag == "td" and self.bodies and self._in("tbody"):
            self._cell = []
        if tag == "li" and "claim" in (a.get("class") or "").split() and self.bodies:
            self.bodies[-1]["claims"].append(a.get("data-doc"))
        if tag == "mark":
            self._mark = []
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "script":
            self._script = []
        if tag not in ("meta", "link", "br", "input", "img", "line", "circle"):
            self.stack.append((tag, a))

    def _in(self, tag):
        """Inside a discrepancy's tbody (``tbody.d``), when ``tag`` is "tbody"."""
        for t, a in reversed(self.stack):
            if t == tag:
                return tag != "tbody" or "d" in (a.get("class") or "").split()
        return False

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag == "mark" and self._mark is not None:
            text = "".join(self._mark)
            self.marks.append(text)
            if self.bodies and self._in("tbody"):
                self.bodies[-1]["marks"].append(text)
            self._mark = None
        if tag == "td" and self._cell is not None and self.bodies:
            if self.bodies[-1]["rows"]:
                self.bodies[-1]["rows"][-1]["cells"].append("".join(self._cell))
            self._cell = None
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if self._mark is not None:
            self._mark.append(data)
        if self._script is not None:
            self._script.append(data)
        if self._cell is not None:
            self._cell.append(data)


def parse(html: str) -> Page:
    p = Page()
    p.feed(html)
    p.close()
    return p


def report(*args, cwd=None):
    return run_cli("report", *args, cwd=cwd)


def check_json(*args, cwd=None) -> list:
    r = run_cli("check", *args, "--format", "json", "--no-baseline", "--exit-zero", cwd=cwd)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


# --------------------------------------------------------------------------- tests


def test_seeds_report_matches_check(tmp_path):
    out = tmp_path / "r.html"
    r = report("seeds", "-o", out)
    assert r.returncode == 0, r.stderr
    assert str(out) in r.stderr
    html = out.read_text(encoding="utf-8")
    page = parse(html)
    expected = check_json("seeds")
    assert len(page.bodies) == len(expected)
    assert [b["attrs"]["id"] for b in page.bodies] == [f"d-{d['id']}" for d in expected]  # same order
    assert '<code>seeds</code>' in html


def test_default_output_path(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    r = report(cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "reports" / "recoupe-report.html").is_file()
    assert "reports/recoupe-report.html" in r.stderr


def test_brief_corpus_rows_equal_check(tmp_path):
    corpus = write_brief_corpus(tmp_path / "corpus")
    out = tmp_path / "r.html"
    r = report(corpus, "-o", out, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    page = parse(out.read_text(encoding="utf-8"))
    expected = check_json(corpus, cwd=tmp_path)
    assert expected and len(page.bodies) == len(expected)
    by_id = {b["attrs"]["id"][2:]: b for b in page.bodies}
    for d in expected:
        assert sorted(by_id[d["id"]]["marks"]) == sorted(c["text"] for c in d["claims"])


def test_house_corpus_rows_marks_and_chart(tmp_path):
    write_house_corpus(tmp_path / "corpus")
    out = tmp_path / "r.html"
    r = report("corpus", "-o", out, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    html = out.read_text(encoding="utf-8")
    page = parse(html)
    expected = check_json("corpus", cwd=tmp_path)
    assert len(expected) == 2 and len(page.bodies) == 2
    by_id = {b["attrs"]["id"][2:]: b for b in page.bodies}
    for d in expected:
        body = by_id[d["id"]]
        assert body["attrs"]["data-verdict"] == d["verdict"]
        assert body["attrs"]["data-severity"] == d["severity"]
        assert body["attrs"]["data-story"] == d["story"]
        # one summary row (6 cells) and one claims row
        assert [row["class"] for row in body["rows"]] == ["disc", "claims-row"]
        assert len(body["rows"][0]["cells"]) == 6
        assert sorted(body["marks"]) == sorted(c["text"] for c in d["claims"])
    coalition = next(d for d in expected if d["story"] == "coalition")
    assert sorted(c["text"] for c in coalition["claims"]) == ["26 pays", "30 à 35 pays", "35 pays"]
    # claims ordered by article date, undated last: a (09-04), b (09-05), c (undated)
    assert by_id[coalition["id"]]["claims"] == ["coalition/a.md", "coalition/b.md", "coalition/c.md"]
    # the chart: three articles report 'pays'; two articles only report 'soldats'
    assert html.count('<svg class="chart"') == 1
    svg = html[html.index('<svg class="chart"'): html.index("</svg>")]
    assert svg.index("Le Monde") < svg.index("Libération") < svg.index("Ouest-France")
    assert "sans date" in svg  # the French report's word for an undated article
    assert svg.count('class="err"') >= 3  # c's interval [30, 35]: a bar and two caps
    # article metadata: titles, sources, only http(s) links
    assert "https://example.org/a?x=1&amp;y=2" in html
    assert 'href="javascript:' not in html
    assert "javascript:alert(1)" in html  # shown as text, not as a link
    # summary
    assert 'id="n-discrepancies">2<' in html
    assert 'id="newest">vendredi 5 septembre 2025' in html
    assert "Content-Security-Policy" in html


def test_story_rows_follow_severity(tmp_path):
    write_house_corpus(tmp_path / "corpus")
    out = tmp_path / "r.html"
    assert report("corpus", "-o", out, cwd=tmp_path).returncode == 0
    page = parse(out.read_text(encoding="utf-8"))
    assert [b["attrs"]["data-story"] for b in page.bodies] == ["coalition", "front"]
    assert [b["attrs"]["data-severity"] for b in page.bodies] == ["error", "warning"]


def test_deterministic_whatever_the_file_order(tmp_path):
    outs = []
    for n, order in enumerate((("a", "b", "c", "d", "e"), ("e", "d", "c", "b", "a"))):
        cwd = tmp_path / f"run{n}"
        write_house_corpus(cwd / "corpus", order=order)
        out = cwd / "r.html"
        assert report("corpus", "-o", "r.html", cwd=cwd).returncode == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    # inputs named in a different order on the command line
    cwd = tmp_path / "run0"
    assert report("corpus/front", "corpus/coalition", "-o", "x.html", cwd=cwd).returncode == 0
    assert report("corpus/coalition", "corpus/front", "-o", "y.html", cwd=cwd).returncode == 0
    assert (cwd / "x.html").read_bytes() == (cwd / "y.html").read_bytes()
    # and no wall-clock time in the page
    html = outs[0].decode("utf-8")
    assert not re.search(r"\d{2}:\d{2}:\d{2}", html)


def test_untrusted_text_is_escaped(tmp_path):
    write_house_corpus(tmp_path / "corpus", evil=True)
    expected = check_json("corpus", cwd=tmp_path)
    coalition = next(d for d in expected if d["story"] == "coalition")
    (tmp_path / "baseline.json").write_text(json.dumps({"tool": "recoupe", "version": 2, "entries": [
        {"id": coalition["id"], "rule": coalition["rule"], "story": "coalition", "subject": "pays",
         "members": [], "status": "accepted", "note": EVIL_NOTE},
        {"id": "0" * 20, "rule": "X92", "story": f"gone {EVIL}", "subject": "pays", "members": [],
         "status": "wontfix", "note": f"fixed {EVIL_NOTE}"},
    ]}), encoding="utf-8")
    out = tmp_path / "r.html"
    r = report("corpus", "--baseline", "baseline.json", "-o", out, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    html = out.read_text(encoding="utf-8")
    # the raw markup never appears
    for raw in ("<script>alert(1)", '"onload=alert(1)', "<img src=x", "onerror=alert(1)>"):
        assert raw not in html
    assert "</td> " not in html.replace("</td></tr>", "")  # no stray cell end from the text
    # ...but its escaped form does, in text, title, source and note
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 4
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&#34;onload=alert(1) &lt;/td&gt;" in html or "&quot;onload=alert(1) &lt;/td&gt;" in html
    page = parse(html)
    # structure intact: the expected tables, one script (ours), no loaded resource
    assert len(page.bodies) == 2
    for body in page.bodies:
        assert [row["class"] for row in body["rows"]] == ["disc", "claims-row"]
        assert len(body["rows"][0]["cells"]) == 6
    code = [x for x in page.scripts if not x.lstrip().startswith("{")]  # the others are JSON data
    assert len(code) == 1 and not any("alert(1)" in x for x in page.scripts)
    assert "img" not in page.tags
    assert page.resources == []
    csp = [m for m in page.meta if (m.get("http-equiv") or "").lower() == "content-security-policy"]
    assert csp and "default-src 'none'" in csp[0]["content"]
    # the marks still equal the claims' text
    by_id = {b["attrs"]["id"][2:]: b for b in page.bodies}
    for d in expected:
        assert sorted(by_id[d["id"]]["marks"]) == sorted(c["text"] for c in d["claims"])
    # reviewed entries show their status and note; the fixed one is listed
    body = by_id[coalition["id"]]
    assert "acceptée" in body["rows"][0]["cells"][5] and EVIL_NOTE in body["rows"][0]["cells"][5]
    assert 'id="fixed"' in html and "laissée telle quelle" in html
    assert 'id="n-new">1<' in html


def test_input_errors_still_write_and_exit_2(tmp_path):
    corpus = write_house_corpus(tmp_path / "corpus")
    (corpus / "bad.jsonl").write_text('{"id": "x", "text": \n', encoding="utf-8")
    out = tmp_path / "r.html"
    r = report("corpus", "-o", out, cwd=tmp_path)
    assert r.returncode == 2
    assert "bad.jsonl" in r.stderr
    html = out.read_text(encoding="utf-8")
    assert "pas pu être lus" in html and "bad.jsonl" in html
    assert len(parse(html).bodies) == 2


def test_markdown_twin(tmp_path):
    write_house_corpus(tmp_path / "corpus", evil=True)
    r = report("corpus", "--format", "markdown", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    out = tmp_path / "reports" / "recoupe-report.md"
    text = out.read_text(encoding="utf-8")
    assert "|" in text and "coalition" in text and "front" in text
    assert "<script>" not in text
    assert len(text) < 65536
    # deterministic
    assert report("corpus", "--format", "markdown", "-o", "again.md", cwd=tmp_path).returncode == 0
    assert (tmp_path / "again.md").read_text(encoding="utf-8") == text
    # "-o -": standard output, for a pull-request comment
    r = report("corpus", "--format", "markdown", "-o", "-", cwd=tmp_path)
    assert r.returncode == 0 and r.stdout == text
    assert not (tmp_path / "-").exists()


def test_no_discrepancy_page(tmp_path):
    from recoupe.checker.compare import CheckResult
    from recoupe.checker.formats.html_format import render_report as render_html
    from recoupe.checker.schema import empty_claims

    result = CheckResult([], [make_article("Rien à signaler.", id="x.txt", story="calme", date="2025-01-02",
                                           title="Calme", url="https://example.org/x")], empty_claims(), {},
                         inputs=["corpus"])
    html = render_html(result)
    page = parse(html)
    assert page.bodies == [] and "Aucune divergence dans ce sujet." in html
    assert 'id="n-discrepancies">0<' in html and 'id="newest">jeudi 2 janvier 2025' in html
    english = render_html(result, lang="en")
    assert "No discrepancy found in this story." in english and 'id="newest">Thursday, January 2, 2025' in english
    assert page.links == ["https://example.org/x"]


# --------------------------------------------------------------------------- pure helpers


def test_safe_url():
    from recoupe.checker.report_view import safe_url

    assert safe_url("https://example.org/x") == "https://example.org/x"
    assert safe_url("HTTP://example.org") == "HTTP://example.org"
    for bad in ("javascript:alert(1)", "data:text/html,x", "//example.org", "https://exa mple.org",
                "ftp://example.org", "https:", "vbscript:x", "", None, "https://x\n.org"):
        assert safe_url(bad) is None


def test_highlight_from_offsets_and_fallbacks():
    from recoupe.checker.report_view import highlight

    text = "Titre.\nIls disent que 26 pays viennent. Puis 26 pays encore."
    art = make_article(text)
    start = text.index("26 pays", text.index("Puis"))
    claim = {"text": "26 pays", "start": start, "end": start + 7, "sentence": "Puis 26 pays encore."}
    assert highlight(claim, art) == {"before": "Puis ", "mark": "26 pays", "after": " encore.", "where": "sentence"}
    # sentence missing: a window of the article's line
    claim2 = dict(claim, sentence=None)
    h = highlight(claim2, art)
    assert h["mark"] == "26 pays" and h["before"].endswith("Puis ") and h["where"] == "article"
    # offsets that do not match: the text inside the sentence
    claim3 = dict(claim, start=0, end=3)
    assert highlight(claim3, art)["mark"] == "26 pays"
    # no article at all
    assert highlight({"text": "x", "sentence": None}, None) == {"before": "", "mark": "x", "after": "", "where": "text"}


def test_svg_chart_escapes_and_orders():
    from recoupe.checker.formats.svgchart import Point, value_chart

    pts = [Point("a", "<b>&", "2025-01-01", 10, 9, 11, "10"), Point("b", "B", None, 20, None, None, "20"),
           Point("c", "C", "2025-01-02", 15, 12, None, "plus de 12")]
    svg = value_chart(pts, "pays <x>", "pays")
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "<b>" not in svg and "&lt;b&gt;&amp;" in svg and "pays &lt;x&gt;" in svg
    assert svg.count("<circle") == 3
    assert 'class="err open"' in svg  # the open upper end
    assert value_chart(pts, "pays") == value_chart(list(pts), "pays")
    assert value_chart([], "x") == ""


def write_silenced_corpus(root: Path) -> None:
    """Three stories disagreeing on a cost: one silenced by a comment in an article,
    one by the configuration's per-file ignores, one reported."""
    root.mkdir(parents=True)
    (root / "pyproject.toml").write_text('[tool.recoupe]\n\n[tool.recoupe.per-file-ignores]\n"tunnel/*" = ["C01"]\n',
                                         encoding="utf-8")
    stories = {
        "pont": ("Le pont de Harwick", "40", "55", " <!-- recoupe: ignore C01 -->"),
        "tunnel": ("Le tunnel de Brenmoor", "12", "30", ""),
        "gare": ("La gare de Velsby", "7", "9", ""),
    }
    for story, (thing, first, second, comment) in stories.items():
        (root / story).mkdir()
        for name, (day, value, note) in {"a.md": ("02", first, comment), "b.md": ("03", second, "")}.items():
            (root / story / name).write_text(
                f"---\ndate: 2025-03-{day}\n---\n{thing} a coûté {value} millions d'euros, selon la mairie.{note}\n\n"
                "La maire a inauguré l'ouvrage dimanche.\n", encoding="utf-8")


def test_markdown_summary_counts_the_silenced(tmp_path):
    write_silenced_corpus(tmp_path / "repo")
    r = run_cli("report", "--format", "markdown", "-o", "-", cwd=tmp_path / "repo")
    assert r.returncode == 0, r.stderr
    assert "2 discrepancies silenced by suppressions (listed in the HTML report)." in r.stdout
