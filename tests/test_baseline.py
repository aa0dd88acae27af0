"""The baseline keeps every decision: across edits of a figure (the "changed" state),
version-1 files, partial selections, malformed files, kills and concurrent commands."""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS, run_cli

DATA = ROOT / "tests" / "data"
NOTE = "Vérifié: la dépêche a été corrigée depuis"


def story(tmp_path, a="26", b="35", dates=False):
    folder = tmp_path / "s"
    folder.mkdir(exist_ok=True)
    da, db = ("Le 3 mars 2025, ", "Le 5 mars 2025, ") if dates else ("", "")
    (folder / "a.txt").write_text(f"{da}{a} pays ont signé l’accord à Genève.\n", encoding="utf-8")
    (folder / "b.txt").write_text(f"{db}{b} pays ont signé l’accord à Genève.\n", encoding="utf-8")
    return folder


def entries(path):
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    assert data["version"] == 2
    return data["entries"]


def check_json(*args):
    r = run_cli("check", *args, "--format", "json")
    assert "internal error" not in r.stderr, r.stderr
    return r, json.loads(r.stdout) if r.stdout.strip() else None


def test_a_decision_survives_an_edited_figure(tmp_path):
    folder, bl = story(tmp_path), tmp_path / "bl.json"
    assert run_cli("baseline", "write", folder, "--baseline", bl).returncode == 0
    [entry] = entries(bl)
    assert entry["rule"] == "C01" and entry["members"] == [["a.txt", "26"], ["b.txt", "35"]]
    r = run_cli("baseline", "accept", entry["id"][:8], folder, "--baseline", bl, "--note", NOTE)
    assert r.returncode == 0, r.stderr

    story(tmp_path, b="40")  # an editor corrects one article: 35 -> 40
    r, found = check_json(folder, "--baseline", bl)
    assert r.returncode == 0, r.stderr  # still known: the gate stays green
    [d] = found
    assert (d["id"], d["baseline_state"], d["baseline_note"]) == (entry["id"], "changed", NOTE)
    assert d["baseline_members"] == [["a.txt", "26"], ["b.txt", "35"]]
    assert "fixed" not in r.stderr

    text = run_cli("check", folder, "--baseline", bl)
    assert f"changed C01 [{entry['id']}] (accepted): recorded a.txt 26, b.txt 35; now a.txt 26 pays, b.txt 40 pays" in text.stdout
    sarif = json.loads(run_cli("check", folder, "--baseline", bl, "--format", "sarif").stdout)
    assert [x["baselineState"] for x in sarif["runs"][0]["results"]] == ["updated"]

    assert run_cli("baseline", "write", folder, "--baseline", bl).returncode == 0
    [after] = entries(bl)
    assert (after["id"], after["status"], after["note"]) == (entry["id"], "accepted", NOTE)
    assert after["members"] == [["a.txt", "26"], ["b.txt", "40"]]
    r, [d] = check_json(folder, "--baseline", bl)
    assert d["baseline_state"] == "unchanged"


def test_partial_select_keeps_the_entries_of_the_other_rules(tmp_path):
    folder, bl = story(tmp_path, dates=True), tmp_path / "bl.json"
    assert run_cli("baseline", "write", folder, "--baseline", bl).returncode == 0
    before = entries(bl)
    assert [e["rule"] for e in before] == ["C03"]
    r = run_cli("baseline", "write", folder, "--baseline", bl, "--select", "N01,C01")
    assert r.returncode == 0, r.stderr
    after = entries(bl)
    assert sorted(e["rule"] for e in after) == ["C01", "C03"]
    assert [e for e in after if e["rule"] == "C03"] == before
    r = run_cli("check", folder, "--baseline", bl, "--select", "N01,C01")
    assert r.returncode == 0 and "fixed" not in r.stderr, r.stderr  # C03 did not run: not "fixed"


def test_version_1_baseline_is_migrated_keeping_decisions(tmp_path):
    seeds, bl = tmp_path / "seeds", tmp_path / "bl.json"
    shutil.copytree(SEEDS, seeds)
    shutil.copy(DATA / "seeds-baseline-v1.json", bl)
    v1 = json.loads(bl.read_text(encoding="utf-8"))["entries"]
    r, found = check_json(seeds, "--baseline", bl)
    assert r.returncode == 0, r.stderr
    assert sorted(d["baseline_state"] for d in found) == ["unchanged", "unchanged"]
    decided = [d for d in found if d.get("baseline_note")]
    assert [(d["rule"], d["baseline_status"], d["baseline_note"]) for d in decided] == \
        [("C02", "accepted", "Vérifié par la rédaction: deux fonctions successives")]
    assert {d["id"] for d in found}.isdisjoint({e["id"] for e in v1})  # new ids

    assert run_cli("baseline", "write", seeds, "--baseline", bl).returncode == 0
    v2 = entries(bl)
    assert {e["id"] for e in v2} == {d["id"] for d in found}
    assert [(e["rule"], e.get("note")) for e in v2 if e.get("status") == "accepted"] == \
        [("C02", "Vérifié par la rédaction: deux fonctions successives")]
    assert not any("fingerprint" in e for e in v2)


