"""Articles of one story give the same person incompatible roles.

An editor cares because a wrong title is a published error that readers notice at
once: ``l'ancien président américain`` for the sitting president, a chancellor
called a prime minister, a minister given the wrong country. Role claims (rule R01)
are grouped by person within a story (name variants unified: Zelensky / Zelenskyy /
Zelenski) and the distinct roles each article gives are compared with the role
table of ``rules/names.py``: a former and a sitting holder of the same office
conflict; an acting and a full holder of the same office conflict (``acting CEO`` /
``CEO``); the same office for two different countries conflicts; a role that gives
no country is compatible with the same office that gives one; a shorter complement
names the same office (``président de la région`` / ``président de la région
valencienne``); two current ministries of one person conflict unless
``portfolios_held_together`` (``names.yaml``) pairs them or one title names the other's
domain. Office keys are language-independent (``ministre de la Culture`` /
``Culture Minister``).

One office only one person holds at a time (a ministry with its domain, a head of state
or government of a named country) given as current to two different persons by two
articles is a contradiction too, or an ``update`` (info) when an article of the story
calls one of them its former holder: the story reports the change.

Cost: each person's distinct roles are compared with one another, and each office's
distinct holders, never the articles: linear in the claims.

Flags:
- [fr] Le président américain Donald Trump a parlé. || L'ancien président américain Donald Trump a parlé.
- [en] US President Donald Trump spoke on Monday. || Former US President Donald Trump spoke on Monday.
- [en] Acting CEO Dana Pruitt spoke on Monday. || CEO Dana Pruitt spoke on Monday.
- [fr] Le ministre de l'Intérieur Hervé Lantier était à Brest. || Le ministre de l'Intérieur Marc Dufresne était à Brest.
- [fr] Le ministre du Travail Hervé Lantier était à Brest. || Le ministre des Armées Hervé Lantier était à Brest.

Does not flag:
- [fr] Le président ukrainien Volodymyr Zelensky est à Paris. || Le président Volodymyr Zelensky est à Paris.
- [fr] Le chancelier allemand Friedrich Merz est arrivé. || Le chancelier allemand Friedrich Merz est reparti.
- [en] Acting CEO Dana Pruitt spoke on Monday. || Interim chief executive Dana Pruitt spoke on Monday.
- [fr] Le ministre de l'Économie Hervé Lantier était à Brest. || Le ministre des Finances Hervé Lantier était à Brest.

Configuration: ``[tool.recoupe.names]`` adds name variants; ``[tool.recoupe.severity]
C02 = …`` changes the severity (default error).
"""
from __future__ import annotations

import functools
from typing import Iterable

import pandas as pd

from recoupe.checker.ruleapi import Finding

from .names import name_key

CODE = "C02"
NAME = "compare.role"
TYPE = "comparator"
KINDS = ("role",)
LANGUAGES = ("fr", "en")
SEVERITY = "error"


@functools.lru_cache(maxsize=4096)
def _conflict(a: str, b: str, lang_a: str, lang_b: str) -> bool:
    from .names import roles_conflict

    return bool(roles_conflict(a, b, lang_a, lang_b))


@functools.lru_cache(maxsize=4096)
def _reading(value: str, lang: str) -> tuple:
    """What two agreeing values share: the office, its time, acting or not, the country."""
    from .names import parse_role

    r = parse_role(value, lang)
    if not r["key"]:
        return ("?", value)
    return (r["key"], r["time"], r.get("modifier") in ("acting", "par intérim"), r["country"] or "")


#: A value whose conflicting values are given by several articles: every article
#: giving it is involved.
_ALL = object()


def _involved(keys: dict[tuple[str, str], set[str]]) -> dict[tuple[str, str], object]:
    """Which articles of each distinct role ``(value, lang)`` of one person are in a
    conflict: ``_ALL``, or the one article whose own conflicting value does not count
    (an article that gives two values is compared only with the others). The distinct
    values are compared with one another, never the articles: the cost grows with the
    claims and with the square of a person's distinct roles, which the lexicon bounds."""
    items = sorted(keys.items())
    out: dict[tuple[str, str], object] = {}
    for i, ((va, la), da) in enumerate(items):
        for (vb, lb), db in items[i + 1:]:
            if va == vb or not _conflict(va, vb, la, lb):
                continue
            for k, other in (((va, la), db), ((vb, lb), da)):
                if out.get(k) is _ALL:
                    continue
                if len(other) >= 2:
                    out[k] = _ALL
                else:
                    (d0,) = other
                    out[k] = _ALL if k in out and out[k] != d0 else d0
    return out


@functools.lru_cache(maxsize=4096)
def _seat(value: str, lang: str) -> tuple[str, str, str] | None:
    """``(office key, country, time)`` of a role only one person holds at a time: a
    ministry with its domain (``minister|interior``), or a head of state or government of
    a named country; None for any other role, an acting one or a relative title."""
    from .names import HEADS, parse_role

    r = parse_role(value, lang)
    key = r["key"]
    if not key or r.get("of") or r.get("modifier") in ("acting", "par intérim"):
        return None
    if key.startswith("minister|") or (key in HEADS and r["country"]):
        return key, r["country"] or "", r["time"]
    return None


