"""The example plugin's own test suite, from the source tree, with this ipcheck (no install:
test_install.py covers the installed plugin)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PLUGIN = Path(__file__).resolve().parents[2] / "plugins" / "ipcheck-exportwatch"


def test_the_example_plugin_tests_pass_from_source():
    env = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}  # the fixture is named explicitly below
    env.pop("PYTHONPATH", None)
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "ipcheck.testing",
                           "tests"], capture_output=True, text=True, cwd=PLUGIN, env=env, timeout=300, check=False)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert " passed" in done.stdout


def test_the_plugin_version_is_written_once():
    init = (PLUGIN / "src" / "ipcheck_exportwatch" / "__init__.py").read_text(encoding="utf-8")
    pyproject = (PLUGIN / "pyproject.toml").read_text(encoding="utf-8")
    assert '__version__ = "' in init
    assert 'dynamic = ["version"]' in pyproject and 'path = "src/ipcheck_exportwatch/__init__.py"' in pyproject
    assert '[project.entry-points.ipcheck]\nexportwatch = "ipcheck_exportwatch"' in pyproject