def test_seeds_ids_do_not_depend_on_the_values(tmp_path):
    """Editing a figure of the seeds (35 pays -> 36 pays) keeps every id: a fingerprint
    names what a disagreement is about, not its values; the version-1 id did change."""
    from recoupe.checker.compare import fingerprint_v1

    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    _, before = check_json(seeds, "--no-baseline")
    edited = next(p for p in sorted(seeds.glob("*.txt")) if "35 pays" in p.read_text(encoding="utf-8"))
    edited.write_text(edited.read_text(encoding="utf-8").replace("35 pays", "36 pays"), encoding="utf-8")
    _, after = check_json(seeds, "--no-baseline")
    assert [d["id"] for d in after] == [d["id"] for d in before] and len(before) >= 2
    old_v1 = {fingerprint_v1(d["rule"], d["story"], d["subject"], d["claims"]) for d in before}
    new_v1 = {fingerprint_v1(d["rule"], d["story"], d["subject"], d["claims"]) for d in after}
    assert old_v1 != new_v1


@pytest.mark.parametrize("shape", [
    {"members": 3},
    {"members": [["a.txt", ["35"]]]},
    {"members": [["a.txt"]]},
    {"members": [], "note": 12},
    {"members": [], "id": ["x"]},
    {"members": [], "status": "maybe"},
    {"members": [], "values": "35"},
])
def test_malformed_entry_is_one_line(tmp_path, shape):
    folder, bl = story(tmp_path), tmp_path / "bl.json"
    entry = {"id": "x", "rule": "C01", "story": ".", "subject": "pays", **shape}
    bl.write_text(json.dumps({"tool": "recoupe", "version": 2, "entries": [entry]}), encoding="utf-8")
    for args in (("check", folder), ("baseline", "write", folder)):
        r = run_cli(*args, "--baseline", bl)
        assert r.returncode == 2
        assert r.stderr.strip().splitlines() == [r.stderr.strip()]
        assert r.stderr.startswith(f"{bl}: error: entry 1 is malformed"), r.stderr


@pytest.mark.parametrize("text, message", [
    ('{"tool": "recoupe", "version": 2, "entries": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
    ('{"tool": "recoupe", "version": 2, "entries": [], "n": ' + "9" * 5000 + "}", "malformed"),
    ('{"tool": "recoupe", "version": true, "entries": []}', "version True is not supported"),
])
def test_malformed_baseline_file_is_one_line(tmp_path, text, message):
    folder, bl = story(tmp_path), tmp_path / "bl.json"
    bl.write_text(text, encoding="utf-8")
    r = run_cli("check", folder, "--baseline", bl)
    assert r.returncode == 2
    assert r.stderr.startswith(f"{bl}: error: ") and message in r.stderr and len(r.stderr.splitlines()) == 1, r.stderr


def test_rewrite_keeps_the_mode_and_the_symlink(tmp_path):
    folder = story(tmp_path)
    real = tmp_path / "shared" / "real.json"
    real.parent.mkdir()
    link = tmp_path / "bl.json"
    assert run_cli("baseline", "write", folder, "--baseline", real).returncode == 0
    os.chmod(real, 0o644)
    link.symlink_to(real)
    story(tmp_path, b="40")
    assert run_cli("baseline", "write", folder, "--baseline", link).returncode == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert stat.S_IMODE(real.stat().st_mode) == 0o644
    assert entries(real)[0]["members"] == [["a.txt", "26"], ["b.txt", "40"]]
    assert sorted(p.name for p in real.parent.iterdir()) == ["real.json", "real.json.lock"]


def _temporaries(folder):
    return [p.name for p in folder.iterdir() if ".recoupe-tmp-" in p.name]


def test_killed_writers_leave_the_old_or_the_new_file(tmp_path):
    from recoupe.checker import baseline as bmod

    path = tmp_path / "bl.json"
    old = [{"id": f"{i:04d}", "rule": "C01", "story": ".", "subject": "s", "members": [["a", "1"]], "status": "known"} for i in range(3000)]
    new = [dict(e, note="relu") for e in old]
    bmod.write_baseline(str(path), old)
    old_text = path.read_text(encoding="utf-8")
    rng = random.Random(13)
    outcomes = set()
    for n in range(50):
        sig = signal.SIGTERM if n % 2 else signal.SIGKILL
        pid = os.fork()
        if pid == 0:  # the writer: slow fsync widens the window between write and rename
            real_fsync = os.fsync
            os.fsync = lambda fd: (time.sleep(0.02), real_fsync(fd))[1]
            try:
                bmod.write_baseline(str(path), new)
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0, 0.06))
        os.kill(pid, sig)
        os.waitpid(pid, 0)
        text = path.read_text(encoding="utf-8")
        state = "old" if text == old_text else "new"
        if state == "new":
            assert [e.get("note") for e in json.loads(text)["entries"]] == ["relu"] * len(new)
        outcomes.add(state)
        if sig == signal.SIGTERM:  # this writer left nothing (a SIGKILLed one before it may have,
            # when this one was stopped before its clean-up of stale files: the next write removes it)
            assert [t for t in _temporaries(tmp_path) if t.endswith(f"-{pid}")] == [], n
        if state == "new":
            bmod.write_baseline(str(path), old)  # back to the old file for the next round
            old_text = path.read_text(encoding="utf-8")
    assert "old" in outcomes
    bmod.write_baseline(str(path), old)  # a later write removes what a SIGKILL left
    assert _temporaries(tmp_path) == []


