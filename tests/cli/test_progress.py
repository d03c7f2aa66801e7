"""The progress line: on a terminal only, only for runs longer than the delay, cleared after."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from ipcheck.check import CheckOptions, run_check
from ipcheck.progress import Progress

EXEMPLAR = Path(__file__).resolve().parents[2] / "fixtures" / "exemplar"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_lines_on_a_terminal_are_cleared_at_the_end() -> None:
    stream = Terminal()
    progress = Progress(stream, delay=0)
    run_check(CheckOptions(paths=[EXEMPLAR], as_of=dt.date(2026, 11, 24), entry_point_plugins=False,
                           progress=progress))
    progress.clear()
    written = stream.getvalue()
    assert written.startswith("\r\x1b[Kipcheck: loading the declaration…\r\x1b[Kipcheck: running rules 0/")
    assert written.endswith("\r\x1b[K")


def test_no_progress_when_not_a_terminal_or_a_short_run() -> None:
    piped = io.StringIO()
    Progress(piped, delay=0)("running rules", 1, 2)
    assert piped.getvalue() == ""
    terminal = Terminal()
    quick = Progress(terminal, delay=60)
    quick("running rules", 1, 2)
    quick.clear()
    assert terminal.getvalue() == ""
