"""``recoupe check`` as the CI gate, end to end on a copy of the seeds."""
from __future__ import annotations

import json
import shutil

import pytest

from conftest import SEEDS, run_cli


@pytest.fixture()
def seeds(tmp_path):
    dst = tmp_path / "seeds"
    shutil.copytree(SEEDS, dst)
    return dst


def check_json(*args, cwd=None):
    done = run_cli("check", *args, "--format", "json", cwd=cwd)
    assert done.returncode in (0, 1), done.stderr
    return done, json.loads(done.stdout)


def test_gate_baseline_cycle(seeds, tmp_path):
    baseline = tmp_path / "recoupe-baseline.json"
    done = run_cli("check", seeds)
    assert done.returncode == 1, done.stdout + done.stderr

    done = run_cli("baseline", "write", seeds, "--baseline", baseline)
    assert done.returncode == 0, done.stderr
    data = json.loads(baseline.read_text(encoding="utf-8"))
    assert data["version"] == 2 and data["entries"]
    assert all("line" not in json.dumps(e) for e in data["entries"])  # no line numbers in entries
    assert [e["id"] for e in data["entries"]] == sorted(e["id"] for e in data["entries"])

    done = run_cli("check", seeds, "--baseline", baseline)
    assert done.returncode == 0, done.stdout + done.stderr

    # a new article with a new figure for the soldiers near Pogrorsk
    (seeds / "005_new.txt").write_text(
        "Selon nos informations, 150.000 soldats russes se regroupent autour de Pogrorsk, en Ukraine.\n",
        encoding="utf-8")
    done, found = check_json(seeds, "--baseline", baseline)
    assert done.returncode == 1
    new = [d for d in found if d["baseline_state"] == "new"]
    assert len(new) == 1, [d["explanation"] for d in new]
    assert "soldat" in new[0]["subject"]
    assert {c["doc"] for c in new[0]["claims"]} >= {"005_new.txt", "000_aab5980a4fca424f.txt"}
    text = run_cli("check", seeds, "--baseline", baseline)
    assert text.returncode == 1
    assert text.stdout.count("[") >= 1 and new[0]["id"] in text.stdout
    assert "known discrepancies" in text.stdout

    # --exit-zero for a first rollout; --fail-on error ignores lower severities
    assert run_cli("check", seeds, "--baseline", baseline, "--exit-zero").returncode == 0


def test_ids_do_not_depend_on_lines_paths_or_order(seeds, tmp_path):
    _, before = check_json(seeds)
    ids = sorted(d["id"] for d in before)
    # move lines around in an article
    p = seeds / "002_202f7b002f9e5a06.txt"
    lines = p.read_text(encoding="utf-8").split("\n")
    p.write_text("\n".join([lines[0]] + list(reversed(lines[1:]))), encoding="utf-8")
    _, after = check_json(seeds)
    assert sorted(d["id"] for d in after) == ids
    # the same folder named differently
    _, rel = check_json("./seeds/", cwd=tmp_path)
    _, absolute = check_json(str(seeds.resolve()))
    assert sorted(d["id"] for d in rel) == sorted(d["id"] for d in absolute) == ids


def test_same_bytes_whatever_the_input_order(tmp_path):
    a = tmp_path / "a"
    b = tmp_path / "b"
    for d, text in ((a, "26 pays se sont engagés à envoyer des troupes."), (b, "35 pays se sont engagés à envoyer des troupes.")):
        d.mkdir()
        (d / "x.txt").write_text(text, encoding="utf-8")
    one = run_cli("check", tmp_path, "--format", "json")
    two = run_cli("check", tmp_path, "--format", "json")
    assert one.stdout == two.stdout


def test_baseline_errors_exit_2(seeds, tmp_path):
    missing = run_cli("check", seeds, "--baseline", tmp_path / "nope.json")
    assert missing.returncode == 2 and "baseline file not found" in missing.stderr
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    done = run_cli("check", seeds, "--baseline", bad)
    assert done.returncode == 2 and f"{bad}:1: error: baseline is not valid JSON" in done.stderr
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"tool": "recoupe", "version": 99, "entries": []}), encoding="utf-8")
    done = run_cli("check", seeds, "--baseline", wrong, "--exit-zero")
    assert done.returncode == 2 and "version 99" in done.stderr
    assert "Traceback" not in done.stderr


