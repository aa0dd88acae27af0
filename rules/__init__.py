"""recoupe's rule modules: one module per rule, lexicons in ``rules/data/``.

Modules named ``<letter><digits>_<name>.py`` are rules (see ``checker/registry.py``
for the contract); modules starting with ``_`` are helpers the rules share. This
package also gives the engine the two language-bound helpers it needs before any
rule runs: :func:`detect_language`, :func:`is_boilerplate` and
:func:`function_words` (for automatic story grouping).
"""
from __future__ import annotations

import re

_FR = frozenset("le la les des du de un une et est à au aux pour que qui dans sur pas par avec ce cette ont été sont d l qu".split())
_EN = frozenset("the a an of and is are to in for that with on by was were has have it this from at be".split())
_WORD = re.compile(r"[a-zà-ÿ]+", re.I)

BOILERPLATE = re.compile(
    r"^\s*(?:la suite après cette publicité|publicité|advertisement|lire aussi\b.*|read more\b.*"
    r"|continuer à lire|story continues below(?: advertisement)?|suite de l'article après la publicité)\s*$",
    re.I,
)


def detect_language(text: str) -> str:
    """'fr' or 'en', by counting function words in the first few thousand characters."""
    words = [w.lower() for w in _WORD.findall(text[:4000])]
    fr = sum(w in _FR for w in words)
    en = sum(w in _EN for w in words)
    return "en" if en > fr else "fr"


def is_boilerplate(line: str) -> bool:
    """True for page furniture lines that are not article text."""
    return bool(BOILERPLATE.match(line))


def function_words(langs=("fr", "en")) -> frozenset[str]:
    """The function words of the languages given (``rules/data/stopwords_<lang>.txt``):
    automatic story grouping ignores them."""
    from ._nlp import stopwords

    return frozenset(w for lang in langs for w in stopwords(lang))
