"""The CI script itself: it refuses to run the tests with snapshot rewriting switched on (such
a run passes whatever the reports say), before installing anything, and sets IPCHECK_CI."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_ci_refuses_to_run_with_snapshot_rewriting_on() -> None:
    env = {**os.environ, "IPCHECK_UPDATE_SNAPSHOTS": "1", "PATH": "/nonexistent"}  # nothing it could run is found
    done = subprocess.run(["/bin/bash", str(ROOT / ".ci" / "run")], capture_output=True, text=True, env=env,
                          timeout=30, check=False)
    assert done.returncode == 2
    assert done.stderr.startswith("ci: IPCHECK_UPDATE_SNAPSHOTS is set; CI compares reports with the reviewed "
                                  "snapshots and never rewrites them\n")


def test_ci_makes_tool_dependent_tests_fail_rather_than_skip() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "export IPCHECK_CI=1" in script
    assert script.index("export IPCHECK_CI=1") < script.index("pytest")
