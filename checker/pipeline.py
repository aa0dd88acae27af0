"""Extraction: articles in, the claims DataFrame out.

For each article the engine builds an :class:`ArticleContext` (text, language,
date, sentence bounds, the shared scans the registry declares by name, each run at
most once per article whichever rules are selected), runs every enabled extractor, resolves
overlapping spans, runs the annotators (attribution, predicate, context), fills
the fields it owns (doc, story, line, text, rule, lang, sentence), and builds one
frame for the corpus.
"""
from __future__ import annotations

import bisect
import contextlib
import datetime as _dt
import functools
import gc
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Sequence

import pandas as pd
import regex

from .registry import Registry, Rule, Selection, load_languages
from .schema import CLAIM_FIELDS, Article, claims_frame

# A sentence ends at . ! ? … (then closing quotes) followed by space and a capital,
# a quote, a dash or a digit; or at a line break. A single capital before the dot
# ("M. Bush", "J. Smith") is an initial, not an end.
SENTENCE_END_RE = regex.compile(
    r"""(?<![\s(\[][\p{Lu}])(?<!^[\p{Lu}])[.!?…]+["»”’)\]]*(?=\s+["«“(\p{Lu}\p{N}—–-])|\n+"""
)


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """``[(start, end), ...]`` of the sentences of a text, whitespace trimmed."""
    bounds = []
    pos = 0
    for m in SENTENCE_END_RE.finditer(text):
        end = m.end() if m.group(0)[0] != "\n" else m.start()
        bounds.append((pos, end))
        pos = m.end()
    bounds.append((pos, len(text)))
    out = []
    for s, e in bounds:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


@dataclass
class ArticleContext:
    """What a rule sees of an article. ``scan(name)`` gives a shared scan, declared by
    name in the registry (a rule module's ``SCANS``, read by the rules that list it in
    ``NEEDS``), computed once per article. ``memo`` is a rule's private per-article cache."""

    article: Article
    lang: str
    settings: Mapping[str, Any] = field(default_factory=dict)
    scans: Mapping[str, Callable[["ArticleContext"], Any]] | None = None  # None: the built-in rules' scans
    _memo: dict[str, Any] = field(default_factory=dict)
    _sentences: list[tuple[int, int]] | None = None
    _sentence_starts: list[int] | None = None
    #: ``(offset, message)``: what a rule skipped or could not represent (a number beyond
    #: float, a day outside the calendar), reported as warnings naming the file and line.
    notes: list[tuple[int, str]] = field(default_factory=list)

    def note(self, offset: int, message: str) -> None:
        """Record a warning about the text at ``offset`` (the rule carries on)."""
        self.notes.append((offset, message))

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def date(self) -> _dt.date | None:
        return self.article.date

    def memo(self, key: str, compute: Callable[["ArticleContext"], Any]) -> Any:
        """``compute(self)`` once per article, shared by the rules that ask for ``key``."""
        if key not in self._memo:
            self._memo[key] = compute(self)
        return self._memo[key]

    def scan(self, name: str) -> Any:
        """The shared scan ``name`` of this article, computed on first use."""
        if name not in self._memo:
            scans = self.scans if self.scans is not None else _builtin_scans()
            if name not in scans:
                raise KeyError(f"no shared scan named {name!r} (declared: {', '.join(sorted(scans))})")
            self._memo[name] = scans[name](self)
        return self._memo[name]

    @property
    def sentences(self) -> list[tuple[int, int]]:
        if self._sentences is None:
            self._sentences = sentence_bounds(self.text)
            self._sentence_starts = [s for s, _ in self._sentences]
        return self._sentences

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """Bounds of the sentence holding ``offset``."""
        sents = self.sentences
        if not sents:
            return (0, len(self.text))
        i = max(0, bisect.bisect_right(self._sentence_starts, offset) - 1)
        return sents[i]


@functools.cache
def _builtin_scans() -> Mapping[str, Callable[[ArticleContext], Any]]:
    """The scans of the built-in rules, for a context built outside an :class:`Extractor`."""
    from .registry import load_registry

    return load_registry(entry_points=False).scans


