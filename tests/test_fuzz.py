"""Property tests: no generated input crashes the extraction, the comparison or a format.

Strategies for the classes of input that crashed recoupe: random Unicode (right-to-left
text, combining marks, NUL, lone CR, U+2028), digit runs with every separator, huge
numbers and exponents, number words, impossible dates and article dates at the ends of
the calendar. Bounded examples (this runs in CI); ``bench/fuzz.py`` is the long run.
Targeted tests pin each crash class the issue lists.
"""
from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import make_article, run_cli

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

odd = st.sampled_from(["\x00", "\r", "\u2028", "\u202e", "\u0301", "\u00a0", "\u202f", "שלום", "مرحبا", "\ufeff"])
seps = st.sampled_from([" ", "\u00a0", "\u202f", ".", ",", "'", "-", "/", ":", "^", "e", "e-", "E+"])
digit_run = st.builds(lambda d, s, k: s.join(d[i:i + k] for i in range(0, len(d), k)),
                      st.text("0123456789", min_size=1, max_size=60), seps, st.integers(1, 4))
huge = st.sampled_from(["1e400", "-1e400", "1e99999", "1e100000000", "1e" + "9" * 15, "2^99999", "0^-1",
                        "0,0^-3", "9" * 4400, "3/" + "9" * 4400, "1" + "0" * 400, "1e-400", "1e308 milliards"])
words = st.lists(st.sampled_from(["un", "deux", "vingt", "quatre-vingt", "cent", "mille", "millions", "milliards",
                                  "tiers", "demi", "trentaine", "one", "hundred", "thousand", "million", "half",
                                  "a", "quarter", "et", "and", "sur", "over", "premier", "third"]),
                 min_size=1, max_size=6).map(" ".join)
dates = st.sampled_from(["31 février 2025", "0 janvier 0", "32/13/2025", "2025-02-30", "lundi", "hier", "demain",
                         "yesterday", "next Monday", "vendredi dernier", "25:61", "99h99", "1er mai"])
nouns = st.sampled_from(["soldats", "%", "euros", "$", "ans", "days", "km", "personnes", "pour cent", ""])
piece = st.one_of(st.text(max_size=20), odd, digit_run, huge, words, dates, nouns,
                  st.sampled_from(["M. ", "A. B. ", "1-1-", "Emmanuel Macron", "selon la police", ". ", "\n"]))
article_text = st.lists(piece, max_size=12).map(" ".join)
article_date = st.one_of(st.none(), st.sampled_from([dt.date(1, 1, 1), dt.date(9999, 12, 31)]),
                         st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))


def _check_rows(rows):
    for r in rows:
        assert 0 <= r["start"] <= r["end"]
        for k in ("value", "low", "high"):
            v = r[k]
            assert not (isinstance(v, float) and not math.isfinite(v)), r


@FAST
@given(article_text, st.sampled_from(["fr", "en"]), article_date)
def test_extraction_never_crashes(extractor, text, lang, date):
    _check_rows(extractor.article_rows(make_article(text, lang, date)))


@pytest.mark.parametrize("code", ["N01", "N02", "N03", "N04", "D01", "D02", "D03", "D04", "R01"])
@FAST
@given(text=article_text, lang=st.sampled_from(["fr", "en"]), date=article_date)
def test_each_extractor_never_crashes(registry, code, text, lang, date):
    from recoupe.checker.pipeline import ArticleContext

    ctx = ArticleContext(make_article(text, lang, date), lang)
    for row in registry[code].func(ctx):
        assert 0 <= row["start"] <= row["end"] <= len(text)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(article_text, st.sampled_from(["fr", "en"]), article_date), min_size=1, max_size=4))
def test_comparison_and_every_format_never_crash(registry, arts):
    from recoupe.checker import formats
    from recoupe.checker.compare import check_articles
    from recoupe.checker.schema import claim_records

    articles = [make_article(t, lang, d, id=f"a{i}.txt", story="s") for i, (t, lang, d) in enumerate(arts)]
    result = check_articles(articles, registry)
    recs = claim_records(result.claims)
    for name in formats.CLAIM_FORMATS:
        assert isinstance(formats.get(name).render_claims(recs), str)
    for name in formats.CHECK_FORMATS:
        assert isinstance(formats.get(name).render_check(result), str)


