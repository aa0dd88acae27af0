"""Counted quantity: a number and what it counts ("100.000 soldats", "26 countries").

An editor cares because two articles of a story that count the same thing differently
("100.000 soldats" / "80.000 soldats") are the first contradiction a reader notices. The
claim keeps the counted noun (``unit``, its lemma: ``soldat``, ``pays``, ``country``) and the
noun with its modifiers (``subject``: ``soldat russe``), the key comparisons group on.

Flags:
- [fr] Alors que 100.000 soldats russes se regroupent autour de Pogrorsk.
- [fr] Vingt-six pays, essentiellement européens, se sont engagés.
- [fr] Une trentaine de pays soutiennent l'Ukraine.
- [en] 26 countries have confirmed their will to send troops.
- [en] Nearly 100,000 Russian soldiers gathered near the city.
- [en] Almost half a million people marched on Sunday.

Does not flag:
- [fr] Il a été élu en 2022 à Paris.
- [fr] La réunion commence à 10h30 (08H30 GMT).
- [fr] Un sommet s'est tenu le 4 septembre 2025.
- [fr] Voir pic.twitter.com/AIId6wEeEO
- [en] In 1997 the treaty was signed.
- [en] That one is really good.
- [fr] La quarantaine est levée pour les voyageurs.
- [en] They had one slim chance and won 3-1 at home.

Intervals (the qualifier word is kept in ``qualifier``; lexicon: ``rules/data/numbers_*.yaml``):
- ``près de N``, ``presque N`` / ``nearly N``, ``almost N``: [0.9N, N]
- ``environ N``, ``quelque N``, ``autour de N`` / ``about``, ``around``, ``some``, ``approximately``: [0.9N, 1.1N]
- ``plus de N``, ``au moins N`` / ``more than``, ``over``, ``at least``: [N, null] (open high end)
- ``moins de N``, ``jusqu'à N``, ``d'ici N`` / ``less than``, ``under``, ``up to``, ``within``: [0, N]
- ``half a million`` 500000, ``a quarter of a million`` 250000, ``un demi-million`` 500000
- ``une dizaine`` 10 in [8, 12], ``une vingtaine`` [15, 25], ``une trentaine`` 30 in [25, 35],
  ``une centaine`` 100 in [80, 120], ``un millier`` 1000 in [800, 1200]; ``trois douzaines`` = 36, ``a dozen`` = 12
- ``des dizaines de`` 20 in [20, 99], ``des centaines de`` [200, 999], ``des milliers de`` 2000 in [2000, 9999],
  ``dozens of`` 24 in [24, 143], ``thousands of`` [2000, 9999]: the value is the low end.
- In French an approximate noun after an article needs its complement (``une quarantaine de
  pays``): ``la quarantaine est obligatoire`` (quarantine), ``il en reste la dizaine`` or ``ils
  étaient une centaine.`` give nothing; a number before it needs none (``trois douzaines`` = 36).
  English ``score`` counts only in ``a score of`` (20).

The counted noun: the first word after the number (``de``/``d'``/``of`` skipped), then in French
up to two modifiers after it; the phrase stops at a stopword (``rules/data/stopwords_*.txt``),
punctuation, a number, a capitalised word (French modifiers), an adverb in -ment/-ly or a verb
(French: a word whose simplemma lemma differs from it and ends in -er/-ir/-re/-oir, unless the
word is that lemma plus a plural or feminine ending; English: -ed/-ing forms, and any -ly word but
the few nouns of ``ly_nouns``), or a word that never heads a counted noun (``not_counted`` in
``rules/data/numbers_*.yaml``: ``worldwide``, ``overall``, ``throughout``, ``thus``, ``apiece``,
``alone``, ``environ``, ``chacun`` ...). In English the head is the last of the first run of plural
nouns among up to three words (``Russian soldiers`` -> ``soldier``, ``sports stars`` -> ``star``,
``fans bought tickets`` -> ``fan``), else the first lower-case word after
capitalised modifiers (``one Russian soldier`` -> ``soldier``). ``pts``/``pt`` stand for
``point`` (``the Sensex rose 100 pts``: unit ``point``, index points, not percentage points). A
lone English ``one`` is a count only before a single noun, maybe after capitalised modifiers
or before a noun and an inflected verb (``one soldier``, ``one Russian soldier``, ``one passenger
paid``; not ``one slim chance``, not ``number one``). A number with no counted
noun is still a quantity (unit null: ``a total of 547,000 worldwide``).

Rates: a period right after the counted noun (or after a bare number) is appended to the unit,
``/<period>`` in the article's language (``8 000 victimes par jour`` -> ``victime/jour``,
``3,000 people per year`` -> ``people/year``; ``par an``, ``chaque mois``, ``de l'heure``,
``a day``, ``each year``, ``per hour``, ``/day`` ...; lexicon ``rate_after``), so that a daily
figure is never compared with a total. ``a year ago``, ``l'an dernier`` are no rates. Speed units
glued to the number (``300 km/h``) are left alone. Years standing alone (a 4-digit number
1800-2100 after ``en``/``in``/a month, or with no counted noun), dates, clock times, URLs,
handles, hashtags, tweet datelines, list numbering and sports scores or vote tallies (``won 3-1``,
``a 5-4 vote``: N >= M, or a score word such as ``won``, ``victoire`` next to the pair) are not
quantities.
"""
from __future__ import annotations

from .numbers import mentions, scan as number_scan

CODE = "N01"
NAME = "number.quantity"
TYPE = "extractor"
KINDS = ("quantity",)
LANGUAGES = ("fr", "en")
NEEDS = ("numbers",)  # shared scans read with ctx.scan()
SCANS = {"numbers": number_scan}  # the number scan of rules/numbers/, shared by N01-N04 and D04


def extract(ctx):
    """Quantity claims of the article (shared number scan)."""
    return mentions(ctx, "quantity")