@contextlib.contextmanager
def gc_paused():
    """Pause the cyclic garbage collector for a batch stage.

    Extraction and comparison build hundreds of thousands of small, acyclic records
    (``tests/test_pipeline.py`` checks that they leave no reference cycles); with that
    many live objects the collector's full passes cost more than the work itself and
    make the time grow faster than the corpus. Reference counting still frees
    everything as it goes.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


#: A claim's ``sentence`` is its sentence, or in a sentence longer than this (a page of
#: figures with no full stop) the words within half of it on each side, marked ``…``:
#: each claim's record is bounded, not the size of the whole text.
MAX_SENTENCE = 1000


def claim_sentence(text: str, ss: int, se: int, s: int, e: int) -> str:
    """The sentence ``text[ss:se]`` of the claim ``[s, e)``, whitespace collapsed and
    bounded by :data:`MAX_SENTENCE`."""
    se = max(se, e)
    if se - ss <= MAX_SENTENCE:
        return " ".join(text[ss:se].split())
    half = MAX_SENTENCE // 2
    a, b = max(ss, s - half), min(se, e + half)
    if a > ss:
        sp = text.find(" ", a, s)  # start on a word
        a = sp + 1 if sp != -1 else a
    if b < se:
        sp = text.rfind(" ", e, b)
        b = sp if sp != -1 else b
    return ("… " if a > ss else "") + " ".join(text[a:b].split()) + (" …" if b < se else "")


def _line_starts(text: str) -> list[int]:
    starts = [0]
    i = text.find("\n")
    while i != -1:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    return starts


def resolve_overlaps(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop a claim whose span lies strictly inside another claim's span, and exact
    duplicates (same span, kind and value); keep the rest in offset order."""
    rows = sorted(rows, key=lambda r: (r["start"], -r["end"], r["rule"]))
    kept: list[dict[str, Any]] = []
    seen = set()
    max_end = -1
    max_row: dict[str, Any] | None = None
    for r in rows:
        key = (r["start"], r["end"], r["kind"], repr(r["value"]))
        if key in seen:
            continue
        if max_row is not None and r["end"] <= max_end and (r["start"], r["end"]) != (max_row["start"], max_row["end"]):
            if r["kind"] != "role" and max_row["kind"] != "role":
                continue
        seen.add(key)
        kept.append(r)
        if r["end"] > max_end:
            max_end, max_row = r["end"], r
    return kept


@dataclass(frozen=True)
class Note:
    """A warning about one place of an article (see :meth:`ArticleContext.note`)."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: warning: {self.message}"


@dataclass(frozen=True)
class Extractor:
    """The enabled rules, ready to run on articles. ``notes`` collects the warnings the
    rules left (sorted by file and line after :meth:`run`)."""

    extractors: tuple[Rule, ...]
    annotators: tuple[Rule, ...]
    settings: Mapping[str, Any] = field(default_factory=dict)
    scans: Mapping[str, Callable[[ArticleContext], Any]] | None = None
    notes: list[Note] = field(default_factory=list, compare=False)

    @classmethod
    def from_registry(cls, registry: Registry, selection: Selection | None = None,
                      settings: Mapping[str, Any] | None = None) -> "Extractor":
        on = (lambda r: r.code in selection) if selection is not None else (lambda r: True)
        return cls(
            tuple(r for r in registry.of_type("extractor") if on(r)),
            tuple(r for r in registry.of_type("annotator") if on(r)),
            settings or {},
            registry.scans,
        )

    def article_rows(self, article: Article) -> list[dict[str, Any]]:
        lang = article.lang or load_languages().default
        ctx = ArticleContext(article, lang, self.settings, self.scans)
        rows: list[dict[str, Any]] = []
        for rule in self.extractors:
            if not rule.runs_on(lang):
                continue
            for row in rule.func(ctx):
                row = dict(row)
                row["rule"] = rule.code
                rows.append(row)
        rows = resolve_overlaps(rows)
        for rule in self.annotators:
            if rule.runs_on(lang):
                rows = list(rule.func(ctx, rows))
        text = article.text
        line_starts = _line_starts(text)
        where = article.path or article.id
        for off, msg in sorted(set(ctx.notes), key=lambda n: n[0]):
            self.notes.append(Note(where, bisect.bisect_right(line_starts, off), msg))
        sentences: dict[tuple[int, int], str] = {}  # one string per sentence, not per claim
        for row in rows:
            s, e = row["start"], row["end"]
            ss, se = ctx.sentence_at(s)
            key = (ss, max(se, e))
            if key[1] - ss > MAX_SENTENCE:
                sentence = claim_sentence(text, ss, se, s, e)
            elif key in sentences:
                sentence = sentences[key]
            else:
                sentence = sentences[key] = claim_sentence(text, ss, se, s, e)
            row.update(
                doc=article.id,
                story=article.story,
                line=bisect.bisect_right(line_starts, s),
                text=text[s:e],
                lang=lang,
                sentence=sentence,
            )
            if row.get("low") is None and row.get("high") is None and isinstance(row.get("value"), (int, float)):
                row["low"] = row["high"] = float(row["value"])
            if isinstance(row.get("value"), int) and not isinstance(row.get("value"), bool):
                row["value"] = float(row["value"])
            for k in ("low", "high", "value"):  # 0.9 * 110 is 99.00000000000001: keep 12 digits
                if isinstance(row.get(k), float):
                    row[k] = float(f"{row[k]:.12g}")
            row.setdefault("resolved", True)
        return [{k: r.get(k) for k in CLAIM_FIELDS} for r in rows]

    def run(self, articles: Sequence[Article], progress: Callable[[int], None] | None = None) -> pd.DataFrame:
        rows: list[dict[str, Any]] = []
        with gc_paused():
            for i, art in enumerate(articles, 1):
                rows.extend(self.article_rows(art))
                if progress:
                    progress(i)
            frame = claims_frame(rows)
        self.notes.sort(key=lambda n: n.path)  # stable: each article's notes in text order
        from .parallel import sort_claims

        return sort_claims(frame)


def articles_frame(articles: Iterable[Article]) -> pd.DataFrame:
    """One row per article: id, story, lang, date, title, source, url, path."""
    cols = ["id", "story", "lang", "date", "title", "source", "url", "path"]
    rows = [{**a.meta(), "path": a.path} for a in articles]
    return pd.DataFrame.from_records(rows, columns=cols).astype({c: "string" for c in cols})
