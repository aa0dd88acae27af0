#!/usr/bin/env python3
"""One big article: extraction time of 16 MB against 1.6 MB (linear is 10x).

    .venv/bin/python bench/linear.py            # the seeds' text repeated to 1.6 MB and 16 MB
    .venv/bin/python bench/linear.py --small 0.4 --factor 4

The article is the seed articles' text (paragraphs kept) repeated to size, one article
with one date; the time is ``Extractor.article_rows`` on it (in process, best of
``--runs``). Exit 1 when the large article costs more than ``--factor`` times the small
one (the issue's bound: 16 MB within 10 times 1.6 MB). The bound is on CPU time (the
process is single-threaded), so that other jobs on a shared machine do not skew the
ratio; the wall time is printed too.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--small", type=float, default=1.6, help="MB of the small article (default 1.6)")
    ap.add_argument("--factor", type=float, default=10.0, help="size ratio, and the time bound (default 10)")
    ap.add_argument("--runs", type=int, default=1)
    args = ap.parse_args(argv)

    from recoupe.checker.pipeline import Extractor, gc_paused
    from recoupe.checker.registry import load_registry
    from recoupe.checker.schema import Article

    seed = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    ex = Extractor.from_registry(load_registry(entry_points=False))
    ex.article_rows(Article(id="warm", text=seed[:5000], lang="fr"))

    def cost(mb: float) -> tuple[float, int]:
        size = int(mb * 1_000_000)
        text = (seed + "\n\n") * (size // (len(seed) + 2) + 1)
        text = text[:size]
        best, best_cpu, n = None, None, 0
        for _ in range(args.runs):
            t0, c0 = time.perf_counter(), time.process_time()
            with gc_paused():
                n = len(ex.article_rows(Article(id="big.txt", text=text, lang="fr", date=dt.date(2025, 9, 5))))
            spent, cpu = time.perf_counter() - t0, time.process_time() - c0
            best = spent if best is None else min(best, spent)
            best_cpu = cpu if best_cpu is None else min(best_cpu, cpu)
        print(f"{mb:g} MB: {best:.2f} s wall, {best_cpu:.2f} s CPU ({n} claims)", flush=True)
        return best_cpu, n

    small, n_small = cost(args.small)
    large, n_large = cost(args.small * args.factor)
    ratio = large / small
    print(f"{args.small:g} MB: {small:.2f} s CPU ({n_small} claims); {args.small * args.factor:g} MB: {large:.2f} s CPU "
          f"({n_large} claims); ratio {ratio:.1f} (bound {args.factor:g})")
    return 0 if ratio <= args.factor else 1


if __name__ == "__main__":
    sys.exit(main())
