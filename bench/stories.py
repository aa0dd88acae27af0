#!/usr/bin/env python3
"""Auto story grouping: quality on the flattened news set, and speed at 100 000 articles.

    .venv/bin/python bench/stories.py                  # both parts
    .venv/bin/python bench/stories.py --part news      # purity, inverse purity, news scores
    .venv/bin/python bench/stories.py --part speed     # grouping time, 10 000 to 100 000 articles

``news``: ``../shared/bench/news/corpus.jsonl`` is flattened: the ``story`` field is
dropped and the story prefix of each id too (``budget-2026/echoeco-0715`` becomes
``echoeco-0715``), written to ``bench/out/stories/auto/corpus.jsonl`` beside a
``recoupe.toml`` saying ``story-grouping = "auto"``; the gold file gets the same ids
(``gold.json`` beside it). ``recoupe stories --format json`` gives the stories found;
purity (the share of articles in their found story's majority gold story) and inverse
purity (the share in their gold story's majority found story) are printed, then
``score_news.py`` runs on that corpus and on the same flattened ids with the gold
stories put back (``bench/out/stories/gold/``), so only the grouping differs. A table
of purity against the threshold shows how sensitive the default (0.2, chosen before
this set was looked at) is; it is a measurement, not a tuning.

``speed``: a synthetic corpus built in memory. Each synthetic story takes two base
articles (the 56 news articles and the 5 seeds) and gives its capitalised words
invented names of its own (``Kaventorsel``: four of 20 syllables, the same all
through the story; two stories may draw the same name, as real ones do); each of its 5 articles is 60 % of the two bases' sentences, shuffled,
plus two sentences drawn from the premises of ``../shared/bench/contradictions/``
(noise every story shares), dated within 4 days of the story's date (2019 to 2025).
Thousands of stories are thus built from the same few bases and differ only by
names and dates: harder than real news. ``group_stories`` is timed alone, on
10 000, 30 000 and 100 000 articles (wall and CPU time: the machine is shared),
and purity is printed for each.
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import random
import re
import shlex
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "bench"
OUT = ROOT / "bench" / "out" / "stories"
RECOUPE = [sys.executable, "-m", "recoupe"]


def purity(found: dict[str, str], gold: dict[str, str]) -> tuple[float, float]:
    """(purity, inverse purity) of the found stories against the gold ones."""
    def majority_share(a: dict[str, str], b: dict[str, str]) -> float:
        groups = collections.defaultdict(collections.Counter)
        for art, story in a.items():
            groups[story][b[art]] += 1
        return sum(c.most_common(1)[0][1] for c in groups.values()) / len(a)
    return majority_share(found, gold), majority_share(gold, found)


# ------------------------------------------------------------------ news --------

def flatten() -> tuple[Path, Path, dict[str, str]]:
    rows = [json.loads(line) for line in (SHARED / "news" / "corpus.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    new_id = {r["id"]: r["id"].rsplit("/", 1)[-1] for r in rows}
    assert len(set(new_id.values())) == len(rows), "flattened ids must stay unique"
    gold_story = {new_id[r["id"]]: r["story"] for r in rows}
    gold = json.loads((SHARED / "news" / "gold.json").read_text(encoding="utf-8"))
    for c in gold["claims"]:
        c["doc"] = new_id[c["doc"]]
    for p in gold["pairs"]:
        for side in ("a", "b"):
            p[side]["doc"] = new_id[p[side]["doc"]]
    for variant, grouping in (("auto", "auto"), ("gold", "folder")):
        folder = OUT / variant
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / "corpus.jsonl").open("w", encoding="utf-8") as f:
            for r in rows:
                art = {k: v for k, v in r.items() if k != "story"}
                art["id"] = new_id[r["id"]]
                if variant == "gold":
                    art["story"] = r["story"]
                f.write(json.dumps(art, ensure_ascii=False) + "\n")
        (folder / "recoupe.toml").write_text(f'story-grouping = "{grouping}"\n', encoding="utf-8")
        (folder / "gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return OUT / "auto", OUT / "gold", gold_story


def score(folder: Path) -> str:
    cmd = [sys.executable, str(SHARED / "score_news.py"), str(folder / "corpus.jsonl"), str(folder / "gold.json"),
           "--recoupe-cmd", shlex.join(RECOUPE), "--show-misses", "0"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip().splitlines()
    return "\n    ".join(out[-2:])


def bench_news() -> None:
    auto, gold_dir, gold = flatten()
    t0 = time.perf_counter()
    proc = subprocess.run(RECOUPE + ["stories", str(auto / "corpus.jsonl"), "--format", "json"],
                          capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t0
    found = {r["id"]: r["story"] for r in json.loads(proc.stdout)}
    p, ip = purity(found, gold)
    print(f"flattened news set: {len(found)} articles, {len(set(gold.values()))} gold stories, "
          f"{len(set(found.values()))} found; purity {p:.3f}, inverse purity {ip:.3f} "
          f"(recoupe stories: {wall:.2f} s wall)")
    for story in sorted(set(found.values())):
        members = collections.Counter(gold[a] for a, s in found.items() if s == story)
        print(f"  {story}: {dict(sorted(members.items()))}")

    from recoupe.rules.languages import LANGUAGES
    from recoupe.checker.stories import GroupingParams, StoryArticle, group_stories

    rows = [json.loads(line) for line in (auto / "corpus.jsonl").read_text(encoding="utf-8").splitlines()]
    arts = [StoryArticle(r["id"], r["text"], dt.date.fromisoformat(r["date"]) if r.get("date") else None) for r in rows]
    print("threshold sensitivity (purity / inverse purity / stories):")
    for th in (0.1, 0.15, 0.2, 0.25, 0.3, 0.4):
        m = group_stories(arts, LANGUAGES.function_words(), GroupingParams(threshold=th))
        p, ip = purity(m, gold)
        print(f"  {th:.2f}: {p:.3f} / {ip:.3f} / {len(set(m.values()))}")
    print("score_news.py, auto stories:\n    " + score(auto))
    print("score_news.py, gold stories:\n    " + score(gold_dir))


# ------------------------------------------------------------------ speed -------

SYLLABLES = "ka lo mi ra ven tor sel qui dar nu bes fal gor ix zu pem rho sta vil wen".split()
SENT_RE = re.compile(r"(?<=[.!?])\s+")
CAP_RE = re.compile(r"\b[A-ZÀ-Ý]\w+")


def _bases() -> tuple[list[list[str]], list[str]]:
    texts = [json.loads(line)["text"] for line in (SHARED / "news" / "corpus.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    noise = []
    for f in sorted((SHARED / "contradictions").glob("*.jsonl")):
        noise += [json.loads(line)["premise"] for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [[s for s in SENT_RE.split(t) if s.strip()] for t in texts], noise


def synthetic(n: int, per_story: int = 5, seed: int = 11):
    from recoupe.checker.stories import StoryArticle

    rng = random.Random(seed)
    bases, noise = _bases()
    arts, gold = [], {}
    start = dt.date(2019, 1, 1).toordinal()
    for s in range(n // per_story):
        names: dict[str, str] = {}

        def rename(m: re.Match) -> str:
            w = m.group()
            if w not in names:
                names[w] = "".join(rng.choice(SYLLABLES) for _ in range(4)).capitalize()
            return names[w]

        picked = rng.sample(range(len(bases)), 2)
        sentences = [CAP_RE.sub(rename, x) for b in picked for x in bases[b]]
        day = start + rng.randrange(7 * 365)
        for k in range(per_story):
            body = rng.sample(sentences, max(1, int(0.6 * len(sentences)))) + rng.sample(noise, 2)
            rng.shuffle(body)
            aid = f"s{s:06d}-{k}"
            arts.append(StoryArticle(aid, " ".join(body), dt.date.fromordinal(day + rng.randrange(5))))
            gold[aid] = f"story-{s}"
    return arts, gold


def bench_speed(sizes: list[int]) -> None:
    from recoupe.rules.languages import LANGUAGES
    from recoupe.checker.stories import group_stories

    stop = LANGUAGES.function_words()
    for n in sizes:
        arts, gold = synthetic(n)
        chars = sum(len(a.text) for a in arts)
        t0, c0 = time.perf_counter(), time.process_time()
        found = group_stories(arts, stop)
        secs, cpu = time.perf_counter() - t0, time.process_time() - c0
        p, ip = purity(found, gold)
        print(f"{n:>7} articles ({chars / 1e6:.0f} M characters): grouping {secs:.1f} s wall, {cpu:.1f} s CPU "
              f"({n / cpu:.0f} articles per CPU second); purity {p:.3f}, inverse purity {ip:.3f}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--part", choices=("news", "speed", "all"), default="all")
    ap.add_argument("--sizes", default="10000,30000,100000", help="article counts for the speed part")
    a = ap.parse_args()
    if a.part in ("news", "all"):
        bench_news()
    if a.part in ("speed", "all"):
        bench_speed([int(x) for x in a.sizes.split(",")])


if __name__ == "__main__":
    main()
