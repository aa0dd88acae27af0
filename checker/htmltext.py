"""The visible article text of an HTML page, and the metadata its head gives.

Script, style, navigation, header, footer, aside, form and similar elements are
dropped; block elements end lines; entities are decoded. Offsets of claims found in
an HTML article refer to this text.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any, Callable

from .registry import load_languages

SKIP = {"script", "style", "nav", "header", "footer", "aside", "noscript", "template",
        "svg", "form", "iframe", "button", "select", "figure", "menu", "canvas", "object"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr"}
BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
         "table", "section", "article", "main", "blockquote", "pre", "dd", "dt", "dl",
         "hr", "title", "figcaption", "address", "td", "th"}
META_PROPS = {
    "og:title": "title", "twitter:title": "title",
    "article:published_time": "date", "date": "date", "dc.date": "date", "pubdate": "date",
    "og:site_name": "source", "author": None,
    "og:url": "url",
}


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.stack: list[str] = []
        self.meta: dict[str, Any] = {}
        self.in_title = False
        self.title_parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html" and a.get("lang"):
            self.meta.setdefault("lang", a["lang"][:2].lower())
        if tag == "meta":
            key = (a.get("property") or a.get("name") or "").lower()
            field = META_PROPS.get(key)
            if field and a.get("content"):
                self.meta.setdefault(field, a["content"].strip())
        if tag == "link" and a.get("rel", "").lower() == "canonical" and a.get("href"):
            self.meta.setdefault("url", a["href"].strip())
        if tag == "time" and a.get("datetime"):
            self.meta.setdefault("time_datetime", a["datetime"].strip())
        if tag == "title":
            self.in_title = True
        if tag in VOID:
            if tag in BLOCK and not self.skip_depth:
                self.parts.append("\n")
            return
        self.stack.append(tag)
        if tag in SKIP or tag == "head":
            self.skip_depth += 1
        elif tag in BLOCK and not self.skip_depth:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in VOID or tag not in self.stack:
            return
        while self.stack:
            open_tag = self.stack.pop()
            if open_tag in SKIP or open_tag == "head":
                self.skip_depth -= 1
            if open_tag == tag:
                break
        if tag in BLOCK and not self.skip_depth:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        if not self.skip_depth:
            self.parts.append(data)


def html_article(raw: str, is_boilerplate: Callable[[str], bool] = lambda s: False) -> tuple[dict[str, Any], str]:
    """``(metadata, visible text)`` of an HTML page: one paragraph a line, no blank runs."""
    p = _Visible()
    p.feed(raw)
    p.close()
    text = "".join(p.parts)
    lines = []
    for line in text.split("\n"):
        line = re.sub(r"[ \t\r\f\v]+", " ", line).strip()
        if line and not is_boilerplate(line):
            lines.append(line)
    meta: dict[str, Any] = {}
    title = p.meta.get("title") or " ".join("".join(p.title_parts).split())
    if title:
        meta["title"] = title
    date = p.meta.get("date") or p.meta.get("time_datetime")
    if date and re.match(r"\d{4}-\d{2}-\d{2}", date):
        import datetime as _dt
        meta["date"] = _dt.date.fromisoformat(date[:10])
    for key in ("source", "url"):
        if p.meta.get(key):
            meta[key] = p.meta[key]
    if p.meta.get("lang") in load_languages().codes:
        meta["lang"] = p.meta["lang"]
    return meta, "\n".join(lines) + ("\n" if lines else "")
