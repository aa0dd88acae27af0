"""Automatic story grouping: articles in, ``{article id: story name}`` out.

``story-grouping = "auto"`` (``--story-grouping auto``) groups the articles of a
corpus into stories by what they share instead of by folder. An explicit story
(front matter ``story:``, a JSONL ``story`` field, a ``[tool.recoupe.stories]``
glob) always wins: those articles keep it and take no part in the grouping.

How (scikit-learn and SciPy, the ``stories`` extra):

1. **Terms.** Each text is cut into words by Unicode classes (``\\w+``), folded
   (case, accents). Function words (passed in by the caller, from the rules' data),
   one-letter words and bare numbers are dropped: numbers are what the articles of
   one story disagree on, and years are shared by unrelated stories. A capitalised
   word that does not start a sentence is a *named entity*: it counts twice, and two
   such words in a row also give the name as one term (``jean_dupont``).
2. **Weights.** TF-IDF (sublinear term frequency, smoothed inverse document
   frequency): a term weighs more the rarer it is in the corpus. Terms of one
   article only cannot link anything and are dropped, and so are terms found in more
   than ``max_term_articles`` articles (background vocabulary, not a story's). Each
   article keeps its ``terms_per_article`` heaviest terms, its most distinctive
   ones, and the vector is L2-normalised.
3. **Similarity.** The cosine of two articles' vectors, multiplied by a date
   factor: 1 when their dates are at most ``date_window_days`` apart (or one is
   unknown), ``window / gap`` beyond (a month apart with a 7-day window: 0.23).
4. **Stories.** Each article is linked to its ``neighbours`` most similar articles
   whose similarity is at least ``threshold``; a story is a connected component of
   those links. The default threshold, 0.2, asks that about a fifth of the weight of
   both vectors be on shared distinctive terms: articles of one event share its
   names, places and vocabulary well beyond that, two events of the same beat
   (two strikes, two earthquakes) share generic words that IDF keeps light.

Cost: the similarities are a sparse product computed by blocks of rows; a term
links at most ``max_term_articles`` articles and an article has at most
``terms_per_article`` terms, so each article has a bounded number of candidates
and the cost grows linearly with the corpus, never with all pairs.

Names: the story's most distinctive shared terms (the largest summed weights among
terms of at least two of its articles; ties by the term), slugged
(``louvre-joyaux-apollon``); a name already taken gets ``-2``, ``-3``... in the
order of the stories' first article id. The result does not depend on the input order.
"""
from __future__ import annotations

import datetime as _dt
import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Sequence

from .errors import RecoupeError

_TOKEN_RE = re.compile(r"(\W*)(\w+)")  # (the gap before a word, the word)
_SENTENCE_END_RE = re.compile(r"[.!?:;\n«»\"“”]")
_SLUG_RE = re.compile(r"[^0-9a-z]+")


class StoriesUnavailable(RecoupeError):
    """Auto grouping needs scikit-learn."""


@dataclass(frozen=True)
class StoryArticle:
    """What grouping needs to know of an article."""

    id: str
    text: str
    date: _dt.date | None = None
    story: str | None = None  # an explicit story, which wins
    lang: str | None = None


@dataclass(frozen=True)
class GroupingParams:
    """The tunable parameters (see the module docstring)."""

    threshold: float = 0.2
    neighbours: int = 10
    terms_per_article: int = 40
    max_term_articles: int = 300
    date_window_days: int = 7
    block_rows: int = 500


@functools.lru_cache(maxsize=1 << 18)
def fold(word: str) -> str:
    """Lower case, no accents: ``Élysée`` -> ``elysee``."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def terms(text: str, stopwords: frozenset[str] = frozenset()) -> list[str]:
    """The grouping terms of a text (see step 1 of the module docstring)."""
    out: list[str] = []
    first = True
    prev_entity: str | None = None
    for gap, word in _TOKEN_RE.findall(text):
        sentence_start, first = first, False
        key = fold(word)
        if len(key) < 2 or key.isdigit() or key in stopwords:
            prev_entity = None
            continue
        out.append(key)
        if word[0].isupper() and not sentence_start and not _SENTENCE_END_RE.search(gap):
            out.append(key)
            if prev_entity is not None and gap in (" ", "-", "\u00a0"):
                out.append(f"{prev_entity}_{key}")
            prev_entity = key
        else:
            prev_entity = None
    return out


def _require_sklearn():
    try:
        import numpy as np
        import scipy.sparse as sp
        from scipy.sparse.csgraph import connected_components
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.preprocessing import normalize
    except ImportError:
        raise StoriesUnavailable("story-grouping 'auto' needs scikit-learn: pip install 'recoupe[stories]'") from None
    return np, sp, connected_components, TfidfVectorizer, normalize


def _top_per_row(np, sp, matrix, k: int):
    """Keep each CSR row's ``k`` largest entries (ties: lower column first)."""
    matrix = matrix.tocsr()
    matrix.sort_indices()
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    order = np.lexsort((matrix.indices, -matrix.data, rows))
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order)) - matrix.indptr[rows[order]]
    keep = rank < k
    return sp.csr_matrix((matrix.data[keep], (rows[keep], matrix.indices[keep])), shape=matrix.shape)


