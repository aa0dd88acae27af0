"""Corpus loading: folders of .txt/.md/.html articles and JSON Lines corpora.

Offsets and lines: for .txt and .md files, whatever is not article text (YAML front
matter, a leading ``date YYYY-MM-DD`` marker, boilerplate lines) is blanked with
spaces rather than cut, so a claim's offsets and line are those of the file itself.
For .html the text is the page's visible text and offsets refer to it.

Metadata, from weakest to strongest: the folder's manifest (``recoupe-manifest.yaml``,
see :func:`read_manifest`), then the file itself (front matter, date marker), then
the configuration's story mapping. The article's language, when no metadata gives
it, is guessed from its text.

Stories: an explicit story (front matter or manifest ``story:``, a JSONL ``story``
field, a configuration glob) always wins. Otherwise, with ``story_grouping="folder"``
(the default) an article's story is its parent folder (``.`` for a lone file or a
JSONL line); with ``"auto"`` it is found by :func:`~recoupe.checker.stories.group_stories`
from what the articles share. :attr:`LoadResult.story_origins` says, per article id,
where its story came from: ``explicit``, ``config``, ``folder`` or ``auto``.

Loading never stops at a bad file: :func:`load_corpus` returns the articles it could
read and one :class:`~recoupe.checker.errors.InputError` per problem.
"""
from __future__ import annotations

import datetime as _dt
import fnmatch
import functools
import json
import os
import re
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Iterable, Iterator, Mapping

from .errors import InputError, InputWarning
from .registry import load_languages
from .schema import Article, Suppression

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
MANIFEST_NAME = "recoupe-manifest.yaml"
META_KEYS = ("title", "date", "source", "url", "story", "lang")
DEFAULT_MAX_ARTICLE_BYTES = 8 * 1024 * 1024

FRONT_MATTER_RE = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
# <!-- recoupe: ignore --> or <!-- recoupe: ignore C01, D03 -->
SUPPRESS_RE = re.compile(r"<!--[ \t]*recoupe:[ \t]*ignore\b([^>]*?)[ \t]*-->")
CODES_RE = re.compile(r"[A-Za-z]+[0-9]*")
DATE_MARK_RE = re.compile(r"\A\ufeff?[ \t]*date[ \t]*:?[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*")


@dataclass
class LoadResult:
    articles: list[Article] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    warnings: list[InputWarning] = field(default_factory=list)
    inputs: list[str] = field(default_factory=list)
    story_origins: dict[str, str] = field(default_factory=dict)  # id -> explicit | config | folder | auto
    excluded: list[str] = field(default_factory=list)  # ids left out by ``exclude``
    #: With ``Loader(lazy_text=True)``: where each article's text is read again
    #: (:meth:`text_of`); the articles themselves then hold no text.
    sources: dict[str, "TextSource"] = field(default_factory=dict)
    loader: "Loader | None" = None

    def text_of(self, article: Article) -> Article:
        """``article`` with its text: read again from its file or JSONL line when it was
        loaded without it (lazy), else as it is."""
        src = self.sources.get(article.id)
        if src is None or self.loader is None:
            return article
        return replace(article, text=self.loader.read_again(src, article.id))


@dataclass(frozen=True)
class TextSource:
    """Where an article's text is read again: a JSONL line (``offset`` of its first byte,
    ``line`` its number) or a whole article file (``offset`` -1); ``where`` names it in
    messages as the first reading did."""

    path: str
    where: str
    offset: int = -1
    line: int = 0


def _real(path: str | None) -> str | None:
    return os.path.realpath(path) if path and os.path.isfile(path) else None


def _blank(s: str) -> str:
    """The same number of characters, newlines kept, everything else a space."""
    return re.sub(r"[^\n]", " ", s)


ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]|\Z)")
MAX_DATE_TEXT = 64
MAX_FRONT_MATTER = 64 * 1024  # characters
MAX_YAML_ALIASES = 0  # front matter and manifests: anchors and aliases are refused
DATE_SETTINGS = {  # dateparser: a full date or nothing, day before month in numeric dates
    "STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": "DMY",
    "PREFER_LOCALE_DATE_ORDER": False, "RETURN_AS_TIMEZONE_AWARE": False,
}


