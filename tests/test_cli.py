"""The command line as a user meets it."""
from __future__ import annotations

import csv
import io
import json

from conftest import SEEDS, run_cli


def test_help_answers_and_lists_commands():
    done = run_cli("--help")
    assert done.returncode == 0
    for cmd in ("extract", "check", "baseline", "report", "rules", "explain", "config"):
        assert cmd in done.stdout


def test_help_does_not_import_heavy_modules():
    import subprocess
    import sys

    code = "import sys; from recoupe.checker.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\nprint(sorted(m for m in ('pandas', 'simplemma', 'dateparser', 'recoupe.rules') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_usage_error_is_exit_2_without_traceback():
    done = run_cli("extract", "--format", "yaml")
    assert done.returncode == 2 and "invalid choice" in done.stderr and "Traceback" not in done.stderr
    done = run_cli("frobnicate")
    assert done.returncode == 2


def test_extract_formats_agree(tmp_path):
    jsonl = [json.loads(l) for l in run_cli("extract", SEEDS, "--format", "jsonl").stdout.splitlines()]
    as_json = json.loads(run_cli("extract", SEEDS, "--format", "json").stdout)
    assert jsonl == as_json and jsonl
    rows = list(csv.DictReader(io.StringIO(run_cli("extract", SEEDS, "--format", "csv").stdout)))
    assert len(rows) == len(jsonl) and rows[0]["doc"] == jsonl[0]["doc"]
    table = run_cli("extract", SEEDS, "--format", "table").stdout
    assert table.splitlines()[0].split()[:4] == ["doc", "line", "rule", "kind"]
    out = tmp_path / "claims.jsonl"
    assert run_cli("extract", SEEDS, "-o", out).returncode == 0
    assert [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()] == jsonl


def test_claim_records_follow_the_contract():
    claims = json.loads(run_cli("extract", SEEDS, "--format", "json").stdout)
    required = {"doc", "story", "start", "end", "line", "text", "kind", "value", "low", "high", "unit", "subject",
                "rule", "sentence", "qualifier", "attribution", "lang"}
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    for c in claims:
        assert required <= set(c)
        assert texts[c["doc"]][c["start"]:c["end"]] == c["text"]  # offsets are the file's
        assert texts[c["doc"]].count("\n", 0, c["start"]) + 1 == c["line"]


def test_explain_and_rules():
    done = run_cli("explain", "C01")
    assert done.returncode == 0 and "Flags" in done.stdout
    done = run_cli("explain", "C0l")
    assert done.returncode == 2 and "did you mean" in done.stderr
