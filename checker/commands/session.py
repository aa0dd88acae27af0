"""What every command uses: the settings from the command line and the configuration,
the inputs, the rule registry and selection, loading and checking a corpus, and
writing the output. Heavy modules are imported inside the functions, so that
``recoupe --help`` stays fast."""
from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from ..config import Settings, load_settings
from ..errors import ConfigError, InputError, RecoupeError, UsageError


def _csv(value: str | None) -> tuple[str, ...]:
    return tuple(x.strip() for x in value.split(",") if x.strip()) if value else ()


def inputs_of(args: argparse.Namespace, settings: Settings | None = None) -> list[str]:
    """The inputs the user named, else the corpus: the configured ``paths``, else the root."""
    inputs = list(getattr(args, "inputs", None) or [])
    if inputs:
        return inputs
    settings = settings or settings_for(args)
    return corpus_inputs(settings)


def corpus_inputs(settings: Settings) -> list[str]:
    """The whole corpus: the configured ``paths`` (relative to the root), else the root,
    shown relative to the current folder when they are under it."""
    from ..config import shown_path

    root = Path(settings.root)
    return [str(shown_path(root / p)) for p in (settings.paths or (".",))]


def changed_files(inputs: list[str]) -> bool:
    """True when every input is an article file (what pre-commit and a pull-request job
    pass): those files are then checked against the whole corpus."""
    from ..corpus import ARTICLE_SUFFIXES

    return bool(inputs) and all(Path(i).is_file() and i.lower().endswith(ARTICLE_SUFFIXES) for i in inputs)


def settings_for(args: argparse.Namespace) -> Settings:
    lang = getattr(args, "lang", None)
    if lang is not None:
        from ..registry import load_languages

        known = load_languages().codes
        if lang not in known:
            raise UsageError(f"--lang: {lang!r} is not a language recoupe reads (allowed: {', '.join(known)})")
    overrides: dict[str, Any] = {
        "select": _csv(getattr(args, "select", None)),
        "ignore": _csv(getattr(args, "ignore", None)),
        "extend_select": _csv(getattr(args, "extend_select", None)),
        "default_lang": getattr(args, "lang", None),
        "story_grouping": getattr(args, "story_grouping", None),
    }
    if getattr(args, "baseline", None):
        overrides["baseline"] = args.baseline
    inputs = getattr(args, "inputs", None) or ([args.path] if getattr(args, "path", None) else [])
    return load_settings(inputs, getattr(args, "config", None), overrides)


@dataclass
class Session:
    """What one run needs: settings, the rule registry and the selection."""

    settings: Settings
    registry: Any
    selection: Any
    args_jobs: int | None = None  # -j/--jobs; None: the machine's cores
    use_cache: bool = False  # ``cache`` setting and no ``--no-cache``

    @classmethod
    def open(cls, args: argparse.Namespace) -> "Session":
        from ..registry import load_registry, select_rules

        settings = settings_for(args)
        registry = load_registry(settings.extra_rules, settings.entry_points)
        for code in settings.severity:
            if registry.resolve(code) is None:
                hint = registry.suggest(code)
                raise ConfigError(f"severity: unknown rule {code!r}" + (f" (did you mean {hint!r}?)" if hint else ""), settings.path)
        try:
            selection = select_rules(registry, settings.select, settings.ignore, settings.extend_select)
        except ConfigError as e:
            e.path = e.path or settings.path
            raise
        return cls(settings, registry, selection, getattr(args, "jobs", None),
                   settings.cache and not getattr(args, "no_cache", False))

    def cache(self):
        """The run's cache (:mod:`..cache`), or None when it is off."""
        if not self.use_cache:
            return None
        from ..cache import Cache

        rules = list(self.registry.values())
        return Cache.for_run(rules, [r.code for r in rules if r.code in self.selection], self.settings)

    def load(self, inputs: list[str], lazy_text: bool = False):
        """The corpus: articles, and the input errors reported on standard error. With
        ``lazy_text`` the articles hold no text: ``result.text_of(article)`` reads it
        again (a check then holds one batch of texts at a time)."""
        from ..corpus import Loader
        from ..registry import load_languages

        languages = load_languages()
        loader = Loader(
            is_boilerplate=languages.is_boilerplate,
            detect_language=languages.detect,
            default_lang=self.settings.default_lang,
            exclude=self.settings.exclude,
            stories=self.settings.stories,
            story_grouping=self.settings.story_grouping,
            stopwords=languages.function_words() if self.settings.story_grouping == "auto" else frozenset(),
            root=Path(self.settings.root),
            max_bytes=self.settings.max_article_bytes,
            lazy_text=lazy_text,
        )
        result = loader.load(inputs)
        for w in result.warnings:
            print(str(w), file=sys.stderr)
        for e in result.errors:
            print(str(e), file=sys.stderr)
        articles = [a for a in result.articles if a.lang in self.settings.languages]
        if not result.articles and not result.errors:
            raise InputError("no articles found (looked for .txt, .md, .html files and .jsonl corpora)", ", ".join(inputs))
        result.articles = articles
        return result

    def extract(self, articles):
        from ..pipeline import Extractor
        from ..progress import Progress

        from ..parallel import extract_local

        ex = Extractor.from_registry(self.registry, self.selection, {"names": self.settings.names})
        cache = self.cache()
        if cache is not None:
            from ..parallel import sort_claims

            frame = cache.extract(ex.article_rows, articles, sort_claims, Progress(len(articles), "extracting"))
            ex.notes.sort(key=lambda n: n.path)  # as Extractor.run does
        else:
            frame = extract_local(ex, articles, self.jobs, Progress(len(articles), "extracting"))
        for note in ex.notes:  # values the rules skipped (a number beyond float): warnings
            print(note, file=sys.stderr)
        return frame

    def extract_units(self, loaded) -> Iterator[Any]:
        """The claims frames of the corpus ``loaded`` (maybe without texts: they are read
        again unit by unit), one unit of whole stories after the other, in the claims'
        order; the rules' notes go to standard error at the end."""
        from ..parallel import CheckJob, iter_units
        from ..pipeline import Extractor
        from ..progress import Progress

        ex = Extractor.from_registry(self.registry, self.selection, {"names": self.settings.names})
        job = CheckJob(loaded.articles, loaded.text_of, ex, None, cache=self.cache())
        notes = []
        for _, unit_notes, frame in iter_units(job, self.jobs, Progress(len(loaded.articles), "extracting")):
            notes.extend(unit_notes)
            yield frame
        for note in sorted(notes, key=lambda n: n.path):  # values the rules skipped: warnings
            print(note, file=sys.stderr)

    @property
    def jobs(self) -> int:
        from ..parallel import default_jobs

        return self.args_jobs or default_jobs()


