"""Shared test helpers: run the extraction pipeline and the CLI on real inputs."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def registry():
    from recoupe.checker.registry import load_registry

    return load_registry(entry_points=False)


@pytest.fixture(scope="session")
def extractor(registry):
    from recoupe.checker.pipeline import Extractor

    return Extractor.from_registry(registry)


def make_article(text, lang="fr", date=None, id="a", story=".", **kw):
    from recoupe.checker.schema import Article

    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    return Article(id=id, text=text, story=story, lang=lang, date=date, **kw)


def run_cli(*args, cwd=None, input=None, env=None):
    """Run ``recoupe`` as a user would (a subprocess); return the CompletedProcess."""
    full_env = dict(os.environ)
    full_env.pop("RECOUPE_CONFIG", None)
    if env:
        full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "recoupe", *map(str, args)],
        cwd=cwd or ROOT, capture_output=True, text=True, input=input, env=full_env,
        encoding="utf-8",
    )
