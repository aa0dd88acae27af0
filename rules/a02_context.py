"""The predicate and the context words of a claim, to tell events apart.

An editor cares because two figures about the same noun can describe different
events: ``26 pays se sont engagés à participer à une force`` and ``un sommet qui
vise à rassembler 35 pays`` do not contradict each other. The annotator gives each
claim two fields the comparators use as evidence of "the same event":

- ``predicate``: the lemma of the verb that governs the claim. The verb just before
  the claim when the claim is its object or adjunct (``vise à rassembler 35 pays``
  → ``rassembler``, ``a commencé à 10h30`` → ``commencer``; prepositions,
  determiners, bound words and day words in between are skipped); otherwise the
  first verb after the claim in its sentence, through auxiliaries (``ont été
  déployés`` → ``déployer``), pronominal forms (``se regroupent`` → ``regrouper``)
  and modal verbs (``vont être déployés``, ``vise à rassembler``). A speech verb
  right before a claim (``police said 120 people were arrested``) yields to the
  verb after the claim. Verbs are found with a lexicon of common verbs and simple
  morphology (auxiliary + participle, ``se`` + verb, ``à`` / ``to`` + infinitive).
- ``context``: up to twelve distinct content lemmas of the claim's sentence, the
  nearest to the claim, sorted and space-separated: no stopwords, no numbers or
  number words, no words of the claim's own span.

Flags:
- [fr] La manifestation a commencé à 10h30 devant la mairie.
- [en] The protest started at 10:30 outside the town hall.

Does not flag:
- [fr] Bonjour à tous.
- [en] Hello, world.

Configuration: none; the verb lexicons are ``rules/data/context_fr.yaml`` and
``rules/data/context_en.yaml``, stopwords ``rules/data/stopwords_<lang>.txt``.

Provenance: the seed articles' figures (``26 pays ont confirmé``, ``qui vise à
rassembler 35 pays``, ``100.000 soldats russes se regroupent``).
"""
from __future__ import annotations

import bisect
import functools
from itertools import accumulate
from typing import Any

import regex

from .text import data, lemma, stopwords

CODE = "A02"
NAME = "claim.context"
TYPE = "annotator"
FIELD = "predicate"
KINDS = ()
LANGUAGES = ("fr", "en")

MAX_CONTEXT = 12
TOKEN_RE = regex.compile(
    r"(?i)\b(?:qu|[dlnsjmtc])['’](?=\p{L})|\p{L}[\p{L}\p{M}]*(?:[-'’]\p{L}[\p{L}\p{M}]*)*|\d[\d\s.,]*\d|\d|[^\s\p{L}\d]"
)
BRACKET_RE = regex.compile(r"(?<!\s)\s*[(\[]\s*")  # starts at a run of spaces: linear even when scanned
CLAUSE_END = frozenset(".;:!?…")
QUOTES = frozenset("\"«»“”'’()")
# French finite endings that mark a verb form whose lemma is a verb (regroupent, rassemble ...).
FR_FINITE = ("ent", "ons", "ez", "ait", "aient", "era", "eront", "erait", "eraient", "ira", "iront", "it", "e")
ADVERBS = frozenset({"pas", "aussi", "déjà", "encore", "également", "ne", "n'", "jamais", "plus", "bien",
                     "not", "also", "already", "still", "never", "been"})
FR_PARTICIPLE = (("ées", "er"), ("és", "er"), ("ée", "er"), ("é", "er"))


@functools.cache
def lexicon(lang: str) -> dict[str, Any]:
    raw = data(f"context_{'en' if lang == 'en' else 'fr'}.yaml")
    norm = lambda ws: frozenset(str(w).lower().replace("’", "'") for w in ws or ())  # noqa: E731
    return {k: norm(v) for k, v in raw.items()}


#: :data:`TOKEN_RE` as a splitter: ``[gap, token, gap, token, ..., gap]``, gaps blank.
_TOKEN_SPLIT = regex.compile(f"({TOKEN_RE.pattern})")


class Sentence:
    """The tokens of a sentence as parallel lists (offsets in the article text, text, lower
    case with plain apostrophes, word or not) and, for each, the verb lemma when it is a
    (non-auxiliary) verb."""

    __slots__ = ("back", "content", "content_ends", "content_starts", "ends", "lows", "starts", "texts",
                 "verbs", "words")

    def __init__(self, starts: list[int], ends: list[int], texts: list[str], lows: list[str],
                 words: list[bool], verbs: list[str | None]):
        self.starts, self.ends, self.texts, self.lows, self.words, self.verbs = starts, ends, texts, lows, words, verbs
        #: ``[(start, end, lemma), ...]`` of the words that may be context words (see
        #: :func:`_content`), computed at the first claim of the sentence
        self.content: list[tuple[int, int, str]] | None = None
        self.content_starts: list[int] = []
        self.content_ends: list[int] = []
        #: ``back[i]``: the last token at or before ``i`` that is a verb or ends a clause
        #: (-1: none), computed once (see :func:`_verb_back`)
        self.back: list[int] | None = None


