"""Every report lists at most ``max_findings`` findings: the most severe, in report order, and
says how many it leaves out; counts, readiness and the exit code still count them all."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from ipcheck.config import ConfigError
from ipcheck.report.formats import render
from ipcheck.report.model import Report
from ipcheck.testing import run_declaration
from tests.report.conftest import make_report


@pytest.fixture
def capped() -> Report:
    whole = make_report()
    majors = [f for f in whole.findings if f.severity == "major"]
    assert 0 < len(majors) < len(whole.findings)
    return replace(whole, max_findings=len(majors))


def _majors(report: Report) -> list[str]:
    return [f.fingerprint for f in report.findings if f.severity == "major"]


def test_the_most_severe_are_listed_in_report_order(capped: Report) -> None:
    assert [f.fingerprint for f in capped.listed] == _majors(capped)
    assert capped.unlisted == len(capped.findings) - len(_majors(capped))
    uncapped = make_report()
    assert uncapped.listed == uncapped.findings and uncapped.unlisted == 0 and uncapped.unlisted_note() == ""


def test_the_note_in_both_languages(capped: Report) -> None:
    total, listed, left = len(capped.findings), len(_majors(capped)), capped.unlisted
    assert capped.unlisted_note() == (f"{total} findings: the {listed} most severe are listed, {left} left out "
                                      "(max_findings of the configuration lists more)")
    assert replace(capped, lang="zh-CN").unlisted_note() == (
        f"发现项共{total}项：仅列出最严重的{listed}项，另有{left}项未列出（调高配置项 max_findings 可列出更多）")


def test_json_lists_the_most_severe_and_counts_all(capped: Report) -> None:
    data = json.loads(render(capped, "json"))
    assert [f["fingerprint"] for f in data["findings"]] == _majors(capped)
    whole = json.loads(render(make_report(), "json"))
    assert data["summary"]["findings_left_out"] == capped.unlisted
    assert {k: v for k, v in data["summary"].items() if k != "findings_left_out"} == whole["summary"]
    assert "findings_left_out" not in whole["summary"]


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_human_reports_list_the_most_severe_and_say_how_many_are_left_out(capped: Report, fmt: str) -> None:
    out = render(capped, fmt)
    assert isinstance(out, str)
    listed = {f.fingerprint for f in capped.listed}
    for finding in capped.findings:
        shown = finding.corrective_action.replace("'", "&#x27;") if fmt == "html" else finding.corrective_action
        assert (shown in out) == (finding.fingerprint in listed), (fmt, finding.rule)
    note = capped.unlisted_note()
    assert out.count(note) == 1 or (fmt == "markdown" and f"**{note}**" in out.replace("\\", ""))


def test_junit_lists_the_most_severe_and_a_skipped_case_says_the_rest(capped: Report) -> None:
    root = ET.fromstring(render(capped, "junit"))
    failed = [case for case in root.iter("testcase") if case.find("failure") is not None]
    assert len(failed) == len(_majors(capped))
    [skipped] = [case for case in root.iter("testcase") if case.find("skipped") is not None]
    assert skipped.find("skipped").get("message") == capped.unlisted_note()  # type: ignore[union-attr]
    assert root.get("skipped") == "1"


def test_code_climate_lists_the_most_severe_and_an_issue_says_the_rest(capped: Report) -> None:
    issues = json.loads(render(capped, "codeclimate"))
    assert [i["fingerprint"] for i in issues[:-1]] == _majors(capped)
    assert (issues[-1]["check_name"], issues[-1]["description"], issues[-1]["severity"]) == (
        "ipcheck/findings-left-out", capped.unlisted_note(), "info")


def test_sarif_keeps_max_findings_when_fewer_than_github_reads(capped: Report) -> None:
    run = json.loads(render(capped, "sarif"))["runs"][0]
    assert [r["partialFingerprints"]["ipcheck/v1"] for r in run["results"]] == _majors(capped)
    [note] = [n["message"]["text"] for n in run["invocations"][0]["toolExecutionNotifications"]
              if n["descriptor"]["id"] == "ipcheck/results-cut"]
    assert note == (f"{len(capped.findings)} findings: SARIF keeps the {len(_majors(capped))} most severe "
                    f"(max_findings of the configuration); {capped.unlisted} are left out; see the JSON or text "
                    "report for all of them")


def test_max_findings_of_the_configuration() -> None:
    text = "kind: Procedure\nitems:\n" + "".join(f"  - {{id: PR-{n}, title: T, owner: NOPE}}\n" for n in range(5))
    result = run_declaration(text, select="IPX", entry_points=False, config={"max_findings": 2})
    assert len(result.findings) == 5 and result.report.max_findings == 2
    assert [f["subject"] for f in json.loads(render(result.report, "json"))["findings"]] == ["PR-0", "PR-1"]
    with pytest.raises(ConfigError) as refused:
        run_declaration({"declaration.yaml": text, "ipcheck.yaml": "select: [IPX]\nmax_findings: 0\n"},
                        entry_points=False)
    assert [(e.location.file.rpartition("/")[2], e.location.line, e.location.column, e.message)
            for e in refused.value.problems] == [
        ("ipcheck.yaml", 2, 15, "configuration: max_findings: input should be greater than 0, got 0")]


def test_a_capped_json_report_follows_its_schema(capped: Report) -> None:
    import jsonschema

    from ipcheck.report.json_report import render_json

    schema = json.loads((Path(__file__).resolve().parents[2] / "src" / "ipcheck" / "report" / "report.schema.json")
                        .read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(render_json(capped)), schema)
