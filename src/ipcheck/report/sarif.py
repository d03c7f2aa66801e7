"""SARIF 2.1.0: the report as code-scanning tools (GitHub, GitLab, IDEs) read it.

Deterministic: no timestamps, no machine names; the only machine-dependent value is the
repository root (the git top level above the checked folder, or ``--root``), given once as
the ``ROOT`` base URI that every location is relative to, as GitHub code scanning expects.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from ipcheck.findings import Finding, Location, Problem
from ipcheck.i18n import pick
from ipcheck.report.model import Report, Suppressed
from ipcheck.report.text import visible_json
from ipcheck.report.words import say
from ipcheck.rules.api import BUILTIN_PLUGIN, RuleMeta
from ipcheck.rules.clauses import standard_name
from ipcheck.vocabulary import SEVERITY_RANK

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://ipcheck.readthedocs.io/"
RULES_BASE_URI = "https://ipcheck.readthedocs.io/en/latest/rules/"
ROOT_ID = "ROOT"
FINGERPRINT_KEY = "ipcheck/v1"

LEVELS: dict[str, str] = {"major": "error", "minor": "warning", "observation": "note"}


def help_uri(meta: RuleMeta) -> str | None:
    """The rule's documentation page: for a built-in rule its ``doc_path`` below
    :data:`RULES_BASE_URI`, as HTML; for a plugin's rule its own ``help_url``, or None (ipcheck's
    site has no page for it)."""
    if meta.plugin != BUILTIN_PLUGIN:
        return meta.help_url
    path = meta.doc_path
    if path.endswith(".md"):
        path = path[: -len(".md")] + ".html"
    return RULES_BASE_URI + quote(path)


def _rule_name(title: str) -> str:
    """A PascalCase identifier from the rule title (SARIF's ``name``)."""
    words = re.findall(r"\w+", title)
    return "".join(w[:1].upper() + w[1:] for w in words) or "Rule"


def _meta_from_finding(finding: Finding) -> RuleMeta:
    """A description for a rule that produced findings but is not in ``report.rules``."""
    return RuleMeta(
        id=finding.rule, title=finding.title, severity=finding.severity, stage=finding.stage,
        protection=finding.protection, clauses=finding.clauses, rationale=finding.title,
        fails="", passes="", fix="", plugin=BUILTIN_PLUGIN if finding.rule.startswith("IP") else "",
    )


def _rules(report: Report) -> list[RuleMeta]:
    metas = {m.id: m for m in report.rules}
    suppressed = [s.finding for s in (*report.waived_findings, *report.baselined_findings)]
    for finding in [*report.findings, *suppressed]:
        metas.setdefault(finding.rule, _meta_from_finding(finding))
    return [metas[key] for key in sorted(metas)]


def _tags(*values: str | None) -> list[str]:
    return [v for v in values if v]


def _descriptor(meta: RuleMeta, edition: str, lang: str = "en") -> dict[str, Any]:
    title, rationale, fix = pick(meta.title, lang), pick(meta.rationale, lang), pick(meta.fix, lang)
    help_text = rationale
    help_markdown = rationale
    if fix:
        help_text += "\n\n" + say("label-corrective-action", lang, text=fix)
        help_markdown += "\n\n" + say("label-corrective-action-md", lang, text=fix)
    clauses = meta.citations(edition)
    if clauses:
        help_text += "\n\n" + say("label-clauses", lang, text=", ".join(clauses))
        help_markdown += "\n\n" + say("label-clauses-md", lang, text=", ".join(clauses))
    properties: dict[str, Any] = {
        "clauses": list(clauses),
        "plugin": meta.plugin,
        "tags": _tags(meta.stage, meta.protection, meta.severity),
    }
    if meta.stage:
        properties["stage"] = meta.stage
    if meta.protection:
        properties["protection"] = meta.protection
    descriptor = {
        "id": meta.id,
        "name": _rule_name(meta.title),
        "shortDescription": {"text": title},
        "fullDescription": {"text": rationale or title},
        "help": {"text": help_text or title, "markdown": help_markdown or title},
        "helpUri": help_uri(meta),
        "defaultConfiguration": {"level": LEVELS.get(meta.severity, "warning")},
        "properties": dict(sorted(properties.items())),
    }
    if descriptor["helpUri"] is None:  # a plugin rule without a page of its own
        del descriptor["helpUri"]
    return descriptor


def _is_absolute(file: str) -> bool:
    return PurePosixPath(file).is_absolute() or PureWindowsPath(file).is_absolute()


def _physical(location: Location, report: Report) -> dict[str, Any]:
    file = location.file
    if not _is_absolute(file):
        file = report.repository_path(file)
    if _is_absolute(file):
        artifact: dict[str, Any] = {"uri": Path(file).as_uri()}
    else:
        artifact = {"uri": quote(file.replace("\\", "/")), "uriBaseId": ROOT_ID}
    return {
        "physicalLocation": {
            "artifactLocation": artifact,
            "region": {"startLine": max(location.line, 1), "startColumn": max(location.column, 1)},
        }
    }


def _message(finding: Finding, lang: str = "en") -> str:
    text = finding.message.rstrip()
    if not finding.corrective_action:
        return text
    action = say("label-corrective-action", lang, text=finding.corrective_action)
    if text and text[-1] in ".!?。":
        return f"{text}{'' if lang == 'zh-CN' else ' '}{action}"
    return say("sentence-join", lang, first=text, second=action)


def _result(finding: Finding, index: int, report: Report, suppressed: Suppressed | None = None) -> dict[str, Any]:
    properties: dict[str, Any] = {"clauses": list(finding.clauses), "severity": finding.severity}
    for key in ("stage", "protection", "subject"):
        value = getattr(finding, key)
        if value is not None:
            properties[key] = value
    if finding.also:
        properties["alsoRules"] = [rule for rule, _ in finding.also]
        properties["alsoFingerprints"] = [fp for _, fp in finding.also]
    result = {
        "ruleId": finding.rule,
        "ruleIndex": index,
        "level": LEVELS.get(finding.severity, "warning"),
        "message": {"text": _message(finding, report.lang)},
        "locations": [_physical(finding.location, report)],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": dict(sorted(properties.items())),
    }
    if suppressed is not None:
        result["suppressions"] = [_suppression(suppressed)]
    return result


def _notification(problem: Problem, report: Report) -> dict[str, Any]:
    note: dict[str, Any] = {
        "level": "error",
        "message": {"text": problem.full_message(report.lang)},
        "locations": [_physical(problem.location, report)],
        "descriptor": {"id": f"ipcheck/{problem.kind}-error"},
    }
    if problem.rule:
        note["associatedRule"] = {"id": problem.rule}
    properties: dict[str, str] = {"kind": problem.kind}
    if problem.plugin:
        properties["plugin"] = problem.plugin
    note["properties"] = properties
    return note


def root_uri(root: str) -> str:
    """The file URI of the checked root, ending in a slash as SARIF base URIs must."""
    path = Path(root)
    uri = (path if path.is_absolute() else path.resolve()).as_uri()
    return uri if uri.endswith("/") else uri + "/"


MAX_RESULTS = 25_000
"""Results GitHub code scanning keeps of one run; a run with more is cut to the most severe."""
RESULTS_CUT = ("{total:,} findings: SARIF keeps the {kept:,} most severe ({why}); {left:,} are left out; see the "
               "JSON or text report for all of them")
WHY_CUT = {True: "GitHub code scanning reads at most {kept:,} results of a run",
           False: "max_findings of the configuration"}


def max_results(report: Report) -> int:
    """Results SARIF keeps: :data:`MAX_RESULTS`, or fewer when ``max_findings`` says so."""
    return min(MAX_RESULTS, report.max_findings)


def results_cut(report: Report) -> str:
    """What the SARIF report says of the findings it leaves out (empty when it keeps all)."""
    total = len(report.findings) + len(report.waived_findings) + len(report.baselined_findings)
    kept = max_results(report)
    if total <= kept:
        return ""
    why = WHY_CUT[kept == MAX_RESULTS].format(kept=kept)
    return RESULTS_CUT.format(total=total, kept=kept, left=total - kept, why=why)


def _kept(report: Report) -> list[tuple[Finding, Suppressed | None]]:
    """The findings SARIF carries, each with its suppression: those that count, then those a
    waiver or the baseline accepted (GitHub closes an alert as fixed when its result goes
    missing). Of more than :data:`MAX_RESULTS`, the most severe are kept, suppressed ones last,
    the first in report order among equals; in report order."""
    suppressed = sorted([*report.waived_findings, *report.baselined_findings], key=lambda s: s.finding.sort_key())
    results: list[tuple[Finding, Suppressed | None]] = [(f, None) for f in report.findings]
    results += [(s.finding, s) for s in suppressed]
    limit = max_results(report)
    if len(results) <= limit:
        return results
    order = sorted(range(len(results)),
                   key=lambda i: (results[i][1] is not None, SEVERITY_RANK[results[i][0].severity], i))
    kept = set(order[:limit])
    return [r for i, r in enumerate(results) if i in kept]


def _suppression(suppressed: Suppressed) -> dict[str, Any]:
    """A SARIF suppression: a waiver (its justification and line) or the baseline file."""
    where = f"{suppressed.file}:{suppressed.line}" if suppressed.by == "waiver" else suppressed.file
    return {"kind": "external", "status": "accepted", "justification": suppressed.justification,
            "properties": {"by": suppressed.by, "location": where}}


def sarif_log(report: Report) -> dict[str, Any]:
    """The SARIF log as a JSON-ready dictionary: one run, one invocation."""
    rules = _rules(report)
    index = {meta.id: i for i, meta in enumerate(rules)}
    invocation: dict[str, Any] = {
        "executionSuccessful": not report.errors,
        "exitCode": report.exit_code,
    }
    notifications = [_notification(p, report) for p in report.errors]
    if cut := results_cut(report):
        notifications.append({"level": "warning", "message": {"text": cut},
                              "descriptor": {"id": "ipcheck/results-cut"}})
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "ipcheck",
                "version": report.version,
                "informationUri": INFORMATION_URI,
                "rules": [_descriptor(meta, report.edition, report.lang) for meta in rules],
            }
        },
        "originalUriBaseIds": {ROOT_ID: {"uri": root_uri(report.repository or report.root)}},
        "invocations": [invocation],
        "results": [_result(f, index[f.rule], report, s) for f, s in _kept(report)],
        "columnKind": "unicodeCodePoints",
        "properties": {
            "asOf": report.as_of.isoformat(),
            "edition": report.edition,
            "standard": standard_name(report.edition, report.lang),
            "certification": report.certification(),
            **({"auditDate": report.audit_date.isoformat()} if report.audit_date else {}),
            "failOn": report.fail_on,
            "baselined": report.baselined,
            "fixedSinceBaseline": sorted(report.fixed),
            "waived": report.waived,
        },
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render_sarif(report: Report) -> str:
    """The SARIF log as indented JSON text (texts made :func:`~ipcheck.report.text.visible`)."""
    return visible_json(sarif_log(report), indent=2, ensure_ascii=False) + "\n"
