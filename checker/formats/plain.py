"""The plain sentence of a discrepancy: one sentence an editor reads in three seconds,
built from the discrepancy's data (kind, sides, values, articles, dates, subject) in the
report's language — never from a rule id.

The claims are grouped by ``side`` when they carry one (claims with the same side
agree), else by equal value. Groups are said largest first (most articles), then by
the date of their earliest article::

    Trois articles donnent 35 pays ; Le Monde (4 sept.) en donne « une trentaine de pays ».
    Donald Trump est « ancien président américain » dans l'article du 22 août, « président américain » dans deux articles.
"""
from __future__ import annotations

import unicodedata
from typing import Any, Mapping, Sequence

from .i18n import Messages

NUMERIC = frozenset({"quantity", "percent", "money", "duration", "ordinal"})
TITLE_MAX = 60


def _fold_char(ch: str) -> str:
    ch = {"’": "'", "‘": "'", "\u00a0": " "}.get(ch, ch)
    return "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)).lower()


def as_written(folded: str | None, text: str | None) -> str | None:
    """``folded`` (lower-cased, accents dropped, as attributions are stored) as the
    text writes it, capitals and accents included; ``folded`` itself when not found."""
    if not folded or not text:
        return folded
    out, index = [], []
    for i, ch in enumerate(text):
        f = _fold_char(ch)
        out.append(f)
        index.extend([i] * len(f))
    flat = "".join(out)
    pos = flat.find("".join(_fold_char(c) for c in folded))
    if pos < 0:
        return folded
    end = pos + len("".join(_fold_char(c) for c in folded)) - 1
    return text[index[pos]: index[end] + 1]


def groups_of(claims: Sequence[Mapping[str, Any]]) -> list[list[Mapping[str, Any]]]:
    """The claims by side when every claim has one, else by equal value."""
    has_side = claims and all(c.get("side") is not None for c in claims)
    out: dict[Any, list] = {}
    for c in claims:
        out.setdefault(c["side"] if has_side else c.get("value_key"), []).append(c)
    return list(out.values())


def article_name(a: Mapping[str, Any], m: Messages) -> str:
    """How the sentence names an article: its source (and date), else its date, else its
    title when short, else its file."""
    date = m.date(a.get("date"), short=True) if a.get("date") else None
    if a.get("source"):
        return m("article_named", name=a["source"], date=date) if date else a["source"]
    if date:
        return m("article_of", date=date)
    title = a.get("title")
    if title and len(title) <= TITLE_MAX:
        return m("the_article", name=m.quote(title))
    stem = str(a.get("id") or "").rsplit(".", 1)[0]
    return m("the_article", name=stem)


def claim_what(c: Mapping[str, Any], kind: str, m: Messages) -> str:
    """A claim's value as the sentence says it."""
    text = c.get("text") or ""
    if kind in NUMERIC:
        value, low, high = c.get("num"), c.get("low"), c.get("high")
        exact = value is not None and not c.get("qualifier") and (low is None or low == high == value)
        unit = c.get("unit")
        if exact:
            if unit and unit.lower() in text.lower() and unit.lower() not in m.number(value):
                return f"{m.number(value)} {unit}"
            return m.number(value) if text.strip() == m.number(value) else m.quote(text)
        return m.quote(text)
    if kind in ("date", "time") and c.get("read_as"):
        return f"{m.quote(text)} ({c['read_as']})"
    return m.quote(c.get("value_text") or text)


def _who(docs: list[str], articles: Mapping[str, Mapping[str, Any]], m: Messages) -> str:
    if len(docs) == 1:
        return article_name(articles[docs[0]], m)
    return m("articles_count", count=m.count(len(docs)))


def sentence(kind: str, subject: str | None, claims: Sequence[Mapping[str, Any]],
             articles: Mapping[str, Mapping[str, Any]], m: Messages) -> str:
    """The plain sentence. ``claims`` are the report's claim views (``doc``, ``text``,
    ``num``, ``low``, ``high``, ``unit``, ``qualifier``, ``read_as``, ``value_key``,
    optional ``side``); ``articles`` the article views by id (with ``date``)."""
    groups = []
    for g in groups_of(claims):
        groups.append((list(dict.fromkeys(c["doc"] for c in g)), g))
    groups.sort(key=lambda x: (-len(x[0]), min((articles[d].get("date") or "9999") for d in x[0]),
                               str(x[1][0].get("value_key"))))
    clauses: list[str] = []
    named: set[str] = set()
    for i, (docs, g) in enumerate(groups):
        whats = list(dict.fromkeys(claim_what(c, kind, m) for c in g))
        what = m.join(whats[:2])
        who = _who(docs, articles, m)
        if kind in NUMERIC:
            if i and len(docs) == 1 and docs[0] in named:
                clauses.append(m("gives_also", who=who, what=what))
            else:
                clauses.append(m.form("gives_next" if i else "gives_first", len(docs), who=who, what=what))
        elif kind == "role":
            where = m("in_where", who=who)
            clauses.append(m("is_first", subject=subject or "", what=what, where=where) if i == 0
                           else m("is_next", what=what, where=where))
        else:
            where = m("in_where", who=who)
            label = m.label("kind", kind) if kind in ("date", "time") else (subject or m.label("kind", kind))
            clauses.append(m("date_first", subject=label, what=what, where=where) if i == 0
                           else m("date_next", what=what, where=where))
        named.update(docs)
    sep = m("role_sep") if kind == "role" else m("clause_sep")
    text = sep.join(clauses)
    if not text:
        return ""
    # a sentence that ends on an abbreviation ("20 sept.") takes no second full stop
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
