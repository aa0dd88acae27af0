#!/usr/bin/env python3
"""Scale benchmark: `recoupe check` on growing corpora, one large story, and -j 2 against -j 1.

    .venv/bin/python bench/scale.py --part corpus --sizes 1000,10000   # check of N articles in stories of ~10 (--no-cache: every run cold)
    .venv/bin/python bench/scale.py --part corpus --sizes 100000       # the long one
    .venv/bin/python bench/scale.py --part story                       # one story of 2 000, then 4 000 articles
    .venv/bin/python bench/scale.py --part jobs                        # extract of the 10 MB corpus, -j 1 then -j 2
    .venv/bin/python bench/scale.py --part english                     # in-process extraction, English corpus

Corpora are built by ``bench/speed.py``'s builder (seed articles repeated with lines
shuffled and one number in three changed), under ``bench/out/``. Every timing is a
whole ``recoupe`` process (start-up included) with its wall time and the peak resident
memory of its largest process (``ru_maxrss`` of the waited children: the command or
one of its workers, whichever peaked highest). The English corpus (``--part english``)
is built the same way from the English articles of ``tests/fixtures/`` and of the
shared news corpus when it is there (``../shared/bench/news/corpus.jsonl``, English
lines only, used as text, never as test cases).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from speed import OUT, ROOT, build, seed_texts, vary  # noqa: E402

RECOUPE = [sys.executable, "-m", "recoupe"]


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (Linux ``/proc/PID/task/PID/children``)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            todo += [int(c) for c in Path(f"/proc/{p}/task/{p}/children").read_text().split()]
        except (OSError, ValueError):
            pass
    return out


def _pss_mb(pids: list[int]) -> float:
    """The proportional set size of ``pids`` together (pages shared by forked workers
    counted once), MB."""
    kb = 0
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    kb += int(line.split()[1])
                    break
        except (OSError, ValueError):
            pass
    return kb / 1024


def run(args: list[str]) -> dict:
    """Run recoupe in a child; wall seconds, the peak RSS (MB) of the largest process
    (the command or one of its workers) and the peak of the whole process tree's
    memory (PSS of the command and its workers together, sampled every 0.2 s)."""
    import threading

    with tempfile.TemporaryFile("w+") as errf:
        t0 = time.perf_counter()
        proc = subprocess.Popen(RECOUPE + args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errf, text=True)
        tree_peak = [0.0]
        stop = threading.Event()

        def sample() -> None:
            while not stop.wait(0.2):
                tree_peak[0] = max(tree_peak[0], _pss_mb(_tree(proc.pid)))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        stop.set()
        sampler.join()
        errf.seek(0)
        err = errf.read()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"recoupe {' '.join(args)} failed ({code}): {err[-500:]}")
    return {"wall_s": round(wall, 2), "cpu_s": round(usage.ru_utime + usage.ru_stime, 2), "peak_mb": round(usage.ru_maxrss / 1024),
            "tree_mb": round(tree_peak[0]), "load": round(os.getloadavg()[0], 1), "stderr": err.strip().splitlines()[-1:]}


def part_corpus(sizes: list[int], jobs: int) -> None:
    rows = []
    for n in sizes:
        corpus = build(OUT / f"scale-{n}.jsonl", n, max(1, n // 10))
        r = run(["check", str(corpus), "--format", "json", "--no-baseline", "--no-cache", "-o", str(OUT / f"scale-{n}.json"),
                 "-j", str(jobs)])
        mb = corpus.stat().st_size / 1e6
        rows.append((n, r))
        print(f"check {n} articles ({mb:.0f} MB, stories of ~10, -j {jobs}): {r['wall_s']} s wall, {r['cpu_s']} s CPU, "
              f"peak {r['peak_mb']} MB (largest process), {r['tree_mb']} MB (all processes, PSS); "
              f"load average at the end {r['load']}; {' '.join(r['stderr'])}", flush=True)
    for (a, ra), (b, rb) in zip(rows, rows[1:]):
        print(f"ratio {b} / {a} articles: {rb['wall_s'] / ra['wall_s']:.1f}x wall, {rb['cpu_s'] / ra['cpu_s']:.1f}x CPU")


def part_story(jobs: int) -> None:
    """One story of 2 000, then 4 000 articles: the comparison of a running story, timed
    in-process (CPU seconds of the comparison alone, and the peak of the memory it
    allocates, by ``tracemalloc``) so that the extraction and the load of the machine
    stay out of the figure."""
    import tracemalloc

    sys.path.insert(0, str(ROOT))
    from recoupe import rules
    from recoupe.checker import parallel
    from recoupe.checker.compare import CompareContext, compare_claims
    from recoupe.checker.config import Settings
    from recoupe.checker.corpus import Loader
    from recoupe.checker.pipeline import Extractor
    from recoupe.checker.registry import load_registry

    registry = load_registry(entry_points=False)
    ex = Extractor.from_registry(registry)
    comparators = registry.of_type("comparator")
    out = {}
    for n in (2000, 4000):
        corpus = build(OUT / f"story-{n}.jsonl", n, 1)
        arts = Loader(rules.is_boilerplate, rules.detect_language).load([str(corpus)]).articles
        claims = parallel.extract_local(ex, arts, jobs)
        ctx = CompareContext(tolerance=dict(Settings().tolerance), articles={a.id: a for a in arts})
        compare_claims(claims.iloc[:2000], comparators, ctx)  # warm the lexicons
        tracemalloc.start()
        t0 = time.process_time()
        found = compare_claims(claims, comparators, ctx)
        cpu = time.process_time() - t0
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        t0 = time.process_time()
        per_rule = {}
        for r in comparators:
            t0 = time.process_time()
            list(r.func(claims, ctx))
            per_rule[r.code] = round(time.process_time() - t0, 2)
        out[n] = (cpu, peak)
        print(f"one story of {n} articles, {len(claims)} claims: compare {cpu:.1f} s CPU "
              f"(under tracemalloc; alone per rule {per_rule}), peak {peak:.0f} MB allocated, "
              f"{len(found)} discrepancies", flush=True)
    print(f"4 000 / 2 000: compare {out[4000][0] / out[2000][0]:.1f}x CPU, peak memory {out[4000][1] / out[2000][1]:.1f}x")


def part_jobs(mb: float) -> None:
    size_one = sum(len(t.encode("utf-8")) for t in seed_texts()) / len(seed_texts())
    corpus = build(OUT / "extract.jsonl", int(mb * 1e6 / size_one) + 1, 100)
    size = corpus.stat().st_size / 1e6
    one = run(["extract", str(corpus), "-o", str(OUT / "claims-j1.jsonl"), "-j", "1", "--no-cache"])
    two = run(["extract", str(corpus), "-o", str(OUT / "claims-j2.jsonl"), "-j", "2", "--no-cache"])
    same = (OUT / "claims-j1.jsonl").read_bytes() == (OUT / "claims-j2.jsonl").read_bytes()
    print(f"extract {size:.2f} MB: -j 1 {one['wall_s']} s ({size / one['wall_s']:.2f} MB/s), "
          f"-j 2 {two['wall_s']} s ({size / two['wall_s']:.2f} MB/s): {one['wall_s'] / two['wall_s']:.2f}x wall; "
          f"CPU {one['cpu_s']} s / {two['cpu_s']} s; load average before {os.getloadavg()[0]:.1f}; "
          f"same bytes: {same}")


def english_texts() -> list[str]:
    texts = []
    news = ROOT.parent / "shared" / "bench" / "news" / "corpus.jsonl"
    if news.exists():
        for line in news.open(encoding="utf-8"):
            rec = json.loads(line)
            if rec.get("lang") == "en" and rec.get("text"):
                texts.append(rec["text"])
    for p in sorted((ROOT / "tests" / "fixtures").rglob("*.txt")):
        t = p.read_text(encoding="utf-8")
        if " the " in t and " le " not in t:
            texts.append(t)
    return texts


def part_english(mb: float) -> None:
    """In-process extraction throughput (one core) on an English corpus."""
    sys.path.insert(0, str(ROOT))
    from recoupe.checker.pipeline import Extractor
    from recoupe.checker.registry import load_registry
    from recoupe.checker.schema import Article

    texts = english_texts()
    if not texts:
        sys.exit("no English texts found")
    rng = random.Random(5)
    arts, size = [], 0
    while size < mb * 1e6:
        t = vary(texts[len(arts) % len(texts)], rng)
        arts.append(Article(id=f"en/{len(arts):06d}", text=t, story=f"s{len(arts) % 100}", lang="en"))
        size += len(t.encode("utf-8"))
    ex = Extractor.from_registry(load_registry(entry_points=False))
    ex.run(arts[:20])  # warm the lexicons
    t0 = time.perf_counter()
    frame = ex.run(arts)
    wall = time.perf_counter() - t0
    print(f"English in-process extraction: {len(arts)} articles from {len(texts)} texts, {size / 1e6:.2f} MB, "
          f"{len(frame)} claims in {wall:.1f} s: {size / 1e6 / wall:.2f} MB/s (one core)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--part", choices=("corpus", "story", "jobs", "english"), required=True)
    ap.add_argument("--sizes", default="1000,10000", help="corpus sizes for --part corpus")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--mb", type=float, default=10.0)
    args = ap.parse_args()
    if args.part == "corpus":
        part_corpus([int(x) for x in args.sizes.split(",")], args.jobs)
    elif args.part == "story":
        part_story(args.jobs)
    elif args.part == "jobs":
        part_jobs(args.mb)
    else:
        part_english(min(args.mb, 2.0))


if __name__ == "__main__":
    main()
