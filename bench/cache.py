#!/usr/bin/env python3
"""Cache benchmark: a cold ``recoupe check`` of a 10 000-article corpus in 100 stories,
then a re-check after one article changed (issue 11's target: at most 15 % of the cold run).

    .venv/bin/python bench/cache.py               # 10 000 articles, 3 rounds
    .venv/bin/python bench/cache.py --articles 1000 --rounds 1

The corpus is ``bench/speed.py``'s (the seeds repeated with variations), written to
``bench/out/cache/corpus.jsonl``. Every run is a whole ``recoupe check`` process
(start-up, loading and writing the JSON output included), the way a user or a CI job
runs it. A round empties the cache, runs cold, edits one number of one article (a
different article each round) and runs again. The figures are the medians of the rounds.
The last warm output is compared byte for byte with a ``--no-cache`` run of the same corpus
(``--no-compare`` skips it). The cache's run key holds recoupe's engine and rule sources:
editing them while the benchmark runs makes the warm run a cold one.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from speed import OUT, build  # noqa: E402

HERE = OUT / "cache"


def check(corpus: Path, output: Path, *extra: str) -> float:
    cmd = [sys.executable, "-m", "recoupe", "check", str(corpus), "-f", "json", "-o", str(output),
           "--no-baseline", "--exit-zero", "-q", *extra]
    t0 = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=HERE)
    took = time.perf_counter() - t0
    if done.returncode != 0:
        sys.exit(f"check failed ({done.returncode}): {done.stderr[-500:]}")
    return took


def edit_one(corpus: Path, index: int) -> None:
    """Add 1 to the first number of article ``index``."""
    lines = corpus.read_text(encoding="utf-8").splitlines()
    art = json.loads(lines[index])
    art["text"] = re.sub(r"\d+", lambda m: str(int(m.group()) + 1), art["text"], count=1)
    lines[index] = json.dumps(art, ensure_ascii=False)
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--stories", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--no-compare", action="store_true", help="skip the --no-cache run and the byte comparison")
    args = ap.parse_args()
    HERE.mkdir(parents=True, exist_ok=True)
    corpus = build(HERE / "corpus.jsonl", args.articles, args.stories)
    cache = HERE / ".recoupe_cache"
    cold, warm = [], []
    for r in range(args.rounds):
        shutil.rmtree(cache, ignore_errors=True)
        cold.append(check(corpus, HERE / "cold.json"))
        edit_one(corpus, (r * 7919 + 13) % args.articles)
        warm.append(check(corpus, HERE / "warm.json"))
        print(f"round {r + 1}: cold {cold[-1]:.2f} s, warm after one edit {warm[-1]:.2f} s", flush=True)
    same = None
    if not args.no_compare:
        check(corpus, HERE / "nocache.json", "--no-cache")
        same = (HERE / "warm.json").read_bytes() == (HERE / "nocache.json").read_bytes()
    c, w = statistics.median(cold), statistics.median(warm)
    print(f"cache: {args.articles} articles in {args.stories} stories, whole process, median of {args.rounds}: "
          f"cold {c:.2f} s, warm after one edit {w:.2f} s = {100 * w / c:.1f} % of cold; warm output "
          + ("not compared" if same is None else "identical to --no-cache" if same else "DIFFERS from --no-cache"))
    if same is False:
        sys.exit(1)


if __name__ == "__main__":
    main()