def _one_office_two_persons(roles: pd.DataFrame) -> Iterable[Finding]:
    """One office given, as current, to two different persons by two articles of a story:
    a contradiction, or an ``update`` when the story itself reports that one of them left
    the office (an article gives one of them the former role). Grouped on the office's
    key: the distinct persons of an office are compared, never the articles."""
    from .names import person_country

    seats = [_seat(v, la) for v, la in zip(roles["value"], roles["lang"])]
    keep = [s is not None for s in seats]
    if not any(keep):
        return
    held = roles[keep].assign(seat=[s[0] for s in seats if s], country=[s[1] for s in seats if s],
                              time=[s[2] for s in seats if s])
    for (story, key, country), g in held.groupby(["story", "seat", "country"], sort=True):
        current = g[g["time"] == "current"]
        docs = {p: set(d) for p, d in current.groupby("person", sort=True)["doc"]}
        if len(docs) < 2:
            continue
        # two holders, each named by an article that does not name the other one
        persons = sorted(docs)
        alone = {p for p in persons if any(docs[p] - docs[q] for q in persons if q != p)}
        if len(alone) < 2:
            continue
        members = current[current["person"].isin(alone)]
        homes = {person_country(p) for p in members["subject"]} - {None}
        if len(homes) > 1:
            continue  # two ministers of two countries
        left_rows = g[(g["time"] == "former") & g["person"].isin(alone)]
        left = set(left_rows["subject"])
        side = {p: i for i, p in enumerate(sorted(alone))}
        by_person: dict[str, list[str]] = {}
        shown = members.groupby("person")["subject"].min()
        for _, c in members.sort_values(["doc", "start"]).iterrows():
            by_person.setdefault(shown[c["person"]], []).append(f"{c['doc']} l. {c['line']}")
        office = sorted(set(members["unit"].astype(str)))[0]
        parts = " vs ".join(f"«{p}» ({', '.join(dict.fromkeys(w))})" for p, w in sorted(by_person.items()))
        rows = members.index.union(left_rows.index)
        yield Finding(
            story=story,
            subject=f"{key}{' ' + country if country else ''}",
            kind="role",
            unit=office,
            rows=tuple(rows),
            sides={int(i): side[p] for i, p in zip(rows, g.loc[rows, "person"])},
            verdict="update" if left else "contradiction",
            severity="info" if left else SEVERITY,
            explanation=(f"{office}: {parts}: the articles give one office to two persons"
                         + (f" ({', '.join(sorted(left))} called its former holder: a change reported)" if left else "")),
        )


def compare(claims: pd.DataFrame, ctx) -> Iterable[Finding]:
    roles = claims[(claims["kind"] == "role") & claims["subject"].notna() & claims["value"].notna()]
    if roles.empty:
        return
    # one person whatever the accents or hyphens of the name (Nuñez / Nunez)
    keys = {s: name_key(s) for s in roles["subject"].unique()}
    roles = roles.assign(value=roles["value"].astype(str), person=roles["subject"].map(keys))
    yield from _one_office_two_persons(roles)
    for (story, _), members in roles.groupby(["story", "person"], sort=True):
        person = min(members["subject"])
        keys: dict[tuple[str, str], set[str]] = {}
        for d, v, la in zip(members["doc"], members["value"], members["lang"]):
            keys.setdefault((v, la), set()).add(d)
        if len({v for v, _ in keys}) < 2:
            continue
        status = _involved(keys)
        if not status:
            continue
        # map back to the claims: (article, value) pairs in a conflict, whatever the language
        involved = set()
        for d, v, la in zip(members["doc"], members["value"], members["lang"]):
            st = status.get((v, la))
            if st is _ALL or (st is not None and st != d):
                involved.add((d, v))
        if not involved:
            continue
        members = members[[(d, v) in involved for d, v in zip(members["doc"], members["value"])]]
        by_value: dict[str, list[str]] = {}
        for _, c in members.sort_values(["doc", "start"]).iterrows():
            by_value.setdefault(c["value"], []).append(f"{c['doc']} l. {c['line']}")
        parts = " vs ".join(f"«{v}» ({', '.join(dict.fromkeys(w))})" for v, w in sorted(by_value.items()))
        # one side per reading of the role: claims whose values do not conflict agree
        readings = {v: _reading(v, lang) for v, lang in zip(members["value"], members["lang"])}
        order = {k: i for i, k in enumerate(sorted(set(readings.values()), key=repr))}
        yield Finding(
            story=story,
            subject=person,
            kind="role",
            rows=tuple(members.index),
            sides={int(i): order[readings[v]] for i, v in zip(members.index, members["value"])},
            verdict="contradiction",
            severity=SEVERITY,
            explanation=f"{person}: {parts}: the articles give incompatible roles",
        )
