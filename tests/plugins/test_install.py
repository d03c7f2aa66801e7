"""The example plugin as a user gets it: installed with pip into a fresh environment next to
ipcheck, found through its entry point, and gone again after ``pip uninstall``.

One virtual environment serves the whole module (about 10-30 s to build, depending on the
pip cache); the tests run in file order and the last one uninstalls the plugin.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import AS_OF, run_cli, write

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
PLUGIN = REPO / "plugins" / "ipcheck-exportwatch"
BIN = "Scripts" if os.name == "nt" else "bin"

DECLARATION = """\
kind: Enterprise
id: acme
name: Acme Thermal Co., Ltd.
markets: [CN, US, JP]
---
kind: Product
id: PRD-HX
name: HX plate heat exchangers
key: true
markets: [CN, US, JP]
---
kind: Patent
id: PAT-US-1
title: Plate corrugation pattern
jurisdiction: US
status: granted
owner: Wang Jun
product: PRD-HX
---
kind: Trademark
id: TM-JP-1
mark: ACME
jurisdiction: JP
status: registered
expiry: 2027-02-01
"""


def _environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env.update(PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1", NO_COLOR="1")
    return env


def _run(*args: str | Path, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, cwd=cwd, env=_environment(),
                          timeout=timeout, check=False)
    assert done.returncode == 0, f"{' '.join(map(str, args))}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh environment with ipcheck (built from this checkout) and the example plugin installed."""
    root = tmp_path_factory.mktemp("install") / "venv"
    start = time.perf_counter()
    _run(sys.executable, "-m", "venv", root)
    pip = [root / BIN / "python", "-m", "pip", "install", "--quiet"]
    # the build backend and the test runner first, so that the builds below need no isolated environment
    _run(*pip, "hatchling>=1.21", "pytest>=8")
    _run(*pip, "--no-build-isolation", REPO)
    _run(*pip, "--no-deps", "--no-build-isolation", PLUGIN)
    print(f"environment with ipcheck and the plugin built in {time.perf_counter() - start:.1f} s")
    return root


@pytest.fixture(scope="module")
def declaration(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("declaration")
    write(folder, "acme.yaml", DECLARATION)
    return folder


def ipcheck(venv: Path, *args: str | Path, cwd: Path | None = None):
    return run_cli(*args, python=str(venv / BIN / "python"), cwd=cwd, env={"PYTHONPATH": ""})


def test_the_plugin_is_listed(venv):
    run = ipcheck(venv, "plugins")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].split()[:3] == ["ipcheck", "0.1.0", "built-in"]
    [line] = [line for line in lines if line.startswith("exportwatch ")]
    assert line.split()[1] == "1.0.0"
    assert "entry point of ipcheck-exportwatch" in line and "(ipcheck_exportwatch)" in line


def test_its_rules_are_listed(venv):
    run = ipcheck(venv, "rules")
    assert run.returncode == 0, run.stderr
    for rule_id in ("EXW001", "EXW002", "EXW101", "EXW102", "EXW103"):
        assert any(line.startswith(f"{rule_id} ") for line in run.stdout.splitlines()), rule_id
    assert run.stdout.count("[exportwatch]") == 5
    assert "IPX001" in run.stdout  # the built-in rules are all there too (shipped in the wheel)
    explained = ipcheck(venv, "explain", "EXW001")
    assert explained.returncode == 0 and "Patents on key products in their markets" in explained.stdout


def test_its_findings_are_reported(venv, declaration):
    run = ipcheck(venv, "check", declaration)
    assert run.report["errors"] == [], run.stderr
    ours = [(f["rule"], f["subject"], f["location"]["line"]) for f in run.findings if f["rule"].startswith("EXW")]
    lines = DECLARATION.splitlines()
    owner, expiry = lines.index("owner: Wang Jun") + 1, lines.index("expiry: 2027-02-01") + 1
    assert ours == [("EXW001", "PAT-US-1", owner), ("EXW102", "TM-JP-1", expiry)]
    assert run.report["as_of"] == AS_OF
    only = ipcheck(venv, "check", declaration, "--select", "EXW")
    assert only.rules == ["EXW001", "EXW102"] and only.returncode == 1


def test_its_own_tests_pass_with_the_installed_fixture(venv):
    """The plugin's test suite, run against the installed plugin with ipcheck's ``ipcheck_run``
    fixture coming from ipcheck's pytest11 entry point."""
    done = subprocess.run([venv / BIN / "python", "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
                          capture_output=True, text=True, cwd=PLUGIN, env=_environment(), timeout=300, check=False)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert " passed" in done.stdout and "failed" not in done.stdout


def test_the_installed_wheel_carries_its_data(venv, tmp_path):
    """Installed from a built wheel (not editable): rule packs, clause map, starter
    templates and report templates ship inside it."""
    exemplar = Path(REPO) / "fixtures" / "exemplar"
    run = ipcheck(venv, "check", exemplar, "--select", "IP", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.report["errors"] == [] and run.findings == []
    assert len(ipcheck(venv, "rules", "--json", cwd=tmp_path).stdout) > 10000
    _run(venv / BIN / "ipcheck", "init", tmp_path / "starter", cwd=tmp_path)
    started = ipcheck(venv, "check", tmp_path / "starter", "--select", "IP", cwd=tmp_path)
    assert started.report["errors"] == [], started.stderr
    html = _run(venv / BIN / "ipcheck", "check", exemplar, "--select", "IP", "-f", "html", "--as-of", AS_OF, cwd=tmp_path)
    assert html.stdout.startswith("<!DOCTYPE html>")


def test_after_uninstall_its_rules_are_gone(venv, declaration):
    _run(venv / BIN / "python", "-m", "pip", "uninstall", "--yes", "--quiet", "ipcheck-exportwatch")
    plugins = ipcheck(venv, "plugins")
    assert plugins.returncode == 0 and "exportwatch" not in plugins.stdout
    assert "EXW" not in ipcheck(venv, "rules").stdout
    run = ipcheck(venv, "check", declaration)
    assert run.report["errors"] == []
    assert run.findings and not [f for f in run.findings if f["rule"].startswith("EXW")]
    assert ipcheck(venv, "explain", "EXW001").returncode == 2
