"""The fast scans give what the plain ones give.

The number scanner tokenises only the text around number words (``cands``), furniture is
found one regex branch at a time (``alternation_spans``), and the long patterns (attribution
anchors, titles, dates, number words) are tried only where a run of letters or digits can
start a match (``rules.text.Scanner``); each is checked here against the plain way, on
hand-written and on random texts.
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

    from recoupe.rules.numbers.words import _Tok

    return [(o.start, o.end, o.value, o.is_ordinal) for o in find_numbers([_Tok(t, 0, 0) for t in toks], lang, 0.0)]


@pytest.mark.parametrize("lang,words", [("fr", FR_WORDS), ("en", EN_WORDS)])
def test_number_word_stems_cover_what_text2num_reads(lang, words):
    from recoupe.rules.numbers.lang import LEX
    from recoupe.rules.numbers.words import _ACCENT_FIX

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


def _tokens_all(text, L, reserved):
    """Every token of the text, as text2num reads them: what ``_tokens`` must match."""
    from recoupe.rules.numbers.words import _ACCENT_FIX, TOKEN_RE, _Tok

    toks = []
    res = sorted(reserved)
    ri = 0
    for m in TOKEN_RE.finditer(text):
        s, e = m.span()
        while ri < len(res) and res[ri][1] <= s:
            ri += 1
        if ri < len(res) and res[ri][0] < e:
            if not toks or toks[-1].t != "§":
                toks.append(_Tok("§", s, e))
            continue
        t = m.group()
        if t == "-" and 0 < s and e < len(text) and text[s - 1].isalpha() and text[e].isalpha():
            continue  # vingt-six -> vingt six
        if L.lang == "fr" and t[0].isalpha():
            for pat, rep in _ACCENT_FIX:
                t = pat.sub(rep, t)
        toks.append(_Tok(t, s, e))
    return toks


def _random_text(rng, lang):
    from recoupe.rules.numbers.lang import LEX

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
    from recoupe.rules.numbers import digits as D
    from recoupe.rules.numbers import furniture as F
    from recoupe.rules.numbers import words as W
    from recoupe.rules.numbers.lang import LEX

    rng = random.Random(7)
    L = LEX[lang]
    texts = [_random_text(rng, lang) for _ in range(400)]
    texts += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for text in texts:
        blocked = F.alternation_spans(F.URL_BRANCHES, text) + [m.span() for m in L.dates.finditer(text)]
        items = D.read_digits(text, L, sorted(blocked))
        reserved = blocked + [(n.start, n.end) for n in items]
        toks_all = _tokens_all(text, L, reserved)
        toks = W._tokens(text, L, reserved)
        got = [(o.start, o.end, o.value) for o in W.find_numbers(toks, lang, 0.0)]
        want = [(o.start, o.end, o.value) for o in W.find_numbers(toks_all, lang, 0.0)]
        assert [(toks[a].s, toks[b - 1].e, v) for a, b, v in got] == \
            [(toks_all[a].s, toks_all[b - 1].e, v) for a, b, v in want], text
        # the words the scanner joins (fractions, approximate nouns) are all kept
        keep = lambda ts: [(t.s, t.t) for t in ts if t.t.lower() in L.fracw or t.t.lower() in L.approx]
        assert keep(toks) == keep(toks_all), text


ARTICLE_NEIGHBOURS = ["un", "une", "Une", "UN", "d'un", "qu’une", "l'un", "an", "ans", "jour", "euros", "euro", "€", "$",
                      "dollars", "de", "d'", "sur", "et", "demi", "tiers", "quart", "millier", "trentaine", "million",
                      "troisième", "cinquième", "pays", "soldats", "fois", "bonne", "seul", "moins", "-", "3", "12", "/",
                      ",", "(", "«", "heure", "mois", "semaine", "vingt", "cent", "premier"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_lone_articles_skipped_change_nothing(lang, monkeypatch):
    """The scan gives the same rows when it tokenises around every ``un``/``une``."""
    from types import SimpleNamespace

    from recoupe.rules import numbers as N
    from recoupe.rules.numbers import words as W

    rng = random.Random(11)
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    seps = [" ", " ", " ", "\u00a0", "-", "\n", ", ", "'", ""]
    for _ in range(1500):
        words = [rng.choice(ARTICLE_NEIGHBOURS if rng.random() < 0.7 else FR_WORDS + INERT) for _ in range(rng.randint(1, 14))]
        texts.append("".join(w + rng.choice(seps) for w in words))
    fast = [N.scan(SimpleNamespace(text=t, lang=lang)) for t in texts]
    monkeypatch.setattr(W, "_LONE_ARTICLES", {})
    plain = [N.scan(SimpleNamespace(text=t, lang=lang)) for t in texts]
    for t, a, b in zip(texts, fast, plain):
        assert a == b, t


def test_alternation_spans_is_the_alternation():
    import regex

    from recoupe.rules.numbers import furniture as N

    plain = regex.compile("|".join(p for p, _ in N._URL_BRANCHES))
    rng = random.Random(3)
    pieces = ["https://t.co/abc", "www.x.fr/a", "pic.twitter.com/Zz", "lemonde.fr/page", "@AFP", "#Kiev", "10h30",
              "14H00", "8h", "10:30", "3 pm", "2025-09-04", "04/09/2025", "1.", "2)", "— CNEWS (@CNEWS) 4 sept",
              "mot", "12", "3-1", "a.b", "-", "\n", " ", "  ", ".", "/", ":", "x.com/", "1) ",
              ".fr/", "a-b.c.fr/x", "_x.io/", "-.eu/", "é.info/", "sub.domain.co.uk/", ".com", "fr/", "x.", "3.ch/"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", "\n", "\t"]) for _ in range(rng.randint(1, 25)))
        assert N.alternation_spans(N.URL_BRANCHES, text) == [m.span() for m in plain.finditer(text)], text


def _scanners():
    from recoupe.rules import names as _names, a01_attribution, d01_date, d02_weekday, d03_time
    from recoupe.rules.numbers.lang import LEX

    out = []
    for lang in ("fr", "en"):
        L = LEX[lang]
        out += [(f"numbers.cands.{lang}", L.cands), (f"numbers.dates.{lang}", L.dates),
                (f"numbers.vagues.{lang}", L.vagues), (f"numbers.not_ords.{lang}", L.not_ords),
                (f"numbers.wire_times.{lang}", L.wire_times),
                (f"A01.anchors.{lang}", a01_attribution.lexicon(lang)["anchors"]),
                (f"titles.{lang}", _names.lexicon(lang).scanner),
                (f"D01.{lang}", d01_date.date_scanner(lang)), (f"D02.{lang}", d02_weekday.weekday_scanner(lang)),
                (f"D03.{lang}", d03_time.time_scanner(lang))]
    return out


def _variants(rng, phrase):
    """A phrase as a text may write it: any case, typographic apostrophes, odd letters that
    match case-insensitively (``ſ`` for ``s``, ``K`` for ``k``, ``İ`` and ``ı`` for ``i``)."""
    p = rng.choice([phrase, phrase.upper(), phrase.title(), phrase.lower(), phrase.capitalize()])
    if rng.random() < 0.2:
        p = p.replace("'", "’")
    if rng.random() < 0.1:
        odd = {"s": "ſ", "k": "\u212a", "i": rng.choice("İı")}
        p = "".join(odd.get(c, c) if rng.random() < 0.5 else c for c in p)
    return p


@pytest.mark.parametrize("name,scanner", _scanners(), ids=lambda x: x if isinstance(x, str) else "")
def test_scanner_finds_what_its_pattern_finds(name, scanner):
    rng = random.Random(11)
    phrases = list(scanner.phrases) or ["x"]
    glue = ["", " ", "  ", "\n", "-", "'", "’", ",", ".", "/", "(", "»", "\u00a0", "\u0301", "é", "x", "3", "_"]
    inert = ["4", "12", "1er", "2025", "10h30", "le", "the", "de", "un", "one", "a", "septembre", "September",
             "jeudi", "Monday", "président", "en", "in", "selon", "said", "vingt", "mille", "premier",
             "the 4", "the 21st of", "le 1er", "3 sept.", "4 September", "des", "plusieurs", "l'", "a-t-il", "ex-"]
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for _ in range(1500):
        words = [_variants(rng, rng.choice(phrases)) if rng.random() < 0.5 else rng.choice(inert)
                 for _ in range(rng.randint(1, 12))]
        texts.append("".join(w + rng.choice(glue) for w in words))
    for text in texts:
        assert [m.span() for m in scanner.finditer(text)] == [m.span() for m in scanner.pattern.finditer(text)], \
            (name, text)


def test_run_keys_fold_every_case_insensitive_match():
    """A character an engine's ``(?i)`` matches with a letter of a scanned phrase is a letter
    (it continues the run) with the same :func:`fold_key`: a run key never misses a match."""
    import re

    import regex

    from recoupe.rules.text import fold_key

    alphabet = {c for _, sc in _scanners() for p in sc.phrases for c in p.lower() if c.isalpha()}
    everything = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i <= 0xDFFF)
    for engine, letter in ((regex, regex.compile(r"\p{L}")), (re, re.compile(r"\w"))):
        for x in sorted(alphabet):
            for c in set(engine.findall("(?i)" + engine.escape(x), everything)):
                assert letter.match(c) and fold_key(c) == fold_key(x), (engine.__name__, x, c)
