"""recoupe in a content repository, run as pre-commit and a CI job run it: a git repo of
Markdown articles in date folders, a ``pyproject.toml`` naming the corpus, a baseline."""
from __future__ import annotations

import json
import subprocess

import pytest

from conftest import run_cli

FLOOD_A = """---
title: Crue de la Saône
date: 2025-09-02
story: crue-saone
---
La Saône est sortie de son lit dans la nuit de lundi.

Quarante-deux communes ont été inondées, selon la préfecture.
"""
FLOOD_B = """---
title: Après la crue
date: 2025-09-03
story: crue-saone
---
Les habitants nettoient leurs maisons après la crue.

Cinquante-huit communes ont été inondées, d'après les pompiers.
"""
FLOOD_C = """---
title: Le bilan de la crue
date: 2025-10-01
story: crue-saone
---
Un mois après la crue, le bilan est lourd.

Soixante-dix communes ont été inondées.
"""


@pytest.fixture()
def repo(tmp_path):
    root = tmp_path / "site"
    (root / "content" / "2025" / "09").mkdir(parents=True)
    (root / "content" / "2025" / "10").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[project]\nname = "site"\n\n[tool.recoupe]\npaths = ["content/"]\n', encoding="utf-8")
    (root / "README.md").write_text("Ce dépôt compte 3 rédacteurs et 12 pigistes.\n", encoding="utf-8")  # not in paths
    (root / "content" / "2025" / "09" / "crue-a.md").write_text(FLOOD_A, encoding="utf-8")
    (root / "content" / "2025" / "09" / "crue-b.md").write_text(FLOOD_B, encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    done = run_cli("baseline", "write", cwd=root)
    assert done.returncode == 0, done.stderr
    return root


def ids(done) -> list[str]:
    assert done.returncode in (0, 1), done.stderr
    return sorted(d["id"] for d in json.loads(done.stdout))


def test_ids_do_not_depend_on_how_recoupe_is_called(repo):
    baseline = json.loads((repo / "recoupe-baseline.json").read_text(encoding="utf-8"))
    known = sorted(e["id"] for e in baseline["entries"])
    assert len(known) == 1 and baseline["entries"][0]["story"] == "crue-saone"
    assert baseline["entries"][0]["members"][0][0] == "content/2025/09/crue-a.md"
    everything = run_cli("check", "--format", "json", cwd=repo)
    assert everything.returncode == 0, everything.stderr  # known: the baseline at the root is found
    assert ids(everything) == known
    assert ids(run_cli("check", "content/", "--format", "json", cwd=repo)) == known
    assert ids(run_cli("check", "content/2025/09", "--format", "json", cwd=repo)) == known
    assert ids(run_cli("check", "--format", "json", cwd=repo / "content" / "2025")) == known
    assert ids(run_cli("check", "content/2025/09/crue-b.md", "--format", "json", cwd=repo)) == known
    assert ids(run_cli("check", "../09/crue-a.md", "--format", "json", cwd=repo / "content" / "2025" / "10")) == known
    # the README is outside the configured paths: never read
    claims = run_cli("extract", cwd=repo).stdout
    assert "pigistes" not in claims and "communes" in claims


def test_new_contradicting_article_is_reported_on_its_own_line(repo):
    new = repo / "content" / "2025" / "10" / "crue-c.md"
    new.write_text(FLOOD_C, encoding="utf-8")
    # pre-commit passes the changed file: it is checked against the whole corpus
    done = run_cli("check", "content/2025/10/crue-c.md", "--format", "github", cwd=repo)
    assert done.returncode == 1, done.stderr
    lines = [l for l in done.stdout.splitlines() if l.startswith("::")]
    assert lines and all("file=content/2025/10/crue-c.md,line=8," in l for l in lines), done.stdout
    assert "fixed" not in done.stderr
    # a CI job over the whole corpus: the most recent article carries the annotation too
    sarif_path = repo / "out.sarif"
    done = run_cli("check", "-o", f"sarif={sarif_path}", "-o", "github=-", cwd=repo)
    assert done.returncode == 1
    assert "file=content/2025/10/crue-c.md,line=8," in done.stdout
    results = json.loads(sarif_path.read_text(encoding="utf-8"))["runs"][0]["results"]
    new_ones = [r for r in results if r["baselineState"] == "new"]
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in new_ones} == {"content/2025/10/crue-c.md"}
    # an unchanged file checked alone reports nothing new that does not involve it
    assert run_cli("check", "content/2025/09/crue-a.md", "--format", "json", cwd=repo).returncode == 1


def test_bad_front_matter_date_is_one_line_and_the_rest_is_checked(repo):
    (repo / "content" / "2025" / "10" / "crue-c.md").write_text(FLOOD_C, encoding="utf-8")
    (repo / "content" / "2025" / "10" / "faux.md").write_text("---\ntitle: Faux\ndate: 2025-02-30\n---\nTexte.\n", encoding="utf-8")
    done = run_cli("check", "--format", "json", cwd=repo)
    assert done.returncode == 2
    errors = [l for l in done.stderr.splitlines() if "error" in l]
    assert len(errors) == 1 and "faux.md" in errors[0] and "Traceback" not in done.stderr
    assert "faux.md:3:" in errors[0] or "faux.md:1:" in errors[0]  # the date line (or the front matter's first)
    found = json.loads(done.stdout)  # the other articles were still checked
    assert any(c["doc"] == "content/2025/10/crue-c.md" for d in found for c in d["claims"])


def test_suppressions_in_the_article(repo):
    c = repo / "content" / "2025" / "10" / "crue-c.md"
    c.write_text(FLOOD_C.replace("Soixante-dix communes ont été inondées.",
                                 "Soixante-dix communes ont été inondées. <!-- recoupe: ignore C01 -->"), encoding="utf-8")
    done = run_cli("check", "content/2025/10/crue-c.md", cwd=repo)
    assert done.returncode == 0, done.stdout + done.stderr
    # a paragraph comment for another rule does not silence C01
    c.write_text(FLOOD_C.replace("Soixante-dix", "<!-- recoupe: ignore C03 -->\nSoixante-dix"), encoding="utf-8")
    assert run_cli("check", "content/2025/10/crue-c.md", cwd=repo).returncode == 1
    # front matter silences the whole article; an unused comment is reported when asked
    c.write_text(FLOOD_C.replace("story: crue-saone", "story: crue-saone\nrecoupe: {ignore: [C01]}")
                 + "\nLe bilan reste provisoire. <!-- recoupe: ignore D03 -->\n", encoding="utf-8")
    assert run_cli("check", "content/2025/10/crue-c.md", cwd=repo).returncode == 0
    done = run_cli("check", "content/2025/10/crue-c.md", "--report-unused-suppressions", cwd=repo)
    assert done.returncode == 1
    assert "crue-c.md:11: unused suppression (D03)" in done.stderr
    # per-file ignores in the configuration
    c.write_text(FLOOD_C, encoding="utf-8")
    pyproject = repo / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8") + '\n[tool.recoupe.per-file-ignores]\n"content/2025/10/*" = ["C01"]\n', encoding="utf-8")
    assert run_cli("check", "content/2025/10/crue-c.md", cwd=repo).returncode == 0
