"""The terminal report."""

from __future__ import annotations

from collections.abc import Callable

import click

from ipcheck.report.formats import render
from ipcheck.report.model import Report
from ipcheck.report.text import readiness, render_summary, render_text, sections

Snapshot = Callable[[str, str], None]


def test_sample_matches_snapshot(report: Report, snapshot: Snapshot) -> None:
    snapshot("sample.txt", render_text(report))


def test_empty_matches_snapshot(empty_report: Report, snapshot: Snapshot) -> None:
    snapshot("empty.txt", render_text(empty_report))


def test_deterministic(report: Report) -> None:
    assert render_text(report).encode() == render_text(report).encode()
    assert render_text(report, color=True).encode() == render_text(report, color=True).encode()


def test_no_colour_unless_asked(report: Report) -> None:
    plain = render_text(report)
    coloured = render_text(report, color=True)
    assert "\x1b[" not in plain
    assert "\x1b[" in coloured
    assert click.unstyle(coloured) == plain


def test_registry_passes_colour(report: Report) -> None:
    assert render(report, "text") == render_text(report)
    assert render(report, "text", color=True) == render_text(report, color=True)


def test_groups_stages_then_protections_then_other(report: Report) -> None:
    keys = [key for key, _ in sections(report)]
    assert keys == [
        "startup", "diagnosis", "manual", "operation", "internal-audit", "management-review",
        "patent", "trademark", "other",
    ]
    text = render_text(report)
    assert text.index("Internal audit (2)") < text.index("Patents (1)") < text.index("Other findings (1)")


def test_finding_shows_everything(report: Report) -> None:
    text = render_text(report)
    assert "major       PAT002  ipms/patents.yaml:17:5  [CN202310001234.5]" in text
    assert "fix: Pay the annuity of CN202310001234.5" in text


def test_majors_first_within_a_group(report: Report) -> None:
    text = render_text(report)
    assert text.index("IAU001") < text.index("IAU004")


def test_summary_counts_readiness_baseline_errors(report: Report) -> None:
    summary = render_summary(report)
    assert "10 findings: 3 major, 4 minor, 3 observations" in summary
    assert "Internal audit                not ready (1 major, 1 minor)" in summary
    assert "Investigation and diagnosis   corrective actions needed (1 minor)" in summary
    assert "Management review             ready" in summary
    assert "Copyrights     ready" in summary
    assert "Baseline: 3 findings baselined" in summary
    assert "    0cc175b9c0f1b6a831c399e269772661\n    5d41402abc4b2a76b9719d911017c592" in summary
    assert "Waived: 1 finding" in summary
    assert "load error: ipms/objectives.yaml:7:12: expected a date" in summary
    assert "hint: write the due date as 2025-12-01" in summary
    assert "internal error: ipms/patents.yaml:1:1: rule ACME001" in summary
    assert summary.endswith("Failed: 7 findings at or above minor; 2 errors\n")
    assert render_text(report).endswith(summary)


def test_observations_do_not_block_readiness(report: Report) -> None:
    summary = render_summary(report)
    assert "Management review             ready (1 observation)" in summary
    assert readiness("ready", {"major": 0, "minor": 0, "observation": 4}) == "ready (4 observations)"
    assert readiness("not-ready", {"major": 2, "minor": 0, "observation": 0}) == "not ready (2 major)"


def test_clean_run_passes(empty_report: Report) -> None:
    text = render_text(empty_report)
    assert "No findings." in text
    assert text.endswith("Passed (fail on: minor)\n")
    assert "Baseline" not in text and "Errors" not in text


def test_unknown_stage_goes_to_other(report: Report) -> None:
    from dataclasses import replace

    report.findings[0] = replace(report.findings[0], stage="x-unknown", protection=None)
    assert [key for key, _ in sections(report)][-1] == "other"
    assert "Other findings (2)" in render_text(report)


def test_declaration_text_cannot_drive_the_terminal(report: Report) -> None:
    from dataclasses import replace

    report.findings[0] = replace(
        report.findings[0], message="evil \x1b[2J clear\nsecond line", subject="id\x07", corrective_action="a\r\nb"
    )
    text = render_text(report)
    assert "\x1b" not in text and "\x07" not in text and "\r" not in text
    assert "evil \\x1b[2J clear\n              second line" in text
    assert "[id\\x07]" in text


def test_sample_in_chinese_matches_snapshot(snapshot: Snapshot) -> None:
    from tests.report.conftest import make_report

    snapshot("sample.zh-CN.txt", render_text(make_report(lang="zh-CN")))


def test_a_clean_run_in_chinese_matches_snapshot(snapshot: Snapshot) -> None:
    from tests.report.conftest import make_report

    snapshot("empty.zh-CN.txt", render_text(make_report(lang="zh-CN", findings=[], errors=[], baselined=0, fixed=[],
                                                        waived=0, actions={})))


def test_chinese_severities_are_padded_by_terminal_columns() -> None:
    from tests.report.conftest import make_report

    text = render_text(make_report(lang="zh-CN"))
    assert "  严重不符合 STA001  ipms/startup.yaml:4:3  [wg-2024]\n" in text
    assert "  观察项     TSC003  ipms/secrets.yaml:31:7  [leaver-0042]\n" in text
    assert "    专利      未就绪（严重1项）\n" in text
