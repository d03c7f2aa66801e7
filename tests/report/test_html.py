"""HTML report: the page as text (the browser test drives it for real)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from html.parser import HTMLParser

from ipcheck.report.html import render_html, script_json
from ipcheck.report.model import Report

Snapshot = Callable[[str, str], None]


class _Collector(HTMLParser):
    """Tags, their attributes, and the text of the embedded report data."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.data_script = ""
        self._in_data = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_data = tag == "script" and dict(attrs).get("id") == "report-data"

    def handle_endtag(self, tag: str) -> None:
        self._in_data = False

    def handle_data(self, data: str) -> None:
        if self._in_data:
            self.data_script += data


def _parse(text: str) -> _Collector:
    collector = _Collector()
    collector.feed(text)
    collector.close()
    return collector


def test_sample_matches_snapshot(report: Report, snapshot: Snapshot) -> None:
    snapshot("sample.html", render_html(report))


def test_empty_matches_snapshot(empty_report: Report, snapshot: Snapshot) -> None:
    snapshot("empty.html", render_html(empty_report))


def test_deterministic(report: Report) -> None:
    assert render_html(report).encode() == render_html(report).encode()


def test_embedded_json_is_the_report(report: Report) -> None:
    page = _parse(render_html(report))
    assert json.loads(page.data_script) == report.to_dict()


def test_nothing_to_fetch(report: Report) -> None:
    text = render_html(report)
    page = _parse(text)
    for tag, attrs in page.tags:
        assert tag not in ("link", "img", "iframe", "object", "embed", "base"), tag
        assert "src" not in attrs, (tag, attrs)
        if tag != "a":
            assert "href" not in attrs, (tag, attrs)
    assert "@import" not in text and "url(" not in text
    assert "default-src 'none'" in text


def test_everything_escaped(report: Report) -> None:
    nasty = '</script><script>alert("x")</script><img src=x onerror=alert(1)>'
    report.findings[0] = replace(report.findings[0], message=nasty, subject=nasty, corrective_action=nasty)
    text = render_html(report)
    assert "<img" not in text
    assert text.count("<script") == 2  # the data block and the filter code
    assert "&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)" in text
    page = _parse(text)
    assert json.loads(page.data_script)["findings"] == report.to_dict()["findings"]


def test_script_json_cannot_close_the_script() -> None:
    text = script_json({"m": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"m": "</script><!-- & \u2028"}


def test_one_bar_per_stage_and_protection(report: Report) -> None:
    text = render_html(report)
    stage_chart = re.search(r'<svg id="stage-chart".*?</svg>', text, re.S)
    protection_chart = re.search(r'<svg id="protection-chart".*?</svg>', text, re.S)
    assert stage_chart and protection_chart
    assert stage_chart.group().count('<g class="bar"') == 8
    assert protection_chart.group().count('<g class="bar"') == 4


def test_table_rows(report: Report) -> None:
    page = _parse(render_html(report))
    rows = [attrs for tag, attrs in page.tags if tag == "tr" and "data-severity" in attrs]
    assert len(rows) == 10
    assert [r["data-severity"] for r in rows] == ["major"] * 3 + ["minor"] * 4 + ["observation"] * 3
    doc = next(r for r in rows if r["data-fingerprint"] == report.findings[3].fingerprint)
    assert doc["data-stage"] == "none"


def test_action_plan_groups_by_owner(report: Report) -> None:
    text = render_html(report)
    plan = text[text.index('<section id="actions">'):text.index('<section id="errors">')]
    owners = re.findall(r"<h3>(.*?) <span", plan)
    assert owners == ["General Manager", "IP Manager", "Patent Engineer", "unassigned"]
    assert plan.count("<tr class=") == 7  # majors and minors only
    assert plan.count('class="overdue"') == 1  # due 2025-11-10, as of 2025-11-24
    assert plan.index("2025-12-05") < plan.index("2026-01-31")


def test_action_plan_without_assignments(report: Report) -> None:
    report.actions = {}
    text = render_html(report)
    plan = text[text.index('<section id="actions">'):text.index('<section id="errors">')]
    assert re.findall(r"<h3>(.*?) <span", plan) == ["unassigned"]


def test_clean_run(empty_report: Report) -> None:
    text = render_html(empty_report)
    assert "Passed: nothing at or above minor" in text
    assert "No nonconformity needs a corrective action." in text
    assert 'id="errors"' not in text


def test_clean_run_says_so(empty_report: Report, report: Report) -> None:
    assert '<p id="no-findings">No findings: every rule that ran passed.</p>' in render_html(empty_report)
    assert 'id="no-findings"' not in render_html(report)


def test_sample_in_chinese_matches_snapshot(snapshot: Snapshot) -> None:
    from tests.report.conftest import make_report

    snapshot("sample.zh-CN.html", render_html(make_report(lang="zh-CN")))


def test_a_chinese_report_names_its_language_and_cjk_fonts_first() -> None:
    from tests.report.conftest import make_report

    page = render_html(make_report(lang="zh-CN"))
    assert page.startswith('<!DOCTYPE html>\n<html lang="zh-CN">\n')
    assert ('font: 15px/1.5 "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", system-ui,' in page)
    assert '<th>不符合性质</th><th>规则</th><th>阶段 / 保护类型</th>' in page
    assert '<span class="badge major">严重不符合</span>' in page
