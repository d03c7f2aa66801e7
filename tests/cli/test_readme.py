"""The README's first command, as a new user runs it, succeeds on any day."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from click.testing import CliRunner

from ipcheck.cli import cli

ROOT = Path(__file__).resolve().parents[2]


def _first_command() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", readme, re.S)
    assert block is not None, "the README has no sh block"
    last = block.group(1).strip().split("&&")[-1]
    words = shlex.split(last)
    assert words[0].endswith("ipcheck"), words
    return words[1:]


def test_the_first_command_checks_the_exemplar_clean_whatever_the_day(monkeypatch) -> None:
    args = _first_command()
    assert args[:2] == ["check", "fixtures/exemplar"]
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "No findings." in result.stdout
    assert "Certification: ready for certification" in result.stdout
