"""Reviewed snapshots: compare rendered output with a committed file, or rewrite it on request."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

UPDATE_ENV = "IPCHECK_UPDATE_SNAPSHOTS"


def check_snapshot(path: Path, actual: str) -> None:
    """Compare ``actual`` with the reviewed snapshot at ``path``; fail with a diff on mismatch.

    With ``IPCHECK_UPDATE_SNAPSHOTS=1`` the snapshot is (re)written instead: review the diff
    before committing it.
    """
    if os.environ.get(UPDATE_ENV) == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
        return
    if not path.exists():
        pytest.fail(f"snapshot {path} is missing; write it with {UPDATE_ENV}=1 and review it")
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True), actual.splitlines(keepends=True),
            fromfile=f"snapshot {path.name}", tofile="rendered",
        )
        pytest.fail(f"output differs from snapshot {path.name} (set {UPDATE_ENV}=1 to accept):\n" + "".join(diff))
