"""The clause each finding breaks, in text, Markdown and HTML: number and title, in the
report's edition and language; the HTML report filters by clause."""

from __future__ import annotations

from dataclasses import replace

from ipcheck.report.html import clause_options, render_html
from ipcheck.report.markdown import render_markdown
from ipcheck.report.model import Report
from ipcheck.report.text import render_text
from tests.report.conftest import make_report


def _only(report: Report, rule: str) -> Report:
    return make_report(findings=[f for f in report.findings if f.rule == rule], errors=[])


def test_text_names_clause_number_and_title(report: Report) -> None:
    lines = render_text(_only(report, "IAU001")).splitlines()
    assert "              clause: GB/T 29490-2013 9.2 Internal audit" in lines


def test_clause_title_follows_the_language(report: Report) -> None:
    one = _only(report, "IAU001")
    one.lang = "zh-CN"
    assert "             标准条款：GB/T 29490-2013 9.2 内部审核" in render_text(one).splitlines()
    assert "| GB/T 29490-2013 9.2 内部审核 |" in render_markdown(one)


def test_markdown_has_a_clause_column(report: Report) -> None:
    table = [line for line in render_markdown(_only(report, "PAT002")).splitlines() if "PAT002" in line]
    assert table[0].split(" | ")[3] == "GB/T 29490-2013 7.2 Maintenance"


def test_a_finding_citing_no_clause_shows_a_dash(report: Report) -> None:
    bare = make_report(findings=[replace(report.findings[0], clauses=())], errors=[])
    assert "| — |" in render_markdown(bare)
    assert "clause:" not in render_text(bare)
    assert ("none", "(no clause)") in clause_options(bare)


def test_html_filters_by_clause(report: Report) -> None:
    html = render_html(report)
    assert clause_options(report) == [
        ("4.2.2", "GB/T 29490-2013 4.2.2 Control of documents"),
        ("4.2.4", "GB/T 29490-2013 4.2.4 External documents and records"),
        ("5.1", "GB/T 29490-2013 5.1 Management commitment"),
        ("5.3.1", "GB/T 29490-2013 5.3.1 Planning of the IP management system"),
        ("5.5.2", "GB/T 29490-2013 5.5.2 Review input"),
        ("6.1.5", "GB/T 29490-2013 6.1.5 Leaving"),
        ("7.2", "GB/T 29490-2013 7.2 Maintenance"),
        ("9.2", "GB/T 29490-2013 9.2 Internal audit"),
        ("9.3", "GB/T 29490-2013 9.3 Analysis and improvement"),
    ]
    assert '<select id="filter-clause">' in html
    assert html.count('data-clauses="7.2"') == 2  # the patent annuity and the trademark renewal
