"""Running extraction and comparison on several cores, or on a Dask cluster.

The unit of extraction is a batch of consecutive articles; the unit of comparison is a
batch of whole stories (a comparator only ever relates claims of one story, so a story
is never split). Whatever runs the batches, the results are put back in batch order
and sorted the way the in-process run sorts them: the output is the same bytes
whatever ``--jobs``, the executor, or the order the batches finish in.

Local executor (``--executor local``, the default): worker processes forked from the
command (``fork`` start method), so the rules, the settings and the articles already
loaded are inherited rather than sent; a worker receives two indices and returns a
claims frame (extraction) or its discrepancies (comparison). Below
:data:`MIN_PARALLEL_ARTICLES` articles, or where ``fork`` is not available, or with
``--jobs 1``, everything runs in the command's own process: no start-up cost.

Dask executor (``--executor dask``): the same batches as ``dask.bag`` partitions on a
``dask.distributed`` cluster (``--scheduler ADDRESS``, else a local cluster of
``--jobs`` worker processes). Workers rebuild the rule registry from a small picklable
:class:`EngineSpec` (custom rule files must exist at the same paths on the workers),
receive the articles of their partition (for comparison, those of its stories), and
send back frames and discrepancies.
"""
from __future__ import annotations

import functools
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterator, Mapping, Sequence

import pandas as pd

#: Below this many articles the run stays in one process (starting workers costs more).
MIN_PARALLEL_ARTICLES = 200
#: Articles per extraction batch (enough to amortise sending a frame back).
ARTICLES_PER_BATCH = 100
#: Claims per comparison batch (whole stories; a larger story makes its own batch).
CLAIMS_PER_BATCH = 20_000
#: Articles per check unit (whole stories, read, extracted and compared together; a
#: larger story makes its own unit). Memory follows the largest unit, not the corpus.
ARTICLES_PER_UNIT = 400

EXECUTORS = ("local", "dask")


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def article_batches(n: int, size: int | None = None) -> list[tuple[int, int]]:
    """``[(start, stop), ...]`` covering ``range(n)`` in order (``size``: default
    :data:`ARTICLES_PER_BATCH`)."""
    size = size or ARTICLES_PER_BATCH
    return [(i, min(i + size, n)) for i in range(0, n, size)]


def story_batches(claims: pd.DataFrame, size: int | None = None) -> list[tuple[int, int]]:
    """Row ranges of a frame sorted by story, each holding whole stories and about
    ``size`` claims (default :data:`CLAIMS_PER_BATCH`; one story larger than ``size``
    makes a batch of its own)."""
    size = size or CLAIMS_PER_BATCH
    n = len(claims)
    if n == 0:
        return []
    story = claims["story"].to_numpy()
    starts = [0, *((story[1:] != story[:-1]).nonzero()[0] + 1).tolist()]  # first row of each story
    out, begin = [], 0
    for s in starts[1:] + [n]:
        if s - begin >= size:
            out.append((begin, s))
            begin = s
    if begin < n:
        out.append((begin, n))
    return out


def sort_claims(frame: pd.DataFrame) -> pd.DataFrame:
    """The one order of the claims frame (story, doc, offsets, rule, kind)."""
    if len(frame):
        frame = frame.sort_values(["story", "doc", "start", "end", "rule", "kind"], kind="stable").reset_index(drop=True)
    return frame


