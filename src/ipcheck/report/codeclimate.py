"""Code Climate JSON, the report GitLab reads as a code-quality artefact.

GitLab shows each finding in the merge request's code-quality widget and on its line of
the diff. Severities map to GitLab's: major -> critical, minor -> major, observation -> info.
"""

from __future__ import annotations


from ipcheck.report.model import Report
from ipcheck.report.text import visible_json
from ipcheck.report.words import say

SEVERITY = {"major": "critical", "minor": "major", "observation": "info"}


def render_codeclimate(report: Report) -> str:
    """One issue per finding, with its fingerprint, file and line."""
    issues = [
        {
            "type": "issue",
            "check_name": f.rule,
            "description": f"{f.rule_label} {f.message}",
            "content": {"body": say("title-then-text", report.lang, title=f.title,
                                    text=say("label-corrective-action", report.lang, text=f.corrective_action))},
            "categories": ["Compatibility"],
            "severity": SEVERITY[f.severity],
            "fingerprint": f.fingerprint,
            "location": {"path": report.repository_path(f.location.file), "lines": {"begin": f.location.line}},
        }
        for f in report.listed
    ]
    if report.unlisted:  # said as an issue of its own: the format is a list of issues
        issues.append({"type": "issue", "check_name": "ipcheck/findings-left-out", "description": report.unlisted_note(),
                       "categories": ["Compatibility"], "severity": "info",
                       "fingerprint": "ipcheck-findings-left-out",
                       "location": {"path": report.repository_path(report.findings[0].location.file),
                                    "lines": {"begin": 1}}})
    return visible_json(issues, indent=2, ensure_ascii=False) + "\n"
