"""Atomic file writes: every file ipcheck writes goes through :func:`write_atomic`."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path


class FileExists(Exception):
    """Raised when a write would overwrite a file the user did not ask to overwrite."""


def write_atomic(path: str | os.PathLike[str], data: str | bytes, *, overwrite: bool = True,
                 mode: int | None = None) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a part.

    The data goes to a temporary file in the same folder, is flushed to disk, then
    renamed over the target. With ``overwrite=False`` an existing file is left alone and
    :class:`FileExists` is raised (the check and the rename are one step: ``os.link``
    fails if the target appeared meanwhile).

    With ``overwrite`` (the default), a target that is a FIFO, a device or a socket
    (``-o /dev/stdout``) is written into as it is: renaming a file over it would destroy the
    node, and readers of a stream see no half-written file anyway. A target that is a
    symbolic link stays one: the file it points to is replaced, as editors do. ``mode`` gives
    the new file's permissions (a secret: ``0o600``) instead of the usual ones.
    """
    target = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if overwrite and _is_special(target):
        _write_into(target, raw)
        return
    if overwrite and target.is_symlink():
        target = _link_target(target)
    folder = target.parent if str(target.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        os.chmod(tmp, _mode(target) if mode is None else mode)  # mkstemp makes the file private (0600); a report is not
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


def _is_special(target: Path) -> bool:
    """Whether the target (or what its link points to) exists and is neither a regular file
    nor a folder: a FIFO, a character or block device, a socket."""
    try:
        mode = target.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _write_into(target: Path, raw: bytes) -> None:
    """Write straight into a FIFO or a device: no temporary file, no rename, no fsync (which
    pipes and terminals refuse)."""
    with open(target, "wb") as handle:
        handle.write(raw)


def _link_target(link: Path) -> Path:
    """The file a symbolic link finally points to (which need not exist yet), so that the
    link itself is left in place; a loop of links is an error, as it is for ``open``."""
    resolved = Path(os.path.realpath(link))
    if resolved.is_symlink():  # realpath stops where the links loop
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(link))
    return resolved


def _mode(target: Path) -> int:
    """The permissions the written file gets: those of the file it replaces, else what a new
    file gets under the process's umask (0644 under the usual 022)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
