"""GitHub-flavoured Markdown for a pull-request comment or ``$GITHUB_STEP_SUMMARY``.

A summary line (articles, stories, claims, new and known discrepancies by severity),
then one table per story (tabulate's ``github`` format): state, severity, verdict,
subject, the claims' values side by side, the explanation and the short id; new
discrepancies first, baseline-known ones marked ``known``.

Article text is untrusted: :func:`escape` neutralises everything Markdown or HTML
would act on in a table cell (``|``, newlines, ``<``, ``>``, ``&``, ``*``, ``_``,
backticks, ``[``, ``]``, ``~``, ``\\`` and ``@`` mentions), so an article cannot
inject markup, links, images or pings into the comment. The output is sized for a
comment: at most :data:`MAX_ROWS` rows (then a "… N more" line), cells cut at
:data:`MAX_CELL` characters, the whole kept under :data:`MAX_CHARS`.

``render_summary`` and ``render_story_tables`` are the building blocks the editors'
report reuses, so that ``recoupe report --format markdown`` and
``recoupe check --format markdown`` say the same thing the same way.
"""
from __future__ import annotations

import re
from itertools import groupby
from typing import Any, Iterable, Sequence

from tabulate import tabulate

from ..vocab import severity_rank
from ._locations import claim_label, ordered, sorted_claims

MAX_ROWS = 100        # table rows over all stories
MAX_CELL = 200        # characters of untrusted text per cell (before escaping)
MAX_CLAIMS = 6        # claims listed per row
MAX_CHARS = 60_000    # a GitHub comment holds 65,536 characters
HEADERS = ("state", "severity", "verdict", "subject", "values", "explanation", "id")

_BACKSLASHED = re.compile(r"([\\`*_\[\]|~])")


def escape(text: Any, limit: int | None = MAX_CELL) -> str:
    """Untrusted text as inert Markdown table-cell content: one line, no markup."""
    s = " ".join(("" if text is None else str(text)).split())  # newlines and runs of blanks -> one space
    if limit is not None and len(s) > limit:
        s = s[: limit - 1] + "…"
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = _BACKSLASHED.sub(r"\\\1", s)
    return s.replace("@", "@&#8203;")  # no @mention notifications


def _plural(n: int, word: str, plural: str | None = None) -> str:
    if plural is None:
        plural = word[:-1] + "ies" if word.endswith("y") else word + "s"
    return f"{n} {word if n == 1 else plural}"


def _by_severity(items: Iterable[Any]) -> str:
    counts: dict[str, int] = {}
    for d in items:
        counts[d.severity] = counts.get(d.severity, 0) + 1
    return ", ".join(_plural(counts[s], s, s if s == "info" else None)
                     for s in sorted(counts, key=lambda s: (severity_rank(s), s)))


def render_summary(report) -> str:
    """One summary paragraph: what was read, what was found."""
    discrepancies = list(report.discrepancies)
    new = [d for d in discrepancies if d.baseline_state == "new"]
    known = [d for d in discrepancies if d.baseline_state != "new"]
    articles = list(getattr(report, "articles", None) or [])
    stories = {a.story for a in articles}
    claims = getattr(report, "claims", None)
    parts = [_plural(len(articles), "article"), _plural(len(stories), "story")]
    n_claims = getattr(report, "n_claims", None)  # a check that kept only the number of its claims
    if n_claims is None and claims is not None:
        n_claims = int(len(claims))
    if n_claims is not None:
        parts.append(_plural(n_claims, "claim"))
    line = "**recoupe**: " + ", ".join(parts) + ": "
    if new:
        line += f"**{_plural(len(new), 'new discrepancy')}** ({_by_severity(new)})"
    else:
        line += "no new discrepancy"
    if known:
        line += f", {len(known)} known in the baseline ({_by_severity(known)})"
    line += "."
    extra = []
    fixed = list(getattr(report, "fixed", None) or [])
    if fixed:
        extra.append(f"{_plural(len(fixed), 'baseline entry')} no longer occur{'s' if len(fixed) == 1 else ''}.")
    suppressed = list(getattr(report, "suppressed", None) or [])
    if suppressed:
        extra.append(f"{_plural(len(suppressed), 'discrepancy')} silenced by suppressions (listed in the HTML report).")
    errors = list(getattr(report, "errors", None) or [])
    if errors:
        extra.append(f"{_plural(len(errors), 'input error')}: some articles were not read.")
    return "\n".join([line, *extra]) + "\n"


