"""Interval logic on whole columns: which groups of claims hold incompatible values.

A claim's value is an interval ``[low, high]`` (NaN = open end). With a relative
tolerance ``t`` each interval widens to ``[low - t|low|, high + t|high|]``. A group
of claims is consistent when all its intervals share a point, that is when
``max(low) <= min(high)``. It is a cross-article conflict when two claims of
*different* articles cannot both hold: ``low_i > high_j`` with ``doc_i != doc_j``.
Both are computed per group with pandas aggregations, in time linear in the number
of claims (no pairs are formed).
"""
from __future__ import annotations

import numpy as np
import pandas as pd


def widened(frame: pd.DataFrame, tolerance: pd.Series | float) -> tuple[pd.Series, pd.Series]:
    """``(low, high)`` widened by the relative tolerance, open ends as -inf / +inf."""
    low = frame["low"].astype(float)
    high = frame["high"].astype(float)
    tol = tolerance if isinstance(tolerance, pd.Series) else pd.Series(float(tolerance), index=frame.index)
    low = (low - tol * low.abs()).fillna(-np.inf)
    high = (high + tol * high.abs()).fillna(np.inf)
    return low, high


def cross_doc_conflicts(frame: pd.DataFrame, group: str, tolerance: pd.Series | float = 0.0) -> pd.Series:
    """For each value of ``frame[group]``: True when two claims of different docs conflict.

    Per (group, doc) we keep the largest low and the smallest high. A conflict between
    docs exists when, for some doc d, its largest low exceeds the smallest high of the
    *other* docs: that is the group's smallest high if it belongs to another doc, else
    the second smallest (taken from a different doc).
    """
    if frame.empty:
        return pd.Series(dtype=bool)
    low, high = widened(frame, tolerance)
    per_doc = (
        pd.DataFrame({"g": frame[group].to_numpy(), "doc": frame["doc"].to_numpy(), "low": low.to_numpy(), "high": high.to_numpy()})
        .groupby(["g", "doc"], sort=False)
        .agg(low=("low", "max"), high=("high", "min"))
        .reset_index()
    )
    # smallest and second smallest per-doc high in each group
    ordered = per_doc.sort_values(["g", "high"], kind="stable")
    rank = ordered.groupby("g", sort=False).cumcount()
    first = ordered[rank == 0].set_index("g")[["doc", "high"]].rename(columns={"doc": "doc1", "high": "h1"})
    second = ordered[rank == 1].set_index("g")[["high"]].rename(columns={"high": "h2"})
    per_doc = per_doc.join(first, on="g").join(second, on="g")
    per_doc["h2"] = per_doc["h2"].fillna(np.inf)
    others_min = np.where(per_doc["doc"] == per_doc["doc1"], per_doc["h2"], per_doc["h1"])
    per_doc["conflict"] = per_doc["low"].to_numpy() > others_min
    return per_doc.groupby("g", sort=False)["conflict"].any()


def anchor_keys(values: np.ndarray, tolerance: float) -> np.ndarray:
    """Cluster stated values: sorted values closer than the relative tolerance share a key."""
    order = np.argsort(values, kind="stable")
    keys = np.empty(len(values), dtype=int)
    key, prev = 0, None
    for i in order:
        v = values[i]
        if prev is not None and not (abs(v - prev) <= tolerance * max(abs(v), abs(prev)) or v == prev):
            key += 1
        keys[i] = key
        prev = v
    return keys


def _widened(bound: np.ndarray, tolerance: float, outwards: float) -> np.ndarray:
    """Bounds moved outwards (``-1`` for lows, ``1`` for highs) by ``tolerance`` of their
    size; a missing bound is unbounded (``-inf`` for lows, ``inf`` for highs) and an
    infinite one stays as it is (``0 * inf`` would make it NaN, which meets nothing)."""
    with np.errstate(invalid="ignore"):
        moved = bound + outwards * tolerance * np.abs(bound)
    return np.where(np.isnan(bound), outwards * np.inf, np.where(np.isinf(bound), bound, moved))


def unexplained_conflicts(docs, values, lows, highs, tolerance: float = 0.0,
                          mention_docs=(), mention_values=()) -> list[tuple[int, int]]:
    """Pairs of incompatible stated values that no article reconciles.

    Claims are keyed by their stated value (``près de 100 000`` and ``100 000`` share
    the key 100 000). Two keys ``a`` and ``b`` whose intervals do not meet conflict
    only when some article states ``a`` but not ``b`` while another states ``b`` but
    not ``a``: an article that states both has told the reader they are different
    things, and an article that states one value the other also states agrees with
    it on that value. ``mention_*`` are values an article states without a counted
    noun (they reconcile, they never conflict). Returns pairs of keys, where keys
    index the sorted distinct stated values (see :func:`anchor_keys`).

    Cost: linear in the claims for a bounded number of distinct values.
    """
    values = np.asarray(values, dtype=float)
    all_values = np.concatenate([values, np.asarray(mention_values, dtype=float)])
    keys_all = anchor_keys(all_values, tolerance)
    keys, mention_keys = keys_all[: len(values)], keys_all[len(values):]
    low = np.asarray(lows, dtype=float)
    high = np.asarray(highs, dtype=float)
    low, high = _widened(low, tolerance, -1.0), _widened(high, tolerance, 1.0)
    doc_sets: dict[int, set] = {}
    hull: dict[int, list[float]] = {}
    for k, d, lo, hi in zip(keys, docs, low, high):
        doc_sets.setdefault(int(k), set()).add(d)
        h = hull.setdefault(int(k), [lo, hi])
        h[0], h[1] = min(h[0], lo), max(h[1], hi)
    mentioned: dict[int, set] = {}
    for k, d in zip(mention_keys, mention_docs):
        mentioned.setdefault(int(k), set()).add(d)
    ks = sorted(hull)
    out = []
    for i, a in enumerate(ks):
        for b in ks[i + 1:]:
            if hull[a][1] >= hull[b][0] and hull[b][1] >= hull[a][0]:
                continue  # the intervals meet: compatible
            da = doc_sets[a] | mentioned.get(a, set())
            db = doc_sets[b] | mentioned.get(b, set())
            if (doc_sets[a] - db) and (doc_sets[b] - da):
                out.append((a, b))
    return out


def sides(lows, highs) -> np.ndarray:
    """Split claims into sides of mutually compatible values: sorted by interval, a
    claim joins the current side while its interval meets every interval of the side
    (the side's running intersection), else it opens the next side. Sides are numbered
    from 0 upwards in increasing value; claims with the same side agree. One sort."""
    low = np.where(np.isnan(np.asarray(lows, dtype=float)), -np.inf, np.asarray(lows, dtype=float))
    high = np.where(np.isnan(np.asarray(highs, dtype=float)), np.inf, np.asarray(highs, dtype=float))
    order = np.lexsort((high, low))
    out = np.empty(len(low), dtype=int)
    side, cur_low, cur_high = -1, np.inf, -np.inf
    for i in order:
        if side < 0 or low[i] > cur_high or high[i] < cur_low:
            side += 1
            cur_low, cur_high = low[i], high[i]
        else:
            cur_low, cur_high = max(cur_low, low[i]), min(cur_high, high[i])
        out[i] = side
    return out
