"""No pattern backtracks catastrophically, and no stage is quadratic in the text.

Every compiled pattern of the rules (module level, the per-language lexicons of the number
scanner, the role titles) and the engine's sentence splitter is run over 32 KB runs of the
characters that trigger backtracking in a pattern of its family (initials for the person
names, digit runs with separators for the number grammar, number words, dates, clock
times, handles, ...): each scan must finish in one second. A catastrophic pattern takes
minutes on these texts (the person-name pattern took 26 s on 16 KB of "M. ").
"""
from __future__ import annotations

import gc
import re
import time
from types import ModuleType

import pytest
import regex

SIZE = 32 * 1024
LIMIT = 1.0

#: Runs of trigger characters, by the pattern family they aim at; repeated to 32 KB.
TRIGGERS = {
    "names": ["M. ", "A. B. ", "J.-", "Jean-Jean-", "O'O'", "Ab Ab ", "Jean de la ", "M. M. Jean "],
    "digits": ["1-", "1 ", "1.", "1,", "1/", "1e", "1^", "-1", "1 000 ", "1.000,", "12k ", "1-1 ", "1:"],
    "words": ["quatre-vingt-", "vingt et un ", "one hundred and ", "un tiers ", "une trentaine de ",
              "des milliers de ", "half a "],
    "dates": ["4 septembre ", "lundi ", "Monday ", "12/12/", "2025-09-", "10h", "10:10:", "3 pm "],
    "furniture": ["@a", "#a ", "www.", "a.com/", "a.", "— (@a) "],
    "roles": ["président ", "le président du ", "the former president of ", "Le Président Jean "],
    "text": [". ", "« ", "\n", "—", "’", "é\u0301", "\u2028", "a" * 7],
}


def _patterns():
    """Every compiled pattern the extraction uses, as ``(name, pattern)``."""
    import importlib
    import pkgutil

    from recoupe import rules
    from recoupe.checker import pipeline
    from recoupe.rules import names as _names
    from recoupe.rules.numbers import lang as numbers_lang

    found: dict[int, tuple[str, object]] = {}

    def add(name, obj):
        if hasattr(obj, "guard") and callable(getattr(obj, "search", None)):
            found.setdefault(id(obj), (name, _Guarded(obj)))  # _HostPath: scanned as the engine scans it
        elif isinstance(obj, (re.Pattern, regex.Pattern)):
            found.setdefault(id(obj), (name, obj))
        elif hasattr(obj, "pattern") and isinstance(getattr(obj, "pattern"), (re.Pattern, regex.Pattern)):
            found.setdefault(id(obj.pattern), (name, obj.pattern))  # a Scanner, _HostPath
        elif isinstance(obj, dict):
            for k, v in obj.items():
                add(f"{name}[{k}]", v)
        elif isinstance(obj, (tuple, list)):
            for i, v in enumerate(obj):
                add(f"{name}[{i}]", v)

    mods: list[ModuleType] = [pipeline]
    for info in pkgutil.walk_packages(rules.__path__, rules.__name__ + "."):
        mods.append(importlib.import_module(info.name))
    for mod in mods:
        for attr, obj in vars(mod).items():
            add(f"{mod.__name__}.{attr}", obj)
    for lang in ("fr", "en"):
        L = numbers_lang.LEX[lang]
        for attr, obj in vars(L).items():
            add(f"numbers.Lang({lang}).{attr}", obj)
        lx = _names.lexicon(lang)
        add(f"_names.lexicon({lang}).scan", lx.scan)
        add(f"_names.lexicon({lang}).full", lx.full)
    return sorted(found.values(), key=lambda p: p[0])


class _Guarded:
    """A pattern the engine only runs behind a cheap guard (``furniture._HostPath``): its
    ``finditer`` goes through the guarded ``search``, as the number scanner's does; the raw
    pattern alone is quadratic on long runs of host characters by design."""

    def __init__(self, obj):
        self.obj = obj

    def finditer(self, text):
        pos = 0
        while pos <= len(text):
            m = self.obj.search(text, pos)
            if m is None:
                return
            yield m
            pos = m.end() if m.end() > pos else pos + 1


PATTERNS = _patterns()
TEXTS = [(family, t) for family, ts in TRIGGERS.items() for t in ts]


def test_the_patterns_are_found():
    names = {n for n, _ in PATTERNS}
    # the families this test is about, by their best-known member
    for expected in ("recoupe.rules.names.NAME_RE", "numbers.Lang(fr).digit_re", "numbers.Lang(en).digit_re",
                     "recoupe.checker.pipeline.SENTENCE_END_RE", "_names.lexicon(fr).scan"):
        assert expected in names
    assert len(PATTERNS) > 60
    for family, keys in FAMILY.items():
        assert any(any(k in n for k in keys) for n in names), family


