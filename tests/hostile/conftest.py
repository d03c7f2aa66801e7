"""Fixtures that run the command line on hostile input."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ._support import TIME_LIMIT


def _cli_available() -> bool:
    return importlib.util.find_spec("ipcheck.cli") is not None


@pytest.fixture
def cli(tmp_path_factory):
    """Run ``python -m ipcheck check ARGS`` in a subprocess; returns the completed process."""
    if not _cli_available():
        pytest.skip("the command line is not available")

    def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
        env.pop("IPCHECK_DEBUG", None)
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "ipcheck", "check", *map(str, args), "--as-of", "2026-11-24"],
            capture_output=True, text=True, encoding="utf-8", errors="replace",
            timeout=60, env=env, cwd=cwd,
        )
        elapsed = time.perf_counter() - start
        assert elapsed < TIME_LIMIT, f"ipcheck took {elapsed:.1f}s"
        assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, result.stderr
        return result

    return run


@pytest.fixture
def rejected(cli, tmp_path_factory):
    """Check ``target`` on the command line, expecting exit 2 with each expected text on stderr
    (the report goes to a file, so stderr carries the errors) and located errors in the JSON report;
    with ``terminal=True``, also the plain terminal report."""

    def check(target: Path, *expected: str, terminal: bool = False) -> subprocess.CompletedProcess[str]:
        report = tmp_path_factory.mktemp("report") / "report.json"
        result = cli(target, "-f", "json", "-o", report)
        assert result.returncode == 2, (result.returncode, result.stderr)
        for text in expected:
            assert text in result.stderr, result.stderr
        if report.exists():  # a report is written even when nothing could be checked
            errors = json.loads(report.read_text(encoding="utf-8"))["errors"]
            assert errors
            assert all(e["file"] and e["line"] >= 1 and e["column"] >= 1 for e in errors)
        if terminal:  # the terminal report, as a user first sees it
            plain = cli(target)
            assert plain.returncode == 2
            assert expected[0] in plain.stdout + plain.stderr
        return result

    return check
