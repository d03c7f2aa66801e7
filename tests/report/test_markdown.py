"""Markdown report."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ipcheck.report.markdown import escape, render_markdown
from ipcheck.report.model import Report

Snapshot = Callable[[str, str], None]
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def _tables(text: str) -> list[list[str]]:
    tables: list[list[str]] = []
    current: list[str] = []
    for line in text.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    if current:
        tables.append(current)
    return tables


def test_sample_matches_snapshot(report: Report, snapshot: Snapshot) -> None:
    snapshot("sample.md", render_markdown(report))


def test_empty_matches_snapshot(empty_report: Report, snapshot: Snapshot) -> None:
    snapshot("empty.md", render_markdown(empty_report))


def test_deterministic(report: Report) -> None:
    assert render_markdown(report).encode() == render_markdown(report).encode()


def test_escape() -> None:
    assert escape("a | b") == r"a \| b"
    assert escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert escape("line one\nline two\n") == "line one<br>line two"
    assert escape("*bold* [link](x) `code` a\\b") == r"\*bold\* \[link\](x) \`code\` a\\b"


def test_every_table_row_has_its_header_width(report: Report) -> None:
    report.findings[0] = replace(report.findings[0], message="one | two\nthree", corrective_action="a|b|c")
    tables = _tables(render_markdown(report))
    # readiness x2, certification, one per group, one per owner, errors
    assert len(tables) == 2 + 1 + 9 + len(report.action_plan()) + 1
    for table in tables:
        widths = {len(_UNESCAPED_PIPE.findall(row)) for row in table}
        assert len(widths) == 1, table


def test_action_plan_by_owner(report: Report) -> None:
    text = render_markdown(report)
    plan = report.action_plan()
    assert plan and plan[-1][0] == "unassigned"
    for owner, actions in plan:
        assert f"### {owner} ({len(actions)} action{'s' if len(actions) > 1 else ''})" in text
    assert text.index("## Findings") < text.index("## Corrective-action plan") < text.index("## Errors")


def test_sections(report: Report) -> None:
    text = render_markdown(report)
    assert "**Verdict: failed**: 7 findings at or above minor; 2 errors." in text
    assert "| Internal audit | **not ready** | 1 | 1 | 0 |" in text
    assert "| Trade secrets | ready | 0 | 0 | 1 |" in text
    assert text.index("### Internal audit (2)") < text.index("### Patents (1)") < text.index("### Other findings (1)")
    assert "| load error | ipms/objectives.yaml:7:12 |" in text
    assert "- Baselined (recorded earlier, not counted): 3" in text
    assert "- Waived: 1" in text
    assert '"1.0 \\| draft" &amp; no approver' in text


def test_clean_run(empty_report: Report) -> None:
    text = render_markdown(empty_report)
    assert "**Verdict: passed**" in text
    assert "No findings." in text
    assert "## Errors" not in text


def test_sample_in_chinese_matches_snapshot(snapshot: Snapshot) -> None:
    from tests.report.conftest import make_report

    snapshot("sample.zh-CN.md", render_markdown(make_report(lang="zh-CN")))
