"""Configuration values and files that Python or a parser cannot take as written (an impossible
date, an integer over 4,300 digits, an empty plugin name, a `tool` that is not a table, a file
that is huge or not a file at all): a located configuration error, exit 2, never exit 3."""

from __future__ import annotations

import os
import sys

import pytest

from ipcheck.config import MAX_CONFIG_BYTES, ConfigError, load_config

from ._support import VALID, write

HUGE = "1" + "0" * 5_000
"""An integer of 5,001 digits: over Python's limit for turning digits into an int and back."""


def _config_rejected(result, *expected: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stderr)
    for text in expected:
        assert text in result.stderr, result.stderr
    assert "internal error" not in result.stderr + result.stdout


@pytest.mark.parametrize(("text", "expected"), [
    ("waivers:\n  - {rule: IPP012, justification: x, approved_by: y, expires: 2027-02-30}\n",
     "ipcheck.yaml:2:63: configuration: waivers.0.expires: input should be a valid date, got '2027-02-30'"),
    ("waivers:\n  - rule: IPP012\n    justification: x\n    approved_by: y\n    expires: 2027-13-01\n",
     "ipcheck.yaml:5:14: configuration: waivers.0.expires: input should be a valid date, got '2027-13-01'"),
])
def test_impossible_date(tmp_path, rejected, text, expected):
    write(tmp_path, "people.yaml", VALID)
    write(tmp_path, "ipcheck.yaml", text)
    result = rejected(tmp_path, expected, "hint: write dates as YYYY-MM-DD, with a real month and day")
    assert "internal error" not in result.stderr


@pytest.mark.parametrize(("text", "expected"), [
    (f"rule_timeout: {HUGE}\n", "ipcheck.yaml:1:15: configuration: rule_timeout: input should be a valid number"),
    (f"fail_on: major\nselect:\n  - IP\n  - {HUGE}\n", "ipcheck.yaml:4:5: configuration: select.1: input should be a valid string"),
    (f"max_file_bytes: {HUGE}\nbogus: 1\n", "ipcheck.yaml:2:1: configuration: unknown key 'bogus'"),
])
def test_integer_over_4300_digits_in_ipcheck_yaml(tmp_path, rejected, text, expected):
    write(tmp_path, "people.yaml", VALID)
    write(tmp_path, "ipcheck.yaml", text)
    result = rejected(tmp_path, expected)
    assert "internal error" not in result.stderr
    assert max(len(line) for line in result.stderr.splitlines()) < 300


def test_integer_over_4300_digits_in_pyproject_toml(tmp_path, rejected):
    write(tmp_path, "people.yaml", VALID)
    write(tmp_path, "pyproject.toml", f"[tool.ipcheck]\nfail_on = \"major\"\nrule_timeout = {HUGE}\n")
    result = rejected(tmp_path, "pyproject.toml:3:16: pyproject.toml holds an integer of more than 4,300 digits",
                      "hint: a configuration value is a few digits at most")
    assert "internal error" not in result.stderr
    assert max(len(line) for line in result.stderr.splitlines()) < 300


@pytest.mark.parametrize(("text", "expected"), [
    ('plugins: [""]\n', "ipcheck.yaml:1:11: configuration: plugins.0: a plugin is a module name or a .py file, not an empty string"),
    ('plugins:\n  - acme_rules\n  - "   "\n', "ipcheck.yaml:3:5: configuration: plugins.1: a plugin is a module name or a .py file"),
])
def test_empty_plugin_name(tmp_path, rejected, text, expected):
    write(tmp_path, "people.yaml", VALID)
    write(tmp_path, "ipcheck.yaml", text)
    result = rejected(tmp_path, expected, "hint: name a plugin module (acme_rules) or file (./local_rules.py)")
    assert "internal error" not in result.stderr
    assert "plugin's authors" not in result.stderr


@pytest.mark.parametrize(("text", "expected"), [
    ("# settings in [tool.ipcheck]\ntool = 1\n", "pyproject.toml:2:1: [tool.ipcheck] is not a table"),
    ("# settings in [tool.ipcheck]\n[tool]\nipcheck = 5\n", "pyproject.toml:3:1: [tool.ipcheck] is not a table"),
    ('[project]\nname = "x"\n\n[[tool.ipcheck]]\nselect = ["IP"]\n', "pyproject.toml:4:1: [tool.ipcheck] is not a table"),
])
def test_tool_ipcheck_not_a_table(tmp_path, rejected, text, expected):
    write(tmp_path, "people.yaml", VALID)
    write(tmp_path, "pyproject.toml", text)
    result = rejected(tmp_path, expected, "hint: write the configuration as keys under a [tool.ipcheck] header")
    assert "internal error" not in result.stderr


def test_huge_ipcheck_yaml_is_refused_unread(tmp_path, rejected):
    write(tmp_path, "people.yaml", VALID)
    write(tmp_path, "ipcheck.yaml", "select:\n" + "- IP\n" * 2_000_000)  # 10 MB: 43 s to validate
    rejected(tmp_path, "ipcheck.yaml:1:1: configuration file is larger than 256 KB",
             "hint: a configuration is a few KB, far under the 256 KB limit")


def test_huge_pyproject_toml_is_refused_unread(tmp_path, rejected):
    write(tmp_path, "people.yaml", VALID)
    write(tmp_path, "pyproject.toml", "# " + "x" * MAX_CONFIG_BYTES + "\n[tool.ipcheck]\n")
    rejected(tmp_path, "pyproject.toml:1:1: configuration file is larger than 256 KB")


def test_deep_ipcheck_yaml_under_the_size_limit(tmp_path, rejected):
    text = "select:\n" + "".join("  " * i + "- \n" for i in range(505))  # ~254 KB
    assert len(text) < MAX_CONFIG_BYTES
    write(tmp_path, "people.yaml", VALID)
    write(tmp_path, "ipcheck.yaml", text)
    rejected(tmp_path, "ipcheck.yaml:501:1001: configuration: YAML nests too deeply")


def test_size_limit_boundary(tmp_path):
    at_limit = write(tmp_path, "at/ipcheck.yaml", "fail_on: major\n#" + "x" * (MAX_CONFIG_BYTES - 17) + "\n")
    assert at_limit.stat().st_size == MAX_CONFIG_BYTES
    assert load_config(at_limit).fail_on == "major"
    over = write(tmp_path, "over/ipcheck.yaml", "fail_on: major\n#" + "x" * (MAX_CONFIG_BYTES - 16) + "\n")
    with pytest.raises(ConfigError) as refused:
        load_config(over)
    (problem,) = refused.value.problems
    assert (problem.message, problem.location.line, problem.location.column) == (
        "configuration file is larger than 256 KB", 1, 1)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_config_dev_zero(tmp_path, cli):
    write(tmp_path, "people.yaml", VALID)
    result = cli(tmp_path, "--config", "/dev/zero", "-f", "json", "-o", tmp_path / "report.json")
    _config_rejected(result, "/dev/zero:1:1: configuration file is not a regular file",
                     "hint: give the path of an ipcheck.yaml or pyproject.toml file")


@pytest.mark.skipif(not hasattr(os, "mkfifo") or sys.platform == "win32", reason="no FIFOs")
def test_config_fifo_is_refused_without_waiting_for_a_writer(tmp_path, cli):
    write(tmp_path, "decl/people.yaml", VALID)
    fifo = tmp_path / "ipcheck.yaml"
    os.mkfifo(fifo)
    result = cli(tmp_path / "decl", "--config", fifo, "-f", "json", "-o", tmp_path / "report.json")
    _config_rejected(result, f"{fifo}:1:1: configuration file is not a regular file")
