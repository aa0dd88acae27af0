"""Person names and roles: name variants, title patterns, role parsing and conflicts.

Shared by the role extractor (``r01_role``) and the role comparator. Everything is
built once, at first use, from ``rules/data/roles_fr.yaml``, ``roles_en.yaml`` and
``names.yaml``; the functions are pure.

Public helpers:

- :func:`canonical_name` -- the canonical form of a person name (``Zelenskyy`` ->
  ``Volodymyr Zelensky``), with an optional extension table ``{canonical: [variants]}``;
- :func:`parse_role` -- a normalised role value as ``{office, modifier, country, ...}``;
- :func:`roles_conflict` -- whether two roles given to one person are incompatible;
- :func:`title_regex`, :func:`role_from_match`, :func:`name_mentions` -- the scanners
  R01 runs (one pass of each over a text).

Normal forms (the ``value`` of a role claim), lower case, straight apostrophe:

- French: ``[ancien|futur] OFFICE [DOMAIN] [NATIONALITY] [ORGANISATION] [par intérim]``,
  OFFICE the masculine singular lemma (``Première ministre`` -> ``premier ministre``),
  NATIONALITY the masculine singular adjective (``italienne`` -> ``italien``; a country
  complement ``de l'Ukraine`` is written ``ukrainien``), ORGANISATION the complement as
  listed (``de l'otan``). ``ex-`` is written ``ancien``, ``élu`` ``futur``; ``actuel``,
  ``nouveau`` and ``sortant`` are left out of the value (they stay in the qualifier).
- English: ``[former|future] [acting] [COUNTRY] OFFICE`` with COUNTRY the country's
  normal form (``US``, ``American`` -> ``us``; ``NATO's``, ``of NATO`` -> ``nato``).
- A title held relative to another one is ``OFFICE du|de la|de l'|des ROLE``
  (``émissaire spécial du président américain``), ``OFFICE of ROLE`` in English.

Office keys (``president``, ``prime minister``, ``minister|foreign affairs`` ...) and
country codes (``US``, ``DE``, ``NATO``) are language-independent, so that a French and
an English role of one person can be compared.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import regex

from .text import Scanner, alt, data, fold

LANGS = ("fr", "en")

# --------------------------------------------------------------------------- names

#: One capitalised name word: Jean-Noël, McConnell, O'Brien, Jong-un.
_TOK = r"(?:O['’])?\p{Lu}[\p{Ll}\p{M}]+(?:\p{Lu}[\p{Ll}\p{M}]+)?(?:[-‑]\p{L}[\p{Ll}\p{M}]*)*"
#: Initials before a name: J. D. Vance, J.D. Vance, J. R. R. Tolkien. Bounded (four at most)
#: and possessive: "M. M. M. ..." must not be retried at every length from every initial.
_INIT = r"\p{Lu}\.(?:\s?\p{Lu}\.){0,3}+"
#: Lower-case particles inside a name (Ursula von der Leyen, Charles de Gaulle).
_PARTICLES = ("de", "du", "des", "da", "di", "del", "della", "dos", "das", "van", "von", "der", "den",
              "ten", "ter", "ben", "bin", "al", "el")
#: Particles that may only follow the first word (Charles de Gaulle, but not
#: "Friedrich Merz de Berlin", "Mark Carney du Canada").
_FIRST_ONLY = frozenset({"de", "du", "des", "di", "del", "della"})
_PART = "(?:" + "|".join(_PARTICLES) + ")"
#: A regnal number after a monarch's name (Felipe VI, Charles III).
_REGNAL = r"(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3})"
NAME_RE = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}])(?:{_INIT}\s*)?{_TOK}(?:\s+(?:{_PART}\s+){{0,2}}{_TOK}){{0,4}}"
    rf"(?:\s+{_REGNAL})?(?![\p{{L}}\p{{N}}])"
)
_NAME_TOKEN_RE = regex.compile(rf"{_INIT}|{_TOK}|\S+")

#: Capitalised words that are never part of a person name at its start or end.
_WEEKDAYS_MONTHS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "janvier", "février", "fevrier", "mars", "avril", "mai", "juin", "juillet", "août", "aout", "septembre", "octobre", "novembre", "décembre", "decembre", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
_HONORIFICS = ["m", "mme", "mmes", "mlle", "mr", "mrs", "ms", "dr", "president", "président", "premier", "le", "la", "les", "l", "the", "a", "an", "un", "une"]


@functools.cache
def _name_stops(lang: str) -> frozenset[str]:
    from .text import stopwords

    words = set(_WEEKDAYS_MONTHS) | set(_HONORIFICS)
    for lg in LANGS:
        words |= {fold(w) for w in stopwords(lg)}
    return frozenset(words)


def name_key(name: str) -> str:
    """The look-up key of a name: folded, no dots or hyphens, single spaces."""
    return fold(name, "name")


def form_key(form: str) -> str:
    """The look-up key of a matched lexicon form (see :func:`~recoupe.rules.text.fold`)."""
    return fold(form, "form")


@functools.cache
def _names_index() -> tuple[dict[str, str], frozenset[str]]:
    conf = data("names.yaml") or {}
    index: dict[str, str] = {}
    for canonical, variants in (conf.get("names") or {}).items():
        for v in [canonical, *(variants or [])]:
            index.setdefault(name_key(v), canonical)
    not_names = frozenset(name_key(n) for n in conf.get("not_names") or ())
    return index, not_names


def _freeze(extra: Mapping[str, Any] | None) -> tuple:
    if not extra:
        return ()
    out = []
    for k, v in extra.items():
        vs = (v,) if isinstance(v, str) else tuple(str(x) for x in (v or ()))
        out.append((str(k), vs))
    return tuple(sorted(out))


@functools.lru_cache(maxsize=64)
def _extra_index(frozen: tuple) -> dict[str, str]:
    index: dict[str, str] = {}
    for canonical, variants in frozen:
        for v in (canonical, *variants):
            index.setdefault(name_key(v), canonical)
    return index


def clean_name(name: str) -> str:
    """A name with plain apostrophes and single spaces."""
    return " ".join(name.replace("’", "'").replace("‑", "-").split())


def known_name(name: str, extra: Mapping[str, Any] | None = None) -> str | None:
    """The canonical form of a name listed in names.yaml (or ``extra``), else None."""
    key = name_key(name)
    if extra:
        hit = _extra_index(_freeze(extra)).get(key)
        if hit:
            return hit
    return _names_index()[0].get(key)


def canonical_name(name: str, lang: str = "fr", extra: Mapping[str, Any] | None = None) -> str:
    """The canonical form of a person name.

    Variants listed in ``rules/data/names.yaml`` (or in ``extra``, a mapping
    ``{canonical: [variants]}`` that takes precedence, e.g. ``ctx.settings["names"]``)
    map to their canonical form, ignoring case, accents, dots and hyphens; any other
    name is returned cleaned (plain apostrophes, single spaces). The canonical forms
    are language-independent; ``lang`` is accepted for symmetry with the other helpers.
    """
    return known_name(name, extra) or clean_name(name)


@functools.cache
def _person_countries() -> dict[str, str]:
    conf = data("names.yaml") or {}
    return {name_key(k): str(v) for k, v in (conf.get("countries") or {}).items()}


def person_country(name: str) -> str | None:
    """The country code names.yaml gives a known person (``Emmanuel Macron`` -> ``FR``)."""
    return _person_countries().get(name_key(canonical_name(name)))


def is_not_name(name: str) -> bool:
    """True for capitalised sequences listed as non-persons (Maison Blanche)."""
    return name_key(name) in _names_index()[1]


@functools.lru_cache(maxsize=65536)
def _ffold(word: str) -> str:
    return fold(word)


def _trim_name(text: str, start: int, end: int, lang: str) -> tuple[int, int, int] | None:
    """Trim stop words off a NAME_RE match; return (start, end, word count) or None."""
    got = _trim_surface(text[start:end], lang)
    return None if got is None else (start + got[0], start + got[1], got[2])


@functools.lru_cache(maxsize=65536)
def _trim_surface(surface: str, lang: str) -> tuple[int, int, int] | None:
    """:func:`_trim_name` of a match's text, offsets relative to it (names recur: cached)."""
    stops = _name_stops(lang)
    toks = [(m.start(), m.end(), m.group()) for m in _NAME_TOKEN_RE.finditer(surface)]
    while toks and _ffold(toks[0][2]).rstrip(".") in stops:
        toks.pop(0)
    # a particle that may only follow the first word ends the name elsewhere
    for i, (_, _, t) in enumerate(toks):
        if i >= 2 and t in _FIRST_ONLY:
            toks = toks[:i]
            break
    while toks and (_ffold(toks[-1][2]) in stops or toks[-1][2] in _PARTICLES):
        toks.pop()
    words = [t for t in toks if t[2] not in _PARTICLES]
    if not words:
        return None
    return toks[0][0], toks[-1][1], len(words)


