"""The format registry."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ipcheck.plugins import BUILTIN, load_plugins
from ipcheck.report.formats import FORMATS, is_binary, render
from ipcheck.report.model import Report


def test_contract_formats() -> None:
    assert list(FORMATS) == ["text", "json", "sarif", "junit", "markdown", "html", "codeclimate", "docx", "xlsx"]
    assert [name for name, r in FORMATS.items() if is_binary(r)] == ["docx", "xlsx"]


def test_built_in_formats_register_through_the_plugin_hook() -> None:
    formats = load_plugins(entry_point_plugins=False).formats()
    assert list(formats) == list(FORMATS)
    assert {f.plugin for f in formats.values()} == {BUILTIN}
    assert [name for name, f in formats.items() if f.binary] == ["docx", "xlsx"]


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_renders(report: Report, empty_report: Report, fmt: str) -> None:
    for rep in (report, empty_report):
        out = render(rep, fmt)
        assert out == FORMATS[fmt](rep)
        if is_binary(FORMATS[fmt]):
            assert isinstance(out, bytes) and out.startswith(b"PK")
        else:
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