def _date_text(value: str) -> _dt.date | None:
    """A date written as ISO 8601 (a time and offset allowed), ``30/09/2025``,
    ``30 septembre 2025`` or ``Sept. 30, 2025``; None when it names no valid date."""
    s = value.strip()
    if not s or len(s) > MAX_DATE_TEXT:
        return None
    if ISO_DATE_RE.match(s):
        try:
            return _dt.datetime.fromisoformat(s.replace("Z", "+00:00")).date()
        except ValueError:
            return None  # 2025-02-30, month 13: no guessing
    import dateparser

    try:
        found = dateparser.parse(s, languages=list(load_languages().codes), settings=DATE_SETTINGS)
    except (ValueError, OverflowError, TypeError):
        return None
    return found.date() if found else None


def parse_date(value: Any, where: str, line: int | None = None) -> _dt.date | None:
    """A metadata date (a YAML date, a string of :func:`_date_text`); an InputError otherwise."""
    if value in (None, ""):
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        found = _date_text(value)
        if found is not None:
            return found
    shown = repr(value) if len(repr(value)) <= MAX_DATE_TEXT else repr(value)[:MAX_DATE_TEXT] + "…"
    raise InputError(f"date: not a valid date (got {shown}; write 2025-09-30, 30/09/2025 or 30 septembre 2025)", where, line)


def _meta(raw: Mapping[str, Any], where: str, lines: int | Mapping[str, int] | None = None) -> dict[str, Any]:
    """Check and normalise a metadata mapping (front matter, manifest entry, JSONL);
    ``lines`` is the line of every error, or each key's line (front matter)."""
    out: dict[str, Any] = {}
    for key in META_KEYS:
        if key not in raw or raw[key] in (None, ""):
            continue
        v = raw[key]
        line = lines.get(key, 1) if isinstance(lines, Mapping) else lines
        if isinstance(v, (list, dict)):
            raise InputError(f"{key}: must be a single value, not a {'list' if isinstance(v, list) else 'mapping'}", where, line)
        if key == "date":
            out[key] = parse_date(v, where, line)
        elif key == "lang":
            lang = str(v).strip().lower()[:2]
            known = load_languages().codes
            if lang not in known:
                raise InputError(f"lang must be one of {', '.join(known)} (got {v!r})", where, line)
            out[key] = lang
        else:
            out[key] = str(v).strip()
    return out


