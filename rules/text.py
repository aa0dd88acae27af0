"""Language helpers the rules share: data files, words, lemmas, stopwords.

Everything here is loaded once (at first use) and cached; nothing touches files
after that. :class:`Scanner` runs a long pattern only where one of its words starts.
simplemma's dictionaries, read through its public API (a ``DictionaryFactory`` given to
``DefaultStrategy``), are kept marshalled in the user cache directory
(``$XDG_CACHE_HOME/recoupe/`` or ``~/.cache/recoupe/``, keyed by the simplemma
version), which turns 0.2 s of decoding per language into 0.05 s of
loading; without a writable cache the dictionaries are decoded as before.
"""
from __future__ import annotations

import functools
import marshal
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from itertools import accumulate
from pathlib import Path
from typing import Any

import regex
import yaml

_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DATA = Path(__file__).resolve().parent / "data"

#: A word: letters, with inner apostrophes or hyphens (aujourd'hui, vingt-six).
WORD_RE = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:[-'’]\p{L}[\p{L}\p{M}]*)*")


#: Maximal runs of letters, as the ``regex`` engine sees them.
_REGEX_RUNS = regex.compile(r"(\p{L}+)")
_REGEX_DIGITS = regex.compile(r"\d+")
#: Maximal runs of word characters (``\w``), as the ``re`` engine sees them.
_RE_RUNS = re.compile(r"(\w+)")
_RE_DIGITS = re.compile(r"\d+")
#: Letters that an engine matches case-insensitively with a letter whose ``casefold`` differs
#: (``re``: ``ı`` and ``İ`` match ``i``); folded first, so that run keys never miss a match.
_FOLD_FIX = str.maketrans({"ı": "i", "İ": "i"})


def fold_key(word: str) -> str:
    """A case-insensitive key: two words an engine's ``(?i)`` matches have the same key."""
    return word.translate(_FOLD_FIX).casefold()


def _runs(pattern: Any, text: str) -> dict[str, list[int]]:
    if "ı" in text or "İ" in text:
        text = text.translate(_FOLD_FIX)  # one character for one: offsets unchanged
    parts = pattern.split(text)  # [between, run, between, run, ..., between]
    runs = parts[1::2]
    starts = list(accumulate(map(len, parts)))[0:-1:2]
    keys = "\n".join(runs).casefold().split("\n") if runs else ()  # no run holds a line break
    index: defaultdict[str, list[int]] = defaultdict(list)
    for start, key in zip(starts, keys):
        index[key].append(start)
    return index


@functools.lru_cache(maxsize=4)
def regex_runs(text: str) -> dict[str, list[int]]:
    """``{key: [start, ...]}``: the letter runs of ``text`` (``regex`` classes) by case-folded
    form (:func:`fold_key`), with where each starts. Computed once per text and shared by
    the scanners."""
    return _runs(_REGEX_RUNS, text)


@functools.lru_cache(maxsize=4)
def re_runs(text: str) -> dict[str, list[int]]:
    """:func:`regex_runs` for the ``re`` engine: ``\\w`` runs."""
    return _runs(_RE_RUNS, text)


@functools.lru_cache(maxsize=4)
def regex_digits(text: str) -> list[int]:
    """Where the digit runs of ``text`` start (``regex`` classes)."""
    return [m.start() for m in _REGEX_DIGITS.finditer(text)]


@functools.lru_cache(maxsize=4)
def re_digits(text: str) -> list[int]:
    """Where the digit runs of ``text`` start (``re`` classes)."""
    return [m.start() for m in _RE_DIGITS.finditer(text)]


class Scanner:
    """``pattern.finditer(text)``, tried only where a match can start.

    A pattern that starts with a look-behind and a long alternation (``(?i)(?<!\\p{L})(?:selon|
    ...)``) makes the engine try every alternative at every position of a text: most of the
    cost of a scan. Here the pattern is tried only at the runs of the text (letters for a
    ``regex`` pattern, ``\\w`` for an ``re`` one; one table of runs per text, shared by every
    scanner) whose case-folded form is the first run of one of ``phrases``, or starts with it
    for a phrase that is one run that the pattern may continue with letters (``word_end``
    false), and, with ``digits``, at the start of every run of digits.

    The pattern must match nothing else: every match starts where its look-behind has no
    letter (``\\w``) before it, with the first run of a phrase or with a digit.
    ``tests/test_scan_equivalence.py`` checks each scanner against its pattern.

    With ``letters``, an ``re`` pattern is tried at the ``regex`` letter runs (and digit
    runs) instead of its own ``\\w`` runs: the tables the ``regex`` scanners build anyway, so
    a text is not split twice. A ``\\w`` run that starts a match starts a letter run with
    the same key when it is all letters, and a digit run when it starts with a digit (then
    ``digits`` must be set); any other phrase is refused. The extra positions tried (a
    letter run after a digit) find no match, the pattern's look-behind having ``\\w``.
    """

    def __init__(self, pattern, phrases: Iterable[str], digits: bool = False, word_end: bool = True,
                 letters: bool = False):
        engine_re = isinstance(pattern, re.Pattern)
        own = engine_re and not letters  # the re engine's own \w runs
        self.pattern = pattern
        self.phrases = tuple(phrases)
        self.runs = re_runs if own else regex_runs
        self.digit_runs = re_digits if own else regex_digits
        self.digits = digits
        first = _RE_RUNS if engine_re else _REGEX_RUNS
        exact: set[str] = set()
        prefixes: set[str] = set()
        for phrase in self.phrases:
            m = first.match(phrase)
            if m is None:
                raise ValueError(f"a scanned phrase must start with a letter: {phrase!r}")
            if engine_re and letters and not m.group().isalpha():
                if digits and m.group()[0].isdigit():
                    continue  # its \\w run starts a digit run: tried anyway
                raise ValueError(f"a phrase scanned at letter runs must start with letters: {phrase!r}")
            key = fold_key(m.group())
            (prefixes if m.end() == len(phrase) and not word_end else exact).add(key)
        self.exact = frozenset(exact)
        self.prefixes = tuple(sorted(prefixes))
        # a run is worth the prefix test when its first letters start a prefix
        self.head_len = min(map(len, prefixes), default=0)
        self.heads = frozenset(p[:self.head_len] for p in prefixes)

    def starts(self, text: str) -> list[int]:
        """The offsets where a match may start, in order."""
        if self.exact or self.prefixes:
            runs = self.runs(text)
            keys = runs.keys() & self.exact
            if self.prefixes:
                heads, n, prefixes = self.heads, self.head_len, self.prefixes
                keys.update(k for k in runs if k[:n] in heads and k.startswith(prefixes))
            found = [s for k in keys for s in runs[k]]
        else:
            found = []
        if self.digits:
            found += self.digit_runs(text)
        found.sort()
        return found

    def finditer(self, text: str) -> Iterator[Any]:
        """What ``self.pattern.finditer(text)`` yields."""
        match = self.pattern.match
        end = 0
        for pos in self.starts(text):
            if pos >= end:
                m = match(text, pos)
                if m is not None:
                    yield m
                    end = m.end()


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


def _marshalled_dictionary(lang: str, version: str) -> dict[str, str]:
    """simplemma's dictionary of ``lang`` as a plain dict, kept marshalled in the user
    cache dir.

    Reading the shipped front-coded dictionary takes about 0.2 s per language at every
    start; loading the marshalled dict takes about 0.05 s. The dict is built through
    simplemma's public API (``DefaultDictionaryFactory.get_dictionary``); any problem
    with the cache (not writable, corrupt, another version) falls back to building it."""
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    path = _cache_dir() / f"simplemma-{version}-{lang}.words.marshal"
    try:
        with open(path, "rb") as f:
            table = marshal.loads(f.read())
        if isinstance(table, dict) and table and all(isinstance(k, str) for k in list(table)[:1]):
            return table
    except (OSError, EOFError, ValueError, TypeError):
        pass
    table = dict(DefaultDictionaryFactory(cache_max_size=0).get_dictionary(lang).items())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as f:
            marshal.dump(table, f)
        os.replace(tmp, path)
    except OSError:
        pass
    return table


class _CachedDictionaries:
    """A simplemma ``DictionaryFactory`` (its public protocol: ``get_dictionary(lang)``)
    over :func:`_marshalled_dictionary`."""

    def __init__(self, version: str):
        self._version = version
        self._tables: dict[str, dict[str, str]] = {}

    def get_dictionary(self, lang: str) -> dict[str, str]:
        if lang not in self._tables:
            self._tables[lang] = _marshalled_dictionary(lang, self._version)
        return self._tables[lang]


@functools.cache
def _lemmatizer() -> Callable[[str, str], str]:
    """simplemma's ``lemmatize`` with its default strategy, its dictionaries read from a
    marshal cache; plain ``simplemma.lemmatize`` when the version is unknown."""
    import simplemma
    from simplemma.strategies import DefaultStrategy

    version = getattr(simplemma, "__version__", None)
    if not version:
        return lambda w, lang: simplemma.lemmatize(w, lang=lang)
    factory = _CachedDictionaries(version)
    lemmatizer = simplemma.Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=factory))
    return lemmatizer.lemmatize


