"""End to end on the shipped seeds: what a careful editor would list and flag."""
from __future__ import annotations

import json

import pytest

from conftest import SEEDS, run_cli

D000, D001, D002, D003, D004 = sorted(p.name for p in SEEDS.glob("*.txt"))


@pytest.fixture(scope="module")
def claims():
    done = run_cli("extract", SEEDS, "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


@pytest.fixture(scope="module")
def discrepancies():
    done = run_cli("check", SEEDS, "--format", "json")
    assert done.returncode == 1, done.stderr
    return json.loads(done.stdout)


def find(claims, **kw):
    return [c for c in claims if all(c.get(k) == v for k, v in kw.items())]


def test_soldiers(claims):
    exact = find(claims, doc=D000, kind="quantity", value=100000, unit="soldat")
    assert any(c["subject"] == "soldat russe" and c["low"] == c["high"] == 100000 for c in exact)
    near = [c for c in exact if c["qualifier"] == "près de"]
    assert near and near[0]["high"] == 100000 and near[0]["low"] < 100000


def test_countries(claims):
    assert find(claims, doc=D001, kind="quantity", value=35, unit="pays")
    twenty_six = find(claims, doc=D002, kind="quantity", value=26, unit="pays")
    assert {c["line"] for c in twenty_six} >= {1, 3}  # "Vingt-six pays" and "«26 pays"
    about = [c for c in find(claims, doc=D002, kind="quantity", unit="pays") if c["qualifier"] == "une trentaine"]
    assert about and about[0]["low"] < 30 < about[0]["high"]


def test_rate_times_duration(claims):
    rate = find(claims, doc=D002, kind="percent", value=20)
    assert rate and "par an" in rate[0]["sentence"]
    times = {c["value"] for c in find(claims, doc=D002, kind="time")}
    assert {"10:30+02:00", "08:30Z", "14:00+02:00", "12:00Z"} <= times
    assert find(claims, doc=D004, kind="duration", value=15, unit="jour")


def test_roles(claims):
    roles = {(c["doc"], c["subject"], c["value"]) for c in find(claims, kind="role")}
    assert (D002, "Donald Trump", "président américain") in roles
    assert (D000, "Donald Trump", "ancien président américain") in roles
    assert any(s == "Friedrich Merz" and v.startswith("chancelier allemand") for _, s, v in roles)
    assert any(s == "Giorgia Meloni" and "ministre" in v for _, s, v in roles)
    assert any(s == "Mark Rutte" and "secrétaire général" in v for _, s, v in roles)
    assert not any(s == "Steve Witkoff" and v == "président américain" for _, s, v in roles)


def test_no_page_furniture(claims):
    for c in claims:
        assert "pic.twitter.com" not in c["text"] and "@" not in c["text"]
    cnews_lines = [i + 1 for i, line in enumerate((SEEDS / D002).read_text(encoding="utf-8").split("\n"))
                   if line.startswith("— CNEWS")]
    assert cnews_lines and not [c for c in claims if c["doc"] == D002 and c["line"] in cnews_lines]


def test_countries_group_reported_at_lower_severity(discrepancies):
    pays = [d for d in discrepancies if d["rule"] == "C01" and d["subject"].startswith("pays")]
    assert len(pays) == 1
    d = pays[0]
    assert d["severity"] == "warning" and d["verdict"] == "contradiction"
    docs = {c["doc"] for c in d["claims"]}
    assert {D001, D002} <= docs
    values = {(c["doc"], c["value"]) for c in d["claims"]}
    assert (D001, 35) in values and (D002, 26) in values
    # the explanation shows each value's wording and predicate
    for wording in ("35 pays", "Vingt-six pays", "trentaine"):
        assert wording in d["explanation"]
    assert "rassembler" in d["explanation"] and "engager" in d["explanation"]


def test_trump_role_contradiction(discrepancies):
    trump = [d for d in discrepancies if d["rule"] == "C02" and d["subject"] == "Donald Trump"]
    assert len(trump) == 1
    assert trump[0]["verdict"] == "contradiction" and trump[0]["severity"] == "error"
    assert {c["doc"] for c in trump[0]["claims"]} >= {D000, D002}


def test_times_not_flagged_and_no_cross_subject(discrepancies):
    assert not [d for d in discrepancies if d["kind"] == "time"]
    for d in discrepancies:
        units = {c["unit"] for c in d["claims"]}
        assert len(units) <= 1, d["explanation"]
