"""Folders and files that are not a declaration: empty, looping or escaping links, huge files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from ipcheck.load import load

from ._support import VALID, load_problems, only_problem, write


def test_empty_folder(tmp_path, rejected):
    problem = only_problem(tmp_path)
    assert "no declaration found" in problem.message
    rejected(tmp_path, "no declaration found", terminal=True)


def test_folder_of_other_files(tmp_path, rejected):
    write(tmp_path, "notes.txt", "kind: Person\n")
    write(tmp_path, ".hidden.yaml", VALID)
    assert "no declaration found" in only_problem(tmp_path).message
    rejected(tmp_path, "no declaration found")


@pytest.mark.parametrize("content", ["", "\n\n", "# nothing declared yet\n", "---\n...\n---\n"],
                         ids=["empty", "blank", "comment", "empty-documents"])
def test_empty_file_alone_is_no_declaration(tmp_path, rejected, content):
    write(tmp_path, "system.yaml", content)
    problem = only_problem(tmp_path)
    assert "no declaration found" in problem.message
    assert problem.location.file == "system.yaml"
    if not content:  # the command line, for one of them
        rejected(tmp_path, "system.yaml:1:1", "no declaration found")


def test_empty_file_given_directly(tmp_path, rejected):
    path = write(tmp_path, "system.yaml", "")
    assert "no declaration found" in only_problem(path).message
    rejected(path, "no declaration found")


def test_empty_file_beside_real_ones_is_fine(tmp_path, cli):
    write(tmp_path, "people.yaml", VALID)
    write(tmp_path, "later.yaml", "")
    write(tmp_path, "todo.yml", "# to be written\n")
    assert load([tmp_path]).get("P-001") is not None
    assert cli(tmp_path).returncode in (0, 1)


def test_symlink_loop_of_folders(tmp_path, rejected):
    write(tmp_path, "people.yaml", VALID)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "again").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "sub" / "self").symlink_to(tmp_path / "sub", target_is_directory=True)
    problems = load_problems(tmp_path)
    assert {p.location.file for p in problems} == {"sub/again", "sub/self"}
    assert all("loop" in p.message for p in problems)
    rejected(tmp_path, "sub/again:", "loop")


def test_symlink_loop_of_files(tmp_path, rejected):
    write(tmp_path, "people.yaml", VALID)
    (tmp_path / "self.yaml").symlink_to(tmp_path / "self.yaml")
    (tmp_path / "ping.yaml").symlink_to(tmp_path / "pong.yaml")
    (tmp_path / "pong.yaml").symlink_to(tmp_path / "ping.yaml")
    problems = load_problems(tmp_path)
    assert {p.location.file for p in problems} == {"self.yaml", "ping.yaml", "pong.yaml"}
    assert all("loop" in p.message for p in problems)
    rejected(tmp_path, "self.yaml:", "loop")


def test_symlinks_out_of_the_root(tmp_path, rejected):
    outside = tmp_path / "outside"
    write(outside, "secret.yaml", VALID.replace("P-001", "P-999"))
    root = tmp_path / "root"
    write(root, "people.yaml", VALID)
    (root / "leak.yaml").symlink_to(outside / "secret.yaml")
    (root / "leakdir").symlink_to(outside, target_is_directory=True)
    (root / "passwd.yaml").symlink_to("/etc/passwd")
    problems = load_problems(root)
    assert {p.location.file for p in problems} == {"leak.yaml", "leakdir", "passwd.yaml"}
    assert all("outside" in p.message for p in problems)
    result = rejected(root, "leak.yaml:", "outside")
    assert "root:x:" not in result.stdout + result.stderr


def test_symlink_inside_the_root_is_followed(tmp_path):
    write(tmp_path, "real/people.yaml", VALID)
    (tmp_path / "alias").symlink_to(tmp_path / "real", target_is_directory=True)
    os.symlink("real/people.yaml", tmp_path / "again.yaml")
    # The same file reached three ways declares P-001 three times: reported as a duplicate id.
    problems = load_problems(tmp_path)
    assert all("duplicate id" in p.message for p in problems)


def test_broken_symlink(tmp_path, rejected):
    write(tmp_path, "people.yaml", VALID)
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    problem = only_problem(tmp_path)
    assert problem.location.file == "gone.yaml"
    rejected(tmp_path, "gone.yaml:")


def _huge_scalar(path, megabytes: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write("kind: Person\nid: P-001\nname: ")
        chunk = "x" * (1024 * 1024)
        for _ in range(megabytes):
            out.write(chunk)
        out.write("\n")


def test_sixty_megabyte_scalar(tmp_path, rejected):
    _huge_scalar(tmp_path / "huge.yaml", 60)
    problem = only_problem(tmp_path)
    assert (problem.location.file, problem.location.line, problem.location.column) == ("huge.yaml", 1, 1)
    assert "over the limit" in problem.message
    rejected(tmp_path, "huge.yaml:1:1", "over the limit", terminal=True)


def test_file_over_a_configured_max_file_bytes(tmp_path, rejected):
    write(tmp_path, "people.yaml", VALID)
    write(tmp_path, "big.yaml", VALID.replace("P-001", "P-002") + "# " + "padding " * 2_000 + "\n")
    problem = only_problem(tmp_path, max_file_bytes=10_000)
    assert problem.location.file == "big.yaml"
    assert "10,000" in problem.message
    write(tmp_path, "ipcheck.yaml", "max_file_bytes: 10000\n")
    rejected(tmp_path, "big.yaml:1:1", "over the limit")


UNPRIVILEGED = 65534
"""The uid and gid of ``nobody``, whom a test running as root (as CI does) drops to."""


def _as_unprivileged_user(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m ipcheck ARGS`` run as ``nobody`` (with ``setpriv``), for a test running as root,
    which reads every file. Where that cannot be done, skip; in CI (IPCHECK_CI), fail."""
    setpriv = shutil.which("setpriv")
    command = [setpriv or "setpriv", f"--reuid={UNPRIVILEGED}", f"--regid={UNPRIVILEGED}", "--clear-groups",
               sys.executable]
    probe = subprocess.run([*command, "-c", "import ipcheck.cli"], capture_output=True, text=True,
                           timeout=60, check=False) if setpriv else None
    if probe is None or probe.returncode != 0:
        why = "setpriv (util-linux) is missing" if probe is None else f"nobody cannot run ipcheck: {probe.stderr[-300:]}"
        if os.environ.get("IPCHECK_CI"):
            pytest.fail(f"cannot test unreadable files as an unprivileged user: {why}", pytrace=False)
        pytest.skip(why)
    env = {**os.environ, "NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("IPCHECK_DEBUG", None)
    return subprocess.run([*command, "-m", "ipcheck", *args], capture_output=True, text=True, timeout=60,
                          check=False, env=env, cwd="/")


def test_unreadable_file_as_an_unprivileged_user():
    """As root every file is readable: the test runs ipcheck as ``nobody`` instead (as root,
    the way CI runs), on a folder nobody may list, with one file it may not read."""
    if os.geteuid() != 0:
        pytest.skip("runs as root only; test_unreadable_file covers an unprivileged run")
    folder = Path(tempfile.mkdtemp(prefix="ipcheck-unreadable-"))
    try:
        folder.chmod(0o755)
        write(folder, "people.yaml", VALID.replace("P-001", "P-002")).chmod(0o644)
        write(folder, "locked.yaml", VALID).chmod(0)
        done = _as_unprivileged_user("check", str(folder), "--as-of", "2026-11-24", "-f", "json")
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr
        assert done.stderr.startswith("locked.yaml:1:1: "), done.stderr
        assert [e["file"] for e in json.loads(done.stdout)["errors"]] == ["locked.yaml"]
    finally:
        shutil.rmtree(folder)


def test_unreadable_file(tmp_path, rejected):
    if os.geteuid() == 0:
        pytest.skip("root reads every file: test_unreadable_file_as_an_unprivileged_user runs as nobody")
    path = write(tmp_path, "locked.yaml", VALID)
    path.chmod(0)
    try:
        assert only_problem(tmp_path).location.file == "locked.yaml"
        rejected(tmp_path, "locked.yaml:")
    finally:
        path.chmod(0o644)


def _hostile_folder(folder):
    from .test_aliases import billion_laughs

    write(folder, "people.yaml", VALID)
    write(folder, "bomb.yaml", billion_laughs())
    write(folder, "deep.yaml", "kind: Person\nid: P-002\nname:\n" + "- " * 50_000 + "x\n")
    write(folder, "tag.yaml", 'kind: Person\nid: P-003\nname: !!python/object/apply:os.system ["true"]\n')
    write(folder, "wide.yaml", "kind: Person\nid: P-004\nname: " + "[" * 50_000 + "]" * 50_000 + "\n")
    write(folder, "utf16.yaml", b"\xff\xfe" + VALID.encode("utf-16-le"))
    write(folder, "logo.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(folder, "twin.yaml", VALID)  # a duplicate id: found when the files are put together
    return folder


def test_hostile_files_loaded_in_threads_give_what_one_thread_gives(tmp_path, monkeypatch):
    import ipcheck.load as loading

    folder = _hostile_folder(tmp_path / "decl")
    alone = load_problems(folder)
    monkeypatch.setattr(loading, "THREADS_FROM_BYTES", 0)  # these files are too small to get threads
    threaded = load_problems(folder)
    assert [p.render() for p in threaded] == [p.render() for p in alone]
    assert {p.location.file for p in threaded} == {"bomb.yaml", "deep.yaml", "tag.yaml", "wide.yaml", "utf16.yaml",
                                                   "logo.yaml", "twin.yaml"}


def test_many_hostile_files_in_parallel_and_cached(tmp_path, cli):
    """Every hostile file is reported, located, with worker processes and the cache as without."""
    folder = _hostile_folder(tmp_path / "decl")
    expected = ["bomb.yaml:", "deep.yaml:", "tag.yaml:3:7", "wide.yaml:", "utf16.yaml:1:1", "logo.yaml:", "twin.yaml:"]
    help_text = cli("--help").stdout
    runs = [[]]
    if "--jobs" in help_text:
        runs.append(["--jobs", "2"])
    if "--cache-dir" in help_text:
        runs += [["--cache-dir", tmp_path / "cache"]] * 2  # cold, then warm
    for extra in runs:
        result = cli(folder, "-f", "json", "-o", tmp_path / "report.json", *extra)
        assert result.returncode == 2, (extra, result.stderr)
        for text in expected:
            assert text in result.stderr, (extra, text, result.stderr)


def test_sixty_thousand_one_item_documents_with_a_finding_each(tmp_path, cli):
    """Locating is linear in the number of documents of a file (it was quadratic: 40,000
    documents with a finding each took 10 s, 60,000 some 23 s; now 2-4 s)."""
    write(tmp_path, "people.yaml",
          "".join(f"---\nkind: Person\nid: P{i}\nname: X\nunit: NOPE\n" for i in range(60_000)))
    write(tmp_path, "ipcheck.yaml", "max_findings: 100000\n")  # the report lists every finding, the last one too
    result = cli(tmp_path, "-f", "json", "-o", tmp_path.parent / "report.json")  # within TIME_LIMIT
    assert result.returncode == 1
    findings = json.loads((tmp_path.parent / "report.json").read_text(encoding="utf-8"))["findings"]
    last = [f for f in findings if f["rule"] == "IPX001" and f["subject"] == "P59999"]
    assert [f["location"] for f in last] == [{"file": "people.yaml", "line": 300_000, "column": 7}]