def name_at(text: str, pos: int, lang: str) -> tuple[int, int, int] | None:
    """The person name starting exactly at ``pos``: (start, end, word count), or None."""
    m = NAME_RE.match(text, pos)
    if not m:
        return None
    trimmed = _trim_name(text, m.start(), m.end(), lang)
    if not trimmed or trimmed[0] != pos:
        return None
    if is_not_name(text[trimmed[0]:trimmed[1]]):
        return None
    return trimmed


def name_mentions(text: str, lang: str) -> list[tuple[int, int, int]]:
    """Every capitalised name-like sequence of a text: ``[(start, end, words)]``.

    One-word mentions are returned too (``Zelensky``); the caller keeps those it can
    resolve. Sequences listed in ``not_names`` are left out.
    """
    out = []
    for m in NAME_RE.finditer(text):
        trimmed = _trim_name(text, m.start(), m.end(), lang)
        if trimmed and not is_not_name(text[trimmed[0]:trimmed[1]]):
            out.append(trimmed)
    return out


def surname_key(name: str) -> str:
    """The look-up key of a full name's surname (last word with its particles)."""
    toks = clean_name(name).split()
    i = len(toks) - 1
    while i > 0 and toks[i - 1] in _PARTICLES:
        i -= 1
    return name_key(" ".join(toks[i:]))


