"""Which files are configuration, not declaration: the checked folder's ipcheck.yaml and the
--config file when it lies inside the folder; a declaration file of the same name elsewhere is read."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from ipcheck.cli import cli

EXEMPLAR = Path(__file__).resolve().parents[2] / "fixtures" / "exemplar"


def _check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", *args, "--as-of", "2026-11-24", "-f", "json"])
    return result.exit_code, result.output


def test_a_config_file_elsewhere_does_not_hide_a_declaration_file_of_its_name(tmp_path):
    shutil.copytree(EXEMPLAR, tmp_path / "decl")
    (tmp_path / "ci").mkdir()
    (tmp_path / "ci" / "enterprise.yaml").write_text("fail_on: major\n", encoding="utf-8")
    code, output = _check(str(tmp_path / "decl"), "--config", str(tmp_path / "ci" / "enterprise.yaml"))
    assert code == 0, output
    assert '"errors": []' in output


def test_the_folders_ipcheck_yaml_is_never_a_declaration_file(tmp_path):
    shutil.copytree(EXEMPLAR, tmp_path / "decl")
    (tmp_path / "decl" / "ipcheck.yaml").write_text("fail_on: major\n", encoding="utf-8")
    (tmp_path / "ci.yaml").write_text("fail_on: minor\n", encoding="utf-8")
    code, output = _check(str(tmp_path / "decl"), "--config", str(tmp_path / "ci.yaml"))
    assert code == 0, output
    assert '"errors": []' in output


def test_a_config_file_inside_the_folder_is_not_read_as_a_declaration(tmp_path):
    shutil.copytree(EXEMPLAR, tmp_path / "decl")
    (tmp_path / "decl" / "conf").mkdir()
    (tmp_path / "decl" / "conf" / "ci [main].yaml").write_text("fail_on: minor\n", encoding="utf-8")
    code, output = _check(str(tmp_path / "decl"), "--config", str(tmp_path / "decl" / "conf" / "ci [main].yaml"))
    assert code == 0, output
    assert '"errors": []' in output


def test_an_expired_waiver_is_reported_at_its_entry_relative_to_the_folder(tmp_path):
    import json

    shutil.copytree(EXEMPLAR, tmp_path / "decl")
    (tmp_path / "ci").mkdir()
    (tmp_path / "ci" / "waivers.yaml").write_text(
        "ignore: [IPC006]\n\nwaivers:\n  - rule: IPP005\n    subject: HXP-CN-2016-001\n    justification: Sold\n"
        "    approved_by: CEO\n    expires: 2026-01-01\n", encoding="utf-8")
    code, output = _check(str(tmp_path / "decl"), "--config", str(tmp_path / "ci" / "waivers.yaml"))
    assert code == 1, output
    [finding] = [f for f in json.loads(output)["findings"] if f["rule"] == "IPW001"]
    assert finding["location"] == {"file": "../ci/waivers.yaml", "line": 4, "column": 1}
