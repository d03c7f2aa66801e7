"""Which files make up a declaration: every ``*.yaml``/``*.yml`` below the given paths.

Hidden files and folders are skipped, excluded globs are skipped, symbolic links are
followed only when they stay inside the root, and a symlink loop is reported, not followed.
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

from ipcheck.findings import Location, Problem

SUFFIXES = (".yaml", ".yml")
"""Declaration files, in any case (``Patents.YAML`` saved on Windows is one too)."""


def is_yaml_name(name: str) -> bool:
    """Whether a file of that name is a declaration file."""
    return name.lower().endswith(SUFFIXES)


def _root_of(paths: list[Path]) -> Path:
    if len(paths) == 1:
        only = paths[0]
        return only if only.is_dir() else only.parent
    return Path.cwd()


def _excluded(rel: str, patterns: tuple[str, ...]) -> bool:
    parts = rel.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    return any(fnmatch.fnmatchcase(p, pat) or fnmatch.fnmatchcase(p, pat.rstrip("/")) for pat in patterns for p in prefixes)


def discover(
    paths: list[Path], *, exclude: tuple[str, ...] = ()
) -> tuple[Path, list[tuple[Path, str]], list[Problem]]:
    """Return (root, [(absolute path, path relative to root)], problems), files sorted by relative path."""
    root = _root_of(paths)
    real_root = root.resolve()
    found: dict[str, Path] = {}
    problems: list[Problem] = []

    def rel_of(path: Path) -> str:
        return Path(os.path.relpath(path.absolute(), root.absolute())).as_posix()

    def outside(path: Path, rel: str) -> bool:
        try:
            target = path.resolve()
        except (RuntimeError, OSError):  # a link to itself or a cycle of links
            problems.append(Problem("load", f"symbolic link loop: {rel} never reaches a file or folder",
                                    Location(rel, 1, 1), hint="remove the link or exclude it in the configuration"))
            return True
        if target == real_root or real_root in target.parents:
            return False
        problems.append(
            Problem("load", f"symbolic link points outside the checked root: {rel} -> {target}",
                    Location(rel, 1, 1), hint="ipcheck follows no link out of the root; copy the file in or exclude the link")
        )
        return True

    def walk(folder: Path, seen: frozenset[Path]) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            problems.append(Problem("load", f"cannot read folder: {exc.strerror}", Location(rel_of(folder), 1, 1)))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            rel = rel_of(path)
            if _excluded(rel, exclude):
                continue
            if entry.is_symlink() and outside(path, rel):
                continue
            if entry.is_dir():
                real = path.resolve()
                if real in seen:
                    problems.append(
                        Problem("load", f"symbolic link loop: {rel} leads back to {rel_of(real)}",
                                Location(rel, 1, 1), hint="remove the link or exclude it in the configuration")
                    )
                    continue
                walk(path, seen | {real})
            elif is_yaml_name(entry.name) and entry.is_file():
                found[rel] = path
            elif entry.is_symlink() and not entry.is_dir() and not entry.is_file() and is_yaml_name(entry.name):
                problems.append(Problem("load", f"broken symbolic link: {rel}", Location(rel, 1, 1)))

    for given in paths:
        if given.is_dir():
            walk(given, frozenset({given.resolve()}))
        elif given.is_file():
            rel = rel_of(given)
            if given.is_symlink() and outside(given, rel):
                continue
            found[rel] = given
        else:
            problems.append(Problem("load", f"no such file or folder: {given}", Location(str(given), 1, 1)))
    return root, sorted(((p, r) for r, p in found.items()), key=lambda pr: pr[1]), problems
