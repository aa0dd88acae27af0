"""Duration: a number of time units ("15 jours", "trois ans", "two weeks").

An editor cares because delays and ages are often restated ("un sommet d'ici 15 jours" /
"d'ici un mois", "quand elle avait cinq ans") and can disagree between articles.

Flags:
- [fr] Poutine-Zelensky : un sommet d'ici 15 jours ?
- [fr] Quand elle avait cinq ans, elle a appris à faire du vélo.
- [en] The talks lasted two weeks.
- [en] He was sentenced to six years in prison.

Does not flag:
- [fr] Le sommet a eu lieu en 2022.
- [en] The meeting starts at 10:30.

Unit: the singular lemma of the time unit in the article's language (fr: ``seconde``,
``minute``, ``heure``, ``jour``, ``nuit``, ``semaine``, ``mois``, ``trimestre``, ``an``
(``année`` too), ``décennie``, ``siècle``; en: ``second``, ``minute``, ``hour``, ``day``,
``night``, ``week``, ``month``, ``quarter``, ``year``, ``decade``, ``century``; lexicon
``rules/data/numbers_*.yaml``). Value as written, no conversion (``trois semaines`` -> 3).
``d'ici 15 jours`` / ``within 15 days`` is the interval [0, 15] with that qualifier; the other
qualifiers are those of N01. Clock times (``10h30``) and dates are the date rules' claims.
"""
from __future__ import annotations

from .numbers import mentions

CODE = "D04"
NAME = "date.duration"
TYPE = "extractor"
KINDS = ("duration",)
LANGUAGES = ("fr", "en")
NEEDS = ("numbers",)  # shared scans read with ctx.scan()


def extract(ctx):
    """Duration claims of the article (shared number scan)."""
    return mentions(ctx, "duration")
