"""A person named with a title or function (le président américain Donald Trump).

An editor cares because a title is a checkable fact that readers know: calling the
sitting president "l'ancien président", giving a chancellor the wrong country or
swapping two offices is a published error. This rule records, for each person, the
role each article gives them; the role comparator (C02) reports a person given
incompatible roles within a story.

Flags:
- [fr] Le président américain Donald Trump a reçu ses alliés à la Maison Blanche.
- [fr] Emmanuel Macron et le chancelier allemand, Friedrich Merz, appellent à la fermeté.
- [fr] Donald Trump, l'ancien président américain, a parlé lundi.
- [fr] La porte-parole de la diplomatie russe Maria Zakharova a répondu.
- [fr] Dans le même temps, Donald Trump s'active. L'ancien président américain pousse à une rencontre.
- [en] German Chancellor Friedrich Merz met Italian Prime Minister Giorgia Meloni.
- [en] Mark Rutte, NATO's secretary general, spoke in Prague.
- [fr] La ministre de la Culture, Rachida Dati, a visité le musée.
- [fr] L'ex-PDG de la SNCF Jean-Pierre Farandou devient ministre.
- [fr] Catherine Vautrin, jusqu'ici ministre du Travail, prend les Armées.
- [en] Paris Prosecutor Laure Beccuau said the jewels were priceless.
- [en] Dana Whitfield, who has been acting chief executive since August, spoke.

Does not flag:
- [fr] Emmanuel Macron a accueilli son homologue ukrainien Volodymyr Zelensky.
- [fr] Le sommet rassemblera Giorgia Meloni d'Italie et Mark Carney du Canada.
- [fr] La rencontre a eu lieu à Kiev. Le président français a déclaré vouloir maintenir le dialogue.
- [fr] Donald Trump a parlé avec Vladimir Poutine. Le président a salué une très bonne rencontre.
- [fr] Le conseiller diplomatique du président français Emmanuel Bonne est à Kiev.
- [en] The president said the talks would continue.
- [en] Zelensky met his counterpart Vladimir Putin in Istanbul.
- [fr] Bruno Le Maire a quitté Bercy.

What it reads:

- a title before the name (``le président américain Donald Trump``, ``US President
  Donald Trump``), with a comma (``le chancelier allemand, Friedrich Merz,``), or after
  it in apposition (``Mark Rutte, secrétaire général de l'Otan,``; ``Mark Rutte, NATO's
  secretary general``);
- a title with no name at the start of a sentence (``L'ancien président américain
  pousse ...``): it refers to the person named in the previous sentence, only when that
  sentence names exactly one person, that person is a known one (listed in names.yaml,
  given a title in the article, or named by surname alone in it), the article gives
  them no conflicting role and no other person of the article holds that title; the
  span is the title phrase;
- any complement of an office, listed or not: ``la ministre de la Culture``, ``le préfet
  de police de Paris``, ``le président de la région valencienne``, ``l'ex-PDG de la SNCF``
  (a preposition and a capitalised word or a ``complement_nouns`` noun, one optional
  adjective, up to three links; written in the value as is, lower case);
- in English, a capitalised word right before the office names its organisation or
  place (``Paris Prosecutor``, ``Louvre director``, ``the CDU leader``), unless it is a
  stopword (``When President ...``);
- a role after the name and a link (``Catherine Vautrin, jusqu'ici ministre du Travail``,
  ``Dana Whitfield, who has been acting chief executive``): ``apposition_links`` in the
  lexicon, whose ``former`` links make the role former;
- a title after ``du / de la / des`` (``of``) only when the head before it is an event
  or a place (``la visite du président américain Donald Trump``) or an office, which
  makes a relative title (``l'émissaire spécial du président américain Steve Witkoff``
  gives Witkoff ``émissaire spécial du président américain``); after any other head
  (``le conseiller diplomatique du président français Emmanuel Bonne``) nothing.

Never read: relative words (``son homologue ukrainien Volodymyr Zelensky``), a country
after a name (``Giorgia Meloni d'Italie``), a title with no resolvable person, plural
titles, titles of institutions. A title in apposition that conflicts with a title the
article puts right before the same person's name is dropped (precision first).

Normalisation (see ``rules/names.py``): the value is the role's normal form,
masculine singular in French (``la Première ministre italienne`` -> ``premier
ministre italien``; ``de l'Otan`` -> ``secrétaire général de l'otan``; ``ex-`` ->
``ancien``), ``[former] [country] office`` in English (``US President`` -> ``us
president``); ``unit`` is the office lemma (``président``, ``premier ministre``),
``qualifier`` the temporal modifier as written, masculine (``ancien``, ``ex``,
``futur``, ``former``), ``subject`` the canonical name (``rules/data/names.yaml``,
extended by ``[tool.recoupe.names]``): a surname alone is the full name the article
gave earlier.

Configuration: ``[tool.recoupe.names]`` adds name variants ``{canonical = [variants]}``.
Lexicons: ``rules/data/roles_fr.yaml``, ``roles_en.yaml``, ``names.yaml``.
"""
from __future__ import annotations

