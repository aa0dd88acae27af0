"""What a rule may use of the engine: the one module of ``checker/`` that rules import.

A rule module (``rules/`` or a plug-in) imports from the engine only this module, so
that the engine's other modules can change without touching a rule
(``tests/test_layout.py`` reads the imports and checks it):

- :class:`ArticleContext`, what an extractor or annotator receives for one article
  (text, language, date, sentences, the shared scans by name, a per-rule memo);
- :class:`Finding`, what a comparator yields;
- the interval helpers comparators use on whole columns of claims:
  :func:`widened`, :func:`cross_doc_conflicts`, :func:`unexplained_conflicts`,
  :func:`sides`
  (see ``checker/intervals.py`` for the logic).
"""
from __future__ import annotations

from .intervals import cross_doc_conflicts, sides, unexplained_conflicts, widened
from .pipeline import ArticleContext
from .schema import Finding

__all__ = ["ArticleContext", "Finding", "cross_doc_conflicts", "sides", "unexplained_conflicts", "widened"]
