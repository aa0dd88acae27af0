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
    """Per article of a group, the context lemmas of its claims."""
    return [set(" ".join(s.dropna()).split()) for _, s in g.groupby("doc")["context"]]


def context_overlap(g: pd.DataFrame) -> float:
    """The smallest overlap coefficient (shared / smaller set) of the context lemmas of
    two articles of a group: how much the articles' sentences speak of the same things."""
    per_doc = context_sets(g)
    best = 1.0
    for i, a in enumerate(per_doc):
        for b in per_doc[i + 1:]:
            best = min(best, len(a & b) / min(len(a), len(b)) if a and b else 0.0)
    return best