import bisect
from collections.abc import Iterator
from typing import Any, NamedTuple

import regex

from . import is_boilerplate
from .names import (
    canonical_name,
    form_key,
    known_name,
    lexicon,
    name_at,
    name_mentions,
    parse_role,
    person_country,
    role_from_match,
    roles_conflict,
    surname_key,
)
from .names import titles as title_matches
from .text import lemma, stopwords

CODE = "R01"
NAME = "role.person"
TYPE = "extractor"
KINDS = ("role",)
LANGUAGES = ("fr", "en")

_GENITIVE = {
    "fr": regex.compile(r"(?:^|[\s(])(?P<prep>du|des|de\s+la|de\s+l['’]|d['’]|de)\s*$", regex.I),
    "en": regex.compile(r"(?:^|[\s(])(?P<prep>of(?:\s+the)?)\s+$", regex.I),
}
_DET = {
    "fr": regex.compile(r"(?:^|[\s(«\"“])(?P<det>le|la|l['’]|sa|son)\s*$", regex.I),
    "en": regex.compile(r"(?:^|[\s(\"“])(?P<det>the(?:\s+\p{Ll}+['’]s)?|its|their)\s+$", regex.I),
}
_SENT_DET = {
    "fr": regex.compile(r"[«\"“]?\s*(?:le|la|l['’])\s*", regex.I),
    "en": regex.compile(r"[\"“]?\s*the\s+", regex.I),
}
_WORD_BEFORE = regex.compile(r"(\p{L}[\p{L}'’-]*)[\s,]*$")
#: After an anaphoric title: a comma, or a word that must look like a verb.
_ANAPHORA_NEXT = regex.compile(r"\s*,|\s+(?P<w>\p{Ll}[\p{L}'’-]*['’]?)")
#: The end of an apposition: punctuation, the end of the text, or the end of a line (a
#: list: "• Armées : Catherine Vautrin, ministre du Travail").
_CLOSE = regex.compile(r"[ \t\u00a0\u202f]*(?P<nl>\r?\n)|\s*(?P<p>[,.;:!?)»\"”]|$)")
_COMMA = regex.compile(r"\s*,\s*")
#: (Matched right after a comma; the look-behind keeps a scan of blank runs linear.)
_AND = {"fr": regex.compile(r"(?<!\s)\s*(?:et|ou)\b", regex.I), "en": regex.compile(r"(?<!\s)\s*(?:and|or)\b", regex.I)}
#: A list of appositions goes on after the comma: "X, et le ministre ..., Y" closes X.
_AND_DET = {"fr": regex.compile(r"(?<!\s)\s*(?:et|ou)\s+(?:le|la|l['’]|les|du|de\s+la|des)\b", regex.I),
            "en": regex.compile(r"(?<!\s)\s*(?:and|or)\s+(?:the|its)\b", regex.I)}
#: A capitalised word right before an English title: the office's organisation or place.
_PROPER_BEFORE = regex.compile(r"(?<![\p{L}\p{N}.])(?P<w>\p{Lu}[\p{L}\p{N}]*)[ \t]+$")
#: A title right after the name of its person in one run: "Bruno Le Maire" holds "Maire".
_NAME_PARTICLE_BEFORE = regex.compile(r"\p{Lu}[\p{Ll}\p{M}]+\s+(?:Le|La|De|Du)\s+$")

DIRECT, APPOSITION, ANAPHORA = 3, 2, 1
#: Codes of organisations, not countries: a person's nationality says nothing of them.
_ORGS = frozenset({"EU", "EC", "EUCO", "ECB", "NATO", "UN", "IMF", "IAEA", "WHO"})


