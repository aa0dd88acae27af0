"""Helpers the comparator rules share: predicate classes and context overlap."""
from __future__ import annotations

import functools

import pandas as pd

from .text import data


@functools.cache
def predicate_classes() -> dict[tuple[str, str], str]:
    """``{(lang, verb lemma): class}`` from ``rules/data/predicates.yaml``."""
    out = {}
    for lang, classes in (data("predicates.yaml") or {}).items():
        for cls, verbs in classes.items():
            for v in verbs:
                out[(lang, v)] = cls
    return out


def context_sets(g: pd.DataFrame) -> list[set[str]]:
    """Per article of a group (in article order), the context lemmas of its claims.
    One pass over the column's values, no per-article sub-frame."""
    sets: dict[str, set[str]] = {d: set() for d in g["doc"].unique()}
    for doc, context in zip(g["doc"].to_numpy(dtype=object), g["context"].to_numpy(dtype=object)):
        if isinstance(context, str):
            sets[doc].update(context.split())
    return [sets[d] for d in sorted(sets)]


def context_overlap(g: pd.DataFrame) -> float:
    """The smallest overlap coefficient (shared / smaller set) of the context lemmas of
    two articles of a group: how much the articles' sentences speak of the same things.

    Two articles with the same lemmas overlap fully (1.0), so only distinct sets are
    compared; an article without lemmas overlaps nothing (0.0), which is the least."""
    per_doc = context_sets(g)
    if len(per_doc) < 2:
        return 1.0
    if not all(per_doc):
        return 0.0
    distinct = list({frozenset(a): None for a in per_doc})
    best = 1.0
    for i, a in enumerate(distinct):
        for b in distinct[i + 1:]:
            best = min(best, len(a & b) / min(len(a), len(b)))
            if best == 0.0:
                return 0.0
    return best
