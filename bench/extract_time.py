#!/usr/bin/env python3
"""In-process extraction time of a corpus: the median of N runs after one warm-up.

    .venv/bin/python bench/extract_time.py ../shared/bench/news/corpus.jsonl [--runs 5]

Run it with two checkouts' interpreters side by side (``/work/main/.venv/bin/python
bench/extract_time.py ...``) to compare their extraction throughput on one corpus;
loading and start-up are left out. CPU time (``time.process_time``) is printed beside the
wall time: on a shared machine it varies less.
"""
from __future__ import annotations

import argparse
import statistics
import time

from recoupe import rules
from recoupe.checker.corpus import Loader
from recoupe.checker.pipeline import Extractor
from recoupe.checker.registry import load_registry


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    arts = Loader(is_boilerplate=rules.is_boilerplate, detect_language=rules.detect_language).load([args.corpus]).articles
    ex = Extractor.from_registry(load_registry())
    n = len(ex.run(arts))  # warm-up: lexicons, patterns, lemma dictionaries
    times, cpu = [], []
    for _ in range(args.runs):
        t, c = time.perf_counter(), time.process_time()
        ex.run(arts)
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    print(f"{len(arts)} articles, {n} claims: median {statistics.median(times) * 1000:.0f} ms wall, "
          f"{statistics.median(cpu) * 1000:.0f} ms CPU over {args.runs} runs")


if __name__ == "__main__":
    main()