# --------------------------------------------------------------------------- lexicons


def _form_re(form: str) -> str:
    """A lexicon form as a pattern: spaces match any blank, apostrophes and hyphens any variant."""
    out = []
    for ch in form:
        if ch == " ":
            out.append(r"\s+")
        elif ch in "'’":
            out.append(r"['’]\s*")
        elif ch in "-‑":
            out.append(r"[-‑\s]")
        else:
            out.append(regex.escape(ch))
    return "".join(out)




class _Lexicon:
    """A language's role lexicon, compiled."""

    def __init__(self, lang: str):
        conf = data(f"roles_{lang}.yaml")
        self.lang = lang
        self.offices: dict[str, dict[str, str]] = {}
        for o in conf["offices"]:
            for f in o["forms"]:
                self.offices.setdefault(form_key(f), {"key": o["key"], "lemma": o["lemma"]})
        self.office_lemmas = {o["lemma"]: o["key"] for o in conf["offices"]}
        self.modifiers = {form_key(k): {"lemma": v.get("lemma", k), **v} for k, v in (conf.get("modifiers") or {}).items()}
        self.post = {form_key(k): {"lemma": v.get("lemma", k), **v} for k, v in (conf.get("post_modifiers") or {}).items()}
        self.determiners = [d for d in conf.get("determiners") or ()]
        self.genitive_heads = frozenset(form_key(w) for w in conf.get("genitive_heads") or ())
        self.anaphora_words = frozenset(form_key(w) for w in conf.get("anaphora_words") or ())
        self.name_prepositions = frozenset(form_key(w) for w in conf.get("name_prepositions") or ())
        self.apposition_links = {form_key(k): v for k, v in (conf.get("apposition_links") or {}).items()}
        self.domains: dict[str, dict[str, str]] = {}
        for d in conf.get("domains") or ():
            for f in d["forms"]:
                self.domains[form_key(f)] = {"key": d["key"], "text": d["text"]}
        self.orgs: dict[str, dict[str, str]] = {}
        for o in conf.get("organisations") or ():
            for f in o["forms"]:
                self.orgs[form_key(f)] = {"code": o["code"], "text": o["text"]}
        # nationality adjectives and country names
        self.adjs: dict[str, str] = {}  # form key -> code
        self.country_names: dict[str, str] = {}  # complement / name key -> code
        self.norm: dict[str, str] = {}  # code -> normal form in values
        if lang == "fr":
            for code, c in (conf.get("nationalities") or {}).items():
                self.norm[code] = c["adj"][0]
                for f in c["adj"]:
                    self.adjs[form_key(f)] = code
                for n in c.get("names") or ():
                    self.country_names[form_key(_fr_complement(n))] = code
        else:
            for code, c in (conf.get("countries") or {}).items():
                self.norm[code] = c["norm"]
                for f in c["adj"]:
                    self.adjs[form_key(f)] = code
                for n in c.get("names") or ():
                    self.country_names[form_key(n)] = code
        self.org_norm = {o["code"]: o["text"] for o in conf.get("organisations") or ()}
        ranks = conf.get("person_ranks") or ()
        #: a rank or honorific before a capitalised name (Senior General X, le général X):
        #: not part of the name; French ranks in any case, English ones as written
        rank = rf"(?<![\p{{L}}\p{{N}}])(?:{alt(ranks) or '(?!)'})[ \t\u00a0]+(?-i:(?=\p{{Lu}}))"
        self.rank = regex.compile(rank, regex.IGNORECASE if lang == "fr" else 0)
        self.ranks = Scanner(self.rank, ranks)
        self._conf = conf

    @functools.cached_property
    def full(self) -> regex.Pattern:
        """The case-insensitive title pattern :func:`parse_role` matches values with."""
        return regex.compile(self._pattern(self._conf, parse=True), regex.IGNORECASE)

    @functools.cached_property
    def scan(self) -> regex.Pattern:
        return regex.compile(self._pattern(self._conf, parse=False))

    @functools.cached_property
    def scanner(self) -> Scanner:
        """:attr:`scan`, tried only at the words a title can start with."""
        conf = self._conf
        words = [f for o in conf["offices"] for f in o["forms"]] + list(conf.get("modifiers") or {}) + ["ex"]
        if self.lang != "fr":
            countries = (conf.get("countries") or {}).values()
            words += [f for c in countries for f in c["adj"]] + [n for c in countries for n in c.get("names") or ()]
        return Scanner(self.scan, words)

    # The title pattern; ``parse`` builds the case-insensitive variant parse_role uses.
    def _pattern(self, conf: dict, parse: bool) -> str:
        offices = alt((f for o in conf["offices"] for f in o["forms"]), trie=True)
        mods = alt((conf.get("modifiers") or {}).keys(), trie=True)
        posts = alt((conf.get("post_modifiers") or {}).keys(), trie=True)
        lb = r"(?<![\p{L}\p{N}\-‑])"
        rb = r"(?![\p{L}\p{N}])"
        if self.lang == "fr":
            adjs = alt((f for c in conf["nationalities"].values() for f in c["adj"]), trie=True)
            doms = alt((f for d in conf.get("domains") or () for f in d["forms"]), trie=True)
            orgs = alt([f for o in conf.get("organisations") or () for f in o["forms"]]
                        + [_fr_complement(n) for c in conf["nationalities"].values() for n in c.get("names") or ()], trie=True)
            body = (
                rf"(?P<pre>(?:(?P<mod>{mods})\s+|(?P<ex>ex)\s*[-‑]\s*)?)"
                rf"(?P<office>{offices}){rb}"
                rf"(?:\s+(?P<adj1>{adjs}){rb})?"
                rf"(?:\s+(?P<dom>{doms}){rb})?"
                rf"(?:\s+(?P<adj2>{adjs}){rb})?"
                rf"(?:\s+(?P<org>{orgs}){rb})?"
                rf"(?:\s+(?P<cmp>{self._complement(conf, parse, offices)}))?"
                rf"(?:\s+(?P<post>{posts}){rb})?"
            )
            return rf"(?i:{lb}{body})"
        countries = conf.get("countries") or {}
        adjs = alt((f for c in countries.values() for f in c["adj"]), trie=True)
        names = alt((n for c in countries.values() for n in c.get("names") or ()), trie=True)
        ci = "(?i:" if not parse else "(?:"
        body = (
            rf"{lb}(?P<pre>(?:(?i:(?P<mod>{mods}))[-\s]+)?)"
            rf"(?:(?:(?P<cty>{adjs})|(?P<poss>{names})['’]s)\s+)?"
            rf"(?:(?i:(?P<mod2>{mods}))[-\s]+)?"
            rf"{ci}(?P<office>{offices})){rb}"
            rf"(?:-(?i:(?P<post>{posts})))?"
            rf"(?:\s+of\s+(?P<of>{names}){rb})?"
        )
        return body


    @staticmethod
    def _complement(conf: dict, parse: bool, offices: str) -> str:
        """Any office complement the lexicon does not list (``de la Culture``, ``de police
        de Paris``, ``du Travail et de la Santé``): up to three links, each a preposition,
        a capitalised word or a ``complement_nouns`` noun, and at most one adjective."""
        nouns = alt(conf.get("complement_nouns") or (), trie=True)
        ends = "|".join(sorted(map(regex.escape, conf.get("adjective_endings") or ()), key=len, reverse=True))
        cap = r"\p{L}[\p{L}\-]*" if parse else r"(?-i:\p{Lu}[\p{L}\-]*)"
        adj = r"\p{L}+" if parse else r"(?-i:\p{Ll}+)"
        prep = r"(?:de\s+la\s+|de\s+l['’]\s*|du\s+|des\s+|de\s+|d['’]\s*)"
        not_office = rf"(?!(?i:{offices})(?![\p{{L}}\p{{N}}]))"
        link = rf"(?:et\s+)?{prep}{not_office}(?:{nouns}|{cap})(?![\p{{L}}\p{{N}}])(?:\s+{adj}(?:{ends})(?![\p{{L}}\p{{N}}]))?"
        return rf"{link}(?:\s+{link}){{0,2}}"