def concat_claims(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    from .schema import empty_claims

    frames = [f for f in frames if len(f)]
    if not frames:
        return empty_claims()
    return sort_claims(pd.concat(frames, ignore_index=True))


# --- local executor: forked workers -----------------------------------------------

_FORKED: dict[str, Any] = {}  # what forked workers inherit: set just before the pool starts


def _extract_range(bounds: tuple[int, int]) -> pd.DataFrame:
    from .pipeline import gc_paused
    from .schema import claims_frame

    ex, articles = _FORKED["extractor"], _FORKED["articles"]
    del ex.notes[:]  # this worker's notes only
    with gc_paused():
        rows = [r for a in articles[bounds[0]:bounds[1]] for r in ex.article_rows(a)]
        return claims_frame(rows), list(ex.notes)


def _compare_range(bounds: tuple[int, int]) -> list:
    from .compare import compare_claims

    claims, comparators, ctx, severity = _FORKED["compare"]
    chunk = claims.iloc[bounds[0]:bounds[1]]
    return compare_claims(chunk, comparators, batch_context(ctx, chunk), severity)


def batch_context(ctx, chunk: pd.DataFrame):
    """``ctx`` with the articles of the batch's claims only (a comparator that reads
    every article of its context then does a batch's work, not the corpus')."""
    return replace(ctx, articles={d: ctx.articles[d] for d in chunk["doc"].unique() if d in ctx.articles})


def _forked_map(func: Callable, items: Sequence, jobs: int, state: Mapping[str, Any],
                progress: Callable[[int], None] | None = None, weights: Sequence[int] | None = None) -> list:
    """``[func(x) for x in items]`` on ``jobs`` forked processes, in the items' order."""
    _FORKED.update(state)
    try:
        ctx = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(jobs, len(items)), mp_context=ctx) as pool:
            out, done = [], 0
            for i, r in enumerate(pool.map(func, items)):
                out.append(r)
                done += weights[i] if weights else 1
                if progress:
                    progress(done)
            return out
    finally:
        for k in state:
            _FORKED.pop(k, None)


def parallel_ok(n_articles: int, jobs: int) -> bool:
    return jobs > 1 and n_articles >= MIN_PARALLEL_ARTICLES and can_fork()


def extract_local(extractor, articles: Sequence, jobs: int, progress=None) -> pd.DataFrame:
    """The claims frame of ``articles``, on ``jobs`` processes when it pays."""
    if not parallel_ok(len(articles), jobs):
        return extractor.run(articles, progress)
    batches = article_batches(len(articles))
    done = _forked_map(_extract_range, batches, jobs, {"extractor": extractor, "articles": articles},
                       progress, [b - a for a, b in batches])
    for _, notes in done:
        extractor.notes.extend(notes)
    extractor.notes.sort(key=lambda n: n.path)  # stable: as the one-process run orders them
    return concat_claims([f for f, _ in done])


def compare_local(claims: pd.DataFrame, comparators, ctx, severity, jobs: int, n_articles: int) -> list:
    """Discrepancies of every story, story batches on ``jobs`` processes when it pays."""
    from .compare import compare_claims
    from .schema import sorted_discrepancies

    batches = story_batches(claims)
    if len(batches) < 2 or not parallel_ok(n_articles, jobs):
        found = [compare_claims(claims.iloc[a:b], comparators, batch_context(ctx, claims.iloc[a:b]), severity)
                 for a, b in batches]
    else:
        found = _forked_map(_compare_range, batches, jobs, {"compare": (claims, comparators, ctx, severity)})
    return sorted_discrepancies(merge_found(found))


def merge_found(found: Sequence[Sequence]) -> list:
    """One list of discrepancies from the batches' lists, one per id (stories never
    straddle batches, so an id comes from one batch only)."""
    out: dict[str, Any] = {}
    for batch in found:
        for d in batch:
            out[d.id] = d
    return list(out.values())


# --- check by story units: read, extract, compare, one unit of whole stories at a time --

def story_units(articles: Sequence, size: int | None = None) -> list[list[int]]:
    """Indices of ``articles`` in units of whole stories of about ``size`` articles
    (default :data:`ARTICLES_PER_UNIT`), stories in sorted order, the articles of a
    story in their given order (one story larger than ``size`` makes its own unit)."""
    size = size or ARTICLES_PER_UNIT
    by_story: dict[str, list[int]] = {}
    for i, a in enumerate(articles):
        by_story.setdefault(a.story, []).append(i)
    units: list[list[int]] = []
    current: list[int] = []
    for story in sorted(by_story):
        current.extend(by_story[story])
        if len(current) >= size:
            units.append(current)
            current = []
    if current:
        units.append(current)
    return units


