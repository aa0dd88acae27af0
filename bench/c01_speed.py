#!/usr/bin/env python3
"""C01's compare time, another revision's rules against this one's, on the same claims.

    .venv/bin/python bench/c01_speed.py --old main [--articles 10000] [--rounds 2]

The corpus is ``bench/speed.py``'s (``bench/out/check-<n>.jsonl``); its claims are
extracted once with this working copy's rules (kept in ``bench/out/claims-<n>.pkl``),
then the old revision's ``rules/`` (``git archive`` into a temporary folder, imported
as ``rules_old``) and this one's C01 run alternately, in one process: CPU seconds per
run, then the findings count.
"""
from __future__ import annotations

import argparse
import gc
import pickle
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--old", required=True, help="git revision whose rules/ is the baseline")
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--rounds", type=int, default=2)
    a = ap.parse_args()

    import speed
    from recoupe import rules
    from recoupe.checker.compare import CompareContext
    from recoupe.checker.config import Settings
    from recoupe.checker.corpus import Loader
    from recoupe.checker.pipeline import Extractor
    from recoupe.checker.registry import load_registry

    corpus = speed.build(speed.OUT / f"check-{a.articles}.jsonl", a.articles, 100)
    loaded = Loader(rules.is_boilerplate, rules.detect_language).load([str(corpus)])
    cached = speed.OUT / f"claims-{a.articles}.pkl"
    if cached.exists():
        claims = pickle.loads(cached.read_bytes())
    else:
        claims = Extractor.from_registry(load_registry(entry_points=False)).run(loaded.articles).reset_index(drop=True)
        cached.write_bytes(pickle.dumps(claims))
    ctx = CompareContext(tolerance=dict(Settings().tolerance), articles={x.id: x for x in loaded.articles})

    tmp = tempfile.mkdtemp(prefix="c01-old-")
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", a.old, "rules"], capture_output=True, check=True).stdout
    tarfile.open(fileobj=BytesIO(archive)).extractall(tmp, filter="data")
    Path(tmp, "rules").rename(Path(tmp, "rules_old"))
    sys.path.insert(0, tmp)
    import rules_old.c01_quantity_mismatch as old
    import recoupe.rules.c01_quantity_mismatch as new

    for r in range(a.rounds):
        for name, mod in (("old", old), ("new", new)):
            gc.collect()
            t = time.process_time()
            found = list(mod.compare(claims, ctx))
            print(f"round {r} {name}: {time.process_time() - t:.2f} s CPU, {len(found)} findings, {len(claims)} claims",
                  flush=True)


if __name__ == "__main__":
    main()
