"""The stack of the threads that load files."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

THREAD_STACK_BYTES = 8 * 1024 * 1024
"""Stack of each loading thread: as much as a main thread usually has. The nesting limit of
the pre-parse scan leaves yaml-rs (which recurses per level) a safe margin on a main thread's
8 MB stack; loading threads get as much, whatever the platform's default (128 KB on musl)."""


@contextlib.contextmanager
def thread_stack() -> Iterator[None]:
    """Threads started in the block get a stack of :data:`THREAD_STACK_BYTES`."""
    previous = threading.stack_size(THREAD_STACK_BYTES)
    try:
        yield
    finally:
        threading.stack_size(previous)
