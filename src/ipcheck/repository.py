"""The repository a run checks: the folder that bounds what a pull request can change.

It is the git top level above the checked folder (the nearest folder holding ``.git``),
else the checked folder itself. Plugins named in a configuration file must lie inside it,
the on-disk cache and the reports written through symbolic links must stay out of it.
"""

from __future__ import annotations

import os
from pathlib import Path


def repository_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` holding ``.git`` (a folder, or a file in a
    worktree or submodule), else ``start``: resolved, as an absolute path."""
    folder = Path(os.path.realpath(start))
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return folder


def is_inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` (resolved through its links) is ``folder`` or lies below it."""
    resolved = Path(os.path.realpath(path))
    root = Path(os.path.realpath(folder))
    return resolved == root or root in resolved.parents
