"""A time limit on plugin code: rules, hooks, imports and report formats alike.

A block past its limit is interrupted with :class:`TimeLimitExceeded` (a ``BaseException``,
so that the code's own ``except Exception`` cannot swallow it), and again every
:data:`RETRY_SECONDS` while it goes on.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

DEFAULT_SECONDS = 20.0
"""The limit when the configuration sets none (``rule_timeout``)."""

RETRY_SECONDS = 1.0
"""After the time limit, how often the code is interrupted again while it has not stopped
(code that catches every exception swallows the first interruption)."""


class TimeLimitExceeded(BaseException):
    """Plugin code ran past the configured time limit."""


@contextlib.contextmanager
def time_limit(seconds: float, on_stuck: Callable[[int], None] | None = None) -> Iterator[None]:
    """Interrupt the block after ``seconds``, and again every :data:`RETRY_SECONDS` until it
    ends (on the main thread; elsewhere no limit). ``on_stuck`` is told each interruption
    after the first, so that a command can give up on code that will not stop. A timer
    set before (a test runner's own time limit, say) is set again afterwards, less the time
    the block took."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return
    interruptions = 0

    def expire(signum: int, frame: Any) -> None:
        nonlocal interruptions
        interruptions += 1
        if interruptions > 1 and on_stuck is not None:
            on_stuck(interruptions)
        raise TimeLimitExceeded(f"ran longer than {seconds:g} s")

    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, expire)
    previous_delay, previous_interval = signal.setitimer(signal.ITIMER_REAL, seconds, RETRY_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if previous_delay:
            left = previous_delay - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-6), previous_interval)
