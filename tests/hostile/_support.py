"""Helpers for hostile input: every case must end fast, located, and never with a traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from ipcheck.findings import Problem
from ipcheck.load import LoadFailed, load

TIME_LIMIT = 10.0
"""Seconds any hostile input may take, loader or command line (generous: it is a hang detector)."""

VALID = "kind: Person\nid: P-001\nname: Li Wei\n"
"""A small declaration that loads."""


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def load_problems(*paths: Path, **options: object) -> list[Problem]:
    """Load ``paths`` expecting LoadFailed, fast; every problem located (file, 1-based line and column)."""
    start = time.perf_counter()
    with pytest.raises(LoadFailed) as failed:
        load(list(paths), **options)  # type: ignore[arg-type]
    elapsed = time.perf_counter() - start
    assert elapsed < TIME_LIMIT, f"loading took {elapsed:.1f}s"
    problems = failed.value.problems
    assert problems, "LoadFailed with no problem"
    for problem in problems:
        assert problem.kind == "load"
        assert problem.location.file
        assert problem.location.line >= 1 and problem.location.column >= 1
        assert problem.message
    return problems


def only_problem(*paths: Path, **options: object) -> Problem:
    problems = load_problems(*paths, **options)
    assert len(problems) == 1, [p.render() for p in problems]
    return problems[0]
