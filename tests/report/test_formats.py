"""The format registry."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ipcheck.report.formats import FORMATS, render
from ipcheck.report.model import Report


def test_contract_formats() -> None:
    assert list(FORMATS) == ["text", "json", "sarif", "junit", "markdown", "html", "codeclimate"]


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_renders(report: Report, empty_report: Report, fmt: str) -> None:
    for rep in (report, empty_report):
        out = render(rep, fmt)
        assert out == FORMATS[fmt](rep)
        assert out.endswith("\n") and not out.endswith("\n\n")


def test_unknown_format(report: Report) -> None:
    with pytest.raises(ValueError, match="unknown report format 'pdf'.*text, json, sarif, junit, markdown, html"):
        render(report, "pdf")


def test_import_is_cheap() -> None:
    code = (
        "import sys, ipcheck.report.formats\n"
        "print(sorted(m for m in sys.modules if m.startswith('ipcheck.report.') or m in ('click', 'xml.etree')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['ipcheck.report.formats']"
