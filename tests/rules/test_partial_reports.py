"""The full terminal report of two partly implemented declarations, compared with reviewed
snapshots: `fixtures/partial/early` (start-up and diagnosis done, system construction half
done, nothing after) and `fixtures/partial/pre-audit` (everything up to operation, a few
lapses, just before the first internal audit).

A change in any rule's wording, severity or reach shows here as a diff of the report an
auditor would read. After checking that the new report is right, regenerate with
``IPCHECK_UPDATE_SNAPSHOTS=1 python -m pytest tests/rules/test_partial_reports.py``.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipcheck.cli import cli

ROOT = Path(__file__).resolve().parents[2]
PARTIAL = ROOT / "fixtures" / "partial"
SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE_ENV = "IPCHECK_UPDATE_SNAPSHOTS"
AS_OF = "2026-11-24"


def report_of(name: str) -> tuple[int, str]:
    """The text report, run from inside the checked folder (the report names files relative
    to the current folder)."""
    before = os.getcwd()
    os.chdir(PARTIAL / name)
    try:
        result = CliRunner().invoke(cli, ["check", ".", "--as-of", AS_OF, "--format", "text"],
                                    catch_exceptions=False, color=False)
    finally:
        os.chdir(before)
    return result.exit_code, result.stdout


@pytest.mark.parametrize("name", ["early", "pre-audit"])
def test_report_matches_the_reviewed_snapshot(name: str) -> None:
    code, text = report_of(name)
    assert code == 1  # both have nonconformities
    assert "\x1b[" not in text
    snapshot = SNAPSHOTS / f"partial-{name}.txt"
    if os.environ.get(UPDATE_ENV) == "1":
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        snapshot.write_text(text, encoding="utf-8")
    expected = snapshot.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True),
                                            f"snapshot {snapshot.name}", "report now"))
        pytest.fail(f"the report of fixtures/partial/{name} changed (set {UPDATE_ENV}=1 to accept):\n{diff}")


def test_early_declaration_is_ready_up_to_diagnosis_and_absent_after_the_system() -> None:
    """The shape of the early report, independent of wording: nothing major before the
    manual stage, and each later stage reported absent with a major finding."""
    _, text = report_of("early")
    readiness = text[text.index("Readiness by stage"):text.index("Readiness by protection type")]
    lines = {line.strip().split("  ")[0]: line for line in readiness.splitlines()[1:]}
    assert lines["Investigation and diagnosis"].endswith("ready")
    assert "major" not in lines["Implementation start-up"]
    assert "corrective actions needed" in lines["System construction"] and "major" not in lines["System construction"]
    for stage in ("Manual preparation", "Dissemination and publicity", "Implementation and operation",
                  "Internal audit", "Management review"):
        assert "not ready (" in lines[stage] and "major" in lines[stage], lines[stage]


def test_pre_audit_declaration_lacks_only_audit_and_review_as_majors() -> None:
    _, text = report_of("pre-audit")
    majors = [line.split()[1] for line in text.splitlines() if line.startswith("  major ")]
    assert sorted(majors) == ["IP701", "IP706", "IP801"]
