"""Interval compatibility on whole columns."""
from __future__ import annotations

import math

import pandas as pd

from recoupe.checker.intervals import cross_doc_conflicts

NaN = math.nan


def frame(rows):
    return pd.DataFrame(rows, columns=["g", "doc", "low", "high"])


def test_exact_values_conflict_only_across_docs():
    f = frame([
        ("a", "d1", 26, 26), ("a", "d2", 35, 35),          # conflict across docs
        ("b", "d1", 26, 26), ("b", "d1", 35, 35),          # same doc only: not a cross-article conflict
        ("c", "d1", 90000, 100000), ("c", "d2", 98000, 98000),  # près de 100 000 vs 98 000
    ])
    got = cross_doc_conflicts(f, "g").to_dict()
    assert got == {"a": True, "b": False, "c": False}


def test_interval_against_values():
    # une trentaine [25, 35] meets 31 and 26 but 26 and 35 do not meet each other
    f = frame([("t", "d1", 25, 35), ("t", "d2", 31, 31), ("u", "d1", 25, 35), ("u", "d2", 40, 40)])
    assert cross_doc_conflicts(f, "g").to_dict() == {"t": False, "u": True}


def test_open_ends():
    # plus de 20 [20, inf) vs 25: fine; moins de 10 (-inf, 10] vs 25: conflict
    f = frame([("p", "d1", 20, NaN), ("p", "d2", 25, 25), ("m", "d1", NaN, 10), ("m", "d2", 25, 25)])
    assert cross_doc_conflicts(f, "g").to_dict() == {"p": False, "m": True}


def test_tolerance_widens_intervals():
    f = frame([("x", "d1", 100, 100), ("x", "d2", 104, 104)])
    assert cross_doc_conflicts(f, "g", 0.0).to_dict() == {"x": True}
    assert cross_doc_conflicts(f, "g", 0.05).to_dict() == {"x": False}


def test_conflict_found_when_min_high_is_own_doc():
    # d1 holds both the smallest high and the largest low; d2 conflicts with d1's low
    f = frame([("g", "d1", 10, 10), ("g", "d1", 50, 50), ("g", "d2", 12, 12)])
    assert cross_doc_conflicts(f, "g").to_dict() == {"g": True}


def test_sides_group_mutually_compatible_values():
    from recoupe.checker.intervals import sides

    # 26, une trentaine [25, 35], 35 and près de 35 [31.5, 35]: 26 and 35 cannot share a side
    got = sides([26, 25, 35, 31.5], [26, 35, 35, 35])
    assert got[0] == got[1]  # 26 meets une trentaine
    assert got[2] == got[3]  # 35 meets près de 35
    assert got[0] != got[2]
    # an open upper bound joins the larger values: plus de 2 000 with 2 150, not 1 100
    got = sides([1100, 2000, 2150], [1100, NaN, 2150])
    assert list(got) == [0, 1, 1]


def test_infinite_bounds_stay_unbounded_without_tolerance():
    """An open end given as ``inf`` (not NaN) at tolerance 0: ``0 * inf`` once made the
    bound NaN, which met no value, so « plus de 5 000 » conflicted with 6 000."""
    from recoupe.checker.intervals import unexplained_conflicts

    inf = math.inf
    assert unexplained_conflicts(["a", "b"], [5000.0, 6000.0], [5000.0, 6000.0], [inf, 6000.0], 0.0) == []
    assert unexplained_conflicts(["a", "b"], [5000.0, 6000.0], [-inf, 6000.0], [5000.0, 6000.0], 0.0) == [(0, 1)]
    assert unexplained_conflicts(["a", "b"], [5000.0, 4000.0], [-inf, 4000.0], [5000.0, 4000.0], 0.0) == []
    # a missing bound is unbounded on its side, with or without tolerance
    assert unexplained_conflicts(["a", "b"], [5000.0, 6000.0], [5000.0, 6000.0], [NaN, 6000.0], 0.0) == []
    assert unexplained_conflicts(["a", "b"], [100.0, 104.0], [100.0, 104.0], [100.0, 104.0], 0.05) == []
    assert unexplained_conflicts(["a", "b"], [100.0, 110.0], [100.0, 110.0], [100.0, 110.0], 0.02) == [(0, 1)]