def test_accept_keeps_decision_and_note(seeds, tmp_path):
    baseline = tmp_path / "b.json"
    _, found = check_json(seeds)
    target = found[0]["id"]
    done = run_cli("baseline", "accept", target[:10], seeds, "--note", "vérifié avec l'AFP", "--baseline", baseline)
    assert done.returncode == 0, done.stderr
    assert run_cli("baseline", "write", seeds, "--baseline", baseline).returncode == 0
    entries = {e["id"]: e for e in json.loads(baseline.read_text(encoding="utf-8"))["entries"]}
    assert entries[target]["status"] == "accepted" and entries[target]["note"] == "vérifié avec l'AFP"
    assert "decided" in entries[target]
    # the accepted entry survives a rewrite even after the article that caused it is gone
    for doc in {c["doc"] for c in found[0]["claims"]}:
        (seeds / doc).unlink()
    assert run_cli("baseline", "write", seeds, "--baseline", baseline).returncode == 0
    entries = {e["id"]: e for e in json.loads(baseline.read_text(encoding="utf-8"))["entries"]}
    assert entries[target]["note"] == "vérifié avec l'AFP"
    # check lists it as fixed on standard error; --strict-baseline makes that fail
    done = run_cli("check", seeds, "--baseline", baseline)
    assert f"fixed: {target}" in done.stderr
    strict = run_cli("check", seeds, "--baseline", baseline, "--strict-baseline", "--fail-on", "error")
    assert strict.returncode == 1


def test_bad_file_does_not_rewrite_baseline(seeds, tmp_path):
    baseline = tmp_path / "b.json"
    assert run_cli("baseline", "write", seeds, "--baseline", baseline).returncode == 0
    before = baseline.read_bytes()
    (seeds / "broken.txt").write_bytes(b"\xff\xff")
    done = run_cli("baseline", "write", seeds, "--baseline", baseline)
    assert done.returncode == 2 and "broken.txt" in done.stderr
    assert baseline.read_bytes() == before
    # and check still checks the good files, exit 2 winning over --exit-zero
    done = run_cli("check", seeds, "--exit-zero")
    assert done.returncode == 2 and "broken.txt:1: error" in done.stderr and done.stdout.strip()


def test_new_member_extends_known_entry(seeds, tmp_path):
    baseline = tmp_path / "b.json"
    assert run_cli("baseline", "write", seeds, "--baseline", baseline).returncode == 0
    known = {e["id"]: e for e in json.loads(baseline.read_text(encoding="utf-8"))["entries"]}
    pays = next(e for e in known.values() if e["subject"].startswith("pays"))
    # a third article joins the countries disagreement with a figure of its own
    (seeds / "006_joins.txt").write_text("Quarante pays se sont engagés à rassembler des troupes pour l'Ukraine.\n",
                                         encoding="utf-8")
    done, found = check_json(seeds, "--baseline", baseline)
    assert done.returncode == 1
    [new] = [d for d in found if d["baseline_state"] == "new"]
    assert new["subject"].startswith("pays") and new["extends"] == pays["id"]
    assert pays["id"] not in {d["id"] for d in found}
    text = run_cli("check", seeds, "--baseline", baseline)
    assert f"extends {pays['id']}" in text.stdout
    assert f"fixed: {pays['id']}" not in text.stderr  # extended, not fixed


def test_statistics_and_fail_on(seeds):
    done = run_cli("check", seeds, "--statistics", "--format", "json")
    assert done.returncode == 1
    found = json.loads(done.stdout)  # standard output stays the payload
    assert "discrepancies" in done.stderr and "verdict contradiction" in done.stderr
    severities = {d["severity"] for d in found}
    assert "error" in severities
    assert run_cli("check", seeds, "--fail-on", "error").returncode == 1
    # with only warnings and infos left (the roles ignored), --fail-on error passes
    done = run_cli("check", seeds, "--fail-on", "error", "--ignore", "R,C02")
    assert done.returncode == 0, done.stdout
