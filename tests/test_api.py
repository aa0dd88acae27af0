"""The Python API: ``import recoupe``, ``recoupe.extract``, ``recoupe.check``, and the README's example."""
from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT


def test_readme_example_runs_and_finds_the_conflict():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python API", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "C01" in done.stdout and "pays" in done.stdout


def test_import_is_cheap_and_api_reads_paths(tmp_path):
    done = subprocess.run([sys.executable, "-c", "import sys, recoupe; print('pandas' in sys.modules)"],
                          capture_output=True, text=True)
    assert done.stdout.strip() == "False"
    import recoupe

    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "a.txt").write_text("Douze ponts ont été fermés.", encoding="utf-8")
    (tmp_path / "s" / "b.txt").write_text("Quinze ponts ont été fermés.", encoding="utf-8")
    claims = recoupe.extract([tmp_path / "s"], default_lang="fr")
    assert sorted(claims["value"].tolist()) == [12.0, 15.0]
    found = recoupe.check([tmp_path / "s"], default_lang="fr")
    assert [d.rule for d in found] == ["C01"]
    assert recoupe.check([tmp_path / "s"], default_lang="fr", ignore=["C01"]) == []
