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
