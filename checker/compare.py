"""Comparison: the claims of each story in, discrepancies out.

Steps: extract the claims, run every enabled comparator rule on the claims table
(each one groups and joins on its keys and returns :class:`~.schema.Finding` records:
the claims involved plus a verdict, a severity and an explanation, and ``sides``,
``{row: side}``, written as each claim's ``side``: claims with one side agree), apply the
configured severity overrides, fingerprint each finding, apply the baseline, sort.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Mapping, Sequence

import pandas as pd

from .pipeline import gc_paused
from .errors import ConfigError
from .registry import Registry, Rule, Selection
from .schema import SEVERITY_RANK, Article, Discrepancy, Finding, claim_records, sorted_discrepancies

FINGERPRINT_VERSION = 2
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class CompareContext:
    """What a comparator sees besides the claims: settings and article metadata."""

    tolerance: Mapping[str, float]
    synonyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    articles: Mapping[str, Article] = field(default_factory=dict)  # by article id


def member_value(claim: Mapping[str, Any]) -> str:
    """A claim's value as a short canonical string (fingerprints, tables)."""
    v = claim.get("value")
    low, high = claim.get("low"), claim.get("high")
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    text = "?" if v is None else str(v)
    if claim.get("kind") not in ("role", "date", "time") and (low != high or low is None):
        fmt = lambda x: "" if x is None else (str(int(x)) if float(x).is_integer() else str(x))  # noqa: E731
        text += f"[{fmt(low)},{fmt(high)}]"
    return text


def _digest(payload: Mapping[str, Any]) -> str:
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def fingerprint(rule: str, story: str, subject: str, claims: Iterable[Mapping[str, Any]],
                kind: str | None = None, unit: str | None = None) -> str:
    """What a disagreement is about, as an id: a versioned sha256 of rule, story, kind,
    unit, subject and the sorted set of articles; not the values, so that an edited
    figure keeps the id (the baseline then reports it "changed"). No line numbers,
    paths or ``hash()``."""
    docs = sorted({c["doc"] for c in claims})
    return _digest({"v": FINGERPRINT_VERSION, "rule": rule, "story": story, "kind": kind, "unit": unit,
                    "subject": subject, "docs": docs})


def fingerprint_v1(rule: str, story: str, subject: str, claims: Iterable[Mapping[str, Any]]) -> str:
    """The version-1 id (rule, story, subject and the (article, value) members), kept
    to match the entries of version-1 baselines."""
    members = sorted({(c["doc"], member_value(c)) for c in claims})
    return _digest({"v": 1, "rule": rule, "story": story, "subject": subject, "members": members})


def members_of(d: Discrepancy) -> list[list[str]]:
    return [list(m) for m in sorted({(c["doc"], member_value(c)) for c in d.claims})]


@dataclass
class CheckResult:
    discrepancies: list[Discrepancy]
    articles: list[Article]
    claims: pd.DataFrame
    rules: Mapping[str, Rule]
    inputs: list[str] = field(default_factory=list)
    fixed: list[dict[str, Any]] = field(default_factory=list)  # baseline entries not seen
    baseline_path: str | None = None
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # the extraction's warnings (file:line: warning: ...)
    focus: tuple[str, ...] = ()  # article ids checked against the corpus (changed files); () = all
    suppressed: list[Discrepancy] = field(default_factory=list)  # silenced in the article or configuration
    unused_suppressions: list[tuple[str, Any]] = field(default_factory=list)  # (article path, Suppression)
    root: str | None = None
    excluded: tuple[str, ...] = ()  # article ids left out by ``exclude``
    n_claims: int | None = None  # the number of claims when ``claims`` was not kept (None: len(claims))
    #: ``text_of(article)``: the article with its text, when ``articles`` were loaded
    #: without it (formats that locate claims in the text read it through this).
    text_of: Any = None

    @property
    def new(self) -> list[Discrepancy]:
        return [d for d in self.discrepancies if d.baseline_state == "new"]

    @property
    def known(self) -> list[Discrepancy]:
        return [d for d in self.discrepancies if d.baseline_state != "new"]

    def json_discrepancies(self) -> list[dict[str, Any]]:
        return [d.to_json() for d in self.discrepancies]

    def statistics(self) -> dict[str, Any]:
        by_rule: dict[str, int] = {}
        by_verdict: dict[str, int] = {}
        by_severity: dict[str, int] = {}
        for d in self.discrepancies:
            by_rule[d.rule] = by_rule.get(d.rule, 0) + 1
            by_verdict[d.verdict] = by_verdict.get(d.verdict, 0) + 1
            by_severity[d.severity] = by_severity.get(d.severity, 0) + 1
        return {
            "articles": len(self.articles),
            "stories": len({a.story for a in self.articles}),
            "claims": int(len(self.claims)) if self.n_claims is None else self.n_claims,
            "discrepancies": len(self.discrepancies),
            "new": len(self.new),
            "known": len(self.known),
            "fixed": len(self.fixed),
            "by_rule": dict(sorted(by_rule.items())),
            "by_verdict": dict(sorted(by_verdict.items())),
            "by_severity": {s: by_severity[s] for s in SEVERITY_RANK if s in by_severity},
        }


