"""recoupe's rule modules: one module per rule, lexicons in ``rules/data/``.

Modules named ``<letter><digits>_<name>.py`` are rules (see ``checker/registry.py``
for the contract; each is declared under the entry-point group ``recoupe.rules`` in
``pyproject.toml``); the other modules are helpers the rules share: ``text``
(folding, scanning, data files, lemmas), ``names`` (titles and names), ``languages``
(the language descriptor the engine receives). :func:`detect_language` and
:func:`is_boilerplate` are the descriptor's, as plain functions.
"""
from __future__ import annotations

from .languages import LANGUAGES


def detect_language(text: str) -> str:
    """The language of a text, by counting function words (``rules/data/languages.yaml``)."""
    return LANGUAGES.detect(text)


def is_boilerplate(line: str) -> bool:
    """True for page furniture lines that are not article text."""
    return LANGUAGES.is_boilerplate(line)
