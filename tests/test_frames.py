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
