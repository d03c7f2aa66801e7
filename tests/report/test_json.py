"""The JSON report and its published JSON Schema."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable

import jsonschema
import pytest

from ipcheck.report.json_report import render_json, report_schema
from ipcheck.report.model import Report
from ipcheck.vocabulary import PROTECTIONS, SEVERITIES, STAGES

Snapshot = Callable[[str, str], None]


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = report_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_sample_matches_snapshot(report: Report, snapshot: Snapshot) -> None:
    snapshot("sample.json", render_json(report))


def test_is_to_dict(report: Report) -> None:
    text = render_json(report)
    assert text.endswith("}\n")
    assert json.loads(text) == report.to_dict()
    assert list(json.loads(text)) == ["tool", "as_of", "edition", "lang", "summary", "findings", "errors"]


def test_deterministic(report: Report) -> None:
    assert render_json(report).encode() == render_json(report).encode()


def test_non_ascii_kept(report: Report) -> None:
    from dataclasses import replace

    report.findings[0] = replace(report.findings[0], message="知识产权管理手册未批准")
    assert "知识产权管理手册未批准" in render_json(report)


def test_reports_validate(validator: jsonschema.Draft202012Validator, report: Report, empty_report: Report) -> None:
    for rep in (report, empty_report):
        errors = sorted(validator.iter_errors(json.loads(render_json(rep))), key=str)
        assert not errors, errors


def test_schema_follows_vocabulary() -> None:
    defs = report_schema()["$defs"]
    assert defs["stage"]["enum"] == [*STAGES, None]
    assert defs["protection"]["enum"] == [*PROTECTIONS, None]
    assert defs["severity"]["enum"] == list(SEVERITIES)


@pytest.mark.parametrize(
    "breakage",
    [
        lambda d: d["summary"]["by_stage"].pop("startup"),
        lambda d: d["findings"][0].update(stage="audit"),
        lambda d: d["findings"][0].update(severity="critical"),
        lambda d: d["findings"][0]["location"].update(line=0),
        lambda d: d["findings"][0].pop("fingerprint"),
        lambda d: d["errors"][0].update(extra=1),
        lambda d: d.update(as_of="24/11/2025"),
    ],
)
def test_schema_rejects_drift(validator: jsonschema.Draft202012Validator, report: Report, breakage) -> None:  # type: ignore[no-untyped-def]
    data = copy.deepcopy(report.to_dict())
    breakage(data)
    assert list(validator.iter_errors(data))