def _fr_complement(name: str) -> str:
    """``la france`` -> ``de la france``, ``le canada`` -> ``du canada``, ``l'ukraine`` -> ``de l'ukraine``."""
    n = name.strip()
    low = n.lower()
    if low.startswith("les "):
        return "des " + n[4:]
    if low.startswith("le "):
        return "du " + n[3:]
    if low.startswith(("la ", "l'", "l’")):
        return "de " + n
    if low[:1] in "aeiouyéèêâîôûh":
        return "d'" + n
    return "de " + n


@functools.cache
def lexicon(lang: str) -> _Lexicon:
    return _Lexicon(lang if lang in LANGS else "fr")


def titles(text: str, lang: str) -> Iterator[regex.Match]:
    """The title matches of a text (one scan)."""
    return lexicon(lang).scanner.finditer(text)


def title_regex(lang: str) -> regex.Pattern:
    """The compiled title pattern of a language (offices with their modifiers and complements)."""
    return lexicon(lang).scan


def role_from_match(m: regex.Match, lang: str) -> dict[str, Any]:
    """A title match as a role: value (normal form), office, key, country, time, qualifier."""
    lex = lexicon(lang)
    g = m.groupdict()
    off = lex.offices[form_key(g["office"])]
    office, key = off["lemma"], off["key"]
    qualifier = None
    mod_value = None
    time = "current"
    suffix = None
    mods = [g.get("mod"), g.get("mod2")]
    if g.get("ex"):
        mods.append("ex")
    for mod in mods:
        if not mod:
            continue
        info = lex.modifiers.get(form_key(mod))
        if not info:
            continue
        qualifier = qualifier or info["lemma"]
        if info["time"] != "current":
            time = info["time"]
        if info.get("value") and info.get("suffix") or info.get("value") in ("acting",):
            suffix = info["value"]
        elif info.get("value"):
            mod_value = info["value"]
    if g.get("post"):
        info = lex.post.get(form_key(g["post"]))
        if info:
            qualifier = qualifier or info["lemma"]
            if info["time"] != "current":
                time = info["time"]
            if info.get("suffix"):
                suffix = info["value"]
            elif info.get("value"):
                mod_value = info["value"]
    country = None
    domain_text = None
    org_text = None
    if lang == "fr":
        adj = g.get("adj1") or g.get("adj2")
        if adj:
            country = lex.adjs.get(form_key(adj))
        if g.get("dom"):
            d = lex.domains[form_key(g["dom"])]
            domain_text = d["text"]
            if "|" not in key:
                key = f"{key}|{d['key']}"
            office = f"{office} {domain_text}"
        if g.get("cmp"):
            # written as is (lower case, straight apostrophes), accents kept
            cmp = " ".join(regex.sub(r"['’]\s*", "'", g["cmp"].lower()).split())
        if g.get("cmp") and not g.get("dom") and not g.get("org"):
            if "|" not in key:
                key = f"{key}|{cmp}"
            office = f"{office} {cmp}"
        elif g.get("cmp"):
            office = f"{office} {cmp}"
        if g.get("org"):
            ok = form_key(g["org"])
            if ok in lex.orgs:
                org = lex.orgs[ok]
                country = country or org["code"]
                org_text = org["text"]
            elif ok in lex.country_names:
                country = country or lex.country_names[ok]
        parts = [mod_value, office]
        if country and country in lex.norm and not org_text:
            parts.append(lex.norm[country])
        elif country and org_text and (g.get("adj1") or g.get("adj2")):
            parts.append(lex.norm.get(lex.adjs.get(form_key(g.get("adj1") or g.get("adj2"))), ""))
        parts += [org_text, suffix]
    else:
        if g.get("cty"):
            country = lex.adjs.get(form_key(g["cty"]))
        elif g.get("poss"):
            country = lex.country_names.get(form_key(g["poss"]))
        if not country and g.get("of"):
            country = lex.country_names.get(form_key(g["of"]))
        parts = [mod_value, suffix, lex.norm.get(country) if country else None, office]
    value = " ".join(p for p in parts if p)
    return {
        "value": value,
        "office": office,
        "key": key,
        "country": country,
        "time": time,
        "modifier": mod_value or suffix,
        "qualifier": qualifier,
    }