def _values_cell(d) -> str:
    claims = sorted_claims(d)
    shown = [f"{escape(c.get('doc'), 80)}:{c.get('line')} {escape(claim_label(c), 120)}" for c in claims[:MAX_CLAIMS]]
    if len(claims) > MAX_CLAIMS:
        shown.append(f"… +{len(claims) - MAX_CLAIMS}")
    return "<br>".join(shown)


def _state(d) -> str:
    if d.baseline_state == "new":
        return "**new**" + (" (extends a known one)" if d.extends else "")
    status = d.baseline_status or "known"
    return "known" if status == "known" else f"known ({escape(status, 30)})"


def story_rows(discrepancies: Sequence[Any]) -> list[list[str]]:
    """Table rows for one story's discrepancies, new ones first."""
    items = sorted(ordered(discrepancies), key=lambda d: d.baseline_state != "new")
    return [[_state(d), escape(d.severity, 20), escape(d.verdict, 30), escape(d.subject, 80), _values_cell(d),
             escape(d.explanation), f"`{escape(d.id[:12], 12)}`"] for d in items]


def _table(rows: list[list[str]]) -> str:
    return tabulate(rows, headers=list(HEADERS), tablefmt="github", disable_numparse=True)


def _tables(report, max_rows: int, heading: str) -> str:
    discrepancies = ordered(report.discrepancies)
    out: list[str] = []
    left = max_rows
    hidden = 0
    for story, items in groupby(discrepancies, key=lambda d: d.story):
        items = list(items)
        rows = story_rows(items)
        n_new = sum(d.baseline_state == "new" for d in items)
        if left <= 0:
            hidden += len(rows)
            continue
        out.append(f"{heading} Story {escape(story, 120)}: {n_new} new, {len(items) - n_new} known\n")
        out.append(_table(rows[:left]) + "\n")
        hidden += max(0, len(rows) - left)
        left -= len(rows)
    if hidden:
        out.append(f"… {_plural(hidden, 'more discrepancy', 'more discrepancies')} not shown "
                   "(run `recoupe check --format text` for all of them).\n")
    return "\n".join(out)


def render_story_tables(report, max_rows: int = MAX_ROWS, heading_level: int = 3,
                        max_chars: int = MAX_CHARS) -> str:
    """One table per story, capped at ``max_rows`` rows and ``max_chars`` characters."""
    heading = "#" * heading_level
    rows = max_rows
    text = _tables(report, rows, heading)
    while len(text) > max_chars and rows > 1:
        rows = max(1, rows * 3 // 4)
        text = _tables(report, rows, heading)
    return text


def render_check(report) -> str:
    tables = render_story_tables(report)
    return render_summary(report) + ("\n" + tables if tables else "")


def render_sentences(result, lang: str | None = None, root_story: str | None = None,
                     max_rows: int = MAX_ROWS) -> str:
    """The plain sentences of the editors' report, story by story, in the report's
    language (the same sentences as the HTML page)."""
    from ..report_view import report_view

    view = report_view(result, lang, root_story)
    t = view["t"]
    out: list[str] = []
    left = max_rows
    for story in view["stories"]:
        if not story["discrepancies"] or left <= 0:
            continue
        out.append(f"### {escape(t('story'), 40)} {escape(story['label'], 120)}\n")
        for d in story["discrepancies"][:left]:
            state = t("state_new") if d["state"] == "new" else t.label("status", d["status"] or "known")
            out.append(f"- **{escape(t.label('severity', d['severity']), 30)}** · {escape(t.label('verdict', d['verdict']), 40)}"
                       f" · {escape(state, 40)} — {escape(d['plain'], 600)} `{escape(d['short_id'], 12)}`")
        out.append("")
        left -= len(story["discrepancies"])
    return "\n".join(out)


def render_report(result, lang: str | None = None, root_story: str | None = None) -> str:
    """The Markdown twin of the editors' report (``recoupe report --format markdown``):
    the summary, the plain sentences per story (in the report's language) and the
    per-story tables, cut to fit a pull-request comment."""
    parts = [render_summary(result), render_sentences(result, lang, root_story), render_story_tables(result)]
    text = "\n".join(p.strip("\n") + "\n" for p in parts if p and p.strip())
    if len(text) > MAX_CHARS:
        cut = text.rfind("\n", 0, MAX_CHARS - 200)
        text = text[: cut + 1] + "\n_… truncated to fit a pull-request comment: see the HTML report for the rest._\n"
    return text