def as_finding(rule: Rule, f: Any) -> Finding:
    """A comparator's result as a :class:`Finding`; the dict shape of older custom
    comparators is still accepted. Anything else is a ConfigError naming the rule."""
    if isinstance(f, Finding):
        return f
    if isinstance(f, Mapping):
        try:
            return Finding.from_mapping(f)
        except (TypeError, ValueError) as e:
            raise ConfigError(f"comparator {rule.code} ({rule.module}): bad finding: {e}") from None
    raise ConfigError(f"comparator {rule.code} ({rule.module}): compare() must yield Finding records "
                      f"(recoupe.checker.schema.Finding), got {type(f).__name__}")


def compare_claims(claims: pd.DataFrame, comparators: Sequence[Rule], ctx: CompareContext,
                   severity: Mapping[str, str] | None = None) -> list[Discrepancy]:
    """Run the comparators; build fingerprinted, sorted discrepancies."""
    severity = severity or {}
    records = None
    out: dict[str, Discrepancy] = {}
    if claims.empty:
        return []
    claims = claims.reset_index(drop=True)
    with gc_paused():
        found = [(rule, list(rule.func(claims, ctx))) for rule in comparators]
    for rule, findings in found:
        for f in findings:
            f = as_finding(rule, f)
            if records is None:
                records = claim_records(claims)
            sides = f.sides
            members = [dict(records[i], side=sides[i]) if i in sides else records[i] for i in sorted(set(f.rows))]
            members.sort(key=lambda c: (c["doc"], c["start"], c["end"]))
            if len({c["doc"] for c in members}) < 2 and not rule.within_article:
                continue  # a comparison is between articles, unless the rule says otherwise
            kind = f.kind or members[0]["kind"]
            did = fingerprint(rule.code, f.story, f.subject, members, kind, f.unit)
            if did in out and members_of(out[did]) != sorted([c["doc"], member_value(c)] for c in members):
                # two findings about the same thing: tell them apart by their values
                did = _digest({"id": did, "members": sorted({(c["doc"], member_value(c)) for c in members})})
            sev = f.severity or rule.severity
            if rule.code in severity and sev == rule.severity:  # the override replaces the default level
                sev = severity[rule.code]
            out[did] = Discrepancy(
                primary=most_recent(members, ctx.articles),
                id=did,
                story=f.story,
                rule=rule.code,
                subject=f.subject,
                kind=kind,
                unit=f.unit,
                verdict=f.verdict,
                severity=sev,
                explanation=f.explanation,
                claims=tuple(members),
                values=f.values or tuple(sorted({member_value(c) for c in members})),
                extra=f.extra,
            )
    return sorted_discrepancies(out.values())


def _recency(doc: str, articles: Mapping[str, Article]) -> tuple:
    a = articles.get(doc)
    date = a.date if a is not None and a.date is not None else None
    return (date is not None, date.isoformat() if date else "", doc)


def most_recent(claims: Sequence[Mapping[str, Any]], articles: Mapping[str, Article],
                among: Iterable[str] | None = None) -> int:
    """Index of the primary claim: the first claim of the most recent article (by date,
    then id), among the articles ``among`` when given."""
    docs = {c["doc"] for c in claims}
    if among is not None:
        docs &= set(among) or docs
    best = max(docs, key=lambda d: _recency(d, articles))
    return next(i for i, c in enumerate(claims) if c["doc"] == best)


def focus_on(result: CheckResult, docs: Iterable[str]) -> CheckResult:
    """Only the discrepancies that involve the articles ``docs`` (the changed files),
    each located on the claim of the most recent of them."""
    focus = tuple(sorted(set(docs)))
    arts = {a.id: a for a in result.articles}
    kept = []
    for d in result.discrepancies:
        mine = {c["doc"] for c in d.claims} & set(focus)
        if mine:
            kept.append(replace(d, primary=most_recent(d.claims, arts, mine)))
    return replace(result, discrepancies=kept, focus=focus)


def apply_suppressions(result: CheckResult, per_file_ignores: Sequence[tuple[str, Sequence[str]]] = ()) -> CheckResult:
    """Drop the discrepancies a suppression covers: a comment or front matter of one of
    their articles (on the claim's line), or a per-file ignore of the configuration
    (glob on article ids). Suppressions that silenced nothing are listed as unused."""
    import fnmatch

    arts = {a.id: a for a in result.articles}
    used: set[tuple[str, int]] = set()
    kept, suppressed = [], []
    for d in result.discrepancies:
        hit = False
        for c in d.claims:
            a = arts.get(c["doc"])
            for s in (a.suppressions if a is not None else ()):
                if s.covers(d.rule, int(c.get("line") or 0)):
                    used.add((a.id, id(s)))
                    hit = True
            if any(fnmatch.fnmatch(c["doc"], g) and any(d.rule.startswith(r) for r in rules)
                   for g, rules in per_file_ignores):
                hit = True
        (suppressed if hit else kept).append(d)
    unused = [(a.path or a.id, s) for a in sorted(result.articles, key=lambda a: a.id)
              for s in a.suppressions if (a.id, id(s)) not in used]
    return replace(result, discrepancies=kept, suppressed=suppressed, unused_suppressions=unused)


