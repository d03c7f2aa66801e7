"""Every shape error in fixtures/invalid: loading fails with exactly the problems in expected.txt,
and `ipcheck check` exits 2 and prints those lines on stderr, never a traceback."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from ipcheck.load import LoadFailed, load

INVALID = Path(__file__).resolve().parents[2] / "fixtures" / "invalid"
CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir())

REQUIRED = {
    "yaml-syntax", "tab-indent", "wrong-type", "unknown-kind", "unknown-field", "missing-kind",
    "missing-required-field", "duplicate-id", "duplicate-key", "bad-date", "wrong-reference-kind",
    "bad-enum", "yaml-tag", "not-a-mapping", "items-not-a-list", "unsupported-apiVersion",
    "several-errors-at-once",
}


def expected(case: str) -> str:
    return (INVALID / case / "expected.txt").read_text(encoding="utf-8")


def test_every_required_case_is_there() -> None:
    assert REQUIRED <= set(CASES)


@pytest.mark.parametrize("case", CASES)
def test_load_reports_exactly_the_expected_problems(case: str) -> None:
    with pytest.raises(LoadFailed) as failed:
        load([INVALID / case])
    rendered = "".join(problem.render() + "\n" for problem in failed.value.problems)
    assert rendered == expected(case)


def test_several_errors_are_all_reported() -> None:
    with pytest.raises(LoadFailed) as failed:
        load([INVALID / "several-errors-at-once"])
    files = {p.location.file for p in failed.value.problems}
    assert len(failed.value.problems) == 3
    assert files == {"enterprise.yaml", "registers.yaml"}


def test_problems_name_file_line_and_column() -> None:
    for case in CASES:
        for line in expected(case).splitlines():
            if line.startswith("  hint: "):
                continue
            file, row, column, message = line.split(":", 3)
            assert (INVALID / case / file).is_file(), line
            assert int(row) >= 1 and int(column) >= 1 and message.strip(), line


def _cli_available() -> bool:
    return importlib.util.find_spec("ipcheck.cli") is not None


@pytest.mark.skipif(not _cli_available(), reason="the command line is not available")
@pytest.mark.parametrize("case", CASES)
def test_check_exits_2_with_the_problems_on_stderr(case: str) -> None:
    from click.testing import CliRunner

    from ipcheck.cli import cli

    # With a machine-readable format the report goes to stdout and the problems to stderr.
    result = CliRunner().invoke(cli, ["check", str(INVALID / case), "-f", "json", "--as-of", "2026-11-24"])
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    assert result.stderr == expected(case)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.skipif(not _cli_available(), reason="the command line is not available")
def test_check_text_report_lists_the_problems(tmp_path: Path) -> None:
    import subprocess
    import sys

    case = "several-errors-at-once"
    result = subprocess.run(
        [sys.executable, "-m", "ipcheck", "check", str(INVALID / case), "--as-of", "2026-11-24",
         "-o", str(tmp_path / "report.txt")],
        capture_output=True, text=True, encoding="utf-8", timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.startswith(expected(case))
    assert "Traceback" not in result.stdout + result.stderr
    assert (tmp_path / "report.txt").exists()
