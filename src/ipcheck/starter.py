"""The starter declaration written by ``ipcheck init``.

The templates are the YAML files shipped in the ``starter/`` folder of the package: a
small, complete declaration of an example enterprise that covers all eight stages and
the four protection types, with comments explaining each part. They are copied as they
are; nothing is ever overwritten.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from ipcheck.atomic import FileExists, write_atomic


def templates() -> dict[str, str]:
    """File name -> text of every starter template, in name order."""
    folder = resources.files("ipcheck").joinpath("starter")
    found = {entry.name: entry.read_text(encoding="utf-8")
             for entry in folder.iterdir() if entry.name.endswith(".yaml") and entry.is_file()}
    return dict(sorted(found.items()))


def write_starter(directory: Path) -> list[Path]:
    """Write the starter declaration into ``directory`` (created if needed); return the files written.

    Raises :class:`~ipcheck.atomic.FileExists` naming the first file that already exists,
    and then writes nothing: every target is checked before the first is written, and if
    a file appears meanwhile, the files written so far are removed again.
    """
    files = templates()
    targets = [directory / name for name in files]
    for target in targets:
        if os.path.lexists(target):
            raise FileExists(str(target))
    written: list[Path] = []
    try:
        for target, text in zip(targets, files.values()):
            write_atomic(target, text, overwrite=False)
            written.append(target)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written
