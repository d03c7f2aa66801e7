"""The starter declaration written by ``ipcheck init``.

The templates are the YAML files shipped in the ``starter/`` folder of the package: a
small, complete declaration of an example enterprise that covers all eight stages and
the four protection types, with comments explaining each part. They are copied with
every date moved by the days from :data:`STARTER_AS_OF` to the day ``init`` runs, so that a
fresh starter checks clean that day (its audits, reviews and records are recent) and not
only on the day it was written; nothing is ever overwritten.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from importlib import resources
from pathlib import Path

from ipcheck.atomic import FileExists, write_atomic

STARTER_AS_OF = dt.date(2026, 11, 24)
"""The day the templates' dates are written for: checked that day, the starter has no finding."""

_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def templates() -> dict[str, str]:
    """File name -> text of every starter template, in name order."""
    folder = resources.files("ipcheck").joinpath("starter")
    found = {entry.name: entry.read_text(encoding="utf-8")
             for entry in folder.iterdir() if entry.name.endswith(".yaml") and entry.is_file()}
    return dict(sorted(found.items()))


def dated_for(text: str, today: dt.date) -> str:
    """A template with every date moved by the days from :data:`STARTER_AS_OF` to ``today``
    (intervals between dates, hence record frequencies and due dates, stay as written)."""
    days = (today - STARTER_AS_OF).days

    def moved(match: re.Match[str]) -> str:
        try:
            date = dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return match[0]
        return (date + dt.timedelta(days=days)).isoformat()

    return _DATE.sub(moved, text) if days else text


def write_starter(directory: Path, today: dt.date | None = None) -> list[Path]:
    """Write the starter declaration into ``directory`` (created if needed), dated for
    ``today`` (default: the day it runs); return the files written.

    Raises :class:`~ipcheck.atomic.FileExists` naming the first file that already exists,
    and then writes nothing: every target is checked before the first is written, and if
    a file appears meanwhile, the files written so far are removed again.
    """
    day = today or dt.date.today()
    files = {name: dated_for(text, day) for name, text in templates().items()}
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