SLOW_WRITER = """
import os, sys, time
real_replace = os.replace
def slow_replace(a, b):
    time.sleep(float(os.environ["DELAY"]))
    return real_replace(a, b)
os.replace = slow_replace
from recoupe.checker.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_write_and_an_accept_racing_keep_the_note(tmp_path):
    folder, bl = story(tmp_path), tmp_path / "bl.json"
    assert run_cli("baseline", "write", folder, "--baseline", bl).returncode == 0
    [entry] = entries(bl)
    env = dict(os.environ, DELAY="4")
    env.pop("RECOUPE_CONFIG", None)
    writer = subprocess.Popen([sys.executable, "-c", SLOW_WRITER, "baseline", "write", str(folder), "--baseline", str(bl)],
                              cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not _temporaries(tmp_path):  # the writer holds the lock, its rename is pending
        assert writer.poll() is None and time.monotonic() < deadline, "the writer never reached its rename"
        time.sleep(0.02)
    r = run_cli("baseline", "accept", entry["id"], folder, "--baseline", bl, "--note", NOTE)
    assert writer.wait(timeout=120) == 0, writer.stderr.read()
    assert r.returncode == 0, r.stderr
    [after] = entries(bl)
    assert (after["status"], after.get("note")) == ("accepted", NOTE)


def test_accept_by_a_version_1_id(tmp_path):
    seeds, bl = tmp_path / "seeds", tmp_path / "bl.json"
    shutil.copytree(SEEDS, seeds)
    shutil.copy(DATA / "seeds-baseline-v1.json", bl)
    r = run_cli("baseline", "accept", "92810992", seeds, "--baseline", bl, "--note", NOTE)  # the v1 C01 entry
    assert r.returncode == 0, r.stderr
    v2 = entries(bl)
    assert sorted((e["rule"], e["status"], e.get("note")) for e in v2) == [
        ("C01", "accepted", NOTE), ("C02", "accepted", "Vérifié par la rédaction: deux fonctions successives")]
    assert "928109920b40b2c8872d" not in {e["id"] for e in v2}


def _old_entry(id_, story, a, b, **decision):
    """An entry as an older recoupe wrote it when run on a folder below the root: article
    ids and folder story relative to that folder."""
    return {"id": id_, "rule": "C01", "story": story, "subject": "pays", "kind": "quantity", "unit": "pays",
            "verdict": "contradiction", "severity": "error", "values": ["26", "35"],
            "members": [[a, "26"], [b, "35"]], **decision}


@pytest.mark.parametrize("given, story, a, b", [
    ("articles", "greve", "greve/a.txt", "greve/b.txt"),   # `recoupe baseline write articles/` from the root
    ("articles/greve", ".", "a.txt", "b.txt"),             # `recoupe baseline write articles/greve`
])
def test_folder_relative_baseline_is_recognised_and_rewritten(tmp_path, given, story, a, b):
    repo = tmp_path / "repo"
    (repo / "articles" / "greve").mkdir(parents=True)
    (repo / "pyproject.toml").write_text("[tool.recoupe]\n", encoding="utf-8")
    (repo / "articles" / "greve" / "a.txt").write_text("26 pays ont signé l’accord à Genève.\n", encoding="utf-8")
    (repo / "articles" / "greve" / "b.txt").write_text("35 pays ont signé l’accord à Genève.\n", encoding="utf-8")
    gone = {"id": "99999999999999999999", "rule": "C02", "story": "greve", "subject": "Odile Fenwick",
            "members": [["greve/c.txt", "maire"], ["greve/d.txt", "ancienne maire"]], "status": "wontfix",
            "note": "article retiré", "decided": "2025-05-01"}
    old = {"tool": "recoupe", "version": 2, "entries": [
        _old_entry("0123456789abcdef0123", story, a, b, status="accepted", note=NOTE, decided="2025-04-02"), gone]}
    bl = repo / "recoupe-baseline.json"
    bl.write_text(json.dumps(old, ensure_ascii=False, indent=2), encoding="utf-8")

    r = run_cli("check", "--format", "json", cwd=repo)
    assert r.returncode == 0, r.stderr  # recognised: known, the gate stays green
    [d] = json.loads(r.stdout)
    assert (d["baseline_state"], d["baseline_status"], d["baseline_note"]) == ("unchanged", "accepted", NOTE)
    assert "0123456789abcdef0123" not in r.stderr, r.stderr  # not reported fixed
    assert "1 entry with ids relative to a folder below the project root recognised; " \
        "'recoupe baseline write' rewrites them root-relative" in r.stderr
    assert "fixed: 99999999999999999999" in r.stderr  # the entry of articles no longer there is

    r = run_cli("baseline", "write", cwd=repo)
    assert r.returncode == 0, r.stderr
    written = entries(bl)
    assert len(written) == 2
    [moved] = [e for e in written if e["rule"] == "C01"]
    assert moved["id"] == d["id"] != "0123456789abcdef0123"
    assert moved["story"] == "articles/greve"
    assert moved["members"] == [["articles/greve/a.txt", "26"], ["articles/greve/b.txt", "35"]]
    assert (moved["status"], moved["note"], moved["decided"]) == ("accepted", NOTE, "2025-04-02")
    assert [e for e in written if e["rule"] == "C02"] == [gone]  # a decided entry that no longer occurs is kept
    # and the rewritten baseline reads the same from a subfolder
    r = run_cli("check", "greve", "--format", "json", cwd=repo / "articles")
    assert r.returncode == 0, r.stderr
    [again] = json.loads(r.stdout)
    assert (again["id"], again["baseline_state"], again["baseline_note"]) == (moved["id"], "unchanged", NOTE)


def test_a_folder_relative_entry_of_other_articles_is_not_taken(tmp_path):
    """The same rule and subject on other article names is no match: the entry stays
    (decided, so kept) and the discrepancy is new."""
    repo = tmp_path / "repo"
    (repo / "articles" / "greve").mkdir(parents=True)
    (repo / "pyproject.toml").write_text("[tool.recoupe]\n", encoding="utf-8")
    (repo / "articles" / "greve" / "a.txt").write_text("26 pays ont signé l’accord à Genève.\n", encoding="utf-8")
    (repo / "articles" / "greve" / "b.txt").write_text("35 pays ont signé l’accord à Genève.\n", encoding="utf-8")
    old = {"tool": "recoupe", "version": 2, "entries": [
        _old_entry("0123456789abcdef0123", "greve", "greve/a.txt", "greve/z.txt", status="accepted", note=NOTE)]}
    bl = repo / "recoupe-baseline.json"
    bl.write_text(json.dumps(old), encoding="utf-8")
    r = run_cli("check", "--format", "json", cwd=repo)
    assert r.returncode == 1, r.stderr
    [d] = json.loads(r.stdout)
    assert d["baseline_state"] == "new"


def test_accept_on_a_folder_relative_entry_rewrites_it_once(tmp_path):
    repo = tmp_path / "repo"
    (repo / "articles" / "greve").mkdir(parents=True)
    (repo / "pyproject.toml").write_text("[tool.recoupe]\n", encoding="utf-8")
    (repo / "articles" / "greve" / "a.txt").write_text("26 pays ont signé l’accord à Genève.\n", encoding="utf-8")
    (repo / "articles" / "greve" / "b.txt").write_text("35 pays ont signé l’accord à Genève.\n", encoding="utf-8")
    bl = repo / "recoupe-baseline.json"
    bl.write_text(json.dumps({"tool": "recoupe", "version": 2, "entries": [
        _old_entry("0123456789abcdef0123", ".", "a.txt", "b.txt", status="known")]}), encoding="utf-8")
    r = run_cli("baseline", "accept", "0123456789", "--note", NOTE, cwd=repo)  # by its old id
    assert r.returncode == 0, r.stderr
    [e] = entries(bl)
    assert e["id"] != "0123456789abcdef0123" and e["story"] == "articles/greve"
    assert (e["status"], e["note"]) == ("accepted", NOTE)
    assert e["members"] == [["articles/greve/a.txt", "26"], ["articles/greve/b.txt", "35"]]