#: The patterns of each family, by a part of their name (module, lexicon attribute).
FAMILY = {
    "names": ("names.",),
    "digits": ("digit_re", "FRACTION", "SCORE", "numbers.digits", "numbers.furniture"),
    "words": ("cand", "TOKEN", "vagues", "numbers.words", "numbers.joining"),
    "dates": ("d01_", "d02_", "d03_", "d04_", ").dates"),
    "furniture": ("furniture", "URL"),
    "roles": ("names.lexicon", "r01_", "c02_"),
    "text": ("pipeline", "a01_", "a02_", "text."),
}


def _scan_times(patterns, text):
    slow = []
    for name, pat in patterns:
        t0 = time.perf_counter()
        for _ in pat.finditer(text):
            pass
        spent = time.perf_counter() - t0
        if spent > LIMIT:
            slow.append(f"{name}: {spent:.2f} s")
    return slow


@pytest.mark.parametrize("family,trigger", TEXTS, ids=[f"{f}:{t!r}" for f, t in TEXTS])
def test_each_family_scans_32kb_of_its_triggers_in_a_second(family, trigger):
    text = (trigger * (SIZE // len(trigger) + 1))[:SIZE]
    mine = [(n, p) for n, p in PATTERNS if any(k in n for k in FAMILY[family])]
    assert mine
    assert not _scan_times(mine, text)


@pytest.mark.parametrize("family,trigger", TEXTS, ids=[f"{f}:{t!r}" for f, t in TEXTS])
def test_every_pattern_scans_4kb_of_any_trigger_in_a_second(family, trigger):
    """Every pattern against every family's triggers, on 4 KB (a catastrophic pattern takes
    seconds there already: cubic growth)."""
    text = (trigger * (4096 // len(trigger) + 1))[:4096]
    assert not _scan_times(PATTERNS, text)


@pytest.mark.parametrize("trigger,lang", [("M. ", "fr"), ("A. B. ", "en"), ("1-", "fr"), ("1 ", "fr"),
                                          ("quatre-vingt-", "fr"), ("4 septembre ", "fr"), ("O'", "en"),
                                          ("lundi ", "fr")])
def test_stages_are_linear_in_the_text(extractor, trigger, lang):
    """The whole extraction of 32 KB of a trigger costs at most 2.5 times that of 16 KB
    (quadratic is 4 times; the slack is for a busy machine)."""
    from conftest import make_article

    def cost(size):
        # best of three, the garbage collector paused: a full collection of the test
        # session's heap landing in one run is not the extraction's cost
        text = (trigger * (size // len(trigger) + 1))[:size]
        best = None
        for _ in range(3):
            gc.collect()
            gc.disable()
            try:
                t0 = time.perf_counter()
                extractor.article_rows(make_article(text, lang))
                spent = time.perf_counter() - t0
            finally:
                gc.enable()
            best = spent if best is None else min(best, spent)
        return best

    cost(1024)  # compile the language's patterns first
    small, large = cost(8 * 1024), cost(32 * 1024)
    assert large <= 6 * small + 0.05, (small, large)  # 4x the text: linear is 4x, quadratic 16x


#: Module-level patterns the rules match at a position of the whole text (besides the
#: number scanner's lexicon patterns, ``numbers.Lang``).
MATCHED_AT = {"_COMMA", "_CLOSE", "_ANAPHORA_NEXT", "THAT_RE", "NAME_RE"}


@pytest.mark.parametrize("prose", ["Le 4 mars, 12 maisons ont brûlé selon la mairie. ",
                                   "On March 4, 12 houses burned, the mayor said. "])
def test_a_match_at_one_position_does_not_read_the_rest_of_the_text(prose):
    """Patterns matched at a position (``pattern.match(text, pos)``, what the number
    classifiers do after each number) cost the same in a 2 MB article as in a short one.
    ``[ \\t]*(?i:points de base)`` did not: the regex module looked for the phrase through
    the rest of the text at every call, which made a 16 MB article cost 54 times a 1.6 MB
    one."""
    long_text = (prose * (2_000_000 // len(prose) + 1))
    slow = []
    for name, pat in PATTERNS:
        if not (name.startswith("numbers.Lang(") or name.rsplit(".", 1)[-1].split("[")[0] in MATCHED_AT):
            continue
        t0 = time.perf_counter()
        for pos in range(0, 60, 3):
            pat.match(long_text, pos)
        spent = time.perf_counter() - t0
        if spent > 0.1:  # 20 matches; a pattern that reads 2 MB per match takes about 0.4 s
            slow.append(f"{name}: {spent:.2f} s")
    assert not slow