@dataclass(frozen=True)
class CheckJob:
    """What a check unit needs (inherited by forked workers): the articles (maybe without
    their text), ``materialise`` (an article with its text), the engine and settings.
    ``comparators=None``: extraction only (``recoupe extract``)."""

    articles: Sequence
    materialise: Callable | None
    extractor: Any
    comparators: Sequence | None
    ctx_args: Mapping[str, Any] = field(default_factory=dict)
    severity: Mapping[str, str] = field(default_factory=dict)
    cache: Any = None
    keep_claims: bool = True

    def run(self, unit: Sequence[int]) -> tuple[list, list, Any]:
        """Discrepancies, extraction notes (with each article's position) and the claims
        frame (or only its length) of the stories of ``unit``. The texts read for it are
        dropped when it returns."""
        from .compare import CompareContext, compare_claims
        from .pipeline import gc_paused
        from .schema import claims_frame

        ex = self.extractor
        arts = [self.articles[i] for i in unit]
        if self.materialise is not None:
            arts = [self.materialise(a) for a in arts]
        del ex.notes[:]
        notes = []
        with gc_paused():
            if self.cache is not None:
                claims = self.cache.extract(ex.article_rows, arts, sort_claims)
                notes = list(ex.notes)
            else:
                rows = []
                for a in arts:
                    rows.extend(ex.article_rows(a))
                notes = list(ex.notes)
                claims = sort_claims(claims_frame(rows))
                del rows
        if self.comparators is None:
            return [], notes, (claims if self.keep_claims else len(claims))
        ctx = CompareContext(articles={a.id: a for a in arts}, **self.ctx_args)
        compare = lambda part: compare_claims(part, self.comparators, ctx, self.severity)  # noqa: E731
        found = self.cache.compare(claims, arts, compare) if self.cache is not None else compare(claims)
        return found, notes, (claims if self.keep_claims else len(claims))


def _check_unit(unit: Sequence[int]):
    return _FORKED["check"].run(unit)


def iter_units(job: CheckJob, jobs: int, progress=None) -> Iterator[tuple[list, list, Any]]:
    """:meth:`CheckJob.run` of each story unit (:func:`story_units`), in order, on ``jobs``
    forked processes when it pays; each result is given as soon as it and the ones
    before it are done, so that a caller can write it and let it go."""
    units = story_units(job.articles)
    done = 0
    if len(units) > 1 and parallel_ok(len(job.articles), jobs):
        _FORKED["check"] = job
        try:
            ctx = multiprocessing.get_context("fork")
            pool = ProcessPoolExecutor(max_workers=min(jobs, len(units)), mp_context=ctx)
            try:
                for u, r in zip(units, pool.map(_check_unit, units)):
                    done += len(u)
                    if progress:
                        progress(done)
                    yield r
            finally:  # an error (a file edited meanwhile) stops the units not yet started
                pool.shutdown(wait=True, cancel_futures=True)
        finally:
            _FORKED.pop("check", None)
        return
    for u in units:
        r = job.run(u)
        done += len(u)
        if progress:
            progress(done)
        yield r


def check_local(job: CheckJob, jobs: int, progress=None) -> tuple[pd.DataFrame | int, list, list]:
    """The whole check by story units (:func:`story_units`), on ``jobs`` forked processes
    when it pays: the claims frame (or, without ``keep_claims``, the number of claims),
    the sorted discrepancies and the extraction notes, the same whatever ``jobs``."""
    from .schema import sorted_discrepancies

    done = list(iter_units(job, jobs, progress))
    notes = sorted((n for _, ns, _ in done for n in ns), key=lambda n: n.path)  # an article's notes in text order
    found = sorted_discrepancies(merge_found([f for f, _, _ in done]))
    if job.keep_claims:
        claims: pd.DataFrame | int = concat_claims([c for _, _, c in done])
    else:
        claims = sum(c for _, _, c in done)
    return claims, found, notes


# --- Dask executor -------------------------------------------------------------------

