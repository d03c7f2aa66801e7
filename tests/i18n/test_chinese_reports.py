"""Every defect fixture checked in zh-CN, in every format, holds no English prose: only ids,
codes, field names and the declaration's own values stay ASCII.

The findings of rule ranges whose Chinese texts are still being written
(``UNTRANSLATED_PREFIXES`` of ``test_rule_texts.py``) are left out; everything else (the
report's own words, readiness, certification, IPW001, errors) is judged, so the test
tightens by itself as that tuple shrinks."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml_rs

from ipcheck.check import CheckOptions, run_check
from ipcheck.config import Config
from ipcheck.report.formats import render
from ipcheck.report.model import Report
from tests.defects.apply import DEFECTS, materialise
from tests.i18n.test_rule_texts import UNTRANSLATED_PREFIXES

AS_OF = dt.date(2026, 11, 24)
NAMES = sorted(p.stem for p in DEFECTS.glob("*.yaml"))
FORMATS = ("text", "markdown", "html", "json", "sarif", "junit", "codeclimate")
ENGLISH_PROSE = re.compile(r"\b[A-Za-z][a-z]+(?:[ ,'][A-Za-z][a-z]*){2,}")
"""Three or more English words in a row: a sentence, or part of one."""


def _values(data: Any) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [v for value in data.values() for v in _values(value)]
    if isinstance(data, list):
        return [v for value in data for v in _values(value)]
    return []


def declared_values(folder: Path) -> list[str]:
    """Every text the declaration holds (the exemplar's own words are English), longest first."""
    texts: set[str] = set()
    for path in folder.rglob("*.yaml"):
        try:
            texts.update(_values(yaml_rs.loads(path.read_text(encoding="utf-8"))))
        except Exception:  # noqa: BLE001 - a defect may break a file on purpose
            continue
    return sorted((t.strip() for t in texts if len(t.strip()) > 2), key=len, reverse=True)


class _Text(HTMLParser):
    """The text a reader sees in an HTML report (not its style, script or embedded data)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in ("style", "script")
        self.parts += [v for k, v in attrs if k in ("placeholder", "aria-label", "data-template") and v]

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _json_texts(data: Any, keys: tuple[str, ...]) -> list[str]:
    if isinstance(data, dict):
        return [t for k, v in data.items() for t in ([v] if k in keys and isinstance(v, str) else _json_texts(v, keys))]
    if isinstance(data, list):
        return [t for v in data for t in _json_texts(v, keys)]
    return []


def shown_text(report: Report, fmt: str) -> str:
    """What a person reads in ``fmt``: the whole text report, or the human texts of a format."""
    rendered = render(report, fmt)
    if fmt == "html":
        parser = _Text()
        parser.feed(rendered)
        return "\n".join(parser.parts)
    if fmt == "junit":
        return "\n".join(re.findall(r'message="([^"]*)"', rendered) + re.findall(r">([^<]+)</(?:failure|error|system-out)>",
                                                                                rendered))
    keys = {"json": ("title", "message", "corrective_action"),
            "sarif": ("text", "markdown"), "codeclimate": ("description", "body")}.get(fmt)
    return "\n".join(_json_texts(json.loads(rendered), keys)) if keys else rendered


def translated_part(report: Report) -> Report:
    """The report without the findings (and rule descriptions) of untranslated rule ranges."""
    kept = [f for f in report.findings if not f.rule.startswith(UNTRANSLATED_PREFIXES)]
    rules = [r for r in report.rules if not r.id.startswith(UNTRANSLATED_PREFIXES)]
    return dataclasses.replace(report, findings=kept, rules=rules)


def english_prose(text: str, values: list[str]) -> list[str]:
    for value in values:
        text = text.replace(value, " ")
    return ENGLISH_PROSE.findall(text)


@pytest.mark.parametrize("name", NAMES)
def test_a_defect_reported_in_chinese_holds_no_english_prose(name: str, tmp_path: Path) -> None:
    folder = materialise(name, tmp_path / name)
    report = run_check(CheckOptions(paths=[folder], as_of=AS_OF, config=Config(lang="zh-CN"),
                                    entry_point_plugins=False))
    report = translated_part(report)
    values = declared_values(folder)
    found = {fmt: english_prose(shown_text(report, fmt), values) for fmt in FORMATS}
    assert {fmt: prose for fmt, prose in found.items() if prose} == {}


def test_the_prose_check_finds_english_in_a_chinese_report(tmp_path: Path) -> None:
    folder = materialise(NAMES[0], tmp_path / "x")
    report = run_check(CheckOptions(paths=[folder], as_of=AS_OF, config=Config(lang="en"), entry_point_plugins=False))
    assert english_prose(shown_text(translated_part(report), "text"), declared_values(folder))