@functools.lru_cache(maxsize=1)
def _yaml_loader():
    """The safe loader, with YAML timestamps kept as text (checked by :func:`parse_date`,
    with the file and line, rather than raised from inside the parser)."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc, valid-type]
        pass

    Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))
    return Loader


def _yaml_load(text: str, where: str, first_line: int = 1) -> Any:
    import yaml

    loader = _yaml_loader()
    try:
        aliases = [ev for ev in yaml.parse(text, Loader=loader) if isinstance(ev, yaml.AliasEvent)]
        if len(aliases) > MAX_YAML_ALIASES:
            mark = aliases[MAX_YAML_ALIASES].start_mark
            raise InputError("YAML aliases (*name) are not allowed here", where, first_line + (mark.line if mark else 0))
        return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = first_line + mark.line if mark is not None else first_line
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise InputError(f"invalid YAML ({problem})", where, line) from None
    except (ValueError, OverflowError, RecursionError) as e:
        raise InputError(f"invalid YAML ({type(e).__name__}: {str(e)[:80]})", where, first_line) from None


def read_manifest(folder: Path, display: str) -> dict[str, dict[str, Any]]:
    """A folder's manifest: ``{file name: metadata}``.

    The file ``recoupe-manifest.yaml`` maps article file names (relative to the
    folder) to any of ``title``, ``date``, ``source``, ``url``, ``story``, ``lang``::

        articles:
          002_202f7b002f9e5a06.txt:
            date: 2025-09-04
            source: AFP
    """
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}
    where = f"{display}/{MANIFEST_NAME}" if display not in ("", ".") else MANIFEST_NAME
    data = _yaml_load(_read_text(path, where), where)
    if data is None:
        return {}
    if not isinstance(data, dict) or not isinstance(data.get("articles", {}), dict):
        raise InputError("manifest must be a mapping with an 'articles' mapping", where)
    unknown = set(data) - {"articles", "version"}
    if unknown:
        raise InputError(f"unknown manifest key {sorted(unknown)[0]!r} (allowed: articles, version)", where)
    out = {}
    for name, raw in (data.get("articles") or {}).items():
        if raw is None:
            raw = {}
        if not isinstance(raw, dict):
            raise InputError(f"entry {name!r} must be a mapping", where)
        bad = set(raw) - set(META_KEYS)
        if bad:
            raise InputError(f"entry {name!r}: unknown key {sorted(bad)[0]!r} (allowed: {', '.join(META_KEYS)})", where)
        out[str(name)] = _meta(raw, where)
    return out


class NotRegular(InputWarning):
    """A FIFO, socket or device where an article was expected: skipped, never opened."""


def _read_text(path: Path, where: str, max_bytes: int | None = None) -> str:
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            raise NotRegular(f"skipped: not a regular file ({_file_type(st.st_mode)})", where)
        if max_bytes is not None and st.st_size > max_bytes:
            raise InputError(f"file is {st.st_size} bytes, over the limit of {max_bytes} "
                             "(raise max-article-bytes in the configuration to read it)", where)
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read file ({e.strerror or e})", where) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise InputError(f"not valid UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start})", where, line) from None


def _file_type(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return "not a regular file"


def _jsonl_lines(path: Path, where: str) -> Iterator[tuple[int, str, int]]:
    """``(line number, line, byte offset of the line)`` of a UTF-8 file, read line by line (a corpus of
    hundreds of megabytes is never held whole, nor twice)."""
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            raise NotRegular(f"skipped: not a regular file ({_file_type(st.st_mode)})", where)
        f = path.open("rb")
    except OSError as e:
        raise InputError(f"cannot read file ({e.strerror or e})", where) from None
    with f:
        offset = 0
        try:
            for n, data in enumerate(f, 1):
                try:
                    line = data.decode("utf-8-sig" if n == 1 else "utf-8")
                except UnicodeDecodeError as e:
                    raise InputError(f"not valid UTF-8 (byte 0x{data[e.start]:02x} at offset {offset + e.start})",
                                     where, n) from None
                yield n, line[:-1] if line.endswith("\n") else line, offset
                offset += len(data)
        except OSError as e:
            raise InputError(f"cannot read file ({e.strerror or e})", where) from None


def split_front_matter(raw: str, where: str) -> tuple[dict[str, Any], str]:
    """Metadata from YAML front matter and a leading date marker; the text with them blanked."""
    meta: dict[str, Any] = {}
    text = raw[1:] if raw.startswith("\ufeff") else raw
    m = FRONT_MATTER_RE.match(text)
    if m:
        if len(m.group(1)) > MAX_FRONT_MATTER:
            raise InputError(f"front matter is over {MAX_FRONT_MATTER // 1024} KB", where, 1)
        data = _yaml_load(m.group(1), where, 2)
        if data is not None and not isinstance(data, dict):
            raise InputError("front matter must be a YAML mapping", where, 1)
        lines = {k.group(1): 2 + m.group(1).count("\n", 0, k.start())  # a bad value names its own line
                 for k in re.finditer(r"^(\w+)[ \t]*:", m.group(1), re.M)}
        meta.update(_meta(data or {}, where, lines))
        if data and "recoupe" in data:
            meta["suppressions"] = (front_matter_suppression(data["recoupe"], where),)
        text = _blank(m.group(0)) + text[m.end():]
    dm = DATE_MARK_RE.match(text.lstrip("\n")) if not meta.get("date") else None
    if dm:
        lead = len(text) - len(text.lstrip("\n"))
        meta["date"] = parse_date(dm.group(1), where, 1 + lead)
        text = text[:lead] + _blank(dm.group(0)) + text[lead + dm.end():]
    return meta, text


def inline_suppressions(text: str, where: str) -> tuple[str, tuple[Suppression, ...]]:
    """The ``<!-- recoupe: ignore [IDS] -->`` comments of a text, blanked (offsets
    kept), as suppressions. A comment beside text covers its line; a comment alone on
    its line covers its paragraph (the non-blank lines around it), or the next
    paragraph when it stands alone between blank lines."""
    if "recoupe:" not in text:
        return text, ()
    lines = text.split("\n")
    out: list[Suppression] = []
    for m in SUPPRESS_RE.finditer(text):
        rules = tuple(c.upper() for c in CODES_RE.findall(m.group(1)))
        line = text.count("\n", 0, m.start()) + 1
        rest = (lines[line - 1][:m.start() - (text.rfind("\n", 0, m.start()) + 1)] +
                lines[line - 1][m.end() - (text.rfind("\n", 0, m.start()) + 1):])
        if rest.strip():
            first = last = line
        else:
            def blank(n: int) -> bool:  # 1-based; lines holding only comments count as blank
                return not SUPPRESS_RE.sub("", lines[n - 1]).strip()
            first = last = line
            while first > 1 and not blank(first - 1):
                first -= 1
            while last < len(lines) and not blank(last + 1):
                last += 1
            if first == last == line:  # alone: the next paragraph
                first = line + 1
                while first <= len(lines) and blank(first):
                    first += 1
                last = first
                while last < len(lines) and not blank(last + 1):
                    last += 1
        out.append(Suppression(rules, first, last, line))
    text = SUPPRESS_RE.sub(lambda m: _blank(m.group(0)), text)
    return text, tuple(out)


def front_matter_suppression(value: Any, where: str) -> Suppression:
    """``recoupe: {ignore: [C03]}`` in front matter: the whole article."""
    if not isinstance(value, dict) or set(value) - {"ignore"}:
        raise InputError("front matter 'recoupe' must be a mapping with an 'ignore' list of rule ids", where, 1)
    rules = value.get("ignore")
    if isinstance(rules, str):
        rules = [rules]
    if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
        raise InputError("front matter 'recoupe.ignore' must be a list of rule ids", where, 1)
    return Suppression(tuple(r.strip().upper() for r in rules), 1, 10**9, 1)


def _blank_boilerplate(text: str, is_boilerplate: Callable[[str], bool]) -> str:
    lines = text.split("\n")
    return "\n".join(_blank(ln) if is_boilerplate(ln) else ln for ln in lines)


@dataclass
class Loader:
    """Reads inputs into articles. ``exclude`` are globs on article ids; ``stories``
    maps globs on ids to a story name (first match wins); ``story_grouping`` is
    ``folder`` or ``auto``, ``stopwords`` the function words auto grouping ignores."""

    is_boilerplate: Callable[[str], bool] = lambda line: False
    detect_language: Callable[[str], str] = lambda text: load_languages().default
    default_lang: str | None = None
    exclude: tuple[str, ...] = ()
    stories: tuple[tuple[str, str], ...] = ()
    story_grouping: str = "folder"
    stopwords: frozenset[str] = frozenset()
    root: Path | None = None  # ids and folder stories are relative to it (else to the folder given)
    max_bytes: int | None = DEFAULT_MAX_ARTICLE_BYTES
    #: Keep no text in the articles: each is read again, when its batch is processed,
    #: from its file or JSONL line (:meth:`LoadResult.text_of`). Not with auto stories,
    #: which read every text at once.
    lazy_text: bool = False

    def load(self, inputs: Iterable[str]) -> LoadResult:
        result = LoadResult()
        self._lazy = lazy = self.lazy_text and self.story_grouping != "auto"
        if lazy:
            result.loader = self
        seen: dict[str, str] = {}
        real: dict[str, str] = {}
        for given in inputs:
            result.inputs.append(given)
            path = Path(given)
            try:
                if path.is_dir():
                    found = self._folder(path, result)
                elif path.suffix.lower() == ".jsonl":
                    found = self._jsonl(path, given, result)
                elif path.suffix.lower() in ARTICLE_SUFFIXES and path.is_file():
                    found = self._files([path], self._base(path.parent), result,
                                        lambda f, given=given, path=path: given if f == path else str(f))
                elif not path.exists():
                    raise InputError("no such file or folder", given)
                else:
                    raise InputError(f"not an article file ({', '.join(ARTICLE_SUFFIXES)}), a .jsonl corpus or a folder", given)
            except InputWarning as w:
                result.warnings.append(w)
                continue
            except InputError as e:
                result.errors.append(e)
                continue
            for art, explicit, source in found:
                if self._excluded(art.id):
                    result.excluded.append(art.id)
                    continue
                if art.id in seen and real.get(art.id) is not None and real.get(art.id) == _real(art.path):
                    continue  # the same file named twice (a file and its folder): read once
                if art.id in seen:
                    result.errors.append(InputError(f"article id {art.id!r} already read from {seen[art.id]}; skipped", art.path))
                    continue
                seen[art.id] = art.path or art.id
                real[art.id] = _real(art.path)
                art = self._finish(art, "explicit" if explicit else "folder", result.story_origins)
                if lazy:
                    result.sources[art.id] = source
                result.articles.append(art)
        if self.story_grouping == "auto":
            self._group(result)
        result.articles.sort(key=lambda a: (a.story, a.id))
        result.errors.sort(key=_error_key)
        result.warnings.sort(key=_error_key)
        return result

    def _group(self, result: LoadResult) -> None:
        """Auto stories for the articles whose story is not explicit."""
        from .stories import StoryArticle, group_stories

        fixed = {"explicit", "config"}
        todo = [StoryArticle(a.id, a.text, a.date, a.story if result.story_origins[a.id] in fixed else None, a.lang)
                for a in result.articles]
        found = group_stories(todo, self.stopwords)
        for i, a in enumerate(result.articles):
            if result.story_origins[a.id] not in fixed:
                result.articles[i] = replace(a, story=found[a.id])
                result.story_origins[a.id] = "auto"

    # -- helpers ---------------------------------------------------------------
    def _base(self, folder: Path) -> Path:
        """The folder ids are relative to: the root when ``folder`` is inside it, else ``folder``."""
        folder = folder.resolve()
        if self.root is not None:
            root = self.root.resolve()
            if folder == root or root in folder.parents:
                return root
        return folder

    def _excluded(self, art_id: str) -> bool:
        return any(fnmatch.fnmatch(art_id, g) for g in self.exclude)

    def _finish(self, art: Article, origin: str, origins: dict[str, str]) -> Article:
        for glob, story in self.stories:
            if fnmatch.fnmatch(art.id, glob):
                art = replace(art, story=story)
                origin = "config"
                break
        origins[art.id] = origin
        if not art.lang:
            art = replace(art, lang=self.default_lang or self.detect_language(art.text))
        return art

    def _slim(self, art: Article) -> Article:
        """In lazy mode, the article without its text (its language guessed first, as
        :meth:`_finish` would): the corpus' texts are never all held at once."""
        if not getattr(self, "_lazy", False):
            return art
        return replace(art, lang=art.lang or self.default_lang or self.detect_language(art.text), text="")

    def read_again(self, src: TextSource, art_id: str) -> str:
        """The text of article ``art_id`` read again from ``src``, exactly as :meth:`load`
        read it; an InputError when the file changed in between."""
        if src.offset < 0:
            text = self._file_text(Path(src.path), src.where, LoadResult())[1]
        else:
            try:
                with open(src.path, "rb") as f:
                    f.seek(src.offset)
                    data = f.readline()
                obj = json.loads(data.decode("utf-8-sig" if src.offset == 0 else "utf-8"))
            except (OSError, ValueError) as e:
                raise InputError(f"cannot read the line again ({e})", src.where, src.line) from None
            if not isinstance(obj, dict) or obj.get("id") != art_id or not isinstance(obj.get("text"), str):
                raise InputError(f"article {art_id!r} changed while recoupe ran", src.where, src.line)
            text = self._jsonl_text(obj["text"], src.where)[0]
        return text

    def _jsonl_text(self, text: str, given: str) -> tuple[str, tuple[Suppression, ...]]:
        text = _blank_boilerplate(text, self.is_boilerplate)
        return inline_suppressions(text, given)

    def _file_text(self, f: Path, where: str, result: LoadResult) -> tuple[dict[str, Any], str]:
        """The metadata and text of an article file (raises InputError, InputWarning)."""
        raw = _read_text(f, where, self.max_bytes)
        if f.suffix.lower() in (".html", ".htm"):
            from .htmltext import html_article

            try:
                file_meta, text = html_article(raw, self.is_boilerplate)
            except (AssertionError, ValueError, RecursionError) as e:  # html.parser's own limits
                raise InputError(f"cannot parse HTML ({type(e).__name__}: {str(e)[:80]})", where) from None
            file_meta = self._html_meta(file_meta, where, result)
            if not text.strip():
                result.warnings.append(InputWarning("no article text found in this HTML page", where))
        else:
            file_meta, text = split_front_matter(raw, where)
            text = _blank_boilerplate(text, self.is_boilerplate)
            text, inline = inline_suppressions(text, where)
            file_meta["suppressions"] = file_meta.get("suppressions", ()) + inline
        return file_meta, text

    def _folder(self, root: Path, result: LoadResult) -> list[tuple[Article, bool, TextSource]]:
        """Articles of a folder tree, and of the .jsonl corpora it holds, each with
        whether its story is explicit (as for the other readers)."""
        files, corpora = [], []

        def unreadable(e: OSError) -> None:  # os.walk skips a folder it cannot list: say so
            name = Path(e.filename or root)
            rel = name.relative_to(root).as_posix() if name != root and name.is_relative_to(root) else ""
            shown = os.path.join(str(root), rel) if rel else str(root)
            result.errors.append(InputError(f"cannot read folder ({e.strerror or e})", shown))

        for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for f in sorted(filenames):
                if f.startswith("."):
                    continue
                if _surrogate(os.path.join(dirpath, f)) is not None:  # bytes that are not UTF-8 in the name
                    shown = os.path.join(dirpath, f).encode("utf-8", "replace").decode()
                    result.errors.append(InputError("file name is not valid UTF-8; rename it", os.path.normpath(shown)))
                    continue
                if f.lower().endswith(ARTICLE_SUFFIXES):
                    files.append(Path(dirpath) / f)
                elif f.lower().endswith(".jsonl"):
                    corpora.append(Path(dirpath) / f)
        given = str(root)
        out = self._files(files, self._base(root), result,
                          lambda f: given if f == root else (f.relative_to(root).as_posix() if given == "." else
                                                             os.path.join(given, f.relative_to(root).as_posix())))
        for c in corpora:
            try:
                out += self._jsonl(c, os.path.join(str(root), c.relative_to(root).as_posix()), result)
            except InputWarning as w:
                result.warnings.append(w)
            except InputError as e:
                result.errors.append(e)
        return out

    def _files(self, files: list[Path], base: Path, result: LoadResult,
               shown: Callable[[Path], str]) -> list[tuple[Article, bool, TextSource]]:
        """Articles of ``files``, their ids relative to ``base``; ``shown`` gives a
        file's path as the user named it, for messages."""
        manifests: dict[Path, dict[str, dict[str, Any]]] = {}
        out = []
        for f in files:
            rel = PurePosixPath(f.resolve().relative_to(base).as_posix())
            where = shown(f)
            try:
                if f.parent not in manifests:
                    manifests[f.parent] = read_manifest(f.parent, shown(f.parent))
                meta = dict(manifests[f.parent].get(f.name, {}))
                file_meta, text = self._file_text(f, where, result)
                meta.update(file_meta)
            except InputWarning as w:
                result.warnings.append(w)
                continue
            except InputError as e:
                result.errors.append(e)
                continue
            explicit = meta.pop("story", None)
            story = explicit or rel.parent.as_posix()
            out.append((self._slim(Article(id=rel.as_posix(), text=text, story=story or ".", path=where, **meta)), bool(explicit),
                        TextSource(str(f), where)))
        return out

    @staticmethod
    def _html_meta(meta: dict[str, Any], where: str, result: LoadResult) -> dict[str, Any]:
        """A page's head dates are the CMS's: one that names no valid date is ignored
        with a warning, the article still read."""
        meta = dict(meta)
        if "date" in meta:
            found = _date_text(meta["date"])
            if found is None:
                shown = meta["date"][:MAX_DATE_TEXT]
                result.warnings.append(InputWarning(f"date {shown!r} of the page's metadata is not a valid date; ignored", where))
                del meta["date"]
            else:
                meta["date"] = found
        return meta

    def _jsonl(self, path: Path, given: str, result: LoadResult) -> list[tuple[Article, bool, TextSource]]:
        out = []
        errors: list[InputError] = []  # reported only when the whole file decodes, as before
        for n, line, offset in _jsonl_lines(path, given):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(InputError(f"invalid JSON ({e.msg} at column {e.colno})", given, n))
                continue
            except RecursionError:
                errors.append(InputError("invalid JSON (nested too deeply)", given, n))
                continue
            except ValueError as e:  # e.g. an integer beyond Python's digit limit
                errors.append(InputError(f"invalid JSON ({str(e).split(';')[0][:80]})", given, n))
                continue
            try:
                if not isinstance(obj, dict):
                    raise InputError("each line must be a JSON object", given, n)
                art_id, text = obj.get("id"), obj.get("text")
                if not isinstance(art_id, str) or not art_id:
                    raise InputError("missing or empty string field 'id'", given, n)
                if not isinstance(text, str):
                    raise InputError(f"article {art_id!r}: missing string field 'text'", given, n)
                for key, v in obj.items():
                    bad = _surrogate(v)
                    if bad is not None:
                        raise InputError(f"field {key!r}: lone surrogate escape \\u{ord(v[bad]):04x} at character {bad + 1} (not valid Unicode text)", given, n)
                if self.max_bytes is not None and len(text) > self.max_bytes:
                    raise InputError(f"article {art_id!r}: text is over the limit of {self.max_bytes} characters "
                                     "(raise max-article-bytes in the configuration to read it)", given, n)
                meta = _meta(obj, given, n)
                text, inline = self._jsonl_text(text, given)
                if inline:
                    meta["suppressions"] = inline
            except InputError as e:
                errors.append(e)
                continue
            explicit = meta.pop("story", None)
            out.append((self._slim(Article(id=art_id, text=text, story=explicit or ".", path=f"{given}:{n}", **meta)), bool(explicit),
                        TextSource(str(path), given, offset, n)))
        result.errors.extend(errors)
        return out


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _surrogate(value: Any) -> int | None:
    """Index of the first lone surrogate of a string value (JSON allows ``\\ud800``), or None."""
    if not isinstance(value, str):
        return None
    m = _SURROGATE_RE.search(value)
    return m.start() if m else None


def _error_key(e: InputError) -> tuple[str, int]:
    return (e.path or "", e.line or 0)
