"""Baseline files: writing, reading (baseline or JSON report), applying."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ipcheck.baseline import BaselineError, apply_baseline, load_baseline, write_baseline
from ipcheck.report.json_report import render_json
from ipcheck.report.model import Report


def test_write_shape_and_order(report: Report) -> None:
    data = json.loads(write_baseline(report))
    assert list(data) == ["ipcheck_baseline", "fingerprints"]
    assert data["ipcheck_baseline"] == 1
    entries = data["fingerprints"]
    assert len(entries) == len(report.findings)
    assert all(list(e) == ["fingerprint", "rule", "subject", "file"] for e in entries)
    keys = [(e["file"], e["rule"], e["subject"] or "", e["fingerprint"]) for e in entries]
    assert keys == sorted(keys)
    doc = next(e for e in entries if e["rule"] == "DOC001")
    assert doc["subject"] is None and doc["file"] == "ipms/documents.yaml"


def test_write_is_deterministic(report: Report) -> None:
    assert write_baseline(report) == write_baseline(report)
    assert write_baseline(report).endswith("}\n")


def test_round_trip(report: Report, tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(write_baseline(report), encoding="utf-8")
    assert load_baseline(path) == {f.fingerprint for f in report.findings}


def test_json_report_is_a_baseline(report: Report, tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    path.write_text(render_json(report), encoding="utf-8")
    assert load_baseline(str(path)) == {f.fingerprint for f in report.findings}


def test_empty_baseline(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text('{"ipcheck_baseline": 1, "fingerprints": []}', encoding="utf-8")
    assert load_baseline(path) == set()


def test_byte_order_mark_accepted(report: Report, tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text("\ufeff" + write_baseline(report), encoding="utf-8")
    assert len(load_baseline(path)) == len(report.findings)


def test_apply(report: Report) -> None:
    old = {report.findings[0].fingerprint, report.findings[1].fingerprint, "f" * 32, "0" * 32}
    kept, baselined, fixed = apply_baseline(report.findings, old)
    assert kept == report.findings[2:]
    assert baselined == 2
    assert fixed == ["0" * 32, "f" * 32]


def test_apply_empty(report: Report) -> None:
    kept, baselined, fixed = apply_baseline(iter(report.findings), set())
    assert kept == report.findings and baselined == 0 and fixed == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "line 1, column 2: not valid JSON"),
        ("[]", "expected a JSON object"),
        ('{"something": 1}', "neither an ipcheck baseline"),
        ('{"ipcheck_baseline": 2, "fingerprints": []}', "baseline format 2 is not supported"),
        ('{"ipcheck_baseline": 1, "fingerprints": {}}', "'fingerprints' must be a list"),
        ('{"ipcheck_baseline": 1, "fingerprints": [{"rule": "X"}]}', "fingerprints[0] has no fingerprint"),
        ('{"ipcheck_baseline": 1, "fingerprints": [{"fingerprint": ""}]}', "fingerprints[0] has no fingerprint"),
        ('{"tool": {"name": "ipcheck"}, "findings": [{"fingerprint": 7}]}', "findings[0] has no fingerprint"),
        pytest.param("[" * 100_000 + "]" * 100_000, "line 1, column 1: JSON nested too deeply to be a baseline",
                     id="nested-100000-deep"),
    ],
)
def test_bad_files(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "b.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError, match=message.replace("[", r"\[").replace("]", r"\]")) as info:
        load_baseline(path)
    assert info.value.path == path  # the command line prints it before the message
    assert not str(info.value).startswith(str(path)) and "\n  hint: " in str(info.value)
    assert isinstance(info.value, ValueError)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(BaselineError, match="baseline file not found"):
        load_baseline(tmp_path / "nope.json")


def test_folder(tmp_path: Path) -> None:
    with pytest.raises(BaselineError, match="is a folder"):
        load_baseline(tmp_path)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_bytes(b'{"ipcheck_baseline": 1, "x": "\xff"}')
    with pytest.raises(BaselineError, match="not UTF-8"):
        load_baseline(path)
