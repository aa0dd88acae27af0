"""Language helpers the rules share: data files, words, lemmas, stopwords.

Everything here is loaded once (at first use) and cached; nothing touches files
after that. simplemma's decoded dictionaries are kept marshalled in the user cache
directory (``$XDG_CACHE_HOME/recoupe/`` or ``~/.cache/recoupe/``, keyed by the
simplemma version), which turns 0.2 s of decoding per language into 0.05 s of
loading; without a writable cache the dictionaries are decoded as before.
"""
from __future__ import annotations

import functools
import marshal
import os
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import regex
import yaml

_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DATA = Path(__file__).resolve().parent / "data"

#: A word: letters, with inner apostrophes or hyphens (aujourd'hui, vingt-six).
WORD_RE = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:[-'’]\p{L}[\p{L}\p{M}]*)*")


#: Word characters (``\w``) that are neither letters nor numbers: combining marks,
#: connector punctuation (``_``), joiners, other alphabetic signs.
_ODD_WORD_CHAR = regex.compile(r"[\p{M}\p{Pc}\p{Join_Control}\p{Other_Alphabetic}]")


@functools.lru_cache(maxsize=4)
def plain_word_chars(text: str) -> bool:
    r"""True when every word character of ``text`` is a letter or a number.

    Then, before a letter, ``\b`` holds exactly where the previous character is no letter
    and no number, so a scan pattern that starts with a letter after
    ``(?<![\p{L}\p{N}...])`` may start with ``\b`` too; the regex engine tests ``\b``
    cheaply at every position, the look-behind alone costly (twice as slow a scan)."""
    return _ODD_WORD_CHAR.search(text) is None


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


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "recoupe"


def _marshalled_dictionary(lang: str, version: str, load: Callable[[str], dict]) -> dict:
    """simplemma's decoded dictionary of ``lang``, kept marshalled in the user cache dir.

    Decoding the shipped front-coded dictionary takes about 0.2 s per language at every
    start; loading the marshalled dict takes about 0.05 s. Any problem with the cache
    (not writable, corrupt, another version) falls back to decoding."""
    path = _cache_dir() / f"simplemma-{version}-{lang}.marshal"
    try:
        with open(path, "rb") as f:
            table = marshal.loads(f.read())
        if isinstance(table, dict) and table:
            return table
    except (OSError, EOFError, ValueError, TypeError):
        pass
    table = load(lang)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as f:
            marshal.dump(table, f)
        os.replace(tmp, path)
    except OSError:
        pass
    return table


@functools.cache
def _lemmatizer() -> Callable[[str, str], str]:
    """simplemma's ``lemmatize`` with the same strategy as ``simplemma.lemmatize``, its
    dictionaries loaded from a marshal cache; plain ``simplemma.lemmatize`` if simplemma's
    internals differ from the 2.x ones this relies on."""
    import simplemma

    try:
        from simplemma.strategies import DefaultStrategy
        from simplemma.strategies.dictionaries import dictionary_factory as df

        version = getattr(simplemma, "__version__", None)
        load = df._load_dictionary_from_disk
        wrap = df.MappingStrToByteString
        if not version:
            raise AttributeError("simplemma.__version__")

        class _CachedFactory(df.DefaultDictionaryFactory):
            __slots__ = ()

            def _get_dictionary_uncached(self, lang: str):
                if lang not in df.SUPPORTED_LANGUAGES:
                    raise ValueError(f"Unsupported language: {lang}")
                return wrap(_marshalled_dictionary(lang, version, load))

        lemmatizer = simplemma.Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=_CachedFactory()))
        return lemmatizer.lemmatize
    except (ImportError, AttributeError, TypeError):
        return lambda w, lang: simplemma.lemmatize(w, lang=lang)


@functools.lru_cache(maxsize=65536)
def lemma(word: str, lang: str) -> str:
    """Lower-cased lemma of one word (simplemma; the word itself when unknown)."""
    w = word.lower().replace("’", "'")
    if len(w) <= 2:
        return w
    return _lemmatizer()(w, lang).lower()


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def fold(s: str) -> str:
    """Lower case, no accents, typographic apostrophes and spaces made plain."""
    s = s.replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return strip_accents(s).lower()