# --------------------------------------------------------------------------- parsing and conflicts

_GENITIVE = {
    "fr": regex.compile(r"\s+(?:du|de\s+la|de\s+l'|des|d')\s*", regex.I),
    "en": regex.compile(r"\s+of(?:\s+the)?\s+", regex.I),
}
_EMPTY = {"office": None, "modifier": None, "country": None, "key": None, "time": "current", "of": None}


def _parse_simple(value: str, lang: str) -> dict[str, Any] | None:
    lex = lexicon(lang)
    m = lex.full.fullmatch(value)
    if not m:
        return None
    r = role_from_match(m, lang)
    return {"office": r["office"], "modifier": r["modifier"], "country": r["country"], "key": r["key"],
            "time": r["time"], "of": None}


@functools.lru_cache(maxsize=4096)
def _parse_cached(value: str, lang: str) -> tuple:
    v = " ".join(str(value).replace("’", "'").split())
    lang = lang if lang in LANGS else "fr"
    r = _parse_simple(v, lang)
    if r is None:
        # a relative title: OFFICE du|de la|de l'|des ROLE (OFFICE of ROLE)
        for gen in _GENITIVE[lang].finditer(v):
            head = _parse_simple(v[:gen.start()], lang)
            inner = _parse_simple(v[gen.end():], lang) if head else None
            if head and inner:
                head["country"] = head["country"] or inner["country"]
                head["of"] = inner
                r = head
                break
    r = r or dict(_EMPTY)
    return tuple(sorted((k, tuple(sorted(val.items())) if isinstance(val, dict) else val) for k, val in r.items()))


