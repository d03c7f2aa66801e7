"""Folder trees ipcheck must walk without crashing: very deep ones, names that are not UTF-8."""

from __future__ import annotations

import os
import time

from ipcheck.load import load

from ._support import VALID, load_problems, write

DEPTH = 2000


def test_a_folder_tree_two_thousand_deep_is_walked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # relative steps: the absolute path passes PATH_MAX
    for _ in range(DEPTH):
        os.mkdir("d")
        os.chdir("d")
    with open("person.yaml", "w", encoding="utf-8") as out:
        out.write(VALID)
    os.chdir(tmp_path)
    try:
        start = time.perf_counter()
        decl = load([tmp_path])
        assert time.perf_counter() - start < 10
        assert [p.id for p in decl.items["Person"]] == ["P-001"]
        assert decl.files == ("d/" * DEPTH + "person.yaml",)
    finally:
        _remove_deep_tree(tmp_path)


def _remove_deep_tree(top) -> None:
    """Remove the tree from the bottom up (shutil.rmtree recurses per level, as pytest's clean-up does)."""
    os.chdir(top)
    for _ in range(DEPTH):
        os.chdir("d")
    os.remove("person.yaml")
    for _ in range(DEPTH):
        os.chdir("..")
        os.rmdir("d")


def test_a_file_name_that_is_not_utf8_is_a_located_load_error(tmp_path):
    write(tmp_path, "person.yaml", VALID)
    (tmp_path / os.fsdecode(b"\xff-patents.yaml")).write_text(VALID.replace("P-001", "P-002"), encoding="utf-8")
    [problem] = load_problems(tmp_path)
    assert problem.render() == ("\\xff-patents.yaml:1:1: file name is not UTF-8 text: \\xff-patents.yaml\n"
                                "  hint: rename it with a UTF-8 name (reports name every file in UTF-8)")
