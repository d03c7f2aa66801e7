"""Writing reports and baselines safely: FIFOs and devices stay what they are, symbolic links
stay links, the run's own inputs are never overwritten, and unusable options are usage errors.
Also the limits that keep a run within the machine and the terminal: --jobs, the progress
line's width, NO_COLOR, the --as-of range."""

from __future__ import annotations

import concurrent.futures
import io
import json
import os
import shutil
import stat
import threading
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner

from ipcheck import load as load_module
from ipcheck.atomic import FileExists, write_atomic
from ipcheck.cli import _color, cli
from ipcheck.progress import Progress

ROOT = Path(__file__).resolve().parents[2]
EXEMPLAR = ROOT / "fixtures" / "exemplar"
AS_OF = "2026-11-24"
USAGE_CHECK = "Usage: cli check [OPTIONS] [PATHS]...\nTry 'cli check --help' for help.\n\n"
USAGE_BASELINE = "Usage: cli baseline [OPTIONS] [PATHS]...\nTry 'cli baseline --help' for help.\n\n"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def output_error(message: str) -> str:
    return f"Error: Invalid value for '-o' / '--output': {message}\n"


# 1. FIFOs, devices and symbolic links as -o targets


def read_in_background(fifo: Path) -> tuple[threading.Thread, list[bytes]]:
    """A reader for ``fifo``: a writer's open blocks until one is there."""
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    return reader, received


def test_a_report_written_to_a_fifo_goes_through_it_and_the_fifo_stays(tmp_path: Path) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    reader, received = read_in_background(fifo)
    code, _, err = invoke("check", str(EXEMPLAR), "--as-of", AS_OF, "-f", "json", "-o", str(fifo))
    reader.join(timeout=10)
    assert code == 0, err
    assert not reader.is_alive() and len(received) == 1
    assert json.loads(received[0])["as_of"] == AS_OF
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["report.fifo"]  # no temporary file left behind


def test_a_baseline_written_to_a_fifo_with_force_goes_through_it(tmp_path: Path) -> None:
    fifo = tmp_path / "baseline.fifo"
    os.mkfifo(fifo)
    reader, received = read_in_background(fifo)
    code, _, err = invoke("baseline", str(EXEMPLAR), "--as-of", AS_OF, "-o", str(fifo), "--force")
    reader.join(timeout=10)
    assert code == 0, err
    assert len(received) == 1 and received[0].startswith(b"{")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_without_overwrite_a_fifo_is_an_existing_file(tmp_path: Path) -> None:
    fifo = tmp_path / "baseline.fifo"
    os.mkfifo(fifo)
    with pytest.raises(FileExists):
        write_atomic(fifo, "{}", overwrite=False)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["baseline.fifo"]


def test_a_symbolic_link_stays_a_link_and_its_target_gets_the_report(tmp_path: Path) -> None:
    real = tmp_path / "reports" / "real.json"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(Path("reports") / "real.json")
    code, _, err = invoke("check", str(EXEMPLAR), "--as-of", AS_OF, "-f", "json", "-o", str(link))
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == str(Path("reports") / "real.json")
    assert json.loads(real.read_text(encoding="utf-8"))["as_of"] == AS_OF
    assert real.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["link.json", "real.json", "reports"]


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A checked-out repository (``.git``) holding a copy of the exemplar declaration in ``ipms/``."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    shutil.copytree(EXEMPLAR, repo / "ipms")
    return repo


@pytest.mark.parametrize("command", ["check", "baseline"])
def test_a_link_committed_in_the_repository_does_not_redirect_the_output_out_of_it(
        repository: Path, tmp_path: Path, command: str) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("precious\n", encoding="utf-8")
    (repository / "ipcheck.sarif").symlink_to("../outside.txt")
    args = ["-f", "sarif"] if command == "check" else ["--force"]
    code, _, err = invoke(command, str(repository / "ipms"), "--as-of", AS_OF, *args,
                          "-o", str(repository / "ipcheck.sarif"))
    assert code == 2
    assert output_error(f"{repository / 'ipcheck.sarif'} is a symbolic link to {outside}, and the checked "
                        f"repository {repository} holds the link or its target; reports are not written through "
                        "such links. Write the report to a path that is not a link (remove the link first)") in err
    assert outside.read_text(encoding="utf-8") == "precious\n"


def test_a_link_from_outside_into_a_declaration_file_is_refused(repository: Path, tmp_path: Path) -> None:
    declaration = next((repository / "ipms").rglob("*.yaml"))
    before = declaration.read_bytes()
    link = tmp_path / "report.html"
    link.symlink_to(declaration)
    code, _, err = invoke("check", str(repository / "ipms"), "--as-of", AS_OF, "-f", "html", "-o", str(link))
    assert code == 2 and "is a symbolic link to" in err
    assert declaration.read_bytes() == before