class _Persons:
    """The article's person mentions, resolved to canonical names in text order."""

    def __init__(self, text: str, lang: str, titles: list[tuple[int, int]], extra):
        self.by_start: dict[int, tuple[int, str | None, int]] = {}
        self.by_end: dict[int, tuple[int, str | None, int]] = {}
        self.mentions: list[tuple[int, int, str | None, int]] = []
        self.surname_only: set[str] = set()
        seen: dict[str, str | None] = {}
        for s, e, n in self._cut(text, lang, name_mentions(text, lang), titles):
            if n > 4:
                continue
            surface = text[s:e]
            if n >= 2:
                canon = canonical_name(surface, lang, extra)
                for key in {surname_key(surface), surname_key(canon)}:
                    if seen.get(key, canon) != canon:
                        seen[key] = None  # two people share the surname: ambiguous
                    else:
                        seen[key] = canon
            else:
                key = surname_key(surface)
                canon = seen.get(key) if key in seen else known_name(surface, extra)
                if canon:
                    self.surname_only.add(canon)
            rec = (s, e, canon, n)
            self.mentions.append(rec)
            self.by_start[s] = (e, canon, n)
            self.by_end[e] = (s, canon, n)

    @staticmethod
    def _cut(text, lang, mentions, titles):
        """Cut a mention that overlaps a title (German Chancellor Friedrich Merz)."""
        starts = [t[0] for t in titles]
        for s, e, n in mentions:
            i = bisect.bisect_right(starts, e) - 1
            cut = None
            while i >= 0 and titles[i][1] > s:
                if titles[i][0] < e:
                    cut = titles[i][1] if cut is None else max(cut, titles[i][1])
                i -= 1
            if cut is None:
                yield s, e, n
                continue
            if cut >= e:
                continue
            pos = cut
            while pos < e and text[pos].isspace():
                pos += 1
            got = name_at(text, pos, lang)
            if got:
                yield got

    def at(self, text: str, pos: int, lang: str) -> tuple[int, int, str] | None:
        """The resolved person whose name starts at ``pos``: (start, end, canonical)."""
        got = name_at(text, pos, lang)
        if not got:
            return None
        s, e, n = got
        if n > 4:
            return None
        rec = self.by_start.get(s)
        if rec and rec[0] == e:
            return (s, e, rec[1]) if rec[1] else None
        return None

    def ending_at(self, end: int) -> tuple[int, str] | None:
        rec = self.by_end.get(end)
        return (rec[0], rec[1]) if rec and rec[1] else None

    def in_span(self, start: int, end: int) -> set[str | None]:
        """Distinct persons named in [start, end): full names always count, a lone
        surname when it resolves."""
        out: set[str | None] = set()
        for s, _, canon, n in self.mentions:
            if start <= s < end and (canon or n >= 2):
                out.add(canon)
        return out


def _titles(text: str, lang: str) -> list[tuple[int, int, dict[str, Any]]]:
    out = []
    stops = stopwords(lang)
    for m in title_matches(text, lang):
        start = m.start()
        if text[start].isupper() and _NAME_PARTICLE_BEFORE.search(text, max(0, start - 30), start):
            continue  # "Bruno Le Maire": a surname, not a mayor
        role = role_from_match(m, lang)
        if lang == "en" and not role["country"]:
            # "Paris Prosecutor", "Louvre director", "the CDU leader"
            p = _PROPER_BEFORE.search(text, max(0, start - 30), start)
            if p and p["w"].lower() not in stops and not role_from_title_word(p["w"], lang):
                org = p["w"].lower()
                role = dict(role, value=f"{org} {role['value']}", office=f"{org} {role['office']}")
                start = p.start("w")
        out.append((start, m.end(), role))
    return out


def role_from_title_word(word: str, lang: str) -> bool:
    """The word is itself an office or modifier form (Former, Chancellor)."""
    lex = lexicon(lang)
    w = form_key(word)
    return w in lex.offices or w in lex.modifiers


def _verb_like(word: str, lang: str) -> bool:
    """The word after an anaphoric title reads as its verb (pousse, a, said)."""
    w = word.lower().replace("’", "'")
    if form_key(w) in lexicon(lang).anaphora_words:
        return True
    lem = lemma(w, lang)
    if lem == w:
        return False
    return lang != "fr" or lem.endswith(("er", "ir", "re", "oir"))


def _closes(text: str, pos: int, lang: str) -> bool:
    """An apposition ends at ``pos``: punctuation or the end, not a list going on."""
    m = _CLOSE.match(text, pos)
    if not m:
        return False
    if m["p"] == ",":
        nxt = m.end()
        while nxt < len(text) and text[nxt].isspace():
            nxt += 1
        if _AND_DET[lang].match(text, m.end()):
            return True
        if _AND[lang].match(text, m.end()) or name_at(text, nxt, lang):
            return False
    return True


