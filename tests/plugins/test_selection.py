"""Choosing rules and adjusting them: --select/--ignore, severity overrides and per-file
ignores from ipcheck.yaml and from [tool.ipcheck] in pyproject.toml."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import DECLARATION, run_cli, write

LEGACY = """\
kind: Procedure
id: PR-90
title: Legacy licensing procedure
"""


@pytest.fixture
def folder(shared: Path, tmp_path: Path) -> Path:
    """The shared declaration plus a second file below ``legacy/``."""
    decl = tmp_path / "decl"
    write(decl, "declaration.yaml", DECLARATION)
    write(decl, "legacy/licensing.yaml", LEGACY)
    shutil.copy(shared / "good.py", tmp_path / "good.py")
    return decl


def check(folder: Path, *args: str | Path):
    return run_cli("check", folder, "--plugin", folder.parent / "good.py", *args)


def by_rule(run) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for f in run.findings:
        out.setdefault(f["rule"], []).append((f["subject"], f["severity"]))
    return out


def test_everything_runs_by_default(folder):
    found = by_rule(check(folder))
    assert found["GOOD001"] == [("PR-01", "minor"), ("PR-02", "minor"), ("PR-90", "minor")]
    assert "IPX001" in found


@pytest.mark.parametrize(("args", "expected"), [
    (["--select", "GOOD"], {"GOOD001"}),
    (["--select", "good001"], {"GOOD001"}),                  # ids are not case-sensitive
    (["--select", "IPX,GOOD"], {"GOOD001", "IPX001"}),
    (["--select", "IPX", "--select", "GOOD001"], {"GOOD001", "IPX001"}),
    (["--select", "GOOD,IPX", "--ignore", "GOOD"], {"IPX001"}),
])
def test_select_and_ignore_by_prefix(folder, args, expected):
    run = check(folder, *args)
    assert set(by_rule(run)) == expected
    assert run.returncode == 1


def test_a_selection_that_leaves_no_rule_is_a_usage_error(folder):
    """Running no rule passes whatever the declaration holds: as dangerous in a CI gate as a typo."""
    run = check(folder, "--select", "GOOD", "--ignore", "GOOD001")
    assert run.returncode == 2 and run.report is None
    assert run.stderr.splitlines()[-1] == ("Error: Invalid value for '--select': select ['GOOD'] and ignore "
                                           "['GOOD001'] leave no rule to run; see `ipcheck rules`")


def test_a_selection_that_names_no_rule_is_a_usage_error(folder):
    run = check(folder, "--select", "GOOD,GOD01,NOPE")
    assert run.returncode == 2 and run.report is None
    assert run.stderr.splitlines()[-1] == ("Error: Invalid value for '--select': 'GOD01', 'NOPE' match no rule "
                                           "(did you mean 'GOOD001'?); see `ipcheck rules`")
    write(folder, "ipcheck.yaml", "select: [IPW, NOPE]\n")  # IPW001, the expired-waiver rule, is a rule too
    run = check(folder)
    assert run.returncode == 2 and run.report is None
    assert run.stderr.splitlines()[-1] == (f"Error: {folder / 'ipcheck.yaml'}: select: 'NOPE' matches no rule; "
                                           "see `ipcheck rules`")
    baseline = run_cli("baseline", folder, "-o", folder.parent / "baseline.json")
    assert baseline.returncode == 2 and not (folder.parent / "baseline.json").exists()
    assert baseline.stderr.splitlines()[-1] == run.stderr.splitlines()[-1]
    write(folder, "ipcheck.yaml", "select: [IPW]\n")
    assert check(folder).returncode == 0


def test_an_ignore_that_names_no_rule_is_only_warned_about(folder):
    run = check(folder, "--ignore", "ACME,GOOD")
    assert run.returncode == 1 and run.report["errors"] == []  # the findings of the other rules
    assert "ipcheck: warning: ignore 'ACME' matches no rule" in run.stderr.splitlines()
    assert "GOOD001" not in by_rule(run)


def test_readiness_is_not_assessed_where_no_selected_rule_belongs(folder):
    from click.testing import CliRunner

    from ipcheck.cli import cli

    args = ["check", str(folder), "--select", "IPX001,IP1,IPP", "--as-of", "2026-11-24"]
    lines = CliRunner().invoke(cli, args).stdout.splitlines()
    assert "    Implementation start-up       ready (4 observations)" in lines
    assert "    Investigation and diagnosis   not assessed" in lines
    assert "    Patents        not ready (1 major)" in lines
    assert "    Trademarks     not assessed" in lines
    summary = check(folder, "--select", "IPX001,IP1,IPP")
    assert "ipcheck: 2 major, 0 minor, 4 observations; 1 of 8 stages ready (7 not assessed); failed; " \
        in summary.stderr


def test_ignore_keeps_the_rest(folder):
    everything = set(by_rule(check(folder)))
    assert set(by_rule(check(folder, "--ignore", "GOOD"))) == everything - {"GOOD001"}
    assert set(by_rule(check(folder, "--ignore", "G,IPX"))) == everything - {"GOOD001", "IPX001"}


CONFIGS = {
    "severity": ("severity: {GOOD: observation, GOOD001: major}\n", '[tool.ipcheck]\nseverity = {GOOD = "observation", GOOD001 = "major"}\n'),
    "prefix-severity": ("severity: {GOOD: observation}\n", '[tool.ipcheck]\nseverity = {GOOD = "observation"}\n'),
    "per-file": ('per_file_ignores: {"legacy/*": [GOOD]}\n', '[tool.ipcheck.per_file_ignores]\n"legacy/*" = ["GOOD"]\n'),
    "select": ("select: [GOOD]\nignore: [IPX]\n", '[tool.ipcheck]\nselect = ["GOOD"]\nignore = ["IPX"]\n'),
}
EXPECTED = {
    "severity": [("PR-01", "major"), ("PR-02", "major"), ("PR-90", "major")],          # the longest prefix wins
    "prefix-severity": [("PR-01", "observation"), ("PR-02", "observation"), ("PR-90", "observation")],
    "per-file": [("PR-01", "minor"), ("PR-02", "minor")],
    "select": [("PR-01", "minor"), ("PR-02", "minor"), ("PR-90", "minor")],
}


@pytest.mark.parametrize("where", ["ipcheck.yaml", "pyproject.toml", "--config"])
@pytest.mark.parametrize("case", sorted(CONFIGS))
def test_configuration(folder, tmp_path, case, where):
    yaml_text, toml_text = CONFIGS[case]
    if where == "ipcheck.yaml":
        write(folder, "ipcheck.yaml", yaml_text)
        run = check(folder)
    elif where == "pyproject.toml":
        write(folder, "pyproject.toml", '[project]\nname = "acme-ip"\n\n' + toml_text)
        run = check(folder)
    else:
        run = check(folder, "--config", write(tmp_path, "elsewhere/ipcheck.yaml", yaml_text))
    assert run.report["errors"] == [], run.stderr
    found = by_rule(run)
    assert found["GOOD001"] == EXPECTED[case]
    if case == "select":
        assert set(found) == {"GOOD001"}
    else:
        assert "IPX001" in found


def test_command_line_select_overrides_the_configuration(folder):
    write(folder, "ipcheck.yaml", "select: [GOOD]\nignore: [IPX]\n")
    assert check(folder, "--select", "IPX").returncode == 2  # the configuration's ignore still applies: no rule left
    assert set(by_rule(check(folder, "--select", "GOOD,IPX"))) == {"GOOD001"}
    write(folder, "ipcheck.yaml", "select: [GOOD]\n")
    assert set(by_rule(check(folder, "--select", "IPX"))) == {"IPX001"}


def test_ipcheck_yaml_wins_over_pyproject(folder):
    write(folder, "ipcheck.yaml", "severity: {GOOD001: observation}\n")
    write(folder, "pyproject.toml", '[tool.ipcheck]\nseverity = {GOOD001 = "major"}\n')
    assert {s for _, s in by_rule(check(folder))["GOOD001"]} == {"observation"}


def test_severity_override_changes_the_verdict(folder):
    write(folder, "ipcheck.yaml", "severity: {GOOD001: observation}\n")
    run = check(folder, "--select", "GOOD")
    assert run.returncode == 0 and run.report["summary"]["observation"] == 3


@pytest.mark.parametrize(("text", "where", "message"), [
    ("severity: {GOOD001: critical}\n", (1, 21), "severity.GOOD001"),        # a wrong value: at the value
    ("per_file_ignores: {legacy: GOOD}\n", (1, 28), "per_file_ignores.legacy"),
    ("fail_on: minor\nselcet: [GOOD]\n", (2, 1), "unknown key 'selcet'"),     # an unknown key: at the key
])
def test_bad_configuration_is_a_located_usage_error(folder, text, where, message):
    write(folder, "ipcheck.yaml", text)
    run = check(folder)
    assert run.returncode == 2
    assert f"ipcheck.yaml:{where[0]}:{where[1]}: configuration: " in run.stderr and message in run.stderr


@pytest.mark.parametrize(("name", "text"), [
    ("ipcheck.yaml", "plugins: [../good.py]\n"),
    ("pyproject.toml", '[tool.ipcheck]\nplugins = ["../good.py"]\n'),
])
def test_plugins_named_in_the_configuration_are_relative_to_it(folder, tmp_path, name, text):
    write(folder, name, text)
    (tmp_path / ".git").mkdir()  # good.py is in the repository, one folder above the configuration
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    run = run_cli("check", folder, "--allow-config-plugins", cwd=elsewhere)
    assert run.report["errors"] == [], run.stderr
    assert "GOOD001" in by_rule(run)


def test_a_long_list_of_unknown_selectors_is_cut_in_the_message(folder):
    run = check(folder, "--select", ",".join(f"NOPE{i}" for i in range(1000)))
    assert run.returncode == 2
    assert run.stderr.splitlines()[-1] == ("Error: Invalid value for '--select': 'NOPE0', 'NOPE1', 'NOPE2', 'NOPE3', "
                                           "'NOPE4' and 995 more match no rule; see `ipcheck rules`")
