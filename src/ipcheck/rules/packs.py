"""Where the shipped rule packs live: ``rules/`` of the source tree, ``ipcheck/rulepacks`` in a wheel."""

from __future__ import annotations

import functools
from pathlib import Path


@functools.cache
def packs_dir() -> Path:
    """The folder holding the built-in declarative rule packs and the clause map."""
    here = Path(__file__).resolve().parent.parent  # src/ipcheck
    installed = here / "rulepacks"
    if installed.is_dir():
        return installed
    return here.parent.parent / "rules"  # editable install: the repository's rules/