def _verb_back(sent: Sentence) -> list[int]:
    """:attr:`Sentence.back`, in one pass: the nearest verb before a claim in its clause is
    ``back[first - 1]`` when that is a verb, without walking back from every claim."""
    if sent.back is None:
        back, last = [], -1
        for i, (word, text, verb) in enumerate(zip(sent.words, sent.texts, sent.verbs)):
            if verb or (not word and text in CLAUSE_END):
                last = i
            back.append(last)
        sent.back = back
    return sent.back


@functools.lru_cache(maxsize=65536)
def _verb_lemma(low: str, lang: str) -> str:
    lem = lemma(low, lang)
    if lang == "en":
        return lem
    if lem.endswith(("er", "ir", "re", "oir")):
        return lem
    for suffix, repl in FR_PARTICIPLE:
        if low.endswith(suffix):
            return low[: -len(suffix)] + repl
    return lem


_AUX, _PRON, _INF = 1, 2, 3


@functools.lru_cache(maxsize=65536)
def _word_info(low: str, lang: str) -> tuple:
    """What :func:`_sentence` needs to know of a word, whatever its neighbours:
    ``(role, lemma, verb after an auxiliary or pronoun, verb after an infinitive marker
    or a modal, verb elsewhere, keeps a pending auxiliary)``; role is ``_AUX``, ``_PRON``,
    ``_INF`` or 0."""
    lx = lexicon(lang)
    if low in lx["auxiliaries"]:
        return (_AUX, None, False, False, False, False)
    if low in lx["pronominal"] and lang == "fr":
        return (_PRON, None, False, False, False, False)
    if low in lx["infinitive_markers"]:
        return (_INF, None, False, False, False, False)
    lem = _verb_lemma(low, lang)
    known = lem in lx["verbs"] or lem in lx["reporting"] or lem in lx["modals"]
    if lang == "fr":
        after_aux = lem.endswith(("er", "ir", "re", "oir")) or lem in lx["verbs"]
        # an infinitive; a noun in -er ("danger") has a plural that lemmatises to it
        after_inf = low.endswith(("er", "ir", "re")) and lem == low and (known or lemma(low + "s", lang) != low)
        # a finite form or an infinitive; a bare participle ("confirmées par") is adjectival
        plain = known and ((lem != low and low.endswith(FR_FINITE)) or low == lem)
    else:
        after_aux = low.endswith(("ed", "en", "ing")) or lem in lx["verbs"] or lem != low
        after_inf = known
        plain = known and (lem != low or low in lx["reporting"] | lx["verbs"])
    # an adverb keeps an auxiliary or pronoun pending ("a aussi dit", "ne se sont pas")
    keeps = low.endswith(("ment", "ly")) or low in ADVERBS
    return (0, lem, after_aux, after_inf, plain, keeps)


@functools.lru_cache(maxsize=65536)
def _is_modal(low: str, lang: str) -> bool:
    return lemma(low, lang) in lexicon(lang)["modals"]


def _sentence(ctx, ss: int, se: int) -> Sentence:
    """The tokens of a sentence, with their verb lemmas. A sentence starts after a blank (or
    at the text's start), so its tokens are those of its text alone."""
    lang = "en" if ctx.lang == "en" else "fr"
    text = ctx.text[ss:se]
    parts = _TOKEN_SPLIT.split(text)  # [gap, token, gap, token, ..., gap]
    offsets = list(accumulate(map(len, parts), initial=ss))
    texts = parts[1::2]
    starts, ends = offsets[1:-1:2], offsets[2::2]
    if "\n" in text:
        lows = [t.lower().replace("’", "'") for t in texts]
    else:  # one call for all (a line break stops str.lower's final-sigma look-around like a token end)
        lows = "\n".join(texts).lower().replace("’", "'").split("\n") if texts else []
    words = [t[0].isalpha() for t in texts]
    verbs: list[str | None] = [None] * len(texts)
    after_aux = after_inf = False  # after an auxiliary or a pronominal; after à / to
    prev_low = None
    for i, low in enumerate(lows):
        if not words[i]:
            if texts[i] not in QUOTES:
                after_aux = after_inf = False
            prev_low = low
            continue
        role, lem, v_aux, v_inf, v_plain, keeps = _word_info(low, lang)
        if role:
            if role == _INF:
                after_inf = True
            else:
                after_aux = True
            prev_low = low
            continue
        if after_aux:
            is_verb = v_aux
        elif after_inf or (i and _is_modal(prev_low, lang)):
            is_verb = v_inf
        else:
            is_verb = v_plain
        if is_verb:
            verbs[i] = lem
        if is_verb or not keeps:
            after_aux = after_inf = False
        prev_low = low
    return Sentence(starts, ends, texts, lows, words, verbs)


