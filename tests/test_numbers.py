"""Unit tests of the shared number scanner (rules/numbers/), on texts written by hand."""
from __future__ import annotations

import pytest

from conftest import make_article


def _scan(text, lang):
    from recoupe.checker.pipeline import ArticleContext
    from recoupe.rules.numbers import scan

    return scan(ArticleContext(make_article(text, lang), lang))


@pytest.mark.parametrize("lang,text,value", [
    ("fr", "Ils étaient 100\u00a0000.", 100000),
    ("fr", "Ils étaient 100\u202f000.", 100000),
    ("fr", "Ils étaient 1 234 567,89.", 1234567.89),
    ("fr", "Un taux de 1,5 seulement.", 1.5),
    ("fr", "Il reste 2 milliards.", 2e9),
    ("fr", "Un coût de 12k.", 12000),
    ("fr", "Les trois cinquièmes.", 0.6),
    ("fr", "Un élève sur quatre.", None),
    ("fr", "Il y a 2 1/4 litres.", 2.25),
    ("en", "They were 100,000.", 100000),
    ("en", "A rate of 1.5 only.", 1.5),
    ("en", "Some 3 hundred and 21 came.", 321),
    ("en", "It lost half million fans.", 500000),
    ("en", "Five and a quarter hours.", 5.25),
    ("en", "One over three of them.", 1 / 3),
])
def test_values(lang, text, value):
    values = [r["value"] for r in _scan(text, lang)]
    if value is None:
        assert values == [] or 4 in values or 1 in values
    else:
        assert any(abs(v - value) < 1e-9 for v in values), values


def test_scan_is_shared_per_article():
    from recoupe.checker.pipeline import ArticleContext
    from recoupe.rules import n01_quantity, n02_percent

    ctx = ArticleContext(make_article("Vingt pays, soit 20 % du total.", "fr"), "fr")
    list(n01_quantity.extract(ctx))
    first = ctx._memo["numbers"]
    list(n02_percent.extract(ctx))
    assert ctx._memo["numbers"] is first


def test_furniture_is_ignored():
    text = "Voir https://ex.com/a/123 et pic.twitter.com/AIId6wEeEO #G20 @user42\n— CNEWS (@CNEWS) September 4, 2025"
    assert _scan(text, "fr") == []
