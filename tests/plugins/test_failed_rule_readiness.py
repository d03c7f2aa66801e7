"""A rule that failed found nothing, which says nothing: its stage and protection type are
"not assessed" in every report, no report says "No findings", and JUnit shows an error."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from .conftest import AS_OF, GOOD_PLUGIN, write

CRASHING = GOOD_PLUGIN.replace('protection=None', '').replace(
    'stage="manual",', 'stage="manual", protection="patent",').replace(
    "    for procedure in ctx.declaration.of(Procedure):", "    raise KeyError('owner')\n"
    "    for procedure in ctx.declaration.of(Procedure):")

SAID = ("No findings from the rules that ran, but 1 failed (GOOD001): the stages and protection types they check "
        "are not assessed; see the errors below.")


EXEMPLAR = Path(__file__).resolve().parents[2] / "fixtures" / "exemplar"
"""A certified system: every stage and protection type is ready on :data:`AS_OF`."""


def report(shared: Path, tmp_path: Path, fmt: str, *select: str, plugin_source: str = CRASHING) -> tuple[int, str]:
    """The report of a run with the crashing rule: of the shared declaration with ``select``
    (only the crashing rule by default), or of the exemplar with every rule (``select`` = ``("",)``)."""
    plugin = write(tmp_path, "crashing.py", plugin_source)
    output = tmp_path / f"report.{fmt}"
    target = EXEMPLAR if select == ("",) else shared / "decl"
    chosen = ["--select", ",".join(select or ("GOOD001",))] if select != ("",) else []
    done = subprocess.run([sys.executable, "-m", "ipcheck", "check", str(target), "--as-of", AS_OF,
                           "--plugin", str(plugin), *chosen, "-f", fmt, "-o", str(output)],
                          capture_output=True, text=True, timeout=60, check=False,
                          env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"})
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, output.read_text(encoding="utf-8")


def test_text(shared, tmp_path):
    code, text = report(shared, tmp_path, "text")
    assert code == 3
    assert "No findings.\n" not in text
    assert SAID in text


def test_text_readiness(shared, tmp_path):
    code, text = report(shared, tmp_path, "text", "")
    assert code == 3
    lines = text.splitlines()
    assert "    Manual preparation            not assessed" in lines  # GOOD001 failed
    assert "    Patents        not assessed" in lines
    assert "    Copyrights     ready" in lines
    _, control = report(shared, tmp_path, "text", "", plugin_source=CRASHING.replace("    raise KeyError('owner')\n", ""))
    assert "    Patents        ready" in control.splitlines()


def test_json(shared, tmp_path):
    code, text = report(shared, tmp_path, "json", "")
    assert code == 3
    summary = json.loads(text)["summary"]
    assert summary["readiness"]["by_stage"]["manual"] == "not-assessed"
    assert summary["readiness"]["by_stage"]["startup"] == "ready"
    assert summary["readiness"]["by_protection"] == {"patent": "not-assessed", "trademark": "ready",
                                                     "copyright": "ready", "trade-secret": "ready"}
    assert summary["passed"] is False


def test_markdown(shared, tmp_path):
    code, text = report(shared, tmp_path, "markdown")
    assert code == 3
    assert "No findings." not in text
    assert "No findings from the rules that ran, but 1 failed" in text
    code, text = report(shared, tmp_path, "markdown", "")
    assert "| Manual preparation | not assessed | 0 | 0 | 0 |" in text
    assert "| Patents | not assessed | 0 | 0 | 0 |" in text


def test_html(shared, tmp_path):
    code, text = report(shared, tmp_path, "html")
    assert code == 3
    assert "every rule that ran passed" not in text
    assert "No findings from the rules that ran, but 1 failed (GOOD001)" in text
    assert ">ready<" not in text


def test_junit_shows_an_error_case_in_the_rules_suite(shared, tmp_path):
    code, text = report(shared, tmp_path, "junit")
    assert code == 3
    root = ET.fromstring(text)
    [suite] = [s for s in root.iter("testsuite") if s.get("name") == "GOOD001"]
    assert (suite.get("tests"), suite.get("errors"), suite.get("failures")) == ("1", "1", "0")
    [case] = suite.iter("testcase")
    assert case.get("name") == "rule failed"
    [error] = case.iter("error")
    assert "internal error in rule GOOD001 of plugin 'crashing': the rule failed: KeyError: 'owner'" in error.get(
        "message")
    assert not [s for s in root.iter("testsuite") if s.get("name") == "ipcheck.errors"]
    assert (root.get("tests"), root.get("errors")) == ("1", "1")


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_the_summary_line_counts_no_stage_ready(shared, tmp_path, fmt):
    plugin = write(tmp_path, "crashing.py", CRASHING)
    done = subprocess.run([sys.executable, "-m", "ipcheck", "check", str(shared / "decl"), "--as-of", AS_OF,
                           "--plugin", str(plugin), "--select", "GOOD001", "-f", fmt, "-o",
                           str(tmp_path / "out")], capture_output=True, text=True, timeout=60, check=False)
    assert "0 of 8 stages ready (8 not assessed)" in done.stderr
