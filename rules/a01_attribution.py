"""Who a claim comes from: the source its sentence names (``selon la police``).

An editor cares because two figures from two named sources (``selon la CGT`` /
``selon la police``) are an attributed difference to report, not an error of the
articles; and a figure with no source at all is worth a second look. The annotator
sets ``attribution`` on every claim whose sentence names a source, the one nearest
to the claim when there are several:

- a marker before the source: ``selon la CGT``, ``d'après l'AFP``, ``according to
  police``;
- a speech verb after a quote or a comma, with the source after it: ``», a annoncé
  jeudi Emmanuel Macron``, ``a indiqué l'Elysée``, ``said the minister``;
- a source before a speech verb: ``Emmanuel Macron a annoncé que``, ``police
  said``, ``X told reporters``.

The source is normalised: lower case, accents removed, no leading article or
possessive, no ``des informations du`` before it, no media noun before a name:
``la CGT`` → ``cgt``, ``l'Élysée`` → ``elysee``, ``des informations du magazine
Der Spiegel`` → ``der spiegel``. A pronoun (``a-t-il affirmé``) names no source.

Flags:
- [fr] Selon la police, la manifestation a commencé à 10h30.
- [fr] L'entretien a débuté peu après 14H00, a indiqué l'Elysée.
- [en] According to police, the march started at 10:30.
- [en] The minister resigned yesterday, officials said.

Does not flag:
- [fr] La manifestation a commencé à 10h30.
- [fr] « Nous partirons à 10h30 », a-t-il affirmé.
- [en] The march started at 10:30 after a long wait.

Configuration: none; markers, speech verbs and the words that end a source are in
``rules/data/attribution_fr.yaml`` and ``rules/data/attribution_en.yaml``.

Provenance: the attributions of the seed articles (AFP style: ``a indiqué
l'Elysée``, ``selon des informations du magazine Der Spiegel``).
"""
from __future__ import annotations

import bisect
import functools
import re
from typing import Any, Iterable

import regex

from .text import Scanner, alt, data, fold

CODE = "A01"
NAME = "claim.attribution"
TYPE = "annotator"
FIELD = "attribution"
KINDS = ()
LANGUAGES = ("fr", "en")
NEEDS = ("sources",)  # shared scans read with ctx.scan()

TOKEN_RE = regex.compile(r"(?i)\b(?:qu|[dlnsjmtc])['’](?=\p{L})|\p{L}[\p{L}\p{M}]*(?:[-'’]\p{L}[\p{L}\p{M}]*)*|\d+|\S")
INCISE_RE = regex.compile(r"""[,»"”)—–]\s*$""")
THAT_RE = regex.compile(r"""(?i)^\s*(?:que\b|qu['’]|that\b|:)""")


@functools.cache
def lexicon(lang: str) -> dict[str, Any]:
    lx = dict(data(f"attribution_{'en' if lang == 'en' else 'fr'}.yaml"))
    for key in ("np_stop", "determiners", "np_links", "pronouns", "audience_verbs", "number_words",
                "incise_only", "strict_markers"):
        lx[key] = frozenset(fold(w) for w in lx.get(key) or ())
    lx["source_prefixes"] = tuple(sorted((fold(p) + " " for p in lx["source_prefixes"]), key=len, reverse=True))
    lx["media_nouns"] = frozenset(fold(w) for w in lx["media_nouns"])
    adjuncts = alt(lx["adjuncts"])
    lx["adjunct_re"] = regex.compile(rf"(?i)\s*(?:{adjuncts})(?![\p{{L}}])")
    anchor_re = regex.compile(
        rf"(?i)(?<![\p{{L}}'’-])(?:(?P<mk>{alt(lx['markers'])})"
        rf"|(?P<aux>{alt(lx['auxiliaries'])})(?:\s+(?:{adjuncts}))*\s+(?P<pp>{alt(lx['participles'])})"
        rf"|(?P<pp2>{alt(lx['participles'])})|(?P<pres>{alt(lx['present'])}))(?![\p{{L}}-])"
    )
    # every anchor starts with one of these words, followed by a space, an apostrophe or a hyphen
    lx["anchors"] = Scanner(anchor_re, [*lx["markers"], *lx["auxiliaries"], *lx["participles"], *lx["present"]])
    return lx


def _tokens(s: str) -> list[str]:
    return TOKEN_RE.findall(s)


def _is_word(t: str) -> bool:
    return t[0].isalpha()


def _join(tokens: list[str]) -> str:
    out = ""
    for t in tokens:
        out += t if (not out or out.endswith(("'", "’"))) else " " + t
    return out


def _normalise(tokens: list[str], lx) -> str | None:
    while tokens and fold(tokens[-1]) in lx["np_links"]:
        tokens = tokens[:-1]
    if not tokens:
        return None
    s = fold(_join(tokens)).replace("’", "'")
    changed = True
    while changed:
        changed = False
        for p in lx["source_prefixes"]:
            if s.startswith(p):
                s, changed = s[len(p):], True
        head, _, rest = s.partition(" ")
        bare = head.split("'")[0] + "'" if "'" in head else head
        if bare in lx["determiners"] and (rest or "'" in head):
            s, changed = (head.split("'", 1)[1] + (" " + rest if rest else "")) if "'" in head else rest, True
    head, _, rest = s.partition(" ")
    if head in lx["media_nouns"] and rest:
        s = rest
    s = s.strip()
    if not s or s in lx["pronouns"] or s in lx["determiners"]:
        return None
    return s


