"""recoupe: cross-check the numbers, dates and roles that a story's articles state.

The Python API, for notebooks and other tools (imports are lazy: ``import recoupe``
stays cheap)::

    import recoupe
    claims = recoupe.extract(["articles/"])          # pandas DataFrame (checker/schema.py)
    found = recoupe.check(["articles/"])             # list of Discrepancy records
    table = recoupe.discrepancies_frame(found)       # one row per discrepancy

Both accept paths (folders, article files, ``.jsonl`` corpora) or
:class:`~recoupe.checker.schema.Article` records, and the configuration keys of
``[tool.recoupe]`` as keyword arguments (``select=["C01"]``, ``story_grouping="auto"``).
Input problems raise :class:`~recoupe.checker.errors.InputError` (the first one).

The engine is :mod:`recoupe.checker`, the rule modules are :mod:`recoupe.rules`
(in the repository: ``checker/`` and ``rules/``).
"""

__version__ = "0.1.0"
__all__ = ["__version__", "extract", "check", "discrepancies_frame"]


def _prepare(inputs, config):
    from dataclasses import replace

    from .checker.config import load_settings
    from .checker.registry import load_registry, select_rules
    from .checker.schema import Article

    items = [inputs] if isinstance(inputs, (str, Article)) or hasattr(inputs, "__fspath__") else list(inputs)
    paths = [str(i) for i in items if not isinstance(i, Article)]
    settings = load_settings(paths, config.pop("config_file", None), {k: (tuple(v) if isinstance(v, list) else v)
                                                                       for k, v in config.items()})
    registry = load_registry(settings.extra_rules, settings.entry_points)
    selection = select_rules(registry, settings.select, settings.ignore, settings.extend_select)
    articles = [i for i in items if isinstance(i, Article)]
    if paths:
        from .checker.commands.session import Session

        loaded = Session(settings, registry, selection).load(paths)
        if loaded.errors:
            raise loaded.errors[0]
        articles += loaded.articles
    articles = [a if a.lang else replace(a, lang=settings.default_lang) for a in articles]
    return settings, registry, selection, articles


def extract(inputs, **config):
    """The claims of ``inputs`` (paths or Article records) as a pandas DataFrame."""
    from .checker.pipeline import Extractor

    settings, registry, selection, articles = _prepare(inputs, config)
    return Extractor.from_registry(registry, selection, {"names": settings.names}).run(articles)


def check(inputs, **config):
    """The discrepancies between the articles of each story of ``inputs`` (paths or
    Article records), suppressions applied, as a list of Discrepancy records."""
    from .checker.compare import apply_suppressions, check_articles

    settings, registry, selection, articles = _prepare(inputs, config)
    result = check_articles(articles, registry, selection, settings)
    return apply_suppressions(result, settings.per_file_ignores).discrepancies


def discrepancies_frame(discrepancies):
    """A pandas DataFrame view of discrepancies: one row each (id, story, rule,
    subject, verdict, severity, values, articles, explanation)."""
    import pandas as pd

    cols = ["id", "story", "rule", "subject", "verdict", "severity", "values", "articles", "explanation"]
    rows = [{"id": d.id, "story": d.story, "rule": d.rule, "subject": d.subject, "verdict": d.verdict,
             "severity": d.severity, "values": " / ".join(d.values),
             "articles": " ".join(sorted({c["doc"] for c in d.claims})), "explanation": d.explanation}
            for d in discrepancies]
    return pd.DataFrame.from_records(rows, columns=cols)
