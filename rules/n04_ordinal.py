"""Ordinal: a rank ("la première fois", "1er", "3e", "troisième", "21st", "third").

An editor cares because ranks are claims too: "pour la première fois" against "pour la
deuxième fois", "3e économie mondiale" against "5e".

Flags:
- [fr] L'Europe est au rendez-vous, pour la première fois avec ce niveau d'engagement.
- [fr] La France est la 3e puissance nucléaire.
- [en] It is the third summit this year.
- [en] He finished 21st in the race.

Does not flag:
- [fr] Le 1er septembre, la rentrée a eu lieu.
- [fr] Le Premier ministre a parlé.
- [en] The First Lady spoke on May 4th.

The value is the rank (``1re`` -> 1). ``1er`` followed by a month is a date (rule D01).
Set phrases that are titles (``Premier ministre``, ``first lady``) are listed in
``rules/data/numbers_*.yaml`` (``not_ordinal``). ``seconde``/``second`` after a number or
``de``/``of``/``a`` is a time unit, not a rank. ``un cinquième``/``a fifth`` followed by
``de``/``of`` or nothing is a fraction (a quantity of N01), not a rank.
"""
from __future__ import annotations

from .numbers import mentions

CODE = "N04"
NAME = "number.ordinal"
TYPE = "extractor"
KINDS = ("ordinal",)
LANGUAGES = ("fr", "en")
NEEDS = ("numbers",)  # shared scans read with ctx.scan()


def extract(ctx):
    """Ordinal claims of the article (shared number scan)."""
    return mentions(ctx, "ordinal")
