"""A progress line on stderr for long runs, on a terminal only.

Nothing is shown for the first half second (most runs are over by then), nothing when
stderr is not a terminal (CI logs, pipes), and the line is cleared when the run ends, so
the report is never interleaved with it.
"""

from __future__ import annotations

import os
import time
from typing import TextIO

DELAY = 0.5  # seconds before the first line appears
FALLBACK_WIDTH = 80  # columns, when the terminal does not say


class Progress:
    """``progress("running rules", 12, 137)`` rewrites one status line on a terminal."""

    def __init__(self, stream: TextIO, *, delay: float = DELAY) -> None:
        self.stream = stream
        self.enabled = hasattr(stream, "isatty") and stream.isatty()
        self.start = time.monotonic()
        self.delay = delay
        self.shown = False

    def __call__(self, what: str, done: int = 0, total: int = 0) -> None:
        if not self.enabled or time.monotonic() - self.start < self.delay:
            return
        counter = f" {done}/{total}" if total else ""
        line = f"ipcheck: {what}{counter}…"[: _width(self.stream) - 1]  # a wrapped line is never cleared
        self.stream.write(f"\r\x1b[K{line}")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        """Remove the status line (before the report or the summary is written)."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def _width(stream: TextIO) -> int:
    """The columns of the terminal ``stream`` writes to, else :data:`FALLBACK_WIDTH`. Asked
    at every update: the user may resize the window during a run."""
    try:
        columns = os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, OSError, ValueError):  # no file descriptor (io.UnsupportedOperation is both)
        return FALLBACK_WIDTH
    return columns if columns > 1 else FALLBACK_WIDTH  # a pseudo-terminal with no size says 0