def test_without_git_the_checked_folder_bounds_the_links(tmp_path: Path) -> None:
    """With no ``.git`` above the checked folder, the folder itself is the tree a link may not
    lead into."""
    checked = tmp_path / "plain"
    shutil.copytree(EXEMPLAR, checked)
    declaration = next(checked.rglob("*.yaml"))
    before = declaration.read_bytes()
    link = tmp_path / "elsewhere" / "report.html"
    link.parent.mkdir()
    link.symlink_to(declaration)
    code, _, err = invoke("check", str(checked), "--as-of", AS_OF, "-f", "html", "-o", str(link))
    assert code == 2 and "symbolic link" in err
    assert declaration.read_bytes() == before


def test_a_dangling_symbolic_link_gets_its_target_created(tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to("new.json")
    write_atomic(link, "report\n")
    assert link.is_symlink() and (tmp_path / "new.json").read_text(encoding="utf-8") == "report\n"


def test_a_loop_of_symbolic_links_is_an_error_and_stays(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    first.symlink_to(second)
    second.symlink_to(first)
    with pytest.raises(OSError, match="Too many levels of symbolic links"):
        write_atomic(first, "report\n")
    assert first.is_symlink() and second.is_symlink()


# 2. -o never overwrites the run's inputs


def test_a_report_is_never_written_over_the_config_file(tmp_path: Path) -> None:
    config = tmp_path / "ci.yaml"
    config.write_text("fail_on: major\n", encoding="utf-8")
    code, _, err = invoke("check", str(EXEMPLAR), "--as-of", AS_OF, "--config", str(config), "-o", str(config))
    assert code == 2
    assert err == USAGE_CHECK + output_error(f"{config} holds the configuration of this run; write the report "
                                             "elsewhere (e.g. report.html)")
    assert config.read_text(encoding="utf-8") == "fail_on: major\n"


def test_a_report_is_never_written_over_the_pyproject_holding_the_config(tmp_path: Path) -> None:
    folder = tmp_path / "decl"
    shutil.copytree(EXEMPLAR, folder)
    pyproject = folder / "pyproject.toml"
    pyproject.write_text('[project]\nname = "x"\n\n[tool.ipcheck]\nfail_on = "major"\n', encoding="utf-8")
    before = pyproject.read_bytes()
    code, _, err = invoke("check", str(folder), "--as-of", AS_OF, "-f", "json", "-o", str(pyproject))
    assert code == 2
    assert err == USAGE_CHECK + output_error(f"{pyproject} holds the configuration of this run; write the report "
                                             "elsewhere (e.g. report.html)")
    assert pyproject.read_bytes() == before


def test_a_report_is_never_written_over_the_baseline_it_is_compared_with(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    assert invoke("baseline", str(EXEMPLAR), "--as-of", AS_OF, "-o", str(baseline))[0] == 0
    before = baseline.read_bytes()
    code, _, err = invoke("check", str(EXEMPLAR), "--as-of", AS_OF, "-f", "json", "--baseline", str(baseline),
                          "-o", str(baseline))
    assert code == 2
    assert err == USAGE_CHECK + output_error(
        f"{baseline} is the baseline of this run (--baseline); write the report elsewhere (e.g. report.json); "
        f"to record today's findings as the baseline, run `ipcheck baseline -o {baseline} --force`")
    assert baseline.read_bytes() == before


# 3. --jobs is capped at the files and the CPUs


class RecordingPool(concurrent.futures.ThreadPoolExecutor):
    """Stands in for the process pool: records how many workers were asked for."""

    asked: ClassVar[list[int]] = []

    def __init__(self, max_workers: int, initializer: object = None) -> None:
        RecordingPool.asked.append(max_workers)
        super().__init__(max_workers=max_workers)  # the workers' initializer is for processes only


@pytest.mark.parametrize(("jobs", "files", "cpus", "expected"),
                         [(99999, 3, 8, [3]), (99999, 10, 4, [4]), (2, 10, 4, [2]), (8, 10, None, []),
                          (8, 1, 8, []), (1, 10, 8, [])])
def test_jobs_start_no_more_processes_than_files_and_cpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          jobs: int, files: int, cpus: int | None,
                                                          expected: list[int]) -> None:
    paths = []
    for i in range(files):
        path = tmp_path / f"p{i}.yaml"
        path.write_text(f"apiVersion: ipcheck/v1\nkind: Person\nid: P-{i}\nname: Li\n", encoding="utf-8")
        paths.append((path, path.name))
    monkeypatch.setattr(os, "cpu_count", lambda: cpus)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", RecordingPool)
    monkeypatch.setattr(RecordingPool, "asked", [])
    results = load_module._load_files(tmp_path, paths, 1024 * 1024, jobs, None)
    assert RecordingPool.asked == expected
    assert [r.rel for r in results] == [rel for _, rel in paths]
    assert all(r.problems == [] and r.chunks for r in results)


def test_jobs_help_says_the_cap() -> None:
    assert "(at most one per file and per CPU)" in " ".join(invoke("check", "--help")[1].split())


# 4. The progress line fits the terminal


class NarrowTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return 99


def test_the_progress_line_is_cut_to_the_terminal_width(monkeypatch: pytest.MonkeyPatch) -> None:
    def size(fd: int) -> os.terminal_size:
        assert fd == 99
        return os.terminal_size((20, 24))

    monkeypatch.setattr(os, "get_terminal_size", size)
    stream = NarrowTerminal()
    Progress(stream, delay=0)("running rules", 12, 137)
    assert stream.getvalue() == "\r\x1b[Kipcheck: running ru"
    assert len(stream.getvalue().removeprefix("\r\x1b[K")) == 20 - 1  # the cursor's column left free: no wrap


def test_the_progress_line_is_whole_when_the_width_is_unknown() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    Progress(stream, delay=0)("running rules", 12, 137)
    assert stream.getvalue() == "\r\x1b[Kipcheck: running rules 12/137…"


# 5. NO_COLOR


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("value", "colour"), [(None, True), ("", True), ("1", False), ("0", False)])
def test_no_color_disables_colour_only_when_not_empty(monkeypatch: pytest.MonkeyPatch, value: str | None,
                                                      colour: bool) -> None:
    if value is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", value)
    assert _color(Tty()) is colour
    assert _color(io.StringIO()) is False


# 6. -o that cannot name a file


def test_an_empty_output_name_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = invoke("check", str(EXEMPLAR), "--as-of", AS_OF, "-o", "")
    assert (code, err) == (2, USAGE_CHECK + output_error("-o needs a file name, e.g. -o report.html"))
    code, _, err = invoke("baseline", str(EXEMPLAR), "--as-of", AS_OF, "-o", "")
    assert (code, err) == (2, USAGE_BASELINE + output_error("-o needs a file name, e.g. -o ipcheck-baseline.json"))


def test_an_output_under_a_file_says_the_file_is_not_a_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "existing.json"
    blocker.write_text("x", encoding="utf-8")
    for extra in ("x.json", "sub/x.json"):
        output = blocker / extra
        code, out, err = invoke("check", str(EXEMPLAR), "--as-of", AS_OF, "-o", str(output))
        assert (code, out) == (2, "")
        assert err == (f"ipcheck: cannot write the report to {output}: {blocker} is not a folder\n"
                       f"  hint: {blocker} is a file; write the report to a path in a folder\n")
    output = blocker / "baseline.json"
    code, _, err = invoke("baseline", str(EXEMPLAR), "--as-of", AS_OF, "-o", str(output))
    assert code == 2
    assert err == (f"ipcheck: cannot write the baseline to {output}: {blocker} is not a folder\n"
                   f"  hint: {blocker} is a file; write the baseline to a path in a folder\n")
    assert blocker.read_text(encoding="utf-8") == "x"


# 7. --as-of within 1900-01-01 .. 2999-12-31


@pytest.mark.parametrize("command", ["check", "baseline"])
@pytest.mark.parametrize("date", ["0001-01-01", "1899-12-31", "3000-01-01", "9999-12-31"])
def test_an_as_of_out_of_range_is_a_usage_error(tmp_path: Path, command: str, date: str) -> None:
    code, out, err = invoke(command, str(EXEMPLAR), "--as-of", date, "-o", str(tmp_path / "out.json"))
    usage = USAGE_CHECK if command == "check" else USAGE_BASELINE
    assert (code, out) == (2, "")
    assert err == usage + (f"Error: Invalid value for '--as-of': {date} is out of range; use a date from 1900-01-01 "
                           "to 2999-12-31 (usually today, the default)\n")
    assert not (tmp_path / "out.json").exists()


@pytest.mark.parametrize("date", ["1900-01-01", "2999-12-31"])
def test_the_ends_of_the_as_of_range_are_judged_without_internal_errors(date: str) -> None:
    code, out, err = invoke("check", str(EXEMPLAR), "--as-of", date, "-f", "json")
    report = json.loads(out)
    assert code == 1, err
    assert report["as_of"] == date and report["errors"] == []