def _forward_np(text: str, pos: int, end: int, lx, lower_ok: bool = False) -> str | None:
    """The source noun phrase starting at ``pos`` (after adjuncts), up to ``end``.

    Unless ``lower_ok``, it must start with a determiner or a capital (``a déclaré
    vouloir`` has no source after the verb)."""
    while True:
        m = lx["adjunct_re"].match(text, pos, end)
        if not m:
            break
        pos = m.end()
    toks = _tokens(text[pos:end])
    out: list[str] = []
    for t in toks:
        f = fold(t).replace("’", "'")
        if not _is_word(t):
            break
        if f in lx["determiners"] or f in lx["np_links"]:
            out.append(t)
            continue
        if f in lx["np_stop"] or len(out) >= 8:
            break
        out.append(t)
    if not out:
        return None
    first = fold(out[0]).replace("’", "'")
    if not (lower_ok or out[0][0].isupper() or first in lx["determiners"]):
        return None
    return _normalise(out, lx)


def _backward_np(text: str, start: int, pos: int, lx) -> str | None:
    """The source noun phrase ending at ``pos`` (going back no further than ``start``)."""
    toks = _tokens(text[start:pos])
    out: list[str] = []
    for k in range(len(toks) - 1, -1, -1):
        t = toks[k]
        f = fold(t).replace("’", "'")
        if not _is_word(t):
            break
        if f in lx["determiners"]:
            out.insert(0, t)
            prev = fold(toks[k - 1]).replace("’", "'") if k else ""
            if prev in lx["np_links"] and prev not in lx["determiners"] and len(out) < 8:
                continue  # "la porte-parole de la diplomatie russe": go on past "de"
            break
        if f in lx["np_links"] and out:
            out.insert(0, t)
            continue
        if f in lx["np_stop"] or len(out) >= 9:
            break
        out.insert(0, t)
    while out and fold(out[0]) in lx["np_links"] and fold(out[0]) not in lx["determiners"]:
        out.pop(0)
    if not out:
        return None
    before = toks[len(toks) - len(out) - 1] if len(toks) > len(out) else ""
    if before[:1].isdigit() or any(fold(t) in lx["number_words"] for t in [before, *out]):
        return None  # "26 pays ont confirmé", "Fifteen percent said": the counted noun of a figure
    return _normalise(out, lx)


def _sources(ctx) -> list[tuple[int, str]]:
    """``[(offset, source), ...]`` for every attribution of the article, one scan."""
    lx = lexicon(ctx.lang)
    text = ctx.text
    out: list[tuple[int, str]] = []
    for m in lx["anchors"].finditer(text):
        ss, se = ctx.sentence_at(m.start())
        src = None
        if m.group("mk"):
            strict = fold(m.group("mk")) in lx["strict_markers"]  # "per the report", not "per day"
            src = _forward_np(text, m.end(), se, lx, lower_ok=not strict)
        else:
            aux = m.group("aux") or ""
            if "-" in aux:  # a-t-il affirmé: a pronoun subject
                continue
            verb = fold(m.group("pp") or m.group("pp2") or m.group("pres") or "")
            if m.group("pp2") and ctx.lang != "en":
                continue  # a bare French participle is not a speech act ("le chiffre annoncé")
            incise = INCISE_RE.search(text[max(ss, m.start() - 3):m.start()])
            if incise and verb not in lx["audience_verbs"]:
                src = _forward_np(text, m.end(), se, lx, lower_ok=ctx.lang == "en")
            if verb in lx["incise_only"]:
                pass  # "the company added 500 jobs": an actor, not a source
            elif src is None and not (m.group("pres") and ctx.lang != "en" and not THAT_RE.match(text, m.end())):
                src = _backward_np(text, ss, m.start(), lx)
        if src:
            out.append((m.start(), src))
    return out


def annotate(ctx, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if not rows:
        return rows
    found = ctx.scan("sources")
    if not found:
        return rows
    offsets = [o for o, _ in found]
    out = []
    for row in rows:
        if not row.get("attribution"):
            ss, se = ctx.sentence_at(row["start"])
            lo, hi = bisect.bisect_left(offsets, ss), bisect.bisect_left(offsets, se)
            # a source that is the claim itself names no one else ("Prime Minister
            # Pedro Sanchez declared …" is not the source of his own title)
            own = fold(ctx.text[row["start"]:row["end"]]).replace("’", "'")
            candidates = [f for f in found[lo:hi] if f[1] not in own and own not in f[1]]
            if candidates:
                best = min(candidates, key=lambda f: abs(f[0] - row["start"]))
                row = {**row, "attribution": best[1]}
        out.append(row)
    return out


SCANS = {"sources": _sources}
