"""Every file ipcheck writes (reports, baselines, the starter, cache entries) goes through
write_atomic: readers see the old file or the new one, never a part, and nothing is left over."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ipcheck import atomic
from ipcheck.atomic import FileExists, write_atomic


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_writes_text_and_bytes_and_leaves_nothing_behind(tmp_path: Path) -> None:
    write_atomic(tmp_path / "sub" / "report.txt", "Zhang San — 张三\n")
    write_atomic(tmp_path / "report.bin", b"\x00\x01")
    assert (tmp_path / "sub" / "report.txt").read_text(encoding="utf-8") == "Zhang San — 张三\n"
    assert (tmp_path / "report.bin").read_bytes() == b"\x00\x01"
    assert _leftovers(tmp_path) == [] and _leftovers(tmp_path / "sub") == []


def test_a_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert _leftovers(tmp_path) == []


def test_no_overwrite_unless_asked(tmp_path: Path) -> None:
    target = tmp_path / "ipcheck-baseline.json"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(FileExists):
        write_atomic(target, "theirs", overwrite=False)
    assert target.read_text(encoding="utf-8") == "mine"
    assert _leftovers(tmp_path) == []
    write_atomic(target, "theirs")
    assert target.read_text(encoding="utf-8") == "theirs"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_permissions_follow_the_umask_or_the_replaced_file(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        write_atomic(tmp_path / "new.html", "<p>")
    finally:
        os.umask(previous)
    assert (tmp_path / "new.html").stat().st_mode & 0o777 == 0o640  # not mkstemp's private 0600
    kept = tmp_path / "kept.sarif"
    kept.write_text("{}", encoding="utf-8")
    kept.chmod(0o604)
    write_atomic(kept, "{ }")
    assert kept.stat().st_mode & 0o777 == 0o604
    assert atomic._mode(tmp_path / "absent") == 0o666 & ~previous
