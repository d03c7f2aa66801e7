"""A defect of ipcheck itself (an exception no code path expected) ends the run with exit 3,
one line naming the error and a hint, and no traceback unless IPCHECK_DEBUG asks for it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ipcheck import check as check_module
from ipcheck.cli import main

EXEMPLAR = Path(__file__).resolve().parents[2] / "fixtures" / "exemplar"


def _broken(*args: object, **kwargs: object) -> object:
    raise RuntimeError("an unexpected state")


def _run(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(check_module, "run_check", _broken)
    monkeypatch.setattr(sys, "argv", ["ipcheck", "check", str(EXEMPLAR), "--as-of", "2026-11-24"])
    with pytest.raises(SystemExit) as stopped:
        main()
    return stopped.value.code  # type: ignore[return-value]


def test_a_defect_exits_3_with_its_hint(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("IPCHECK_DEBUG", raising=False)
    assert _run(monkeypatch) == 3
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "ipcheck: internal error: RuntimeError: an unexpected state\n"
        "  hint: this is a defect of ipcheck; rerun with IPCHECK_DEBUG=1 and report the traceback\n")


def test_ipcheck_debug_lets_the_traceback_through(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPCHECK_DEBUG", "1")
    with pytest.raises(RuntimeError, match="an unexpected state"):
        _run(monkeypatch)