def parse_role(value: str, lang: str = "fr") -> dict[str, Any]:
    """A role value as a dict: ``office``, ``modifier``, ``country``, ``key``, ``time``, ``of``.

    ``office`` is the office lemma in the value's language (``premier ministre``,
    ``ministre des affaires étrangères``), ``modifier`` the temporal modifier of the
    normal form (``ancien``, ``futur``, ``former``, ``acting`` ...), ``country`` a
    country or organisation code (``US``, ``DE``, ``NATO``), ``key`` the
    language-independent office id (``prime minister``), ``time`` one of ``current``,
    ``former``, ``future``, and ``of`` the parsed inner role of a relative title
    (``émissaire spécial du président américain``). Accepts a normal form or a surface
    title (``Première ministre italienne``); all fields are None when the value is not
    a known title.
    """
    out = {}
    for k, v in _parse_cached(value, lang):
        out[k] = dict(v) if isinstance(v, tuple) else v
    return out


#: Offices one person cannot hold together for the same country (heads of state and
#: government); each of them also excludes a sectoral ministry of the same country.
HEADS = frozenset({"president", "vice president", "prime minister", "chancellor", "monarch"})
#: Offices tied to one country or organisation: two of them, current, for different
#: countries cannot be held by one person.
NATIONAL = HEADS | {"secretary general", "secretary of state"}


