#!/usr/bin/env python3
"""Byte-for-byte output check across a change that must not change behaviour.

    .venv/bin/python bench/same_output.py record    # before the change: save outputs under bench/out/golden/
    .venv/bin/python bench/same_output.py compare   # after it: exit 1 and name every output that differs

It runs the real ``recoupe`` command (the venv's, or ``--recoupe-cmd``) the way a user
does: ``extract --format jsonl`` and ``check --format json`` (plus ``sarif`` and
``markdown`` on the seeds) on the shipped seeds, the shared news corpus and corpora
built from the shared contradiction pairs and number cases (one story per pair or
case); and the command layer: ``report`` (HTML and Markdown), ``rules``, ``explain``,
``config``, every ``--help``, the file ``baseline write`` and ``docs`` write, and the
status of usage and input errors. Only standard output, the exit status and the
written file are compared; standard error holds progress and timing messages.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "bench"
OUT = ROOT / "bench" / "out"
GOLDEN = OUT / "golden"


def build_corpora() -> dict[str, Path]:
    """Inputs by name. The shared pair and number sets become JSONL corpora."""
    corpora: dict[str, Path] = {"seeds": ROOT / "seeds"}
    news = SHARED / "news" / "corpus.jsonl"
    if news.exists():
        corpora["news"] = news
    built = OUT / "same-output-corpora"
    built.mkdir(parents=True, exist_ok=True)
    for path in sorted((SHARED / "contradictions").glob("*.jsonl")):
        rows = []
        for line in path.read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            for side in ("premise", "hypothesis"):
                rows.append({"id": f"{case['id']}/{side[0]}", "story": case["id"],
                             "text": case[side], "lang": case.get("lang")})
        dest = built / f"pairs-{path.stem}.jsonl"
        dest.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        corpora[f"pairs-{path.stem}"] = dest
    for path in sorted((SHARED / "numbers").glob("*.jsonl")):
        rows = []
        for line in path.read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            rows.append({"id": case["id"], "story": case["id"], "text": case["text"], "lang": case.get("lang")})
        dest = built / f"numbers-{path.stem}.jsonl"
        dest.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        corpora[f"numbers-{path.stem}"] = dest
    return corpora


def runs(corpora: dict[str, Path]) -> list[tuple[str, list[str]]]:
    out = []
    for name, path in corpora.items():
        out.append((f"{name}.extract.jsonl", ["extract", str(path), "--format", "jsonl"]))
        out.append((f"{name}.check.json", ["check", str(path), "--format", "json", "--exit-zero"]))
    seeds = str(corpora["seeds"])
    out.append(("seeds.check.sarif", ["check", seeds, "--format", "sarif", "--exit-zero"]))
    out.append(("seeds.check.md", ["check", seeds, "--format", "markdown", "--exit-zero"]))
    out.append(("seeds.check.txt", ["check", seeds, "--format", "text", "--exit-zero"]))
    # the command layer: the editors' report, the informative commands, every --help,
    # a baseline written into a temporary file (its content) and usage errors (their status)
    out.append(("seeds.report.html", ["report", "seeds/", "-o", "-"]))
    out.append(("seeds.report.md", ["report", "seeds/", "--format", "markdown", "-o", "-"]))
    out.append(("rules.txt", ["rules"]))
    out.append(("rules.json", ["rules", "--format", "json"]))
    out.append(("explain-C01.md", ["explain", "C01"]))
    out.append(("config.json", ["config"]))
    for command in ([], ["extract"], ["check"], ["baseline"], ["baseline", "write"], ["baseline", "accept"],
                    ["report"], ["rules"], ["explain"], ["config"], ["docs"]):
        out.append((".".join(["help", *command]) + ".txt", [*command, "--help"]))
    out.append(("seeds.baseline-write.json", ["baseline", "write", seeds, "--baseline", TMP_FILE]))
    out.append(("docs.md", ["docs", "-o", TMP_FILE]))
    out.append(("usage-error.bad-format", ["check", seeds, "--format", "nope"]))
    out.append(("usage-error.no-command-option", ["--nope"]))
    out.append(("usage-error.baseline-no-action", ["baseline"]))
    out.append(("input-error.missing-file", ["check", "no-such-folder/"]))
    return out


TMP_FILE = "{tmp}"  # replaced by a fresh temporary file, whose content is compared too


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mode", choices=["record", "compare"])
    ap.add_argument("--recoupe-cmd", default=str(ROOT / ".venv" / "bin" / "recoupe"))
    args = ap.parse_args(argv)
    cmd = shlex.split(args.recoupe_cmd)
    GOLDEN.mkdir(parents=True, exist_ok=True)
    differ = 0
    for name, extra in runs(build_corpora()):
        # a fixed working folder, so that relative locations in the outputs do not move
        with tempfile.TemporaryDirectory() as tmp:
            written = Path(tmp) / "out"
            argv = [str(written) if a == TMP_FILE else a for a in extra]
            proc = subprocess.run(cmd + argv, cwd=ROOT, capture_output=True,
                                  env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "COLUMNS": "100"})
            blob = proc.stdout + f"\n[exit {proc.returncode}]\n".encode()
            if TMP_FILE in extra:
                blob += b"[file]\n" + (written.read_bytes() if written.exists() else b"(not written)\n")
        dest = GOLDEN / name
        digest = hashlib.sha256(blob).hexdigest()[:12]
        if args.mode == "record":
            dest.write_bytes(blob)
            print(f"recorded {name} ({len(blob)} bytes, {digest})")
        elif not dest.exists():
            print(f"MISSING  {name}: nothing recorded")
            differ += 1
        elif dest.read_bytes() != blob:
            print(f"DIFFERS  {name}: {len(dest.read_bytes())} -> {len(blob)} bytes; stderr: {proc.stderr.decode()[-300:]!r}")
            (GOLDEN / (name + ".new")).write_bytes(blob)
            differ += 1
        else:
            print(f"same     {name} ({digest})")
    if args.mode == "compare":
        print("all outputs identical" if not differ else f"{differ} output(s) differ (see *.new beside the golden files)")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
