"""What every command uses: the settings from the command line and the configuration,
the inputs, the rule registry and selection, loading and checking a corpus, and
writing the output. Heavy modules are imported inside the functions, so that
``recoupe --help`` stays fast."""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import Settings, load_settings
from ..errors import ConfigError, InputError, RecoupeError, UsageError


def _csv(value: str | None) -> tuple[str, ...]:
    return tuple(x.strip() for x in value.split(",") if x.strip()) if value else ()


def inputs_of(args: argparse.Namespace) -> list[str]:
    """The inputs the user named, else the default corpus."""
    inputs = list(getattr(args, "inputs", None) or [])
    return inputs or [_default_input()]


def _default_input() -> str:
    """``seeds/`` of the current folder, else the seeds shipped beside the package."""
    if Path("seeds").is_dir():
        return "seeds"
    shipped = Path(__file__).resolve().parents[2] / "seeds"
    return str(shipped) if shipped.is_dir() else "seeds"


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
        return cls(settings, registry, selection)

    def load(self, inputs: list[str]):
        """The corpus: articles, and the input errors reported on standard error."""
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
            max_bytes=self.settings.max_article_bytes,
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

        ex = Extractor.from_registry(self.registry, self.selection, {"names": self.settings.names})
        return ex.run(articles, Progress(len(articles), "extracting"))


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


def run_check(args: argparse.Namespace, use_baseline: bool = True):
    """Load, extract, compare, apply the baseline. Returns (session, result, loaded)."""
    from ..compare import check_articles, with_baseline
    from ..progress import Progress

    session = Session.open(args)
    loaded = session.load(inputs_of(args))
    baseline = None
    if use_baseline and not getattr(args, "no_baseline", False):
        baseline = baseline_for(args, session.settings, required=False)
    result = check_articles(loaded.articles, session.registry, session.selection, session.settings,
                            Progress(len(loaded.articles), "checking"))
    result.inputs = list(inputs_of(args))
    result.errors = [str(e) for e in loaded.errors]
    if baseline is not None:
        result = with_baseline(result, baseline, ran=lambda code: code in session.selection)
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
