"""Text from a declaration cannot act on a terminal or reorder a line: control characters
(C0 and C1), bidirectional overrides and zero-width characters are shown as escapes in every
format, machine-read ones included (a browser shows their texts), and on stderr."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from ipcheck.report.formats import render
from ipcheck.testing import run_declaration

HOSTILE_TITLE = "Filing \x1b[31mred\x1b[0m \u202eevil\x07 \x9b2J hid\u200bden"
SHOWN = "Filing \\x1b[31mred\\x1b[0m \\u202eevil\\x07 \\x9b2J hid\\u200bden"
RAW = ("\x1b", "\u202e", "\x07", "\x9b", "\u200b")
DECLARATION = f'kind: Enterprise\nid: acme\nname: Acme\n---\nkind: Procedure\nid: PR-1\ntitle: "{HOSTILE_TITLE}"\n'


@pytest.fixture(scope="module")
def report():
    written = DECLARATION
    for raw in RAW:
        written = written.replace(raw, f"\\x{ord(raw):02x}" if ord(raw) < 0x100 else f"\\u{ord(raw):04x}")
    return run_declaration(written, entry_points=False).report


@pytest.mark.parametrize(("fmt", "shown"), [
    ("text", SHOWN),
    ("markdown", SHOWN.replace("\\", "\\\\").replace("[", "\\[")),  # Markdown escapes its own specials
    ("html", SHOWN),
])
def test_human_formats_show_escapes(report, fmt, shown):
    text = render(report, fmt)
    for raw in RAW:
        assert raw not in text
    assert shown in text


def _texts(data: object) -> list[str]:
    if isinstance(data, dict):
        return [t for value in data.values() for t in _texts(value)]
    if isinstance(data, list):
        return [t for value in data for t in _texts(value)]
    return [data] if isinstance(data, str) else []


@pytest.mark.parametrize("fmt", ["json", "sarif", "codeclimate"])
def test_machine_formats_carry_the_escapes_not_the_characters(report, fmt):
    """A JSON escape (``\\u202e``) is no protection: the viewer decodes it. The decoded texts hold
    the visible escape, as the text report shows it."""
    texts = _texts(json.loads(render(report, fmt)))
    assert not [t for t in texts if any(raw in t for raw in RAW)]
    assert any(SHOWN in t for t in texts)


def test_junit_carries_the_escapes_not_the_characters(report):
    import xml.etree.ElementTree as ET

    root = ET.fromstring(render(report, "junit"))
    texts = [value for node in root.iter() for value in [node.text or "", *node.attrib.values()]]
    assert not [t for t in texts if any(raw in t for raw in RAW)]
    assert any(SHOWN in t for t in texts)


def test_a_file_name_with_control_characters_is_escaped_on_stderr(tmp_path):
    (tmp_path / "a\x1b[31m\nb.yaml").write_text("kind: [\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "ipcheck", "check", str(tmp_path), "-f", "json"],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert "\x1b" not in done.stderr
    assert done.stderr.startswith("a\\x1b[31m\nb.yaml:2:1: YAML syntax error") or done.stderr.startswith(
        "a\\x1b[31m")


def test_markdown_leaves_no_bare_link_or_mention_live():
    """A pull-request comment would link the URL and notify the person mentioned."""
    text = 'kind: Procedure\nid: PR-1\ntitle: "See https://evil.example/x, www.evil.example, @octocat, a@b.example"\n'
    markdown = render(run_declaration(text, entry_points=False).report, "markdown")
    for live in ("https://evil", "www.evil", "@octocat", "a@b"):
        assert live not in markdown
    assert "https&#58;//evil.example/x, www&#46;evil.example, &#64;octocat, a&#64;b.example" in markdown
