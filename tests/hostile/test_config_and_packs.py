"""Hostile configuration files and rule packs get the declaration's limits: a located
error (exit 2 for the configuration, 3 for a plugin's pack), never a traceback or a hang."""

from __future__ import annotations

import pytest

from .conftest import _cli_available
from ._support import VALID, write
from .test_aliases import billion_laughs

BOMB = billion_laughs().split("\n", 3)[3]  # the anchors alone, without the Person
DEEP_FLOW = "select: " + "[" * 20_000 + "]" * 20_000 + "\n"
DEEP_BLOCK = "select:\n" + "".join("  " * i + "- \n" for i in range(3_000))
DEEP_CONFIG = "select:\n" + "".join("  " * i + "- \n" for i in range(505))
"""Nested past the limit (500) and under the configuration file's size limit (256 KB)."""


@pytest.mark.parametrize(("text", "expected"), [
    (BOMB, "ipcheck.yaml:10:5: configuration: aliases expand this file to 11,767,897,370 characters of text"),
    (DEEP_FLOW, "ipcheck.yaml:1:264: configuration: YAML syntax error: recursion limit exceeded"),
    (DEEP_CONFIG, "ipcheck.yaml:501:1001: configuration: YAML nests too deeply"),
    ('select: !!python/object/apply:os.system ["touch HACKED"]\n',
     "ipcheck.yaml:1:9: configuration: YAML tag '!!python/object/apply:os.system' is not allowed"),
    ("select: [IP]\n---\nignore: [IPX]\n", "ipcheck.yaml:2:1: configuration: 2 YAML documents, where one is read"),
    ("select:\n" + "".join("  " * i + "- \n" for i in range(400)), "ipcheck.yaml:1:1: configuration: select.0: "),
])
def test_hostile_ipcheck_yaml(tmp_path, rejected, text, expected):
    write(tmp_path, "people.yaml", VALID)
    write(tmp_path, "ipcheck.yaml", text)
    result = rejected(tmp_path, expected)
    assert not (tmp_path / "HACKED").exists()
    assert max(len(line) for line in result.stderr.splitlines()) < 300  # values are cut, not dumped


def test_deeply_nested_pyproject_toml(tmp_path, rejected):
    write(tmp_path, "people.yaml", VALID)
    write(tmp_path, "pyproject.toml", "[tool.ipcheck]\nselect = " + "[" * 5_000 + "]" * 5_000 + "\n")
    rejected(tmp_path, "pyproject.toml:1:1: pyproject.toml nests too deeply to be read")


@pytest.mark.parametrize(("text", "expected"), [
    ("rules:\n" + BOMB.replace("a0:", "  - a0:", 1), "aliases expand this file to"),
    (DEEP_BLOCK.replace("select:", "rules:"), "pack.yaml:501:1001: rule pack of plugin 'hostile_pack': YAML nests too deeply"),
    ("rules: !!python/object/apply:os.system ['touch HACKED']\n", "pack.yaml:1:8: rule pack of plugin 'hostile_pack': YAML tag"),
])
def test_hostile_rule_pack(tmp_path, cli, text, expected):
    if not _cli_available():
        pytest.skip("the command line is not available")
    write(tmp_path, "decl/people.yaml", VALID)
    pack = write(tmp_path, "pack.yaml", text)
    plugin = write(tmp_path, "hostile_pack.py",
                   f"from ipcheck import hookimpl\n\n@hookimpl\ndef ipcheck_rule_packs():\n    return [{str(pack)!r}]\n")
    result = cli(tmp_path / "decl", "--plugin", plugin, "-f", "json", "-o", tmp_path / "report.json")
    assert result.returncode == 3, result.stderr
    assert expected in result.stderr
    assert not (tmp_path / "HACKED").exists()
