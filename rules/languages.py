"""The languages recoupe knows, read from ``rules/data/languages.yaml``.

The engine names no language: it receives :data:`LANGUAGES` (declared under the
entry-point group ``recoupe.languages`` in ``pyproject.toml``) and asks it for the
list of language codes (the first is the default), :meth:`Languages.detect`,
:meth:`Languages.is_boilerplate` and :meth:`Languages.function_words`. Rules may use it too.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .text import data, stopwords

#: The words counted to guess a language.
_WORD = re.compile(r"[a-zà-ÿ]+", re.I)


class Languages:
    """Language codes, language detection and page-furniture lines, from a mapping."""

    def __init__(self, conf: Mapping[str, Any]):
        langs = conf["languages"]
        self.codes: tuple[str, ...] = tuple(langs)
        self.default: str = self.codes[0]
        self.names: dict[str, str] = {c: str(v.get("name", c)) for c, v in langs.items()}
        self._words = [(c, frozenset(v.get("function_words") or ())) for c, v in langs.items()]
        lines = [p for v in langs.values() for p in v.get("boilerplate") or ()]
        self._boilerplate = re.compile(r"^\s*(?:" + "|".join(lines) + r")\s*$", re.I) if lines else None

    def detect(self, text: str) -> str:
        """The language whose function words are the most frequent in the first 4000
        characters; a tie goes to the language listed first."""
        words = [w.lower() for w in _WORD.findall(text[:4000])]
        best, most = self.default, -1
        for code, vocab in self._words:
            n = sum(w in vocab for w in words)
            if n > most:
                best, most = code, n
        return best

    def function_words(self) -> frozenset[str]:
        """Every known language's function words (``rules/data/stopwords_<lang>.txt``):
        what automatic story grouping leaves out."""
        return frozenset(w for code in self.codes for w in stopwords(code))

    def is_boilerplate(self, line: str) -> bool:
        """True for page furniture lines that are not article text."""
        return bool(self._boilerplate and self._boilerplate.match(line))


LANGUAGES = Languages(data("languages.yaml"))
