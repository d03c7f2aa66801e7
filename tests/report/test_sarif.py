"""SARIF 2.1.0 output, validated against the official OASIS schema."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from ipcheck.findings import Location
from ipcheck.report.model import Report
from ipcheck.report.sarif import RULES_BASE_URI, help_uri, render_sarif, root_uri

Snapshot = Callable[[str, str], None]
SCHEMA = Path(__file__).parent.parent / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _log(report: Report) -> dict[str, Any]:
    return json.loads(render_sarif(report))


def _assert_valid(validator: jsonschema.protocols.Validator, log: dict[str, Any]) -> None:
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def test_sample_matches_snapshot(report: Report, snapshot: Snapshot) -> None:
    snapshot("sample.sarif", render_sarif(report))


def test_deterministic(report: Report) -> None:
    assert render_sarif(report).encode() == render_sarif(report).encode()


def test_valid_sarif(validator: jsonschema.protocols.Validator, report: Report, empty_report: Report) -> None:
    _assert_valid(validator, _log(report))
    _assert_valid(validator, _log(empty_report))


def test_same_findings_as_json(report: Report) -> None:
    results = _log(report)["runs"][0]["results"]
    assert [(r["ruleId"], r["partialFingerprints"]["ipcheck/v1"]) for r in results] == [
        (f.rule, f.fingerprint) for f in report.findings
    ]


def test_rules_described_and_indexed(report: Report) -> None:
    run = _log(report)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(m.id for m in report.rules)
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    pat = next(r for r in rules if r["id"] == "PAT002")
    assert pat["name"] == "PatentAnnuityOverdue"
    assert pat["shortDescription"]["text"] == "Patent annuity overdue"
    assert pat["fullDescription"]["text"].startswith("A patent lapses")
    assert "**Corrective action:** Pay the annuity" in pat["help"]["markdown"]
    assert pat["helpUri"] == RULES_BASE_URI + "ipcheck/PAT002.html"
    assert pat["defaultConfiguration"]["level"] == "error"
    assert pat["properties"] == {
        "clauses": ["GB/T 29490-2013 7.2"], "plugin": "ipcheck", "protection": "patent",
        "tags": ["patent", "major"],
    }


def test_levels_follow_severity(report: Report) -> None:
    levels = {r["ruleId"]: r["level"] for r in _log(report)["runs"][0]["results"]}
    assert levels["STA001"] == "error"
    assert levels["TMK001"] == "warning"
    assert levels["MRV001"] == "note"


def test_result_location_and_message(report: Report) -> None:
    run = _log(report)["runs"][0]
    result = next(r for r in run["results"] if r["ruleId"] == "IAU004")
    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "ipms/audit.yaml", "uriBaseId": "ROOT"},
        "region": {"startLine": 58, "startColumn": 9},
    }
    assert result["message"]["text"] == (
        "Corrective action of nc-2025-03 was due on 2025-09-30 and is not verified. "
        "Corrective action: Complete and verify the corrective action of nc-2025-03, or agree a new date."
    )
    assert result["properties"] == {
        "clauses": ["GB/T 29490-2013 9.3"], "severity": "minor", "stage": "internal-audit", "subject": "nc-2025-03",
    }
    assert run["originalUriBaseIds"] == {"ROOT": {"uri": "file:///srv/acme/ipms-declaration/"}}


def test_errors_are_notifications(report: Report, empty_report: Report) -> None:
    invocation = _log(report)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["exitCode"] == 2
    notes = invocation["toolExecutionNotifications"]
    assert [n["descriptor"]["id"] for n in notes] == ["ipcheck/load-error", "ipcheck/internal-error"]
    assert notes[1]["associatedRule"] == {"id": "ACME001"}
    assert notes[1]["properties"] == {"kind": "internal", "plugin": "acme-rules"}
    assert notes[0]["locations"][0]["physicalLocation"]["region"] == {"startLine": 7, "startColumn": 12}
    clean = _log(empty_report)["runs"][0]["invocations"][0]
    assert clean == {"executionSuccessful": True, "exitCode": 0}


def test_rule_missing_from_report_rules_is_described(validator: jsonschema.protocols.Validator, report: Report) -> None:
    report.rules = [m for m in report.rules if m.id != "TMK001"]
    log = _log(report)
    _assert_valid(validator, log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    tmk = next(r for r in rules if r["id"] == "TMK001")
    assert tmk["shortDescription"]["text"] == "Trademark renewal due within six months"


def test_awkward_paths_are_uri_references(validator: jsonschema.protocols.Validator, report: Report) -> None:
    report.findings[0] = replace(report.findings[0], location=Location("ipms/知识 产权 #1.yaml", 2, 1))
    report.root = "/srv/acme ipms"
    log = _log(report)
    _assert_valid(validator, log)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "ipms/%E7%9F%A5%E8%AF%86%20%E4%BA%A7%E6%9D%83%20%231.yaml"
    assert log["runs"][0]["originalUriBaseIds"]["ROOT"]["uri"] == "file:///srv/acme%20ipms/"


def test_root_uri_relative_root_is_resolved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert root_uri(".") == tmp_path.resolve().as_uri() + "/"


def test_help_uri_of_a_built_in_rule_is_its_page_on_the_documentation_site(report: Report) -> None:
    meta = report.rules[0]
    assert help_uri(meta) == f"{RULES_BASE_URI}ipcheck/{meta.id}.html"


def test_help_uri_of_a_plugin_rule_is_its_own_or_none(report: Report) -> None:
    meta = replace(report.rules[0], plugin="acme-rules")
    assert help_uri(meta) is None
    assert help_uri(replace(meta, help_url="https://acme.example/r")) == "https://acme.example/r"
