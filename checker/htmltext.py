"""The visible article text of an HTML page, and the metadata its head gives.

Script, style, form controls and similar elements are dropped; so are navigation,
header, footer, aside and figure, except inside ``<article>`` or ``<main>`` (an
unclosed ``<header>`` does not hide the article) and except when the page has no
other text. A ``<form>`` keeps its text (an ASP.NET page's body is one form). Block elements end lines; entities
are decoded. The metadata's date is returned as text, for the loader to check. Offsets of claims found in
an HTML article refer to this text.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any, Callable

from .registry import load_languages

HIDDEN = {"script", "style", "noscript", "template", "svg", "iframe", "button", "select",
          "textarea", "label", "canvas", "object", "head"}  # never text (a <form>'s controls included)
LAYOUT = {"nav", "header", "footer", "aside", "figure", "menu"}  # dropped when other text exists
ARTICLE = {"article", "main"}  # text even inside layout (an unclosed <header>, a page-wide <form>)
VISIBLE, IN_LAYOUT, IN_HIDDEN = 0, 1, 2
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
    def __init__(self, keep_layout: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.keep_layout = keep_layout
        self.parts: list[str] = []
        self.stack: list[tuple[str, int]] = []  # (open tag, visibility inside it)
        self.meta: dict[str, Any] = {}
        self.in_title = False
        self.title_parts: list[str] = []

    @property
    def hidden(self) -> bool:
        return bool(self.stack) and self.stack[-1][1] != VISIBLE

    def _inside(self, tag: str) -> int:
        state = self.stack[-1][1] if self.stack else VISIBLE
        if state == IN_HIDDEN or tag in HIDDEN:
            return IN_HIDDEN
        if tag in LAYOUT and not self.keep_layout:
            return IN_LAYOUT
        if tag in ARTICLE:
            return VISIBLE
        return state

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
            if tag in BLOCK and not self.hidden:
                self.parts.append("\n")
            return
        self.stack.append((tag, self._inside(tag)))
        if tag in BLOCK and not self.hidden:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in VOID or all(t != tag for t, _ in self.stack):
            return
        while self.stack:
            if self.stack.pop()[0] == tag:
                break
        if tag in BLOCK and not self.hidden:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        if not self.hidden:
            self.parts.append(data)


def _lines(text: str, is_boilerplate: Callable[[str], bool]) -> list[str]:
    lines = []
    for line in text.split("\n"):
        line = re.sub(r"[ \t\r\f\v]+", " ", line).strip()
        if line and not is_boilerplate(line):
            lines.append(line)
    return lines


def html_article(raw: str, is_boilerplate: Callable[[str], bool] = lambda s: False) -> tuple[dict[str, Any], str]:
    """``(metadata, visible text)`` of an HTML page: one paragraph a line, no blank runs."""
    p = _Visible()
    p.feed(raw)
    p.close()
    lines = _lines("".join(p.parts), is_boilerplate)
    if not lines:  # all the text sits in layout elements (a page-wide <form>): keep it
        p = _Visible(keep_layout=True)
        p.feed(raw)
        p.close()
        lines = _lines("".join(p.parts), is_boilerplate)
    meta: dict[str, Any] = {}
    title = p.meta.get("title") or " ".join("".join(p.title_parts).split())
    if title:
        meta["title"] = title
    date = p.meta.get("date") or p.meta.get("time_datetime")
    if date:
        meta["date"] = date  # text: the loader parses it, and warns when it is no date
    for key in ("source", "url"):
        if p.meta.get(key):
            meta[key] = p.meta[key]
    if p.meta.get("lang") in load_languages().codes:
        meta["lang"] = p.meta["lang"]
    return meta, "\n".join(lines) + ("\n" if lines else "")
