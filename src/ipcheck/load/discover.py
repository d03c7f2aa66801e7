"""Which files make up a declaration: every ``*.yaml``/``*.yml`` below the given paths, and
every register kept as a spreadsheet except those in an evidence folder.

Hidden files and folders are skipped, excluded globs are skipped, symbolic links are
followed only when they stay inside the root, and a symlink loop is reported, not followed.
"""

from __future__ import annotations

import fnmatch
import itertools
import os
from pathlib import Path

from ipcheck.findings import Location, Problem

SUFFIXES = (".yaml", ".yml")
"""Declaration files, in any case (``Patents.YAML`` saved on Windows is one too)."""


def is_yaml_name(name: str) -> bool:
    """Whether a file of that name is a YAML file of the declaration."""
    return name.lower().endswith(SUFFIXES)


EVIDENCE_FOLDERS = frozenset({"evidence", "证据"})
"""Folders (by name, in any letter case, at any depth) that hold evidence files: the signed
agreements, minutes and attendance sheets that ``evidence:`` fields point at. A spreadsheet
below one is evidence, never a register; YAML files there are still declaration files."""


def in_evidence_folder(rel: str) -> bool:
    """Whether the file at ``rel`` (relative to the checked root) lies below an evidence folder."""
    return any(part.casefold() in EVIDENCE_FOLDERS for part in rel.split("/")[:-1])


def is_declaration_name(name: str, rel: str | None = None) -> bool:
    """Whether a file of that name (at ``rel``, when known) is a declaration file: YAML, or a
    register kept as a spreadsheet (see :mod:`ipcheck.load.sheets`) outside an evidence folder."""
    from ipcheck.load.sheets import is_sheet_name

    return is_yaml_name(name) or (is_sheet_name(name) and not (rel is not None and in_evidence_folder(rel)))


def root_of(paths: list[Path]) -> Path:
    """The folder file paths are reported relative to: the one folder given, else the current one."""
    if len(paths) == 1:
        only = paths[0]
        return only if only.is_dir() else only.parent
    return Path.cwd()


def _identity(folder: str) -> tuple[int, int]:
    """A folder's identity whatever the path (and links) it is reached by: device and inode."""
    stat = os.stat(folder)
    return stat.st_dev, stat.st_ino


def _is_utf8(name: str) -> bool:
    """Whether a name read from the file system was UTF-8 (Python keeps other bytes as surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _excluded(rel: str, patterns: tuple[str, ...]) -> bool:
    if not patterns:
        return False
    parts = rel.split("/")
    prefixes = list(itertools.accumulate(parts, lambda a, b: f"{a}/{b}"))
    return any(fnmatch.fnmatchcase(p, pat) or fnmatch.fnmatchcase(p, pat.rstrip("/")) for pat in patterns for p in prefixes)


def discover(
    paths: list[Path], *, exclude: tuple[str, ...] = ()
) -> tuple[Path, list[tuple[Path, str]], list[Problem]]:
    """Return (root, [(absolute path, path relative to root)], problems), files sorted by relative path."""
    root = root_of(paths)
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

    def not_utf8(rel: str) -> None:
        shown = rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        problems.append(Problem("load", f"file name is not UTF-8 text: {shown}", Location(shown, 1, 1),
                                hint="rename it with a UTF-8 name (reports name every file in UTF-8)"))

    def walk(top: Path) -> None:
        """Every file below ``top``, depth first without recursion (a folder tree may be
        thousands deep); a folder that is one of its own ancestors (through a link) is a loop."""
        stack = [(str(top), rel_of(top), frozenset({_identity(str(top))}))]
        while stack:
            folder, folder_rel, ancestors = stack.pop()
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError as exc:
                problems.append(Problem("load", f"cannot read folder: {exc.strerror}", Location(folder_rel, 1, 1)))
                continue
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                rel = entry.name if folder_rel == "." else f"{folder_rel}/{entry.name}"
                if not _is_utf8(entry.name):
                    not_utf8(rel)
                    continue
                if _excluded(rel, exclude):
                    continue
                if entry.is_symlink() and outside(Path(entry.path), rel):
                    continue
                if entry.is_dir():
                    try:
                        identity = _identity(entry.path)
                    except OSError as exc:
                        problems.append(Problem("load", f"cannot read folder: {exc.strerror}", Location(rel, 1, 1)))
                        continue
                    if identity in ancestors:
                        problems.append(
                            Problem("load", f"symbolic link loop: {rel} leads back to "
                                    f"{rel_of(Path(entry.path).resolve())}",
                                    Location(rel, 1, 1), hint="remove the link or exclude it in the configuration")
                        )
                        continue
                    stack.append((entry.path, rel, ancestors | {identity}))
                elif is_declaration_name(entry.name, rel) and entry.is_file():
                    found[rel] = Path(entry.path)
                elif (entry.is_symlink() and not entry.is_dir() and not entry.is_file()
                      and is_declaration_name(entry.name, rel)):
                    problems.append(Problem("load", f"broken symbolic link: {rel}", Location(rel, 1, 1)))

    for given in paths:
        if given.is_dir():
            walk(given)
        elif given.is_file():
            rel = rel_of(given)
            if not _is_utf8(rel):
                not_utf8(rel)
                continue
            if given.is_symlink() and outside(given, rel):
                continue
            found[rel] = given
        else:
            problems.append(Problem("load", f"no such file or folder: {given}", Location(str(given), 1, 1)))
    return root, sorted(((p, r) for r, p in found.items()), key=lambda pr: pr[1]), problems
