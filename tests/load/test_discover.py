"""Which files are the declaration."""

from __future__ import annotations

from pathlib import Path

from ipcheck.load.discover import discover


def test_yaml_files_in_any_case_are_read_and_nothing_else(tmp_path: Path) -> None:
    for name in ("enterprise.yaml", "Patents.YAML", "units.Yml", "notes.txt", "yaml", ".hidden.yaml", "draft.yaml~"):
        (tmp_path / name).write_text("kind: Unit\nid: U\nname: U\n", encoding="utf-8")
    root, files, problems = discover([tmp_path])
    assert root == tmp_path and problems == []
    assert [rel for _, rel in files] == ["Patents.YAML", "enterprise.yaml", "units.Yml"]
