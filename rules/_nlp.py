"""Language helpers the rules share: data files, words, lemmas, stopwords.

Everything here is loaded once (at first use) and cached; nothing touches files
after that.
"""
from __future__ import annotations

import functools
import unicodedata
from pathlib import Path
from typing import Any

import regex
import yaml

_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DATA = Path(__file__).resolve().parent / "data"

#: A word: letters, with inner apostrophes or hyphens (aujourd'hui, vingt-six).
WORD_RE = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:[-'’]\p{L}[\p{L}\p{M}]*)*")


@functools.cache
def data(name: str) -> Any:
    """A YAML file of ``rules/data/`` (safe-loaded, cached)."""
    with (DATA / name).open(encoding="utf-8") as f:
        return yaml.load(f, Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader (libyaml's when built)


@functools.cache
def wordlist(name: str) -> frozenset[str]:
    """A text file of ``rules/data/``: one lower-case entry a line, ``#`` comments."""
    words = set()
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            words.add(line)
    return frozenset(words)


def stopwords(lang: str) -> frozenset[str]:
    return wordlist(f"stopwords_{lang}.txt")


@functools.lru_cache(maxsize=65536)
def lemma(word: str, lang: str) -> str:
    """Lower-cased lemma of one word (simplemma; the word itself when unknown)."""
    import simplemma

    w = word.lower().replace("’", "'")
    if len(w) <= 2:
        return w
    return simplemma.lemmatize(w, lang=lang).lower()


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def fold(s: str) -> str:
    """Lower case, no accents, typographic apostrophes and spaces made plain."""
    s = s.replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return strip_accents(s).lower()