@dataclass(frozen=True)
class EngineSpec:
    """What a remote worker needs to rebuild the engine: rule files, whether to read
    installed plug-ins, the enabled rules, the extraction settings."""

    extra_rules: tuple[str, ...]
    entry_points: bool
    enabled: tuple[str, ...] | None
    names: tuple[tuple[str, tuple[str, ...]], ...]

    @classmethod
    def of(cls, settings, selection) -> "EngineSpec":
        names = tuple(sorted((k, tuple(v)) for k, v in dict(settings.names).items()))
        return cls(tuple(str(p) for p in settings.extra_rules), bool(settings.entry_points),
                   tuple(sorted(selection.enabled)) if selection is not None else None, names)


@functools.cache
def _engine(spec: EngineSpec):
    """(extractor, comparators) rebuilt once per worker process."""
    from .pipeline import Extractor
    from .registry import Selection, load_registry

    registry = load_registry(spec.extra_rules, spec.entry_points)
    selection = Selection(frozenset(spec.enabled), {}) if spec.enabled is not None else None
    ex = Extractor.from_registry(registry, selection, {"names": dict(spec.names)})
    comparators = [r for r in registry.of_type("comparator") if selection is None or r.code in selection]
    return ex, comparators


def _dask_extract(articles: list, spec: EngineSpec) -> list:
    from .pipeline import gc_paused
    from .schema import claims_frame

    ex, _ = _engine(spec)
    del ex.notes[:]
    with gc_paused():
        return [(claims_frame([r for a in articles for r in ex.article_rows(a)]), list(ex.notes))]


def _dask_compare(part: list, spec: EngineSpec, ctx_args: Mapping[str, Any], severity: Mapping[str, str]) -> list:
    from .compare import CompareContext, compare_claims

    _, comparators = _engine(spec)
    out = []
    for claims, articles in part:
        ctx = CompareContext(articles=articles, **ctx_args)
        out.append(compare_claims(claims, comparators, ctx, severity))
    return out


def dask_client(scheduler: str | None, jobs: int):
    """A ``dask.distributed`` client: of the scheduler at ``scheduler``, else of a local
    cluster of ``jobs`` single-threaded worker processes (closed with the client)."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        from .errors import UsageError

        raise UsageError("--executor dask needs dask.distributed: pip install 'recoupe[dask]'") from None
    if scheduler:
        return Client(scheduler)
    cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=40)
    client = Client(cluster)
    client._recoupe_cluster = cluster  # closed in close_client
    return client


def close_client(client) -> None:
    cluster = getattr(client, "_recoupe_cluster", None)
    client.close()
    if cluster is not None:
        cluster.close()


def check_dask(articles: Sequence, spec: EngineSpec, ctx_args: Mapping[str, Any], severity: Mapping[str, str],
               scheduler: str | None, jobs: int) -> tuple[pd.DataFrame, list]:
    """Extraction by article partitions, then comparison by story partitions, on Dask.
    Returns the claims frame, the sorted discrepancies and the extraction notes, as the
    local run gives them."""
    import dask.bag as db

    from .schema import sorted_discrepancies

    client = dask_client(scheduler, jobs)
    try:
        articles = list(articles)
        parts = max(1, -(-len(articles) // ARTICLES_PER_BATCH))
        bag = db.from_sequence(articles, npartitions=parts)
        done = bag.map_partitions(_dask_extract, spec).compute(scheduler=client)
        claims = concat_claims([f for f, _ in done])
        notes = sorted((n for _, ns in done for n in ns), key=lambda n: n.path)
        by_id = {a.id: a for a in articles}  # comparators may read an article's text (C01's frames)
        units = []
        for a, b in story_batches(claims):
            chunk = claims.iloc[a:b].reset_index(drop=True)
            units.append((chunk, {d: by_id[d] for d in chunk["doc"].unique() if d in by_id}))
        if not units:
            return claims, [], notes
        found = db.from_sequence(units, npartitions=len(units)).map_partitions(
            _dask_compare, spec, dict(ctx_args), dict(severity)).compute(scheduler=client)
        return claims, sorted_discrepancies(merge_found(found)), notes
    finally:
        close_client(client)