def write(text: str, output: str | None) -> None:
    if output:
        p = Path(output)
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text, encoding="utf-8")
        except OSError as e:
            raise RecoupeError(f"cannot write ({e.strerror or e})", output) from None
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def write_stream(write_to: Callable[[Any], None], output: str | None) -> None:
    """``write_to(stream)`` on ``output`` (standard output when None): an output
    written piece by piece, never held as one string."""
    if not output:
        write_to(sys.stdout)
        sys.stdout.flush()
        return
    p = Path(output)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        with p.open("w", encoding="utf-8") as f:
            write_to(f)
    except OSError as e:
        raise RecoupeError(f"cannot write ({e.strerror or e})", output) from None


def write_check(module, result, output: str | None) -> None:
    """``module``'s check output of ``result`` to ``output`` (standard output when None),
    piece by piece when the format can (``write_check``), else as one string."""
    if hasattr(module, "write_check"):
        write_stream(lambda f: module.write_check(result, f), output)
    else:
        write(module.render_check(result), output)


def run_check(args: argparse.Namespace, use_baseline: bool = True, keep_claims: bool = True):
    """Load, extract, compare, apply suppressions and the baseline. Returns (session,
    result, loaded). When every input is an article file (changed files), the whole
    corpus is checked and only the discrepancies involving those files are kept.
    The articles are loaded without their text (read again story batch by story batch);
    without ``keep_claims`` the result holds the number of claims, not the claims."""
    from ..compare import apply_suppressions, check_articles, focus_on, with_baseline
    from ..progress import Progress

    session = Session.open(args)
    inputs = inputs_of(args, session.settings)
    focus_files = changed_files(list(getattr(args, "inputs", None) or []))
    loaded = session.load(corpus_inputs(session.settings) + inputs if focus_files else inputs, lazy_text=True)
    baseline = None
    if use_baseline and not getattr(args, "no_baseline", False):
        baseline = baseline_for(args, session.settings, required=False)
    scheduler = getattr(args, "scheduler", None)
    executor = getattr(args, "executor", None) or "local"
    if scheduler and executor != "dask":
        raise UsageError("--scheduler is for --executor dask")
    result = check_articles(loaded.articles, session.registry, session.selection, session.settings,
                            Progress(len(loaded.articles), "checking"), jobs=session.jobs,
                            executor=executor, scheduler=scheduler, cache=session.cache() if executor == "local" else None,
                            materialise=loaded.text_of, keep_claims=keep_claims)
    for note in result.notes:
        print(note, file=sys.stderr)
    result.inputs = list(inputs)
    result.text_of = loaded.text_of if loaded.sources else None
    result.root = session.settings.root
    result.excluded = tuple(sorted(set(loaded.excluded)))
    result.errors = [str(e) for e in loaded.errors]
    if focus_files:
        given = {os.path.realpath(i) for i in inputs}
        result = focus_on(result, [a.id for a in loaded.articles if a.path and os.path.realpath(a.path) in given])
    result = apply_suppressions(result, session.settings.per_file_ignores)
    if baseline is not None:
        result = with_baseline(result, baseline, ran=lambda code: code in session.selection)
        if baseline.relocations:
            n = baseline.relocations
            print(f"{baseline.path}: {n} entr{'y' if n == 1 else 'ies'} with ids relative to a folder below the "
                  f"project root recognised; 'recoupe baseline write' rewrites them root-relative", file=sys.stderr)
    return session, result, loaded


def baseline_path(args: argparse.Namespace, settings) -> tuple[str, bool]:
    """The baseline path, and whether the user named it (then it must exist)."""
    if getattr(args, "baseline", None):
        return args.baseline, True
    return settings.baseline, settings.origins.get("baseline", "default") != "default"


def baseline_for(args: argparse.Namespace, settings, required: bool):
    from ..baseline import read_baseline

    path, named = baseline_path(args, settings)
    if not named and not required and not Path(path).exists():
        return None
    return read_baseline(path)