def _slug(term: str) -> str:
    return _SLUG_RE.sub("-", term).strip("-")


def group_stories(articles: Iterable[StoryArticle], stopwords: Iterable[str] = (),
                  params: GroupingParams = GroupingParams()) -> dict[str, str]:
    """``{article id: story}`` for every article (see the module docstring)."""
    arts = sorted(articles, key=lambda a: a.id)
    out = {a.id: a.story for a in arts if a.story}
    todo = [a for a in arts if not a.story]
    if not todo:
        return out
    np, sp, connected_components, TfidfVectorizer, normalize = _require_sklearn()
    stop = frozenset(fold(w) for w in stopwords)
    n = len(todo)
    vectorizer = TfidfVectorizer(analyzer=lambda text: terms(text, stop), min_df=2,
                                 max_df=max(2, params.max_term_articles), sublinear_tf=True,
                                 norm=None, dtype=np.float64)
    try:
        weights = vectorizer.fit_transform([a.text for a in todo])
        vocab = vectorizer.get_feature_names_out()
    except ValueError:  # no term shared by two articles: every article its own story
        weights, vocab = sp.csr_matrix((n, 0)), np.array([], dtype=object)
    x = _top_per_row(np, sp, weights, params.terms_per_article)
    if x.shape[1]:
        x = normalize(x)

    days = np.array([a.date.toordinal() if a.date else -1 for a in todo], dtype=np.int64)
    xt = x.T.tocsr()
    links = []
    for start in range(0, n, params.block_rows):
        block = (x[start:start + params.block_rows] @ xt).tocoo()
        r, c, s = block.row + start, block.col, block.data
        gap = np.abs(days[r] - days[c]).astype(np.float64)
        dated = (days[r] >= 0) & (days[c] >= 0) & (gap > params.date_window_days)
        s = np.where(dated, s * params.date_window_days / np.maximum(gap, 1), s)
        keep = (r != c) & (s >= params.threshold)
        near = sp.csr_matrix((s[keep], (r[keep] - start, c[keep])), shape=(len(range(start, min(n, start + params.block_rows))), n))
        links.append(_top_per_row(np, sp, near, params.neighbours))
    graph = sp.vstack(links).tocsr() if links else sp.csr_matrix((n, n))
    _, labels = connected_components(graph, directed=True, connection="weak")

    taken = set(out.values())
    members: dict[int, list[int]] = {}
    for i, lab in enumerate(labels):
        members.setdefault(int(lab), []).append(i)
    for lab in sorted(members, key=lambda lb: members[lb][0]):  # by first article id
        idx = members[lab]
        name = _name(np, x, vocab, idx) or _slug(fold(todo[idx[0]].id)) or "story"
        final, k = name, 1
        while final in taken:
            k += 1
            final = f"{name}-{k}"
        taken.add(final)
        for i in idx:
            out[todo[i].id] = final
    return out


def _name(np, x, vocab, idx: Sequence[int], words: int = 3) -> str:
    """The slug of the story's most distinctive shared terms."""
    if not len(vocab):
        return ""
    sub = x[idx].tocoo()
    cols, where = np.unique(sub.col, return_inverse=True)
    total = np.round(np.bincount(where, weights=sub.data), 6)  # no float noise in the ranking
    if len(idx) > 1:  # shared terms only
        total = np.where(np.bincount(where) >= 2, total, 0.0)
    chosen: list[str] = []
    for j in np.lexsort((cols, -total)):  # the vocabulary is sorted: ties by the term
        if total[j] <= 0:
            break
        parts = [p for p in str(vocab[cols[j]]).split("_") if p not in chosen]
        if not parts:
            continue
        chosen.extend(parts)
        if len(chosen) >= words:
            break
    return _slug("-".join(chosen[:words]))

