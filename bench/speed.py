#!/usr/bin/env python3
"""Speed benchmark: extraction throughput and check scaling on corpora built from the seeds.

    .venv/bin/python bench/speed.py                 # both parts
    .venv/bin/python bench/speed.py --part extract  # >= 10 MB corpus, `recoupe extract` end to end
    .venv/bin/python bench/speed.py --part check    # 1 000 and 10 000 articles in 100 stories

The corpora are built by repeating the seed articles with variations (numbers
changed, sentences shuffled, names of stories), written under ``bench/out/`` as
JSONL. ``extract`` is timed as a whole process (start-up included), the way a user
runs it. ``check`` is timed per stage in-process: load, extract, compare.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
NUM_RE = re.compile(r"\d+")


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]


def vary(text: str, rng: random.Random) -> str:
    """Shuffle the lines and change about one number in three."""
    lines = text.split("\n")
    rng.shuffle(lines)
    text = "\n".join(lines)
    return NUM_RE.sub(lambda m: str(int(m.group()) + rng.randint(1, 9)) if rng.random() < 0.33 else m.group(), text)


def build(path: Path, articles: int, stories: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    texts = seed_texts()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for i in range(articles):
            story = f"story-{i % stories:03d}"
            art = {"id": f"{story}/{i:06d}", "story": story, "lang": "fr",
                   "date": f"2025-09-{1 + i % 28:02d}" if i % 3 else None,
                   "text": vary(texts[i % len(texts)], rng)}
            f.write(json.dumps({k: v for k, v in art.items() if v is not None}, ensure_ascii=False) + "\n")
    return path


def bench_extract(min_mb: float) -> dict:
    size_one = sum(len(t.encode("utf-8")) for t in seed_texts()) / len(seed_texts())
    n = int(min_mb * 1_000_000 / size_one) + 1
    corpus = build(OUT / "extract.jsonl", n, 100)
    mb = corpus.stat().st_size / 1_000_000
    recoupe = [sys.executable, "-m", "recoupe"]
    t0 = time.perf_counter()
    done = subprocess.run(recoupe + ["extract", str(corpus), "--format", "jsonl", "-o", str(OUT / "claims.jsonl")],
                          capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - t0
    if done.returncode != 0:
        sys.exit(f"extract failed: {done.stderr[-500:]}")
    claims = sum(1 for _ in (OUT / "claims.jsonl").open(encoding="utf-8"))
    t0 = time.perf_counter()
    subprocess.run(recoupe + ["extract", "seeds", "--format", "jsonl"], capture_output=True, cwd=ROOT, check=True)
    seeds_wall = time.perf_counter() - t0
    return {"articles": n, "MB": round(mb, 2), "claims": claims, "seconds": round(wall, 2),
            "MB/s": round(mb / wall, 2), "articles/s": round(n / wall), "seeds_seconds": round(seeds_wall, 2)}


def bench_check(sizes: list[int]) -> list[dict]:
    sys.path.insert(0, str(ROOT))
    from recoupe import rules
    from recoupe.checker.compare import CompareContext, compare_claims
    from recoupe.checker.config import Settings
    from recoupe.checker.corpus import Loader
    from recoupe.checker.pipeline import Extractor
    from recoupe.checker.registry import load_registry

    registry = load_registry(entry_points=False)
    ex = Extractor.from_registry(registry)
    comparators = registry.of_type("comparator")
    out = []
    for n in sizes:
        corpus = build(OUT / f"check-{n}.jsonl", n, 100)
        t0 = time.perf_counter()
        loaded = Loader(rules.is_boilerplate, rules.detect_language).load([str(corpus)])
        t1 = time.perf_counter()
        claims = ex.run(loaded.articles)
        t2 = time.perf_counter()
        ctx = CompareContext(tolerance=dict(Settings().tolerance), articles={a.id: a for a in loaded.articles})
        found = compare_claims(claims, comparators, ctx)
        t3 = time.perf_counter()
        out.append({"articles": n, "claims": len(claims), "discrepancies": len(found),
                    "load_s": round(t1 - t0, 2), "extract_s": round(t2 - t1, 2), "compare_s": round(t3 - t2, 3),
                    "check_s": round(t3 - t0, 2)})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--part", choices=("extract", "check", "all"), default="all")
    ap.add_argument("--mb", type=float, default=10.0, help="size of the extraction corpus (default 10 MB)")
    args = ap.parse_args()
    if args.part in ("extract", "all"):
        r = bench_extract(args.mb)
        print(f"extract: {r['articles']} articles, {r['MB']} MB, {r['claims']} claims in {r['seconds']} s: "
              f"{r['MB/s']} MB/s, {r['articles/s']} articles/s (one process, start-up included); "
              f"`recoupe extract seeds` {r['seeds_seconds']} s")
    if args.part in ("check", "all"):
        rows = bench_check([1000, 10000])
        for r in rows:
            print(f"check: {r['articles']} articles, {r['claims']} claims, {r['discrepancies']} discrepancies: "
                  f"load {r['load_s']} s, extract {r['extract_s']} s, compare {r['compare_s']} s, total {r['check_s']} s")
        print(f"check scaling 10 000 / 1 000 articles: {rows[1]['check_s'] / rows[0]['check_s']:.1f}x "
              f"(compare alone {rows[1]['compare_s'] / max(rows[0]['compare_s'], 1e-9):.1f}x)")


if __name__ == "__main__":
    main()
