"""Text from a declaration cannot act on a terminal or reorder a line: control characters
and bidirectional overrides are shown as escapes in every human-readable format, and on stderr."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from ipcheck.report.formats import render
from ipcheck.testing import run_declaration

HOSTILE_TITLE = "Filing \x1b[31mred\x1b[0m \u202eevil\x07"
SHOWN = "Filing \\x1b[31mred\\x1b[0m \\u202eevil\\x07"
DECLARATION = f'kind: Enterprise\nid: acme\nname: Acme\n---\nkind: Procedure\nid: PR-1\ntitle: "{HOSTILE_TITLE}"\n'


@pytest.fixture(scope="module")
def report():
    return run_declaration(DECLARATION.replace("\x1b", "\\e").replace("\u202e", "\\u202e").replace("\x07", "\\a"),
                           entry_points=False).report


@pytest.mark.parametrize(("fmt", "shown"), [
    ("text", SHOWN),
    ("markdown", SHOWN.replace("\\", "\\\\").replace("[", "\\[")),  # Markdown escapes its own specials
    ("html", SHOWN),
])
def test_human_formats_show_escapes(report, fmt, shown):
    text = render(report, fmt)
    for raw in ("\x1b", "\u202e", "\x07"):
        assert raw not in text
    assert shown in text


def test_json_keeps_the_text_exactly(report):
    messages = [f["message"] for f in json.loads(render(report, "json"))["findings"]]
    assert f"Procedure PR-1 '{HOSTILE_TITLE}' has no steps" in messages


def test_a_file_name_with_control_characters_is_escaped_on_stderr(tmp_path):
    (tmp_path / "a\x1b[31m\nb.yaml").write_text("kind: [\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "ipcheck", "check", str(tmp_path), "-f", "json"],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert "\x1b" not in done.stderr
    assert done.stderr.startswith("a\\x1b[31m\nb.yaml:2:1: YAML syntax error") or done.stderr.startswith(
        "a\\x1b[31m")