def _national(key: str) -> bool:
    return key in NATIONAL or key.startswith("minister|")


def same_office(ka: str | None, kb: str | None) -> bool:
    """Two office keys name one office: equal, or one office whose free complement is the
    start of the other's (``président de la région`` / ``président de la région
    valencienne``: the shorter says less, not something else)."""
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    (ha, _, ca), (hb, _, cb) = ka.partition("|"), kb.partition("|")
    if ha != hb or not ca or not cb:
        return False
    short, long_ = sorted((ca, cb), key=len)
    return long_.startswith(short + " ")


def _same_office_compatible_country(a: dict, b: dict) -> bool:
    return same_office(a["key"], b["key"]) and (a["country"] is None or b["country"] is None or a["country"] == b["country"])


#: Modifier values of an acting holder (acting, interim, par intérim).
ACTING = frozenset({"acting", "par intérim"})


def _acting(role: dict) -> bool:
    return role.get("modifier") in ACTING


@functools.cache
def _together() -> frozenset[frozenset[str]]:
    conf = data("names.yaml") or {}
    return frozenset(frozenset(p) for p in conf.get("portfolios_held_together") or ())


@functools.cache
def _domain_forms(lang: str) -> tuple[tuple[str, str], ...]:
    """``(domain key, form)`` of a language's lexicon: ministry domains and the
    ministries whose office key carries one (``health minister``)."""
    lex = lexicon(lang)
    out = {(d["key"], f) for f, d in lex.domains.items()}
    out |= {(o["key"].partition("|")[2], f) for f, o in lex.offices.items() if o["key"].startswith("minister|")}
    return tuple(sorted(out))


