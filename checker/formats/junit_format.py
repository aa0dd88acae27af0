"""JUnit XML for CI test dashboards (GitLab, Jenkins, Azure, …).

``<testsuites name="recoupe">`` holds one ``<testsuite>`` per story (every story of
the corpus, sorted). Each discrepancy is a ``<testcase>``: a new one carries a
``<failure>`` (message = explanation, type = severity, body = rule, verdict, id and the
claims), a baseline-known one a ``<skipped>`` whose message gives the baseline status
and note. A story without any discrepancy gets one passing test case, so that the
dashboard shows it was checked. Built with ``xml.etree`` (everything escaped); no
timestamps, no host names, no durations.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from itertools import groupby

from ._locations import (
    articles_by_id,
    artifact_path,
    claim_label,
    claim_span,
    ordered,
    sorted_claims,
)

# characters XML 1.0 cannot carry, even escaped
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
CONSISTENT = "no discrepancy"


def _x(s: object) -> str:
    return _INVALID_XML.sub("\ufffd", "" if s is None else str(s))


def _testcase(suite: ET.Element, d, arts) -> str:
    claims = sorted_claims(d)
    attrs = {"classname": _x(f"recoupe.{d.rule}"), "name": _x(f"{d.rule} {d.subject} [{d.id[:12]}]")}
    if claims:
        doc = str(claims[0].get("doc"))
        art = arts.get(doc)
        attrs["file"] = _x(artifact_path(art, doc))
        attrs["line"] = str(claim_span(claims[0], art)["line"])
    case = ET.SubElement(suite, "testcase", attrs)
    if d.baseline_state == "new":
        body = [f"{d.severity} {d.rule} {d.verdict}: {d.explanation}", f"story: {d.story}", f"id: {d.id}"]
        if d.extends:
            body.append(f"extends: {d.extends}")
        body += [f"{c.get('doc')}:{c.get('line')}: {claim_label(c)}" for c in claims]
        failure = ET.SubElement(case, "failure", {"message": _x(d.explanation), "type": _x(d.severity)})
        failure.text = _x("\n".join(body))
        return "failure"
    note = f"in the baseline ({d.baseline_status or 'known'})" + (f": {d.baseline_note}" if d.baseline_note else "")
    ET.SubElement(case, "skipped", {"message": _x(note)})
    return "skipped"


def render_check(report) -> str:
    arts = articles_by_id(report)
    discrepancies = ordered(report.discrepancies)
    by_story = {story: list(items) for story, items in groupby(discrepancies, key=lambda d: d.story)}
    stories = sorted({a.story for a in arts.values()} | set(by_story))
    root = ET.Element("testsuites", {"name": "recoupe"})
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for story in stories:
        suite = ET.SubElement(root, "testsuite", {"name": _x(story)})
        counts = {"tests": 0, "failures": 0, "skipped": 0}
        for d in by_story.get(story, []):
            outcome = _testcase(suite, d, arts)
            counts["tests"] += 1
            counts["failures" if outcome == "failure" else "skipped"] += 1
        if not counts["tests"]:
            ET.SubElement(suite, "testcase", {"classname": "recoupe", "name": CONSISTENT})
            counts["tests"] = 1
        suite.attrib.update({"tests": str(counts["tests"]), "failures": str(counts["failures"]),
                             "errors": "0", "skipped": str(counts["skipped"])})
        for k in totals:
            totals[k] += counts[k]
    root.attrib.update({"tests": str(totals["tests"]), "failures": str(totals["failures"]),
                        "errors": "0", "skipped": str(totals["skipped"])})
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
