"""Paths as CI tools place them: SARIF and Code Climate relative to the repository root
(the git top level, ``--root`` or ``root:``), whatever folder is checked and from where;
the text report relative to the current folder, for terminals and editors to open."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipcheck.cli import cli
from tests.defects.apply import materialise

AS_OF = "2026-11-24"


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A repository (``.git``) whose declaration, with one lapsed annuity, is in ``docs/ipms``."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    materialise("ipp005-annuity-missed", repo / "docs" / "ipms")
    return repo


def run_in(cwd: Path, *args: str) -> tuple[int, str, str]:
    before = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli, ["check", *args, "--as-of", AS_OF], catch_exceptions=False)
    finally:
        os.chdir(before)
    return result.exit_code, result.stdout, result.stderr


def sarif_files(text: str) -> tuple[str, set[str]]:
    run = json.loads(text)["runs"][0]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] for r in run["results"]} == {"ROOT"}
    return run["originalUriBaseIds"]["ROOT"]["uri"], uris


def test_sarif_uris_are_relative_to_the_git_top_level_whatever_is_checked_from_where(repository: Path) -> None:
    from_top = run_in(repository, "docs/ipms", "-f", "sarif")
    from_inside = run_in(repository / "docs" / "ipms", ".", "-f", "sarif")
    from_outside = run_in(repository.parent, str(repository / "docs" / "ipms" / "."), "-f", "sarif")
    base, uris = sarif_files(from_top[1])
    assert base == repository.resolve().as_uri() + "/"
    assert "docs/ipms/registers/patents.yaml" in uris and all(u.startswith("docs/ipms/") for u in uris)
    assert sarif_files(from_inside[1]) == sarif_files(from_outside[1]) == (base, uris)


def test_root_option_and_configuration_key_set_the_base(repository: Path) -> None:
    code, out, err = run_in(repository, "docs/ipms", "-f", "sarif", "--root", "docs")
    base, uris = sarif_files(out)
    assert base == (repository / "docs").resolve().as_uri() + "/"
    assert "ipms/registers/patents.yaml" in uris
    (repository / "docs" / "ipms" / "ipcheck.yaml").write_text("root: ..\n", encoding="utf-8")
    assert sarif_files(run_in(repository, "docs/ipms", "-f", "sarif")[1]) == (base, uris)


def test_code_climate_paths_are_relative_to_the_repository(repository: Path) -> None:
    code, out, _ = run_in(repository / "docs", "ipms", "-f", "codeclimate")
    paths = {issue["location"]["path"] for issue in json.loads(out)}
    assert "docs/ipms/registers/patents.yaml" in paths and all(p.startswith("docs/ipms/") for p in paths)


def test_text_report_paths_are_relative_to_the_current_folder(repository: Path) -> None:
    code, out, _ = run_in(repository / "docs", "ipms", "--select", "IPP005")
    assert code == 1
    line = next(line for line in out.splitlines() if "IPP005" in line and ".yaml" in line)
    assert " ipms/registers/patents.yaml:" in line
    _, out, _ = run_in(repository / "docs" / "ipms" / "registers", "..", "--select", "IPP005")
    assert " patents.yaml:" in next(line for line in out.splitlines() if "IPP005" in line and ".yaml" in line)


def test_sarif_keeps_the_most_severe_results_github_reads_and_says_so(monkeypatch: pytest.MonkeyPatch,
                                                                       tmp_path: Path) -> None:
    from ipcheck.report import sarif

    (tmp_path / "d.yaml").write_text("kind: Procedure\nid: PR-1\ntitle: T\nowner: NOPE\n", encoding="utf-8")
    code, out, err = run_in(tmp_path, ".", "-f", "json")
    everything = json.loads(out)["findings"]
    worse = [f["fingerprint"] for f in everything if f["severity"] != "observation"]
    limit = len(worse)
    assert len(everything) > limit and {f["severity"] for f in everything} == {"major", "minor", "observation"}
    monkeypatch.setattr(sarif, "MAX_RESULTS", limit)
    code, out, err = run_in(tmp_path, ".", "-f", "sarif")
    run = json.loads(out)["runs"][0]
    assert [r["partialFingerprints"]["ipcheck/v1"] for r in run["results"]] == worse  # report order kept
    said = (f"{len(everything):,} findings: SARIF keeps the {limit} most severe (GitHub code scanning reads at "
            f"most {limit} results of a run); {len(everything) - limit} are left out; see the JSON or text report "
            "for all of them")
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert [n["message"]["text"] for n in notes if n["descriptor"]["id"] == "ipcheck/results-cut"] == [said]
    assert f"ipcheck: warning: {said}\n" in err