def _domains_named(office: str, lang: str) -> set[str]:
    text = f" {form_key(office)} "
    return {k for k, f in _domain_forms(lang) if f" {f} " in text}


def _held_together(pa: dict, lang_a: str, pb: dict, lang_b: str) -> bool:
    """Two ministries one person may hold at once: listed in ``portfolios_held_together``,
    or one title names the other's domain (``ministre du Travail et de la Santé``)."""
    da, db = pa["key"].partition("|")[2], pb["key"].partition("|")[2]
    if frozenset((da, db)) in _together():
        return True
    return db in _domains_named(pa["office"] or "", lang_a) or da in _domains_named(pb["office"] or "", lang_b)


def roles_conflict(a: str, b: str, lang_a: str = "fr", lang_b: str = "fr") -> bool:
    """True when one person cannot hold role ``a`` and role ``b`` (as of one story).

    The table, on parsed roles (:func:`parse_role`); unknown titles never conflict:

    - same office (:func:`same_office`: ``président de la région`` is ``président de la
      région valencienne``), countries equal or one unknown, different time (``ancien
      président américain`` / ``président américain``; ``former`` / ``future``): conflict;
    - same office, two different countries or organisations: conflict;
    - same office, both current, one acting (``acting``, ``par intérim``) and one not:
      conflict;
    - different offices, both current, same country: conflict when one is a head of
      state or government (:data:`HEADS`) and the other a head too or a sectoral
      minister (``président français`` / ``premier ministre français``);
    - two different ministries, both current, of one country or with a country unknown
      (``ministre du Travail`` / ``ministre des Armées``): conflict, unless
      ``portfolios_held_together`` in ``names.yaml`` pairs them or one title names the
      other's domain (``ministre du Travail et de la Santé`` / ``ministre de la Santé``);
    - different offices, both current, different countries, both national offices
      (:data:`NATIONAL`, ministers): conflict (``président américain`` / ``chancelier
      allemand``);
    - a relative title conflicts with the title it is relative to (``émissaire spécial
      du président américain`` / ``président américain``);
    - anything else (a former office beside a current one, ``président`` /
      ``président ukrainien``): compatible.
    """
    pa, pb = parse_role(a, lang_a), parse_role(b, lang_b)
    if not pa["key"] or not pb["key"]:
        return False
    for x, y in ((pa, pb), (pb, pa)):
        inner = x.get("of")
        if inner and inner.get("key") and y["time"] == "current" and inner["time"] == "current" \
                and _same_office_compatible_country(inner, y) and not y.get("of"):
            return True
    if same_office(pa["key"], pb["key"]):
        if pa.get("of") or pb.get("of"):
            # two relative titles: compare what they are relative to
            ia, ib = pa.get("of"), pb.get("of")
            if ia and ib and ia.get("key") and ib.get("key"):
                return not _same_office_compatible_country(ia, ib) or ia["time"] != ib["time"]
            return False
        if pa["country"] and pb["country"] and pa["country"] != pb["country"]:
            return True
        if pa["time"] == pb["time"] == "current" and _acting(pa) != _acting(pb):
            return True  # an acting holder is not the holder (acting CEO / CEO)
        return pa["time"] != pb["time"]
    if pa["time"] != "current" or pb["time"] != "current":
        return False
    if pa.get("of") or pb.get("of"):
        return False
    ka, kb = pa["key"], pb["key"]
    ca, cb = pa["country"], pb["country"]
    if ka.startswith("minister|") and kb.startswith("minister|") and (not ca or not cb or ca == cb):
        return not _held_together(pa, lang_a, pb, lang_b)
    if ca and cb and ca == cb:
        return (ka in HEADS and (kb in HEADS or kb.startswith("minister|"))) or \
               (kb in HEADS and ka.startswith("minister|"))
    if ca and cb and ca != cb:
        return _national(ka) and _national(kb)
    return False
