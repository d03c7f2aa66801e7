"""JUnit XML output."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import replace

from ipcheck.findings import Finding, Location
from ipcheck.report.junit import render_junit
from ipcheck.report.model import Report

Snapshot = Callable[[str, str], None]


def _parse(report: Report) -> ET.Element:
    return ET.fromstring(render_junit(report).encode("utf-8"))


def test_sample_matches_snapshot(report: Report, snapshot: Snapshot) -> None:
    snapshot("sample.junit.xml", render_junit(report))


def test_deterministic(report: Report) -> None:
    assert render_junit(report).encode() == render_junit(report).encode()


def test_counts(report: Report) -> None:
    root = _parse(report)
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [
        "CPY001", "DIA002", "DOC001", "IAU001", "IAU004", "MAN003", "MRV001", "PAT002", "STA001", "TMK001",
        "TSC003", "ipcheck.errors",
    ]
    assert len(root.findall(".//testcase")) == 13  # 10 findings, 1 rule without findings, 2 errors
    assert len(root.findall(".//failure")) == 7  # 3 major + 4 minor at fail-on minor
    assert len(root.findall(".//error")) == 2
    assert len(root.findall(".//system-out")) == 3  # the observations
    assert root.attrib == {"name": "ipcheck", "tests": "13", "failures": "7", "errors": "2", "skipped": "0"}
    for suite in suites:
        cases = suite.findall("testcase")
        assert suite.get("tests") == str(len(cases))
        assert suite.get("failures") == str(len(suite.findall(".//failure")))
        assert suite.get("errors") == str(len(suite.findall(".//error")))


def test_case_shape(report: Report) -> None:
    root = _parse(report)
    case = root.find("testsuite[@name='PAT002']/testcase")
    assert case is not None
    assert case.attrib == {
        "classname": "PAT002", "name": "CN202310001234.5", "file": "ipms/patents.yaml", "line": "17",
    }
    failure = case.find("failure")
    assert failure is not None and failure.get("type") == "major"
    assert "Corrective action: Pay the annuity" in (failure.text or "")
    unnamed = root.find("testsuite[@name='DOC001']/testcase")
    assert unnamed is not None and unnamed.get("name") == "ipms/documents.yaml"  # no line number
    passing = root.find("testsuite[@name='CPY001']/testcase")
    assert passing is not None and passing.get("name") == "all items" and len(passing) == 0


def test_fail_on_moves_the_line(report: Report) -> None:
    report.fail_on = "major"
    assert len(_parse(report).findall(".//failure")) == 3
    report.fail_on = "never"
    assert len(_parse(report).findall(".//failure")) == 0
    report.fail_on = "observation"
    root = _parse(report)
    assert len(root.findall(".//failure")) == 10
    assert root.findall(".//system-out") == []


def test_errors_suite(report: Report) -> None:
    suite = _parse(report).find("testsuite[@name='ipcheck.errors']")
    assert suite is not None
    names = [c.get("name") for c in suite.findall("testcase")]
    assert names == ["load error at ipms/objectives.yaml:7:12", "internal error at ipms/patents.yaml:1:1"]
    error = suite.find("testcase/error")
    assert error is not None and "hint: write the due date" in (error.text or "")


def test_clean_run(empty_report: Report) -> None:
    root = _parse(empty_report)
    assert root.find("testsuite[@name='ipcheck.errors']") is None
    assert len(root.findall(".//testcase")) == len(empty_report.rules)
    assert root.findall(".//failure") == []


def test_same_subject_twice_gets_distinct_names(report: Report) -> None:
    first = next(f for f in report.findings if f.rule == "IAU004")
    report.findings.append(replace(first, location=Location("ipms/audit.yaml", 70, 9), fingerprint="x" * 32))
    report.findings.append(replace(first, location=Location("ipms/audit.yaml", 70, 9), fingerprint="y" * 32))
    names = [c.get("name") for c in _parse(report).findall("testsuite[@name='IAU004']/testcase")]
    assert len(set(names)) == 3


def test_control_characters_do_not_break_xml(report: Report) -> None:
    report.findings[0] = replace(report.findings[0], message="bad \x00 byte \x1b[31m")
    assert _parse(report) is not None


def test_case_names_hold_no_line_number_so_moved_lines_rename_no_test(report: Report) -> None:
    """GitLab's merge-request view matches tests by name: an unrelated edit that moves a finding
    down must not rename it. Names are rule (the suite), subject and field."""
    def names(findings: list[Finding]) -> list[tuple[str, str]]:
        moved = replace(report, findings=findings)
        return [(suite.get("name", ""), case.get("name", "")) for suite in _parse(moved).iter("testsuite")
                for case in suite.iter("testcase")]

    fielded = [replace(f, field="annuities.2") if f.rule == "PAT002" else f for f in report.findings]
    shifted = [replace(f, location=Location(f.location.file, f.location.line + 40, 1)) for f in fielded]
    assert names(shifted) == names(fielded)
    assert ("PAT002", "CN202310001234.5: annuities.2") in names(fielded)