def _predicate(sent: Sentence, s: int, e: int, lx, adjunct: bool) -> str | None:
    starts, ends, texts, lows, words, verbs = sent.starts, sent.ends, sent.texts, sent.lows, sent.words, sent.verbs
    n = len(texts)
    first = bisect.bisect_right(ends, s)  # the first token ending after s (ends ascend)
    last = bisect.bisect_left(starts, e)  # the first token starting at or after e
    reporting = None
    # before the claim: the verb whose object or adjunct it is
    skipped = 0
    for i in range(first - 1, -1, -1):
        if verbs[i]:
            if verbs[i] in lx["reporting"] and not adjunct:
                reporting = verbs[i]  # "said 120 protesters were arrested": the clause's verb wins
                break
            return _through_modal(sent, i, lx)
        if (words[i] and lows[i] in lx["skip_before"]) or lows[i] in ("'", "’"):
            skipped += 1
            if skipped > 5:
                break
            continue
        break
    # after the claim: the first verb of its clause
    for i in range(last, min(n, last + 14)):
        if not words[i] and texts[i] in CLAUSE_END:
            break
        if texts[i] == "," and i + 1 < n and lows[i + 1] in lx["comma_clause"]:
            break
        if verbs[i]:
            return _through_modal(sent, i, lx)
    if reporting:
        return reporting
    # else the nearest verb before the claim in its clause ("veut contribuer à une hausse de 20 %")
    j = _verb_back(sent)[first - 1] if first > 0 else -1
    if j >= 0 and verbs[j]:
        return _through_modal(sent, j, lx)
    return None


def _through_modal(sent: Sentence, i: int, lx) -> str:
    """A modal verb's infinitive when one follows (``vise à rassembler``), else the verb."""
    verbs = sent.verbs
    v = verbs[i]
    if v in lx["modals"]:
        for j in range(i + 1, min(len(verbs), i + 5)):
            if verbs[j]:
                return verbs[j]
            if not sent.words[j] and sent.texts[j] not in QUOTES:
                break
    return v


@functools.cache
def _context_stop(lang: str) -> frozenset[str]:
    lx = lexicon(lang)
    return stopwords(lang) | lx["extra_stopwords"] | lx["number_words"] | lx["auxiliaries"]


def _content(sent: Sentence, lang: str) -> list[tuple[int, int, str]]:
    """The words of a sentence that are context words unless a claim covers them, with
    their lemmas, in order: no stopwords, nothing shorter than three letters."""
    if sent.content is None:
        stop = _context_stop(lang)
        out = []
        for start, end, low, word, verb in zip(sent.starts, sent.ends, sent.lows, sent.words, sent.verbs):
            if not word or len(low) < 3 or low in stop:
                continue
            lem = verb or lemma(low, lang)
            if lem in stop or len(lem) < 3:
                continue
            out.append((start, end, lem))
        sent.content = out
        sent.content_starts = [c[0] for c in out]
        sent.content_ends = [c[1] for c in out]
    return sent.content


#: At most this many context words are looked at around a claim (a length guard: in a
#: sentence of thousands of words that repeat a few lemmas, twelve distinct ones may never
#: be found).
MAX_SCAN = 400


def _context(sent: Sentence, s: int, e: int, lang: str, lx) -> str | None:
    """The :data:`MAX_CONTEXT` distinct context lemmas nearest to the claim (ties by the
    lemma), read outwards from the claim in order of distance, so that a claim costs the
    words around it, not the whole sentence."""
    content = _content(sent, lang)
    starts, ends = sent.content_starts, sent.content_ends
    n = len(content)
    li = bisect.bisect_right(ends, s) - 1  # the words ending at or before s: on the left
    ri = bisect.bisect_left(starts, e)     # the words starting at or after e: on the right
    seen: dict[str, int] = {}
    kth = None  # the distance of the MAX_CONTEXT-th distinct lemma: stop past it
    for _ in range(MAX_SCAN):
        dl = s - ends[li] if li >= 0 else None
        dr = starts[ri] - e if ri < n else None
        if dl is None and dr is None:
            break
        if dr is None or (dl is not None and dl <= dr):
            d, lem = dl, content[li][2]
            li -= 1
        else:
            d, lem = dr, content[ri][2]
            ri += 1
        if kth is not None and d > kth:
            break
        if lem not in seen:  # distances only grow: the first is the nearest
            seen[lem] = d
            if len(seen) == MAX_CONTEXT:
                kth = d
    if not seen:
        return None
    near = sorted(seen, key=lambda w: (seen[w], w))[:MAX_CONTEXT]
    return " ".join(sorted(near))


def annotate(ctx, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    lang = "en" if ctx.lang == "en" else "fr"
    lx = lexicon(lang)
    out: list[dict[str, Any]] = []
    for row in rows:
        ss, se = ctx.sentence_at(row["start"])
        sent = ctx.memo(f"A02.sentence.{ss}", lambda c, a=ss, b=se: _sentence(c, a, b))
        s, e = row["start"], row["end"]
        new = dict(row)
        prev = out[-1] if out else None
        if not new.get("predicate"):
            if prev is not None and prev["end"] <= s and BRACKET_RE.fullmatch(ctx.text, prev["end"], s):
                new["predicate"] = prev.get("predicate")  # "10h30 (08H30 GMT)": one event, two clocks
            else:
                new["predicate"] = _predicate(sent, s, e, lx, row.get("kind") in ("date", "time"))
        if not new.get("context"):
            new["context"] = _context(sent, s, e, lang, lx)
        out.append(new)
    return out
