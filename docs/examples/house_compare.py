"""Articles of a story give different weather alert levels.

A house comparator, loaded with ``extra-rules = ["house_compare.py"]`` next to the
``house_rules.py`` extractor. It groups the ``alert`` claims by story and flags a
story whose articles name more than one colour.

Flags:
- [fr] Le Var est placé en vigilance rouge. || Le Var est placé en vigilance orange.

Does not flag:
- [fr] Le Var est placé en vigilance rouge. || Le Var reste en vigilance rouge.
"""
CODE = "X02"
NAME = "house.alert-mismatch"
TYPE = "comparator"
KINDS = ("alert",)
LANGUAGES = ("fr",)
SEVERITY = "warning"

from recoupe.checker.schema import Finding  # noqa: E402  (after the metadata, as the docs show it)


def compare(claims, ctx):
    alerts = claims[claims["kind"] == "alert"]
    for story, g in alerts.groupby("story"):
        if g["value"].nunique() > 1 and g["doc"].nunique() > 1:
            colours = " / ".join(sorted(g["value"].unique()))
            yield Finding(story=story, subject="vigilance météo", rows=tuple(g.index),
                          explanation=f"the articles give different alert levels: {colours}")