def _spaces_before(text: str, pos: int) -> int:
    n = 0
    while pos - n > 0 and text[pos - n - 1].isspace():
        n += 1
    return n


def _former(role: dict[str, Any], lang: str) -> dict[str, Any]:
    """The role with its former flag (``jusqu'ici ministre`` -> ``ancien ministre``)."""
    if role["time"] == "former":
        return role
    word = "ancien" if lang == "fr" else "former"
    return dict(role, value=f"{word} {role['value']}", time="former", qualifier=role["qualifier"] or word)


def _links_re(lang: str) -> regex.Pattern:
    words = sorted(lexicon(lang).apposition_links, key=len, reverse=True)
    alt = "|".join(regex.escape(w).replace("'", "['’]").replace(r"\ ", r"\s+") for w in words)
    return regex.compile(rf"(?<![\p{{L}}])(?P<l>{alt})\s*$", regex.I)


_LINKS = {lang: _links_re(lang) for lang in LANGUAGES}


class _Candidate(NamedTuple):
    """A role claim found by the scan, with how strongly its wording ties the role to
    the person (DIRECT, APPOSITION, ANAPHORA); the strength stays inside this rule."""

    strength: int
    row: dict[str, Any]


def _claim(start, end, role, subject, strength, value=None, unit=None, qualifier=None) -> _Candidate:
    return _Candidate(strength, {
        "start": start,
        "end": end,
        "kind": "role",
        "value": value or role["value"],
        "unit": unit or role["office"],
        "subject": subject,
        "qualifier": qualifier if qualifier is not None else role["qualifier"],
    })


def _scan(ctx) -> list[_Candidate]:
    text, lang = ctx.text, ctx.lang
    lex = lexicon(lang)
    settings = ctx.settings or {}
    extra = settings.get("names") if hasattr(settings, "get") else None
    titles = _titles(text, lang)
    # ranks before a name (Senior General X), not inside a title (secrétaire général X)
    title_starts = [s for s, _, _ in titles]
    ranks = {}
    for m in lex.ranks.finditer(text):
        i = bisect.bisect_right(title_starts, m.start()) - 1
        if i < 0 or titles[i][1] <= m.start():
            ranks[m.start()] = m.end()
    persons = _Persons(text, lang, sorted([(s, e) for s, e, _ in titles] + list(ranks.items())), extra)
    claims: list[_Candidate] = []
    pending: list[tuple[int, int, dict]] = []  # anaphora candidates
    used_as_head: set[int] = set()
    prev_end = {e: i for i, (_, e, _) in enumerate(titles)}

    for i, (start, end, role) in enumerate(titles):
        if i in used_as_head:
            continue
        before = text[max(0, start - 60):start]
        head = None  # (index, prep) of the office this title is relative to
        gen = _GENITIVE[lang].search(before)
        if gen:
            prep_start = start - len(before) + gen.start("prep")
            j = None
            k = prep_start
            while k > 0 and text[k - 1].isspace():
                k -= 1
            j = prev_end.get(k)
            if j is not None and j != i:
                head = (j, " ".join(gen["prep"].lower().replace("’", "'").split()))
            else:
                w = _WORD_BEFORE.search(text[max(0, prep_start - 40):prep_start])
                if not w or form_key(w.group(1)) not in lex.genitive_heads:
                    continue
        # what the title is: the role itself, or a relative title (head + prep + role)
        if head:
            hs, _, hrole = titles[head[0]]
            prep = head[1]
            sep = "" if prep.endswith("'") else " "
            value = f"{hrole['value']} {prep}{sep}{role['value']}"
            rel = dict(hrole, value=value, country=hrole["country"] or role["country"])
            span_start = hs
        else:
            rel = role
            span_start = start
        det = _DET[lang].search(text[max(0, span_start - 24):span_start])

        # 1. title then name
        pos = end
        while pos < len(text) and text[pos] in " \t\u00a0\u202f":
            pos += 1
        direct = persons.at(text, pos, lang) if pos > end else None
        if direct:
            _, de, who = direct
            if head:
                # "l'émissaire du président américain Donald Trump, Steve Witkoff":
                # the first name is the president's, the second the envoy's
                m = _COMMA.match(text, de)
                second = persons.at(text, m.end(), lang) if m else None
                if second and _closes(text, second[1], lang):
                    claims.append(_claim(start, de, role, who, DIRECT))
                    claims.append(_claim(span_start, second[1], rel, second[2], APPOSITION))
                    continue
            claims.append(_claim(span_start, de, rel, who, DIRECT))
            continue
        # 2. title, name,
        m = _COMMA.match(text, end)
        if m and (det or gen):
            rev = persons.at(text, ranks.get(m.end(), m.end()), lang)
            if rev and _closes(text, rev[1], lang):
                claims.append(_claim(span_start, rev[1], rel, rev[2], APPOSITION))
                continue
        # 3. name, title
        det_len = len(det.group(0).lstrip(" («\"“")) if det else 0
        k = span_start - det_len
        while k > 0 and text[k - 1].isspace():
            k -= 1
        link = _LINKS[lang].search(text, max(0, k - 40), k)
        if link:
            k = link.start()
            while k > 0 and text[k - 1].isspace():
                k -= 1
            if k > 0 and text[k - 1] == ",":
                prev = persons.ending_at(k - 1 - _spaces_before(text, k - 1))
                if prev:
                    ps, who = prev
                    linked = _former(rel, lang) if lex.apposition_links.get(form_key(link["l"])) == "former" else rel
                    claims.append(_claim(ps, end, linked, who, APPOSITION))
                    continue
        if k > 0 and text[k - 1] == ",":
            k -= 1
            while k > 0 and text[k - 1].isspace():
                k -= 1
            prev = persons.ending_at(k)
            if prev and _closes(text, end, lang):
                ps, who = prev
                w = _WORD_BEFORE.search(text[max(0, ps - 30):ps])
                if not (w and form_key(w.group(1)) in lex.name_prepositions):
                    claims.append(_claim(ps, end, rel, who, APPOSITION))
                    continue
        # 4. a title alone at a sentence start: anaphora, resolved below
        if not head:
            ss, _ = ctx.sentence_at(start)
            if _SENT_DET[lang].fullmatch(text[ss:start]):
                nxt = _ANAPHORA_NEXT.match(text, end)
                if nxt and (not nxt["w"] or _verb_like(nxt["w"], lang)):
                    pending.append((start, end, role))

    claims = _drop_weak_conflicts(claims, lang)
    claims += _anaphora(ctx, pending, claims, persons, lang)
    return claims


