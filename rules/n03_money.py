"""Amount of money: "75 millions de $", "3 Md€", "£ 90 million", "323 million euros".

An editor cares because amounts are quoted in many forms (symbols, codes, words, "M€",
"Md€") and a budget or a price that differs between articles is a factual error.

Flags:
- [fr] Les frais financiers étaient de 75,3 millions de $.
- [fr] La France débloque 3 Md€ pour l'Ukraine.
- [fr] Le contrat vaut 1,5 million d'euros.
- [en] The company agreed to pay £ 90 million in compensation.
- [en] Shares slid 50 cents.
- [en] The singer took home over $600 million dollars last year.
- [en] Reserves stood close to US$14b.

Does not flag:
- [fr] Il a lu 3 livres cet été.
- [en] Three countries sent troops.

Units: an ISO 4217 code (``EUR``, ``USD``, ``GBP``, ``CNY``, ``JPY``, ``CAD`` ... ``$`` alone is
USD; lexicon ``rules/data/units.yaml``); sub-units keep the value as written with the units
``USD_cent`` (cents), ``EUR_cent`` (centimes), ``GBP_pence`` (pence, penny). The value is the
number as written with its multiplier (``75 millions de $`` -> 75000000), never converted.
A doubled currency is one amount, its span and qualifier covering the symbol (``over $600 million
dollars`` -> 600000000 USD in [600000000, null]; the symbol's currency wins: ``C$ 5 million
dollars`` is CAD). After an amount with a currency, scale abbreviations count (lexicon
``money_scales``: ``$ 29.3 mil`` -> 29300000, ``US$14b``, ``$8 bn``, ``$7 mn``, ``29.3 mil
dollars``; glued suffixes ``$2M``, ``€3bn``, ``3 Md€`` from ``rules/data/units.yaml``). A rate
after the amount is appended to the unit as in N01 (``$15/hour`` -> ``USD/hour``, ``15 dollars de
l'heure`` -> ``USD/heure``, ``2 000 euros par mois`` -> ``EUR/mois``).
``subject`` is the noun after the amount, if any. Qualifiers give intervals as in N01.
"""
from __future__ import annotations

from .numbers import mentions

CODE = "N03"
NAME = "number.money"
TYPE = "extractor"
KINDS = ("money",)
LANGUAGES = ("fr", "en")
NEEDS = ("numbers",)  # shared scans read with ctx.scan()


def extract(ctx):
    """Money claims of the article (shared number scan)."""
    return mentions(ctx, "money")
