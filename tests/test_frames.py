"""Frames read from the clause around a figure (rules/frames.py), fed from tests/data/frames.yml."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from recoupe.rules.frames import conflicting, frames

CASES = yaml.safe_load((Path(__file__).parent / "data" / "frames.yml").read_text(encoding="utf-8"))


def _claims(text: str, figure: str) -> pd.DataFrame:
    start = text.index(figure)
    return pd.DataFrame({"doc": ["a"], "start": [start], "end": [start + len(figure)], "kind": ["quantity"],
                         "value": [None]})


@pytest.mark.parametrize("case", CASES, ids=[f"{c['figure']}|{c['text'][:30]}" for c in CASES])
def test_frame_fields(case):
    claims = _claims(case["text"], case["figure"])
    got = frames(claims, claims, {"a": case["text"]}, ("quantity",)).iloc[0]
    for field, want in case["expect"].items():
        assert got[field] == want, f"{field}: got {got[field]!r}"


def test_neighbouring_figures_bound_the_clause():
    text = "On a compté 7 000 personnes à Brest et 3 000 à Quimper."
    a, b = text.index("7 000 personnes"), text.index("3 000")
    claims = pd.DataFrame({"doc": ["a", "a"], "start": [a, b], "end": [a + 15, b + 5], "kind": ["quantity"] * 2,
                           "value": [None, None]})
    got = frames(claims, claims, {"a": text}, ("quantity",))
    assert list(got["place"]) == ["brest", "quimper"]


def test_unknown_is_not_conflicting_and_dates_nest():
    assert conflicting({"place": "brest"}, {"place": ""}) == []
    assert conflicting({"place": "brest"}, {"place": "quimper"}) == ["place"]
    assert conflicting({"when": "2025"}, {"when": "2025-09-10"}) == []
    assert conflicting({"when": "2024"}, {"when": "2025-09-10"}) == ["when"]


def test_relative_years_take_the_article_year():
    import datetime
    text = "Le déficit sera ramené à 3 % l'an prochain. Il atteint 4 % cette année."
    a, b = text.index("3 %"), text.index("4 %")
    claims = pd.DataFrame({"doc": ["a", "a"], "start": [a, b], "end": [a + 3, b + 3], "kind": ["percent"] * 2,
                           "value": [3, 4]})
    got = frames(claims, claims, {"a": text}, ("percent",), {"a": datetime.date(2030, 5, 2)})
    assert list(got["when"]) == ["2031", "2030"]
    undated = frames(claims, claims, {"a": text}, ("percent",))
    assert list(undated["when"]) == ["", ""]


def test_paragraph_date_reaches_later_sentences_only_within_the_paragraph():
    text = "Lundi 3 mars 2025, la crue a monté. On compte 40 maisons inondées.\n\nOn compte 55 maisons inondées."
    d, a, b = text.index("Lundi 3 mars 2025"), text.index("40 maisons"), text.index("55 maisons")
    claims = pd.DataFrame({"doc": ["a"] * 3, "start": [d, a, b], "end": [d + 17, a + 10, b + 10],
                           "kind": ["date", "quantity", "quantity"], "value": ["2025-03-03", None, None],
                           "text": ["Lundi 3 mars 2025", "40 maisons", "55 maisons"]})
    got = frames(claims.iloc[1:], claims, {"a": text}, ("quantity",))
    assert list(got["when"]) == ["2025-03-03", ""]


def test_a_weekday_alone_does_not_date_the_next_sentence():
    text = "Le conseil s'est réuni lundi. Il a voté 12 délibérations."
    d, a = text.index("lundi"), text.index("12 délibérations")
    claims = pd.DataFrame({"doc": ["a"] * 2, "start": [d, a], "end": [d + 5, a + 16], "kind": ["date", "quantity"],
                           "value": ["2025-03-03", None], "text": ["lundi", "12 délibérations"]})
    got = frames(claims.iloc[1:], claims, {"a": text}, ("quantity",))
    assert list(got["when"]) == [""]
