"""Fixtures for plugin tests: the command line in a subprocess, plugins written as files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

AS_OF = "2026-11-24"

DECLARATION = """\
kind: Enterprise
id: acme
name: Acme Thermal Co., Ltd.
markets: [CN, US]
---
kind: Procedure
id: PR-01
title: Patent filing
owner: ROLE-MISSING
---
kind: Procedure
id: PR-02
title: Trademark watch
"""
"""A small declaration with one dangling reference (a built-in finding) and two procedures."""

GOOD_PLUGIN = '''\
from ipcheck import hookimpl
from ipcheck.model.kinds import Procedure
from ipcheck.rules.api import Violation, rule


@rule(id="GOOD001", title="Procedures name their steps", severity="minor", stage="manual",
      rationale="r", fails="f", passes="p", fix="Write the steps of {subject}.")
def steps(ctx):
    for procedure in ctx.declaration.of(Procedure):
        if not procedure.steps:
            yield Violation(f"Procedure {procedure.id} has no steps", subject=procedure.id)


@hookimpl
def ipcheck_rules():
    return [steps]
'''
"""A well-behaved plugin whose findings must survive any misbehaving neighbour."""


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "slow: builds a virtual environment and installs packages (runs in CI too; "
        "deselect locally with -m 'not slow')")


@dataclass
class Run:
    """A finished ``ipcheck`` command: exit code, streams, and the JSON report when one was written."""

    returncode: int
    stdout: str
    stderr: str
    report: dict[str, Any] | None

    @property
    def findings(self) -> list[dict[str, Any]]:
        assert self.report is not None, self.stderr
        return self.report["findings"]

    @property
    def rules(self) -> list[str]:
        return [f["rule"] for f in self.findings]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def run_cli(*args: str | Path, cwd: Path | None = None, python: str = sys.executable,
            env: dict[str, str] | None = None, timeout: float = 60) -> Run:
    """Run ``python -m ipcheck ARGS``; a ``check`` writes its JSON report to a file that is read back."""
    args_ = [str(a) for a in args]
    report_path: Path | None = None
    if args_ and args_[0] == "check":
        import tempfile

        report_path = Path(tempfile.mkdtemp(prefix="ipcheck-report-")) / "report.json"
        args_ += ["--as-of", AS_OF, "-f", "json", "-o", str(report_path)]
    environment = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8", **(env or {})}
    environment.pop("IPCHECK_DEBUG", None)
    done = subprocess.run([python, "-m", "ipcheck", *args_], check=False, capture_output=True, text=True, encoding="utf-8",
                          errors="replace", cwd=cwd, env=environment, timeout=timeout)
    for stream in (done.stdout, done.stderr):
        assert "Traceback" not in stream, stream
    report = None
    if report_path is not None and report_path.exists():
        report = json.loads(report_path.read_text(encoding="utf-8"))
    return Run(done.returncode, done.stdout, done.stderr, report)


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the declaration (``decl/``) and a well-behaved plugin (``good.py``);
    tests add their own files in ``tmp_path``, never here."""
    folder = tmp_path_factory.mktemp("shared")
    write(folder, "decl/declaration.yaml", DECLARATION)
    write(folder, "good.py", GOOD_PLUGIN)
    return folder


@pytest.fixture(scope="module")
def baseline(shared: Path) -> list[dict[str, Any]]:
    """The findings of the shared declaration with only the well-behaved plugin loaded."""
    run = run_cli("check", shared / "decl", "--plugin", shared / "good.py")
    assert run.returncode == 1, run.stderr
    assert "GOOD001" in run.rules and "IPX001" in run.rules
    assert run.report is not None and run.report["errors"] == []
    return run.findings
