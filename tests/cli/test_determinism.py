"""Reports are byte-identical across processes, not only across two renders in one: hash
randomisation (PYTHONHASHSEED) and the order files are listed in must change nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.defects.apply import materialise

FORMATS = ("text", "json", "sarif", "junit", "markdown", "html", "codeclimate")


@pytest.fixture(scope="module")
def lapsed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return materialise("ipp005-annuity-missed", tmp_path_factory.mktemp("lapsed") / "decl")


def _report(folder: Path, fmt: str, out: Path, seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed, "NO_COLOR": "1"}
    env.pop("IPCHECK_DEBUG", None)
    done = subprocess.run([sys.executable, "-m", "ipcheck", "check", str(folder), "--as-of", "2026-11-24",
                           "-f", fmt, "-o", str(out)], capture_output=True, text=True, env=env, timeout=120,
                          check=False, cwd=folder.parent)
    assert done.returncode == 1, done.stderr
    return out.read_bytes()


@pytest.mark.parametrize("fmt", FORMATS)
def test_two_processes_write_the_same_bytes(lapsed: Path, tmp_path: Path, fmt: str) -> None:
    first = _report(lapsed, fmt, tmp_path / f"first.{fmt}", seed="1")
    second = _report(lapsed, fmt, tmp_path / f"second.{fmt}", seed="4242")
    assert first == second
    assert len(first) > 500  # a whole report, with its finding
