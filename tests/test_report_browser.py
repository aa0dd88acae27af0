"""The report in a real browser: headless Chromium (Debian's ``chromium``) driven by Playwright.

Never ``playwright install``: the system Chromium is launched by path with a fresh
profile and the network switched off as far as flags allow; every request is
recorded and any request other than the page's own file:// URL fails the test.
Skipped only when /usr/bin/chromium or the playwright package is missing (CI's
``.ci/run`` installs both).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, run_cli
from test_report import write_brief_corpus, write_house_corpus

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOT = ROOT / "reports" / "screenshot-seeds.png"

if not CHROMIUM.exists():
    pytest.skip("/usr/bin/chromium is missing (apt-get install -y chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is missing (pip install playwright)")


@pytest.fixture(scope="module")
def playwright():
    with sync_api.sync_playwright() as p:
        yield p


def _launch(playwright, profile: Path, **kw):
    """Chromium with a fresh profile, offline."""
    return playwright.chromium.launch_persistent_context(
        str(profile), executable_path=str(CHROMIUM), headless=True, args=ARGS,
        viewport={"width": 1366, "height": 900}, device_scale_factor=1, offline=True, **kw)


@pytest.fixture(scope="module")
def browser(playwright, tmp_path_factory):
    ctx = _launch(playwright, tmp_path_factory.mktemp("chromium-profile"))
    yield ctx
    ctx.close()


class Opened:
    def __init__(self, ctx, path: Path):
        self.url = path.resolve().as_uri()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page = ctx.new_page()
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", lambda route: route.continue_() if route.request.url == self.url else route.abort())
        self.page.goto(self.url)
        self.page.wait_for_load_state("load")

    def visible_rows(self) -> int:
        return self.page.locator("tbody.d:visible tr.disc").count()

    def close(self):
        assert self.requests == [self.url], f"network requests besides the page: {self.requests}"
        assert not self.errors, self.errors
        self.page.close()


def _report(inputs, out: Path, cwd=None) -> None:
    r = run_cli("report", *inputs, "-o", out, cwd=cwd)
    assert r.returncode == 0, r.stderr


def _check(inputs, cwd=None) -> list:
    r = run_cli("check", *inputs, "--format", "json", "--no-baseline", "--exit-zero", cwd=cwd)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def _marks_equal_claims(page, d) -> None:
    body = page.locator(f"tbody#d-{d['id']}")
    body.locator("tr.disc").click()  # the row opens its claims
    assert body.locator("details.claims").evaluate("e => e.open")
    marks = body.locator("li.claim mark")
    assert marks.count() == len(d["claims"])
    assert marks.first.is_visible()
    got = [marks.nth(i).text_content() for i in range(marks.count())]
    assert sorted(got) == sorted(c["text"] for c in d["claims"])


def test_seeds_in_browser(browser, tmp_path):
    out = tmp_path / "seeds.html"
    _report(["seeds"], out)
    expected = _check(["seeds"])
    o = Opened(browser, out)
    page = o.page
    assert page.locator("tbody.d tr.disc").count() == len(expected)
    assert o.visible_rows() == len(expected)
    assert page.locator("#count").text_content() == f"{len(expected)} of {len(expected)} shown"
    if expected:
        _marks_equal_claims(page, expected[0])
        severities = {d["severity"] for d in expected}
        if len(severities) > 1:
            sev = expected[0]["severity"]
            page.select_option("#f-severity", sev)
            assert o.visible_rows() == sum(d["severity"] == sev for d in expected) < len(expected)
            page.select_option("#f-severity", "")
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1366, "height": 1000})
    page.screenshot(path=str(SCREENSHOT), full_page=False)
    assert SCREENSHOT.stat().st_size > 10_000
    o.close()
    assert expected, "the seeds must have discrepancies to show"


def test_filters_hide_rows(browser, tmp_path):
    write_house_corpus(tmp_path / "corpus")
    out = tmp_path / "house.html"
    _report(["corpus"], out, cwd=tmp_path)
    expected = _check(["corpus"], cwd=tmp_path)
    assert {d["severity"] for d in expected} == {"error", "warning"}
    o = Opened(browser, out)
    page = o.page
    assert o.visible_rows() == 2
    page.select_option("#f-severity", "error")
    assert o.visible_rows() == 1
    assert page.locator("#count").text_content() == "1 of 2 shown"
    assert page.locator("section.story[data-story='front']").is_hidden()
    page.select_option("#f-severity", "")
    page.select_option("#f-verdict", "update")
    assert o.visible_rows() == 1
    page.select_option("#f-verdict", "")
    page.select_option("#f-story", "coalition")
    assert o.visible_rows() == 1
    page.select_option("#f-story", "")
    page.check("#f-new")  # no baseline: every row is new
    assert o.visible_rows() == 2
    # sorting by subject puts the story's rows in order (one per story here: order kept)
    page.select_option("#f-sort", "subject")
    assert o.visible_rows() == 2
    for d in expected:
        _marks_equal_claims(page, d)
    # the chart is drawn inline
    assert page.locator("svg.chart circle").count() == 3
    o.close()


def test_brief_corpus_in_browser(browser, tmp_path):
    write_brief_corpus(tmp_path / "corpus")
    out = tmp_path / "brief.html"
    _report(["corpus"], out, cwd=tmp_path)
    expected = _check(["corpus"], cwd=tmp_path)
    o = Opened(browser, out)
    assert o.page.locator("tbody.d tr.disc").count() == len(expected)
    for d in expected:
        _marks_equal_claims(o.page, d)
    if len({d["verdict"] for d in expected}) > 1:
        o.page.select_option("#f-verdict", expected[0]["verdict"])
        assert o.visible_rows() == sum(x["verdict"] == expected[0]["verdict"] for x in expected) < len(expected)
    o.close()
    assert expected


def test_readable_without_scripts(playwright, tmp_path):
    write_house_corpus(tmp_path / "corpus")
    out = tmp_path / "house.html"
    _report(["corpus"], out, cwd=tmp_path)
    ctx = _launch(playwright, tmp_path / "profile", java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(out.resolve().as_uri())
        assert page.locator("tbody.d tr.disc:visible").count() == 2
        assert page.locator("#filters").is_hidden()  # the filters need the script
        details = page.locator("details.claims").first
        assert not details.locator("mark").first.is_visible()
        details.locator("summary").click()  # <details> opens without a script
        assert details.locator("mark").first.is_visible()
    finally:
        ctx.close()
