"""Atomic file writes: every file ipcheck writes goes through :func:`write_atomic`."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class FileExists(Exception):
    """Raised when a write would overwrite a file the user did not ask to overwrite."""


def write_atomic(path: str | os.PathLike[str], data: str | bytes, *, overwrite: bool = True) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a part.

    The data goes to a temporary file in the same folder, is flushed to disk, then
    renamed over the target. With ``overwrite=False`` an existing file is left alone and
    :class:`FileExists` is raised (the check and the rename are one step: ``os.link``
    fails if the target appeared meanwhile).
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        os.chmod(tmp, _mode(target))  # mkstemp makes the file private (0600); a report is not
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(tmp, target)
        else:
            try:
                os.link(tmp, target)
            except FileExistsError:
                raise FileExists(str(target)) from None
            os.unlink(tmp)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _mode(target: Path) -> int:
    """The permissions the written file gets: those of the file it replaces, else what a new
    file gets under the process's umask (0644 under the usual 022)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
