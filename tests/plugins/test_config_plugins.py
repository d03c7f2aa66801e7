"""Plugins named in a configuration file are code a pull request can change: they load only
when the run allows it, and never from outside the repository."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import DECLARATION, run_cli, write

EVIL = '''\
from pathlib import Path

Path(__file__).with_name("ran").write_text("imported")
'''


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A repository (``.git``) holding a declaration, a plugin file and a configuration naming it."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write(repo, "ipms/declaration.yaml", DECLARATION)
    write(repo, "evil.py", EVIL)
    return repo


def test_a_plugin_in_ipcheck_yaml_is_refused_at_its_line_and_never_imported(repository):
    write(repository, "ipms/ipcheck.yaml", "fail_on: major\nplugins:\n  - ../evil.py\n")
    run = run_cli("check", repository / "ipms")
    assert run.returncode == 2
    assert not (repository / "ran").exists()
    assert run.report is None
    shown = repository / "ipms" / "ipcheck.yaml"
    assert run.stderr.splitlines()[0] == (
        f"{shown}:3:5: configuration: plugins: '{repository / 'ipms' / '../evil.py'}' is code named in a "
        "configuration file, which a pull request can change; it is loaded only when the run allows it")
    assert "hint: pass --allow-config-plugins (or set IPCHECK_ALLOW_CONFIG_PLUGINS=1)" in run.stderr


def test_a_plugin_in_pyproject_is_refused_at_the_table(repository):
    write(repository, "ipms/pyproject.toml", '[project]\nname = "x"\n\n[tool.ipcheck]\nplugins = ["../evil.py"]\n')
    run = run_cli("baseline", repository / "ipms", "-o", repository / "b.json")
    assert run.returncode == 2
    assert f"{repository / 'ipms' / 'pyproject.toml'}:4:1: configuration: plugins:" in run.stderr
    assert not (repository / "ran").exists() and not (repository / "b.json").exists()


@pytest.mark.parametrize("allow", [["--allow-config-plugins"], []])
def test_the_flag_or_the_variable_allows_them(repository, allow):
    write(repository, "ipms/ipcheck.yaml", "plugins: [../evil.py]\n")
    env = {} if allow else {"IPCHECK_ALLOW_CONFIG_PLUGINS": "1"}
    run = run_cli("check", repository / "ipms", *allow, env=env)
    assert run.returncode == 1, run.stderr
    assert (repository / "ran").read_text() == "imported"


def test_a_plugin_file_outside_the_repository_is_refused_even_when_allowed(repository, tmp_path):
    shutil.copy(repository / "evil.py", tmp_path / "outside.py")
    write(repository, "ipms/ipcheck.yaml", "plugins: [../../outside.py]\n")
    run = run_cli("check", repository / "ipms", "--allow-config-plugins")
    assert run.returncode == 2
    assert not (tmp_path / "ran").exists()
    assert f"ipcheck.yaml:1:11: configuration: plugins: {repository / 'ipms' / '../../outside.py'} lies outside " \
           f"the repository {repository}; it is not loaded" in run.stderr


def test_a_link_leading_out_of_the_repository_is_outside_it(repository, tmp_path):
    shutil.copy(repository / "evil.py", tmp_path / "outside.py")
    (repository / "linked.py").symlink_to(tmp_path / "outside.py")
    write(repository, "ipms/ipcheck.yaml", "plugins: [../linked.py]\n")
    run = run_cli("check", repository / "ipms", "--allow-config-plugins")
    assert run.returncode == 2 and "lies outside the repository" in run.stderr
    assert not (tmp_path / "ran").exists()


def test_a_plugin_on_the_command_line_needs_no_permission(repository):
    run = run_cli("check", repository / "ipms", "--plugin", repository / "evil.py")
    assert run.returncode == 1, run.stderr
    assert (repository / "ran").exists()