@functools.lru_cache(maxsize=65536)
def lemma(word: str, lang: str) -> str:
    """Lower-cased lemma of one word (simplemma; the word itself when unknown)."""
    w = word.lower().replace("’", "'")
    if len(w) <= 2:
        return w
    return _lemmatizer()(w, lang).lower()


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


_APOSTROPHE_SPACE = regex.compile(r"'\s*")


def fold(s: str, lookup: str | None = None) -> str:
    """Lower case, no accents, typographic apostrophes and spaces made plain.

    With ``lookup``, a look-up key besides, in single spaces with none at the ends:
    ``"form"`` for a matched lexicon form (non-breaking hyphens made plain, no space
    after an apostrophe: ``l’ Élysée`` -> ``l'elysee``); ``"name"`` for a person's name
    (dots and hyphens are spaces: ``J.-P. Durand`` -> ``j p durand``).
    """
    if lookup is not None:
        return _lookup_key(s, lookup)
    if s.isascii():
        return s.lower()  # nothing to replace, decompose or strip
    return _fold_other(s)


@functools.lru_cache(maxsize=65536)
def _lookup_key(s: str, lookup: str) -> str:
    s = fold(s)
    if lookup == "form":
        s = _APOSTROPHE_SPACE.sub("'", s.replace("‑", "-"))
    elif lookup == "name":
        s = s.replace(".", " ").replace("-", " ").replace("‑", " ")
    else:
        raise ValueError(f"fold: lookup must be 'form' or 'name' (got {lookup!r})")
    return " ".join(s.split())


