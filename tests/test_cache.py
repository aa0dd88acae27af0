"""The cache (checker/cache.py): same bytes with and without it, cold, warm, after an
edit, with a corrupt cache file and with two runs at once; ``--no-cache`` and
``cache = false`` write nothing."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_cli

FIRE_A = """---
date: 2025-06-10
story: incendie
---
L'incendie de la forêt des Landes a brûlé 300 hectares, selon les pompiers.

Le préfet a annoncé 12 blessés légers mardi soir.
"""
FIRE_B = """---
date: 2025-06-11
story: incendie
---
Le feu de forêt des Landes a brûlé 450 hectares, selon les pompiers.

Le préfet a annoncé 12 blessés légers mardi soir.
"""
BRIDGE = """---
date: 2025-05-02
story: pont
---
Le nouveau pont de Tours mesure 820 mètres et a coûté 40 millions d'euros.
"""
BRIDGE_B = """---
date: 2025-05-03
story: pont
---
Long de 820 mètres, le pont de Tours a coûté 55 millions d'euros.
"""


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    (tmp_path / "recoupe.toml").write_text('paths = ["articles"]\n', encoding="utf-8")
    arts = tmp_path / "articles"
    arts.mkdir()
    for name, text in {"feu-a.md": FIRE_A, "feu-b.md": FIRE_B, "pont-a.md": BRIDGE, "pont-b.md": BRIDGE_B}.items():
        (arts / name).write_text(text, encoding="utf-8")
    return tmp_path


def check(repo: Path, *extra: str) -> str:
    done = run_cli("check", "-f", "json", "--exit-zero", "-q", *extra, cwd=repo)
    assert done.returncode == 0, done.stderr
    return done.stdout


def cache_files(repo: Path) -> list[Path]:
    return sorted(p for p in (repo / ".recoupe_cache").rglob("*.json"))


def test_cold_warm_and_edited_runs_give_the_bytes_of_an_uncached_run(repo):
    reference = check(repo, "--no-cache")
    assert not (repo / ".recoupe_cache").exists()
    assert check(repo) == reference  # cold: writes the cache
    assert (repo / ".recoupe_cache" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    files = cache_files(repo)
    assert len(files) == 4  # claims and findings of two stories
    assert check(repo) == reference  # warm: reads it
    found = json.loads(reference)
    assert {d["story"] for d in found} == {"incendie", "pont"}

    # one article edited: the new figure is reported, the other story comes from the cache
    pont = repo / "articles" / "pont-b.md"
    pont.write_text(BRIDGE_B.replace("55 millions", "40 millions"), encoding="utf-8")
    edited = check(repo)
    assert edited == check(repo, "--no-cache")
    assert {d["story"] for d in json.loads(edited)} == {"incendie"}


def test_extract_is_the_same_with_the_cache(repo):
    reference = run_cli("extract", "--no-cache", cwd=repo).stdout
    assert reference.count("\n") >= 6
    assert run_cli("extract", cwd=repo).stdout == reference
    assert run_cli("extract", cwd=repo).stdout == reference


@pytest.mark.parametrize("damage", [b"{not json", b"", b'{"run": "x", "articles": 3}', b"\xff\xfe\x00"])
def test_a_corrupt_cache_file_is_rebuilt_not_an_error(repo, damage):
    reference = check(repo, "--no-cache")
    check(repo)
    for p in cache_files(repo):
        p.write_bytes(damage)
    done = run_cli("check", "-f", "json", "--exit-zero", cwd=repo)
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert done.stdout == reference
    assert all(p.read_bytes() != damage for p in cache_files(repo))  # rewritten


def test_a_cache_file_of_the_right_run_but_wrong_shape_is_a_miss(repo):
    reference = check(repo, "--no-cache")
    check(repo)
    for p in cache_files(repo):
        run = json.loads(p.read_text(encoding="utf-8"))["run"]
        wrong = {"run": run, "key": "k", "articles": {"h": [{"start": 1}]}, "findings": [{"id": 1}]}
        p.write_text(json.dumps(wrong), encoding="utf-8")
    assert check(repo) == reference


def test_no_cache_option_and_setting_write_nothing(repo):
    check(repo, "--no-cache")
    run_cli("report", "-o", "-", "--no-cache", cwd=repo)
    assert not (repo / ".recoupe_cache").exists()
    (repo / "recoupe.toml").write_text('paths = ["articles"]\ncache = false\n', encoding="utf-8")
    check(repo)
    assert not (repo / ".recoupe_cache").exists()


def test_cache_dir_setting_and_rule_selection_change_the_key(repo):
    (repo / "recoupe.toml").write_text('paths = ["articles"]\ncache-dir = "build/cache"\n', encoding="utf-8")
    all_rules = check(repo)
    assert (repo / "build" / "cache" / ".gitignore").exists() and not (repo / ".recoupe_cache").exists()
    runs = lambda: {p.parent.name for p in (repo / "build" / "cache").rglob("*.json")}  # noqa: E731
    assert len(runs()) == 1
    only_dates = check(repo, "--select", "D,C03")
    assert len(runs()) == 2  # another rule set: another run key, nothing of the first read
    assert only_dates == check(repo, "--select", "D,C03", "--no-cache") != all_rules


def test_two_runs_at_once_both_succeed_and_agree(repo):
    reference = check(repo, "--no-cache")
    cmd = [sys.executable, "-m", "recoupe", "check", "-f", "json", "--exit-zero", "-q"]
    procs = [subprocess.Popen(cmd, cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    outs = [p.communicate() for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [e for _, e in outs]
    assert [o.decode("utf-8") for o, _ in outs] == [reference, reference]
    assert check(repo) == reference
    assert not [p for p in (repo / ".recoupe_cache").rglob(".tmp-*")]
