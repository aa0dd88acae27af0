"""The commands behind the CLI: each reads its inputs, runs the pipeline steps and
writes its output, and returns an exit status."""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cli import EXIT_ERROR, EXIT_FOUND, EXIT_OK
from .config import Settings, load_settings
from .errors import ConfigError, InputError, RecoupeError


def _csv(value: str | None) -> tuple[str, ...]:
    return tuple(x.strip() for x in value.split(",") if x.strip()) if value else ()


def _inputs(args: argparse.Namespace) -> list[str]:
    inputs = list(getattr(args, "inputs", None) or [])
    return inputs or [_default_input()]


def _default_input() -> str:
    """``seeds/`` of the current folder, else the seeds shipped beside the package."""
    if Path("seeds").is_dir():
        return "seeds"
    shipped = Path(__file__).resolve().parents[1] / "seeds"
    return str(shipped) if shipped.is_dir() else "seeds"


def settings_for(args: argparse.Namespace) -> Settings:
    overrides: dict[str, Any] = {
        "select": _csv(getattr(args, "select", None)),
        "ignore": _csv(getattr(args, "ignore", None)),
        "extend_select": _csv(getattr(args, "extend_select", None)),
        "default_lang": getattr(args, "lang", None),
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
        from .registry import load_registry, select_rules

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
        from recoupe import rules

        from .corpus import Loader

        loader = Loader(
            is_boilerplate=rules.is_boilerplate,
            detect_language=rules.detect_language,
            default_lang=self.settings.default_lang,
            exclude=self.settings.exclude,
            stories=self.settings.stories,
        )
        result = loader.load(inputs)
        for e in result.errors:
            print(str(e), file=sys.stderr)
        articles = [a for a in result.articles if a.lang in self.settings.languages]
        if not result.articles and not result.errors:
            raise InputError("no articles found (looked for .txt, .md, .html files and .jsonl corpora)", ", ".join(inputs))
        result.articles = articles
        return result

    def extract(self, articles):
        from .pipeline import Extractor
        from .progress import Progress

        ex = Extractor.from_registry(self.registry, self.selection, {"names": self.settings.names})
        frame = ex.run(articles, Progress(len(articles), "extracting"))
        for note in ex.notes:
            print(note, file=sys.stderr)
        return frame


def _write(text: str, output: str | None) -> None:
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


def cmd_extract(args: argparse.Namespace) -> int:
    from . import formats
    from .schema import claim_records

    session = Session.open(args)
    loaded = session.load(_inputs(args))
    frame = session.extract(loaded.articles)
    fmt = args.format or "jsonl"
    _write(formats.get(fmt).render_claims(claim_records(frame)), args.output)
    return EXIT_ERROR if loaded.errors else EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    from tabulate import tabulate

    session = Session.open(args)
    rows = []
    for code, rule in session.registry.items():
        info = rule.info()
        info["enabled"] = code in session.selection
        info["why"] = session.selection.reasons[code]
        if code in session.settings.severity:
            info["severity"] = session.settings.severity[code]
        rows.append(info)
    if args.format == "json":
        _write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", None)
    else:
        table = [[r["code"], r["name"], r["family"], r["type"], "yes" if r["enabled"] else "no",
                  r["why"], r["summary"]] for r in rows]
        _write(tabulate(table, headers=["id", "name", "family", "type", "enabled", "why", "summary"], tablefmt="simple") + "\n", None)
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    session = Session.open(args)
    rule = session.registry.resolve(args.rule)
    if rule is None:
        hint = session.registry.suggest(args.rule)
        raise ConfigError(f"unknown rule {args.rule!r}" + (f" (did you mean {hint!r}?)" if hint else ""))
    from .ruledocs import rule_markdown

    _write(rule_markdown(rule), None)
    return EXIT_OK


def cmd_config(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    out = {"file": settings.path, "settings": settings.public(),
           "origins": {k.replace("_", "-"): v for k, v in settings.origins.items()}}
    _write(json.dumps(out, ensure_ascii=False, indent=2) + "\n", None)
    return EXIT_OK


def cmd_docs(args: argparse.Namespace) -> int:
    from .registry import load_registry
    from .ruledocs import rules_markdown

    text = rules_markdown(load_registry(entry_points=False))
    path = Path(args.output)
    if args.check:
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        if current != text:
            print(f"{path}: out of date; run 'recoupe docs' to regenerate it", file=sys.stderr)
            return EXIT_FOUND
        return EXIT_OK
    _write(text, str(path))
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    handlers = {
        "extract": cmd_extract,
        "rules": cmd_rules,
        "explain": cmd_explain,
        "config": cmd_config,
        "docs": cmd_docs,
    }
    if args.command in ("check", "baseline"):
        from . import gate

        handlers.update(gate.HANDLERS)
    if args.command == "report":
        from . import report

        handlers["report"] = report.cmd_report
    return handlers[args.command](args)