@settings(max_examples=15, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["", "---\ndate: 2025-02-30\n---\n", "---\na: [1\n---\n",
                                               "date 2025-13-45\n", "---\ntitle: &a x\nsource: *a\n---\n"]))
def test_loader_never_crashes(tmp_path_factory, body, front):
    from recoupe.checker.corpus import Loader

    d = tmp_path_factory.mktemp("corpus")
    (d / "a.txt").write_text(front + body, encoding="utf-8", errors="surrogatepass")
    result = Loader().load([str(d)])
    assert len(result.articles) + len(result.errors) >= 1


# ---- each crash class of the issue, pinned (values written by hand)

def _values(extractor, text, lang="fr", date=None):
    return [(r["kind"], r["value"]) for r in extractor.article_rows(make_article(text, lang, date))]


@pytest.mark.parametrize("text", ["Il y a 1e400 soldats.", "Il y a 1e99999 soldats.", "Il y a 2^99999 soldats.",
                                  "Il y a 0^-1 soldats.", "Il y a " + "9" * 5000 + " soldats.",
                                  "Il y a 3/" + "9" * 5000 + " soldats.", "Il y a 1e400 millions de soldats."])
def test_out_of_range_numbers_are_skipped_with_a_note(extractor, text):
    from recoupe.checker.pipeline import Extractor

    ex = Extractor(extractor.extractors, extractor.annotators)
    rows = ex.run([make_article(text + " Puis 3 chars.", "fr", id="x.txt")])
    assert [(k, v) for k, v in zip(rows["kind"], rows["value"])] == [("quantity", 3.0)]
    assert len(ex.notes) == 1 and ex.notes[0].line == 1 and "out of range" in ex.notes[0].message


def test_small_exponents_still_read(extractor):
    assert _values(extractor, "Il y a 1e3 soldats et 1,5^2 tonnes.") == [("quantity", 1000.0), ("quantity", 2.25)]
    assert _values(extractor, "Il y a 1e-400 soldats.") == [("quantity", 0.0)]


def test_a_hundred_million_exponent_is_instant(extractor):
    import time

    t0 = time.perf_counter()
    _values(extractor, "Il y a 1e100000000 soldats et 1e9999999999999 tonnes.")
    assert time.perf_counter() - t0 < 1.0


@pytest.mark.parametrize("date,text,lang", [(dt.date(1, 1, 1), "La réunion a eu lieu hier, lundi dernier.", "fr"),
                                            (dt.date(9999, 12, 31), "They will meet tomorrow and next Monday.", "en")])
def test_relative_days_beyond_the_calendar_are_unresolved(extractor, date, text, lang):
    rows = [r for r in extractor.article_rows(make_article(text, lang, date)) if r["rule"] == "D02"]
    assert len(rows) == 2
    assert all(r["resolved"] is False for r in rows)
    assert rows[0]["value"] in ("-P1D", "P1D")


def test_relative_days_inside_the_calendar_still_resolve(extractor):
    rows = [r for r in extractor.article_rows(make_article("Il est parti hier.", "fr", dt.date(1, 1, 2)))
            if r["rule"] == "D02"]
    assert [(r["value"], r["resolved"]) for r in rows] == [("0001-01-01", True)]


def test_cli_huge_numbers_warn_and_keep_the_good_articles(tmp_path):
    story = tmp_path / "corpus" / "s"
    story.mkdir(parents=True)
    (story / "bad.txt").write_text("Titre\n\nIl y a 1e400 soldats et " + "7" * 10000 + " tanks.\n", encoding="utf-8")
    (story / "good.txt").write_text("Selon la police, 120 manifestants ont été arrêtés.\n", encoding="utf-8")
    p = run_cli("extract", tmp_path / "corpus", "--format", "csv")
    assert p.returncode == 0, p.stderr
    assert "internal error" not in p.stderr
    warnings = [l for l in p.stderr.splitlines() if "warning" in l]
    assert len(warnings) == 2 and all("bad.txt:3: warning: number out of range" in w for w in warnings)
    assert "120 manifestants" in p.stdout
