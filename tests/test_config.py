"""Configuration, rule selection and custom rules, end to end through the CLI."""
from __future__ import annotations

import json
import shutil

from conftest import ROOT, run_cli

EXAMPLES = ROOT / "docs" / "examples"


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def corpus(tmp_path, *texts):
    folder = tmp_path / "articles"
    for i, t in enumerate(texts):
        write(folder / f"{i}.txt", t)
    return folder


ROLE_TEXTS = ("Le président américain Donald Trump a parlé avec 26 pays.",
              "L'ancien président américain Donald Trump a parlé avec 35 pays.")


def test_ignore_roles_in_pyproject(tmp_path):
    folder = corpus(tmp_path, *ROLE_TEXTS)
    before = json.loads(run_cli("check", folder, "--format", "json").stdout)
    assert any(d["kind"] == "role" for d in before)
    write(tmp_path / "pyproject.toml", '[project]\nname = "news"\n\n[tool.recoupe]\nignore = ["R"]\n')
    claims = [json.loads(l) for l in run_cli("extract", folder).stdout.splitlines()]
    assert claims and not [c for c in claims if c["kind"] == "role"]
    after = json.loads(run_cli("check", folder, "--format", "json").stdout)
    assert not [d for d in after if d["kind"] == "role"]
    # the command line wins over the file
    again = json.loads(run_cli("check", folder, "--format", "json", "--select", "ALL").stdout)
    assert any(d["kind"] == "role" for d in again)


def test_synonym_in_configuration_makes_claims_comparable(tmp_path):
    folder = corpus(tmp_path, "Douze frégates ont quitté le port de Toulon.",
                    "Vingt navires ont quitté le port de Toulon.")
    assert json.loads(run_cli("check", folder, "--format", "json").stdout) == []
    write(tmp_path / "recoupe.toml", '[synonyms]\nnavire = ["frégate"]\n')
    found = json.loads(run_cli("check", folder, "--format", "json").stdout)
    assert len(found) == 1 and found[0]["rule"] == "C01"


def test_custom_rule_modules(tmp_path):
    shutil.copy(EXAMPLES / "house_rules.py", tmp_path / "house_rules.py")
    shutil.copy(EXAMPLES / "house_compare.py", tmp_path / "house_compare.py")
    folder = corpus(tmp_path, "Le Var est placé en vigilance rouge.", "Le Var est placé en vigilance orange.")
    write(tmp_path / "pyproject.toml", '[tool.recoupe]\nextra-rules = ["house_rules.py", "house_compare.py"]\n')
    claims = [json.loads(l) for l in run_cli("extract", folder).stdout.splitlines()]
    assert {(c["rule"], c["value"]) for c in claims} == {("X01", "rouge"), ("X01", "orange")}
    done = run_cli("check", folder, "--format", "json")
    assert done.returncode == 1
    [d] = json.loads(done.stdout)
    assert d["rule"] == "X02" and d["severity"] == "warning"
    listed = json.loads(run_cli("rules", "--format", "json", "--config", tmp_path / "pyproject.toml").stdout)
    assert {"X01", "X02"} <= {r["code"] for r in listed}
    explained = run_cli("explain", "house.alert-level", "--config", tmp_path / "pyproject.toml")
    assert explained.returncode == 0 and "vigilance rouge" in explained.stdout


def test_entry_point_rule_without_installing(tmp_path):
    site = tmp_path / "site"
    shutil.copy(EXAMPLES / "house_rules.py", write(site / "house_pkg" / "__init__.py", "").parent / "alert.py")
    write(site / "house_pkg-1.0.dist-info" / "METADATA", "Metadata-Version: 2.1\nName: house-pkg\nVersion: 1.0\n")
    write(site / "house_pkg-1.0.dist-info" / "entry_points.txt", "[recoupe.rules]\nalert = house_pkg.alert\n")
    folder = corpus(tmp_path, "Le Var est placé en vigilance rouge.")
    done = run_cli("extract", folder, env={"PYTHONPATH": f"{site}:{ROOT}"})
    assert done.returncode == 0, done.stderr
    assert any(json.loads(l)["rule"] == "X01" for l in done.stdout.splitlines())


def test_misspelled_key_and_rule(tmp_path):
    folder = corpus(tmp_path, "Vingt-six pays.")
    write(tmp_path / "pyproject.toml", '[tool.recoupe]\nignor = ["R"]\n')
    done = run_cli("check", folder)
    assert done.returncode == 2
    [line] = done.stderr.strip().splitlines()
    assert "pyproject.toml" in line and "'ignor'" in line and "did you mean 'ignore'" in line
    write(tmp_path / "pyproject.toml", '[tool.recoupe]\nselect = ["C01", "R10"]\n')
    done = run_cli("check", folder)
    assert done.returncode == 2 and "'R10'" in done.stderr and "did you mean 'R01'" in done.stderr
    write(tmp_path / "pyproject.toml", '[tool.recoupe.tolerance]\nquantity = 2\n')
    done = run_cli("check", folder)
    assert done.returncode == 2 and "tolerance.quantity" in done.stderr


def test_tolerance_and_severity(tmp_path):
    folder = corpus(tmp_path, "Police said 100 protesters were arrested.", "Police said 104 protesters were arrested.")
    assert json.loads(run_cli("check", folder, "--format", "json").stdout)
    write(tmp_path / "recoupe.toml", "[tolerance]\nquantity = 0.05\n")
    assert json.loads(run_cli("check", folder, "--format", "json").stdout) == []
    write(tmp_path / "recoupe.toml", '[severity]\nC01 = "info"\n')
    [d] = json.loads(run_cli("check", folder, "--format", "json").stdout)
    assert d["severity"] == "info"
    assert run_cli("check", folder, "--fail-on", "warning").returncode == 0
    assert run_cli("check", folder).returncode == 1


def test_config_command_shows_origins(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.recoupe]\nignore = ["R"]\nexclude = ["drafts/*"]\n')
    done = run_cli("config", tmp_path, "--extend-select", "C")
    out = json.loads(done.stdout)
    assert out["file"].endswith("pyproject.toml")
    assert out["settings"]["ignore"] == ["R"] and out["origins"]["ignore"].endswith("pyproject.toml")
    assert out["settings"]["extend-select"] == ["C"] and out["origins"]["extend-select"] == "command line"
    assert out["origins"]["baseline"] == "default"
    # --select on the command line starts a fresh selection
    out = json.loads(run_cli("config", tmp_path, "--select", "C").stdout)
    assert out["settings"]["select"] == ["C"] and out["settings"]["ignore"] == []
    assert out["origins"]["ignore"] == "reset by --select"


def test_rules_listing_says_why(tmp_path):
    write(tmp_path / "recoupe.toml", 'ignore = ["R01"]\n')
    rows = json.loads(run_cli("rules", "--format", "json", "--config", tmp_path / "recoupe.toml").stdout)
    r01 = next(r for r in rows if r["code"] == "R01")
    assert r01["enabled"] is False and "ignored" in r01["why"]
    table = run_cli("rules").stdout
    assert "N01" in table and "C01" in table