def _drop_weak_conflicts(claims: list[_Candidate], lang: str) -> list[_Candidate]:
    """Drop an apposition whose role conflicts with a title put before the same name."""
    direct: dict[str, list[str]] = {}
    for c in claims:
        if c.strength == DIRECT:
            direct.setdefault(c.row["subject"], []).append(c.row["value"])
    return [c for c in claims if c.strength == DIRECT
            or not any(roles_conflict(c.row["value"], v, lang, lang) for v in direct.get(c.row["subject"], ()))]


def _anaphora(ctx, pending, claims: list[_Candidate], persons: _Persons, lang: str) -> list[_Candidate]:
    if not pending:
        return []
    text = ctx.text
    sents = ctx.sentences
    starts = [s for s, _ in sents]
    explicit: dict[str, list[str]] = {}
    for c in claims:
        explicit.setdefault(c.row["subject"], []).append(c.row["value"])
    out = []
    for start, end, role in pending:
        i = bisect.bisect_right(starts, start) - 1
        j = i - 1
        while j >= 0 and is_boilerplate(text[sents[j][0]:sents[j][1]]):
            j -= 1
        if j < 0:
            continue
        named = persons.in_span(*sents[j])
        if len(named) != 1:
            continue
        who = next(iter(named))
        if not who:
            continue
        if not (known_name(who) or who in explicit or who in persons.surname_only):
            continue
        value = role["value"]
        home = person_country(who)
        if home and role["country"] and role["country"] not in _ORGS and role["country"] != home:
            continue
        if any(roles_conflict(value, v, lang, lang) for v in explicit.get(who, ())):
            continue
        pr = parse_role(value, lang)
        taken = False
        for other, values in explicit.items():
            if other == who:
                continue
            for v in values:
                po = parse_role(v, lang)
                if po["key"] == pr["key"] and po["time"] == pr["time"] and not po.get("of") and (
                        po["country"] is None or pr["country"] is None or po["country"] == pr["country"]):
                    taken = True
        if taken:
            continue
        out.append(_claim(start, end, role, who, ANAPHORA))
    return out


def extract(ctx) -> Iterator[dict[str, Any]]:
    if ctx.lang not in LANGUAGES:
        return
    for c in _scan(ctx):
        yield dict(c.row)
