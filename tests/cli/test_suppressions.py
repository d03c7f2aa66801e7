"""Baselined and waived findings stay visible: SARIF carries them as suppressions (GitHub
would otherwise close their alerts as fixed), the JSON summary counts them and says which
finding each waiver covered, and readiness counts baselined findings (a baseline decides what
fails the run, not what is true of the system)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipcheck.cli import cli
from tests.defects.apply import materialise

AS_OF = "2026-11-24"
JUSTIFICATION = "Patent sold; transfer recorded in December"
WAIVER = (f"waivers:\n  - rule: IPP015\n    subject: HXP-CN-2016-001\n    justification: {JUSTIFICATION}\n"
          "    approved_by: Liu Hong\n    expires: 2027-01-31\n")


@pytest.fixture
def lapsed(tmp_path: Path) -> Path:
    """The exemplar with a key product's patent lost past its annuity grace period (IPP015, major:
    patents not ready)."""
    return materialise("ipp015-key-product-patent-lost", tmp_path / "decl")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check", *args, "--as-of", AS_OF], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def baseline(lapsed: Path, tmp_path: Path) -> Path:
    path = tmp_path / "baseline.json"
    assert CliRunner().invoke(cli, ["baseline", str(lapsed), "--as-of", AS_OF, "-o", str(path)]).exit_code == 0
    return path


def test_baselined_findings_are_sarif_suppressions_and_count_for_readiness(lapsed: Path, baseline: Path) -> None:
    code, out, _ = run(str(lapsed), "--baseline", str(baseline), "-f", "sarif")
    assert code == 0
    (result,) = json.loads(out)["runs"][0]["results"]
    assert result["ruleId"] == "IPP015"
    assert result["suppressions"] == [{
        "kind": "external", "status": "accepted",
        "justification": "Recorded in the baseline: accepted when ipcheck was adopted, to be corrected in time.",
        "properties": {"by": "baseline", "location": str(baseline)}}]
    code, out, _ = run(str(lapsed), "--baseline", str(baseline), "-f", "json")
    summary = json.loads(out)["summary"]
    assert (summary["major"], summary["baselined"], summary["waived"]) == (0, 1, 0)
    assert summary["readiness"]["by_protection"]["patent"] == "not-ready"  # the baselined major counts
    assert summary["readiness"]["baselined_by_protection"]["patent"] == 1
    code, out, _ = run(str(lapsed), "--baseline", str(baseline))
    assert "Readiness by stage (counting the 1 baselined finding, which do not fail the run)" in out


def test_waived_findings_carry_the_waiver_and_the_summary_lists_what_each_waiver_covered(lapsed: Path) -> None:
    (lapsed / "ipcheck.yaml").write_text(WAIVER, encoding="utf-8")
    code, out, _ = run(str(lapsed), "-f", "json")
    assert code == 0
    report = json.loads(out)
    code, sarif, _ = run(str(lapsed), "-f", "sarif")
    (result,) = json.loads(sarif)["runs"][0]["results"]
    assert result["suppressions"] == [{"kind": "external", "status": "accepted", "justification": JUSTIFICATION,
                                       "properties": {"by": "waiver", "location": "ipcheck.yaml:2"}}]
    assert (report["summary"]["waived"], report["summary"]["baselined"]) == (1, 0)
    assert report["summary"]["waivers"] == [{"file": "ipcheck.yaml", "line": 2,
                                             "findings": [result["partialFingerprints"]["ipcheck/v1"]]}]
    assert report["findings"] == []
