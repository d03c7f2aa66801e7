"""JUnit XML, as GitLab and Jenkins show test results: one suite per rule, one case per finding,
named by rule (the suite), subject and field, so that moving lines renames no test.

Findings at or above ``--fail-on`` are failures; those below it are passing cases with
the finding in ``<system-out>``; a rule that found nothing is one passing case, ``all
items``; a rule that failed has an ``<error>`` case, ``rule failed``, instead. Other errors
are ``<error>`` cases in the suite ``ipcheck.errors``. No timestamps,
no host names: the same report gives the same bytes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter

from ipcheck.findings import Finding, Problem
from ipcheck.i18n import Term, show
from ipcheck.report.model import Report
from ipcheck.report.text import visible
from ipcheck.report.words import say
from ipcheck.vocabulary import at_or_above

ERRORS_SUITE = "ipcheck.errors"
LEFT_OUT_SUITE = "ipcheck.findings-left-out"
"""The suite that says how many findings the report leaves out (see :attr:`Report.listed`)."""
NO_FINDINGS = "all items"
RULE_FAILED = "rule failed"
"""The name of the error case of a rule that failed, in its own suite."""

# Characters XML 1.0 cannot carry, even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    """Text XML can carry, with the characters :func:`~ipcheck.report.text.visible` escapes shown."""
    return _NOT_XML.sub("\ufffd", visible(text))


def _element(tag: str, parent: ET.Element | None = None, text: str | None = None, **attrs: str) -> ET.Element:
    clean = {k: _clean(v) for k, v in attrs.items()}
    node = ET.Element(tag, clean) if parent is None else ET.SubElement(parent, tag, clean)
    if text is not None:
        node.text = _clean(text)
    return node


def _details(finding: Finding, lang: str = "en") -> str:
    severity = show(Term("severity", finding.severity), lang)
    lines = [
        f"{severity} {finding.rule_label} {finding.location}: {finding.message}",
        say("label-corrective-action", lang, text=finding.corrective_action),
    ]
    if finding.clauses:
        lines.append(say("label-clauses", lang, text=", ".join(finding.clauses)))
    if finding.subject:
        lines.append(say("label-subject", lang, text=finding.subject))
    context = [v for v in (finding.stage, finding.protection) if v]
    if context:
        lines.append(say("label-stage-protection", lang, text=", ".join(context)))
    lines.append(say("label-fingerprint", lang, text=finding.fingerprint))
    return "\n".join(lines)


def _case_names(findings: list[Finding]) -> list[str]:
    """A name per finding that an unrelated edit does not change: its subject (or, for a
    finding about no item, its file) and field, never a line number; made unique within the
    rule's suite by a number in report order."""
    names = [(f.subject or f.location.file) + (f": {f.field}" if f.field else "") for f in findings]
    seen: Counter[str] = Counter()
    unique = []
    for name in names:
        seen[name] += 1
        unique.append(name if seen[name] == 1 else f"{name} #{seen[name]}")
    return unique


def _rule_suite(parent: ET.Element, rule: str, findings: list[Finding], fail_on: str,
                errors: list[Problem], lang: str = "en") -> tuple[int, int]:
    """The suite of one rule: a case per finding, an error case per failure of the rule (then
    no passing ``all items`` case: a rule that failed did not look at all items)."""
    suite = _element("testsuite", parent, name=rule)
    failures = 0
    for problem in errors:
        _error_case(suite, rule, RULE_FAILED, problem, lang)
    if not findings and not errors:
        _element("testcase", suite, classname=rule, name=NO_FINDINGS)
    for finding, name in zip(findings, _case_names(findings), strict=True):
        case = _element(
            "testcase", suite, classname=rule, name=name,
            file=finding.location.file, line=str(finding.location.line),
        )
        if at_or_above(finding.severity, fail_on):
            failures += 1
            _element("failure", case, _details(finding, lang), message=finding.message, type=finding.severity)
        else:
            _element("system-out", case, _details(finding, lang))
    tests = len(errors) + max(len(findings), 0 if errors else 1)
    suite.attrib.update(tests=str(tests), failures=str(failures), errors=str(len(errors)), skipped="0")
    return tests, failures


def _error_case(suite: ET.Element, classname: str, name: str, problem: Problem, lang: str = "en") -> None:
    case = _element("testcase", suite, classname=classname, name=name,
                    file=problem.location.file, line=str(problem.location.line))
    _element("error", case, problem.render(lang), message=problem.full_message(lang), type=f"{problem.kind} error")


def _errors_suite(parent: ET.Element, errors: list[Problem], lang: str = "en") -> None:
    suite = _element(
        "testsuite", parent, name=ERRORS_SUITE,
        tests=str(len(errors)), failures="0", errors=str(len(errors)), skipped="0",
    )
    for problem in errors:
        _error_case(suite, ERRORS_SUITE, f"{problem.kind} error at {problem.location}", problem, lang)


def junit_tree(report: Report) -> ET.Element:
    """The ``<testsuites>`` element of the report."""
    root = _element("testsuites", name="ipcheck")
    by_rule: dict[str, list[Finding]] = {meta.id: [] for meta in report.rules}
    for finding in report.listed:
        by_rule.setdefault(finding.rule, []).append(finding)
    of_rule = {rule: [e for e in report.internal_errors if e.rule == rule] for rule in report.failed_rules & set(by_rule)}
    tests = failures = 0
    for rule in sorted(by_rule):
        t, f = _rule_suite(root, rule, by_rule[rule], report.fail_on, of_rule.get(rule, []), report.lang)
        tests += t
        failures += f
    others = [e for e in report.errors if not any(e in errors for errors in of_rule.values())]
    if others:
        _errors_suite(root, others, report.lang)
    tests += len(others)
    if report.unlisted:  # a skipped case of its own, which CI shows, says what was left out
        suite = _element("testsuite", root, name=LEFT_OUT_SUITE, tests="1", failures="0", errors="0", skipped="1")
        case = _element("testcase", suite, classname=LEFT_OUT_SUITE, name="findings left out")
        _element("skipped", case, message=report.unlisted_note())
        tests += 1
    root.attrib.update(tests=str(tests), failures=str(failures), errors=str(len(report.errors)),
                       skipped=str(int(bool(report.unlisted))))
    return root


def render_junit(report: Report) -> str:
    """The JUnit XML document, indented, UTF-8 declared."""
    root = junit_tree(report)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