def check_articles(articles: Sequence[Article], registry: Registry, selection: Selection | None = None,
                   settings=None, progress=None, jobs: int = 1, executor: str = "local",
                   scheduler: str | None = None, cache=None, materialise=None,
                   keep_claims: bool = True) -> CheckResult:
    """Extract and compare: the whole check of a corpus, without the baseline.

    The local executor works by units of whole stories (:func:`.parallel.check_local`):
    each unit's articles are given their text (``materialise``, for articles loaded
    without it, :meth:`.corpus.LoadResult.text_of`), extracted and compared, and only
    the unit's discrepancies (and claims, with ``keep_claims``; else only their number,
    ``CheckResult.n_claims``) are kept, so memory follows the largest unit.
    ``jobs`` processes (see :mod:`.parallel`); ``executor="dask"`` runs the same
    batches on a Dask cluster (``scheduler`` address, else a local one). The result
    is the same whatever ``jobs`` and ``executor``. With a :class:`~.cache.Cache`
    (local executor), claims and each story's findings are reused when known."""
    from . import parallel
    from .config import Settings
    from .pipeline import Extractor

    settings = settings or Settings()
    severity = {registry.resolve(k).code: v for k, v in settings.severity.items() if registry.resolve(k)}
    ctx_args = dict(tolerance=dict(settings.tolerance), synonyms=dict(settings.synonyms), names=dict(settings.names))
    if executor == "dask":
        spec = parallel.EngineSpec.of(settings, selection)
        full = [materialise(a) for a in articles] if materialise is not None else articles
        claims, found, notes = parallel.check_dask(full, spec, ctx_args, severity, scheduler, jobs)
        return CheckResult(found, list(articles), claims, dict(registry), notes=[str(n) for n in notes])
    from .schema import empty_claims

    ex = Extractor.from_registry(registry, selection, {"names": settings.names})
    comparators = [r for r in registry.of_type("comparator") if selection is None or r.code in selection]
    job = parallel.CheckJob(articles, materialise, ex, comparators, ctx_args, severity, cache, keep_claims)
    claims, found, notes = parallel.check_local(job, jobs, progress)
    if keep_claims:
        return CheckResult(found, list(articles), claims, dict(registry), notes=[str(n) for n in notes])
    return CheckResult(found, list(articles), empty_claims(), dict(registry), notes=[str(n) for n in notes],
                       n_claims=claims)


def fails(result: CheckResult, fail_on: str | None) -> bool:
    """True when a new discrepancy is at least as severe as ``fail_on`` (any when None)."""
    limit = SEVERITY_RANK[fail_on] if fail_on else max(SEVERITY_RANK.values())
    return any(SEVERITY_RANK.get(d.severity, 0) <= limit for d in result.new)


def with_baseline(result: CheckResult, baseline, ran=lambda rule: True) -> CheckResult:
    """Mark discrepancies the baseline lists ("unchanged", or "changed" when its values
    differ from the recorded ones), find entries that no longer occur (of the rules
    that ran) and new discrepancies that extend a known one."""
    seen: set[int] = set()
    marked = []
    for d in result.discrepancies:
        e = baseline.match(d)
        if e is not None:
            seen.add(id(e))
            recorded = [list(m) for m in e["members"]]
            state = "unchanged" if recorded == members_of(d) else "changed"
            d = replace(d, baseline_state=state, baseline_status=e.get("status"), baseline_note=e.get("note"),
                        baseline_members=tuple(tuple(m) for m in recorded) if state == "changed" else ())
        else:
            docs = {c["doc"] for c in d.claims}
            for other in baseline.entries:
                if (other["rule"], other["story"], other["subject"]) == (d.rule, d.story, d.subject) and \
                        {m[0] for m in other["members"]} < docs:
                    d = replace(d, extends=other["id"])
                    seen.add(id(other))
                    break
        marked.append(d)
    # An entry is fixed only when its rule ran and it is in scope: an article left out by
    # ``exclude``, a suppression, or a changed-files run that does not touch its articles
    # does not fix it.
    excluded = set(result.excluded)
    focus = set(result.focus)
    silenced = {id(e) for e in (baseline.match(d) for d in result.suppressed) if e is not None}

    def in_scope(e) -> bool:
        docs = {m[0] for m in e["members"]}
        return not docs & excluded and id(e) not in silenced and (not focus or bool(docs & focus))

    fixed = [e for e in baseline.entries if id(e) not in seen and ran(e["rule"]) and in_scope(e)]  # an extended entry is not fixed
    return replace(result, discrepancies=marked, fixed=fixed, baseline_path=baseline.path)
