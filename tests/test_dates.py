"""Date and time resolution details the fixture driver cannot express (booleans, windows)."""
from __future__ import annotations

import pytest

from conftest import make_article


def _claims(extractor, text, lang="fr", date=None, rule=None):
    from recoupe.checker.schema import claim_records

    out = claim_records(extractor.run([make_article(text, lang, date)]))
    return [c for c in out if rule is None or c["rule"] == rule]


@pytest.mark.parametrize("date,expected", [
    ("2025-09-04", "2025-09-04"),  # a Thursday: the day itself
    ("2025-09-05", "2025-09-04"),
    ("2025-09-10", "2025-09-04"),  # Wednesday: the Thursday before
    ("2025-09-11", "2025-09-11"),
])
def test_weekday_window(extractor, date, expected):
    (c,) = _claims(extractor, "Le président a annoncé jeudi un plan.", date=date, rule="D02")
    assert c["value"] == expected and c["resolved"] is True


def test_unresolved_relative_dates(extractor):
    claims = _claims(extractor, "Ils se sont retrouvés ce vendredi, hier et jeudi 4 septembre.", rule=None)
    got = {c["text"]: (c["value"], c["resolved"], c["qualifier"]) for c in claims if c["kind"] == "date"}
    assert got["ce vendredi"] == ("-W-5", False, "ce vendredi")
    assert got["hier"] == ("-P1D", False, "hier")
    assert got["jeudi 4 septembre"] == ("--09-04", False, None)


def test_day_month_year_nearest_to_article(extractor):
    (c,) = _claims(extractor, "La réunion du 28 décembre a été reportée.", date="2026-01-05", rule="D01")
    assert c["value"] == "2025-12-28"


def test_date_span_swallows_number_claims(extractor):
    claims = _claims(extractor, "L'invasion a commencé en 2022, le 24 février 2022.")
    assert [(c["rule"], c["value"]) for c in claims] == [("D01", "2022"), ("D01", "2022-02-24")]


def test_seed_dates():
    import json

    from conftest import run_cli

    done = run_cli("extract", "seeds", "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    claims = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    got = {(c["doc"][:3], c["rule"], c["text"], c["value"]) for c in claims if c["rule"] in ("D01", "D02", "D03")}
    for want in [
        ("000", "D02", "ce vendredi", "-W-5"),
        ("002", "D02", "jeudi", "2025-09-04"),
        ("002", "D02", "mercredi", "2025-09-03"),
        ("002", "D01", "jeudi 4 septembre", "2025-09-04"),
        ("002", "D03", "10h30", "10:30+02:00"),
        ("002", "D03", "08H30 GMT", "08:30Z"),
        ("002", "D03", "14H00", "14:00+02:00"),
        ("002", "D03", "12H00 GMT", "12:00Z"),
        ("004", "D01", "en 2022", "2022"),
    ]:
        assert want in got
    assert not [c for c in claims if c["rule"] in ("D01", "D02", "D03") and "CNEWS" in (c.get("sentence") or "")]


@pytest.mark.parametrize("text,values", [
    ("à 10h30 (08H30 GMT)", ["10:30+02:00", "08:30Z"]),
    ("à 23h30 (21H30 GMT)", ["23:30+02:00", "21:30Z"]),
    ("à 01h30 (23H30 GMT)", ["01:30+02:00", "23:30Z"]),
    ("à 14:00 UTC+2", ["14:00+02:00"]),
])
def test_time_offsets(extractor, text, values):
    assert [c["value"] for c in _claims(extractor, text, rule="D03")] == values