@functools.lru_cache(maxsize=65536)
def _fold_other(s: str) -> str:
    s = s.replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return strip_accents(s).lower()


_SPACE_OR_QUOTE = re.compile(r"\\ |['’]")


def _char_re(ch: str) -> str:
    if ch == " ":
        return r"\s+"
    if ch in "'’":
        return r"['’]\s*"
    if ch in "-‑":
        return r"[-‑\s]"
    return regex.escape(ch)


def alt(words: Iterable[str], title: bool = False, dots: bool = False, trie: bool = False,
        space: str = r"\s+") -> str:
    """A regex alternation of lexicon words or phrases, for ``re`` or ``regex``.

    Longest first, then alphabetical; a space matches ``space`` (any run of white space by
    default), an apostrophe either kind.
    With ``title``, the words are title-cased (``March``); with ``dots``, a word that
    starts a longer one (an abbreviation such as ``sept``) takes an optional dot.

    With ``trie``, the alternation is trie-shaped instead (one pass, no backtracking over
    shared prefixes; for long ``regex`` lexicons): a space matches white space, an
    apostrophe either kind and the spaces after it, a hyphen either kind or a space.
    """
    if trie:
        return _trie_alt(words)
    words = {w.replace("’", "'") for w in words}
    out = []
    for w in sorted(words, key=lambda w: (-len(w), w)):  # the same pattern whatever the hash seed
        p = _SPACE_OR_QUOTE.sub(lambda m: space if m.group(0) == "\\ " else "['’]", re.escape(w.title() if title else w))
        abbrev = dots and any(o != w and o.startswith(w) for o in words)
        out.append(p + (r"\.?" if abbrev else ""))
    return "|".join(out)


def _trie_alt(forms: Iterable[str]) -> str:
    trie: dict = {}
    for f in set(forms):
        node = trie
        for ch in f.replace("’", "'").replace("‑", "-"):
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [_char_re(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        optional = "" in node
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if optional:
            return "(?:" + body + ")?"
        return body

    return "(?:" + emit(trie) + ")"
