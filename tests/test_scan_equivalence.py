"""The fast scans give what the plain ones give.

The number scanner tokenises only the text around number words (``cand_re``), furniture is
found one regex branch at a time (``alternation_spans``) and titles with a ``\\b``-led
pattern when that is exact (``plain_word_chars``); each is checked here against the plain
way, on hand-written and on random texts.
"""
from __future__ import annotations

import random

import pytest
from conftest import SEEDS

FR_WORDS = ["zéro", "zero", "un", "une", "uns", "unes", "unième", "deux", "deuxième", "trois", "troisièmes", "quatre", "quatrième", "cinq", "cinquième", "six", "sixième", "sept", "septième", "huit", "huitième", "neuf", "neuvième", "dix", "dixième", "onze", "onzième", "douze", "douzième", "treize", "treizième", "quatorze", "quatorzième", "quinze", "quinzième", "seize", "seizième", "vingt", "vingts", "vingtième", "trente", "trentième", "quarante", "quarantième", "cinquante", "cinquantième", "soixante", "soixantième", "septante", "huitante", "octante", "nonante", "cent", "cents", "centième", "mille", "milles", "millième", "mil", "million", "millions", "millionième", "milliard", "milliards", "milliardième", "billion", "billions", "premier", "première", "premiers", "premières", "second", "seconde", "vingtieme", "premiere", "Vingt", "Premier", "MILLE"]
EN_WORDS = ["zero", "zeros", "nought", "o", "O", "os", "oh", "one", "ones", "first", "two", "twos", "second", "three", "third", "four", "fourth", "fourteen", "fourteenth", "forty", "fortieth", "five", "fifth", "fifteen", "fifteenth", "fifty", "fiftieth", "six", "sixth", "sixteen", "sixty", "seven", "seventh", "seventeen", "seventy", "eight", "eighth", "eighteen", "eighty", "eightieth", "nine", "ninth", "nineteen", "ninety", "ninetieth", "ten", "tenth", "tens", "eleven", "eleventh", "twelve", "twelfth", "twenty", "twentieth", "thirteen", "thirteenth", "thirty", "thirtieth", "hundred", "hundreds", "hundredth", "thousand", "thousands", "thousandth", "million", "millions", "millionth", "billion", "billions", "billionth", "trillion", "Twenty", "Hundred"]
JOINERS = {"fr": ["et", "virgule", "-", "sur"], "en": ["and", "point", "-", "a", "over"]}
INERT = ["pays", "les", "the", "of", "soldats", "people", ",", ".", "(", ")", "'", "12", "3,5", "1.5", "10h30",
         "https://t.co/x", "@afp", "F-16", "2025", "septembre", "centre", "militaire", "secondary", "tennis"]


def _read(toks, lang):
    from text_to_num import find_numbers

    from rules._numbers import _Tok

    return [(o.start, o.end, o.value, o.is_ordinal) for o in find_numbers([_Tok(t, 0, 0) for t in toks], lang, 0.0)]


@pytest.mark.parametrize("lang,words", [("fr", FR_WORDS), ("en", EN_WORDS)])
def test_number_word_stems_cover_what_text2num_reads(lang, words):
    from rules._numbers import _ACCENT_FIX, LEX

    probes = {"fr": ["un", "vingt", "cent", "mille", "deux", "et"], "en": ["one", "twenty", "hundred", "thousand", "a", "and"]}[lang]
    for w in words:
        t = w
        if lang == "fr":
            for pat, rep in _ACCENT_FIX:
                t = pat.sub(rep, t)
        contexts = [[t]] + [[n, t] for n in probes] + [[t, n] for n in probes]
        read = any(_read(c, lang) != _read(["§" if x is t else x for x in c], lang) for c in contexts)
        if read:
            assert LEX[lang].cand_re.match(w), f"{lang}: text2num reads {w!r}; add its start to number_word_stems"


def _random_text(rng, lang):
    from rules._numbers import LEX

    words = FR_WORDS if lang == "fr" else EN_WORDS
    out = []
    for _ in range(rng.randint(1, 60)):
        r = rng.random()
        if r < 0.3:
            out.append(rng.choice(words))
        elif r < 0.4:
            out.append(rng.choice(JOINERS[lang]))
        elif r < 0.45:
            out.append(rng.choice(list(LEX[lang].approx) + list(LEX[lang].fracw)))
        else:
            out.append(rng.choice(INERT))
    seps = [" ", " ", " ", "-", "\n", ", ", "\u00a0"]
    return "".join(w + rng.choice(seps) for w in out)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_windowed_tokens_read_like_all_tokens(lang):
    from rules import _numbers as N

    rng = random.Random(7)
    L = N.LEX[lang]
    texts = [_random_text(rng, lang) for _ in range(400)]
    texts += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for text in texts:
        blocked = N.alternation_spans(N.URL_BRANCHES, text) + [m.span() for m in L.date_re.finditer(text)]
        items = N._digits(text, L, sorted(blocked))
        reserved = blocked + [(n.start, n.end) for n in items]
        toks_all = N._tokens_all(text, L, reserved)
        toks = N._tokens(text, L, reserved)
        got = [(o.start, o.end, o.value) for o in N.find_numbers(toks, lang, 0.0)]
        want = [(o.start, o.end, o.value) for o in N.find_numbers(toks_all, lang, 0.0)]
        assert [(toks[a].s, toks[b - 1].e, v) for a, b, v in got] == \
            [(toks_all[a].s, toks_all[b - 1].e, v) for a, b, v in want], text
        # the words the scanner joins (fractions, approximate nouns) are all kept
        keep = lambda ts: [(t.s, t.t) for t in ts if t.t.lower() in L.fracw or t.t.lower() in L.approx]
        assert keep(toks) == keep(toks_all), text


def test_alternation_spans_is_the_alternation():
    from rules import _numbers as N

    rng = random.Random(3)
    pieces = ["https://t.co/abc", "www.x.fr/a", "pic.twitter.com/Zz", "lemonde.fr/page", "@AFP", "#Kiev", "10h30",
              "14H00", "8h", "10:30", "3 pm", "2025-09-04", "04/09/2025", "1.", "2)", "— CNEWS (@CNEWS) 4 sept",
              "mot", "12", "3-1", "a.b", "-", "\n", " ", "  ", ".", "/", ":"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", "\n", "\t"]) for _ in range(rng.randint(1, 25)))
        assert N.alternation_spans(N.URL_BRANCHES, text) == [m.span() for m in N.URL_RE.finditer(text)], text


@pytest.mark.parametrize("lang,text", [
    ("fr", "Le président américain Donald Trump et l'ex-Premier ministre, le chancelier allemand."),
    ("fr", "1er ministre, _président, 3président, e\u0301président, ⓐprésident, -président"),
    ("en", "US President Donald Trump met German Chancellor Friedrich Merz and former prime minister X."),
    ("en", "_President, 2President, a\u0301President, NATO's secretary general"),
])
def test_fast_title_scan_matches_the_plain_one(lang, text):
    from rules._names import lexicon, titles

    lx = lexicon(lang)
    want = [m.span() for m in lx.scan.finditer(text)]
    assert [m.span() for m in titles(text, lang)] == want
    assert [m.span() for m in lx.scan_fast.finditer(text.replace("_", " ").replace("\u0301", "").replace("ⓐ", " "))] == \
        [m.span() for m in lx.scan.finditer(text.replace("_", " ").replace("\u0301", "").replace("ⓐ", " "))]
