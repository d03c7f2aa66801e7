"""Code Climate JSON for GitLab's code-quality widget."""

from __future__ import annotations

import json

from ipcheck.report.codeclimate import render_codeclimate
from ipcheck.report.model import Report


def test_one_issue_per_finding_with_gitlab_fields(report: Report) -> None:
    issues = json.loads(render_codeclimate(report))
    assert len(issues) == len(report.findings)
    first, finding = issues[0], report.findings[0]
    assert first == {
        "type": "issue",
        "check_name": finding.rule,
        "description": f"{finding.rule} {finding.message}",
        "content": {"body": f"{finding.title}. Corrective action: {finding.corrective_action}"},
        "categories": ["Compatibility"],
        "severity": {"major": "critical", "minor": "major", "observation": "info"}[finding.severity],
        "fingerprint": finding.fingerprint,
        "location": {"path": finding.location.file, "lines": {"begin": finding.location.line}},
    }
    assert {i["severity"] for i in issues} == {"critical", "major", "info"}
    assert render_codeclimate(report) == render_codeclimate(report)
