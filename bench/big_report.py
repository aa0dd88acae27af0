#!/usr/bin/env python3
"""A large editors' report: a synthetic corpus of N articles (default 3 000) in stories of
ten, written in our own words, each story disagreeing on a figure, a role and a date; then
``recoupe report`` on it, with the page's size and the time it took.

    .venv/bin/python bench/big_report.py                 # 3 000 articles -> bench/out/big-report.html
    .venv/bin/python bench/big_report.py --articles 300

``tests/test_report_browser.py`` reuses :func:`write_corpus` to open such a report in
headless Chromium and time it.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
PER_STORY = 10
TOWNS = ("Montbrison", "Quimperlé", "Saint-Flour", "Lodève", "Ambert", "Millau", "Figeac", "Autun", "Bressuire", "Guéret")
MAYORS = ("Hélène Carrasco", "Paul Vidalenc", "Agnès Morvan", "Rémi Castagné", "Lucie Ferrand")
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi")


def article(i: int) -> dict:
    story, k = divmod(i, PER_STORY)
    town = TOWNS[story % len(TOWNS)]
    mayor = MAYORS[story % len(MAYORS)]
    day = dt.date(2025, 3, 3) + dt.timedelta(days=story % 20)
    families = 120 + story % 50 + (15 if k % 3 == 0 else 0)   # a third of the articles disagree
    role = "ancienne maire" if k % 4 == 0 else "maire"
    weekday = WEEKDAYS[(k % 5 == 0) + (story % 3)]
    text = (f"Crue à {town} : {families} familles évacuées {weekday} soir.\n\n"
            f"Selon la préfecture, {families} familles ont quitté leur logement {weekday} après la montée de la rivière. "
            f"La {role} {mayor} a ouvert le gymnase municipal pour les accueillir.\n\n"
            f"Les pompiers ont mobilisé {20 + story % 7} véhicules durant la nuit.\n")
    return {"id": f"s{story:04d}-a{k:02d}", "story": f"crue-{story:04d}", "title": f"Crue à {town} ({k + 1})",
            "source": f"Journal {chr(65 + k)}", "date": (day + dt.timedelta(days=k % 2)).isoformat(), "lang": "fr",
            "text": text}


def write_corpus(path: Path, n: int = 3000) -> Path:
    """A JSONL corpus of ``n`` articles at ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps(article(i), ensure_ascii=False) + "\n")
    return path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("-o", "--output", default=str(OUT / "big-report.html"))
    args = ap.parse_args(argv)
    corpus = write_corpus(OUT / f"big-{args.articles}.jsonl", args.articles)
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "recoupe", "report", str(corpus), "-o", args.output],
                       capture_output=True, text=True, cwd=ROOT)
    took = time.perf_counter() - t0
    if r.returncode != 0:
        print(r.stderr, file=sys.stderr)
        return r.returncode
    size = Path(args.output).stat().st_size
    print(f"{args.articles} articles: report {size / 1e6:.2f} MB written in {took:.1f} s -> {args.output}")
    print(r.stderr.strip().splitlines()[-1])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
