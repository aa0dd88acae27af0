"""The words of the editors' report, per language: one YAML catalogue per language in
``messages/`` (package data), and numbers, intervals, dates and times formatted for the
language with babel. Formatters ask :class:`Messages` for every label; no interface
string lives in code.

>>> m = Messages.load("fr")
>>> m.number(12000), m.number(33.5), m.interval(25, 35)
('12\\u202f000', '33,5', 'de 25 à 35')
"""
from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

MESSAGES = Path(__file__).resolve().parent / "messages"
#: the fallback catalogue, named in ``messages/DEFAULT`` (data, not code)
DEFAULT = [l.strip() for l in (MESSAGES / "DEFAULT").read_text(encoding="utf-8").splitlines()
           if l.strip() and not l.startswith("#")][0]
_TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})(?::\d{2})?(Z|[+-]\d{2}:\d{2})?$")


def languages() -> tuple[str, ...]:
    """The languages the report is written in (one catalogue each)."""
    return tuple(sorted(p.stem for p in MESSAGES.glob("*.yaml")))


@lru_cache(maxsize=None)
def _catalogue(lang: str) -> dict[str, Any]:
    import yaml

    return yaml.safe_load((MESSAGES / f"{lang}.yaml").read_text(encoding="utf-8"))


def choose_language(requested: str | None, article_langs: Iterable[str | None]) -> str:
    """The report's language: the one requested when the report speaks it, else the
    majority language of the articles (ties: alphabetical), else :data:`DEFAULT`."""
    known = languages()
    if requested in known:
        return requested
    counts = Counter(x for x in article_langs if x in known)
    if counts:
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return DEFAULT


class Messages:
    """One language's catalogue and formatters."""

    def __init__(self, lang: str, catalogue: dict[str, Any]):
        self.lang = lang
        self.cat = catalogue

    @classmethod
    def load(cls, lang: str) -> "Messages":
        return cls(lang, _catalogue(lang if lang in languages() else DEFAULT))

    def __call__(self, key: str, **kw: Any) -> str:
        """The message ``key`` with its ``{placeholders}`` filled."""
        text = self.cat[key]
        return text.format(**kw) if kw else text

    def plural(self, key: str, n: int, **kw: Any) -> str:
        from babel.core import Locale

        forms = self.cat[key]
        form = Locale.parse(self.lang).plural_form(n)
        return (forms.get(form) or forms["other"]).format(n=self.number(n), **kw)

    def form(self, key: str, n: int, **kw: Any) -> str:
        """The singular (``one``) or plural (``other``) form of a sentence, by ``n``."""
        forms = self.cat[key]
        return forms["one" if n == 1 else "other"].format(**kw)

    def label(self, table: str, key: str | None) -> str:
        """A vocabulary word (severity, verdict, status, kind): the catalogue's, else the key."""
        return self.cat.get(table, {}).get(key, key or "")

    def count(self, n: int) -> str:
        words = self.cat["count_words"]
        return words[n] if 0 <= n < len(words) else self.number(n)

    # --- numbers, dates, times -----------------------------------------------------

    def number(self, x: float | int | None) -> str:
        from babel.numbers import format_decimal

        if x is None:
            return ""
        if isinstance(x, float) and x.is_integer():
            x = int(x)
        return format_decimal(x, locale=self.lang, format="#,##0.###")

    def interval(self, low: float | None, high: float | None) -> str:
        if low is not None and high is not None:
            return self("interval", low=self.number(low), high=self.number(high))
        if low is not None:
            return self("at_least", low=self.number(low))
        return self("at_most", high=self.number(high))

    def date(self, iso: str | _dt.date | None, short: bool = False) -> str | None:
        """``jeudi 4 septembre 2025`` (``4 sept.`` when short); None when not a date."""
        from babel.dates import format_date

        d = iso if isinstance(iso, _dt.date) else _parse_date(iso)
        if d is None:
            return None
        return format_date(d, format="d MMM" if short else "full", locale=self.lang)

    def time(self, value: str | None) -> str | None:
        """``14:00 (UTC+02:00)``; None when not a time."""
        from babel.dates import format_time

        m = _TIME_RE.match(value or "")
        if not m:
            return None
        hhmm = format_time(_dt.time(int(m.group(1)), int(m.group(2))), format="short", locale=self.lang)
        zone = m.group(3)
        return hhmm if not zone else f"{hhmm} (UTC{'' if zone == 'Z' else zone})"

    def quote(self, text: str) -> str:
        return self("quote", text=" ".join(text.split()))

    def join(self, items: list[str]) -> str:
        """``a, b et c``."""
        if len(items) <= 1:
            return "".join(items)
        return ", ".join(items[:-1]) + self("and") + items[-1]


def _parse_date(value: Any) -> _dt.date | None:
    if not value or not isinstance(value, str):
        return None
    try:
        return _dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
