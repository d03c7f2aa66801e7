"""One edition per check: findings cite the selected edition only, rules run only under the
editions they apply to, and the exemplar is clean under both."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipcheck.check import CheckOptions, run_check
from ipcheck.cli import cli
from ipcheck.config import ConfigError, validate_config
from ipcheck.rules.clauses import cite, clause_title, standard_code, topic_clause
from ipcheck.testing import run_declaration

ROOT = Path(__file__).resolve().parents[2]
EXEMPLAR = ROOT / "fixtures" / "exemplar"
EARLY = ROOT / "fixtures" / "partial" / "early"
DAY = dt.date(2026, 11, 24)


def _check(path: Path, edition: str, **options: object):
    config = validate_config({"edition": edition})
    return run_check(CheckOptions(paths=[path], as_of=DAY, config=config, entry_point_plugins=False, **options))


@pytest.mark.parametrize("edition", ["2023", "2013"])
def test_the_exemplar_is_clean_and_ready_under_both_editions(edition: str) -> None:
    report = _check(EXEMPLAR, edition)
    assert report.findings == [] and report.errors == []
    assert report.to_dict()["edition"] == edition
    assert report.certification_verdict() == "ready"


@pytest.mark.parametrize("edition", ["2023", "2013"])
def test_findings_cite_the_selected_edition_only(edition: str) -> None:
    report = _check(EARLY, edition)
    assert len(report.findings) == {"2023": 34, "2013": 33}[edition]
    cited = [c for f in report.findings for c in f.clauses]
    assert cited and all(c.startswith(f"GB/T 29490-{edition} ") for c in cited), cited


def test_fingerprints_do_not_depend_on_the_edition() -> None:
    newer, older = _check(EARLY, "2023"), _check(EARLY, "2013")
    only_newer = {f.rule for f in newer.findings} - {f.rule for f in older.findings}
    assert only_newer == {"IP623"}  # the compliance evaluation: the 2023 edition's alone
    assert [f.fingerprint for f in newer.findings if f.rule not in only_newer] == [f.fingerprint for f in older.findings]


def test_the_map_corrects_what_was_wrong() -> None:
    assert cite(["compliance-obligations"], "2023") == ("GB/T 29490-2023 4.5",)
    assert cite(["legal-requirements"], "2023") == ("GB/T 29490-2023 4.5",)
    assert cite(["improvement"], "2023") == ("GB/T 29490-2023 10.3",)
    assert cite(["training"], "2023") == ("GB/T 29490-2023 7.2",)
    assert cite(["internal-audit"], "2023") == ("GB/T 29490-2023 9.3",)
    assert cite(["management-review"], "2023") == ("GB/T 29490-2023 9.4",)
    assert cite(["internal-audit"], "2013") == ("GB/T 29490-2013 9.2",)
    assert topic_clause("system-planning", "2023") != "6.1"
    assert cite(["implementation-startup"], "2023") == cite(["implementation-startup"], "2013") == ()
    assert cite(["acquisition"], "2023") == ("GB/T 29490-2023 8",)  # the parts of clause 8 are unknown
    # ISO 56005 is guidance: never the clause a finding breaks; a citation written out keeps its edition
    assert cite(["ISO 56005:2020 4.2", "GB/T 29490-2013 9.3", "ACME-STD 1.2"], "2023") == ("ACME-STD 1.2",)
    assert cite(["ISO 56005:2020 4.2", "GB/T 29490-2013 9.3"], "2013") == ("GB/T 29490-2013 9.3",)
    assert clause_title("2013", "6.1.2", "zh-CN") == "教育与培训"
    assert clause_title("2023", "9.3", "en") == "Internal audit"
    assert standard_code("2023") == "GB/T 29490-2023"


def test_a_rule_runs_only_under_the_editions_it_applies_to(tmp_path: Path) -> None:
    pack = tmp_path / "acme.yaml"
    pack.write_text("""\
rules:
  - id: ACME101
    title: Old inputs
    severity: minor
    stage: management-review
    clauses: [review-inputs]
    editions: [2013]
    rationale: Only the 2013 edition lists these inputs.
    fails: "kind: Enterprise"
    passes: "kind: Enterprise"
    message: "{id} has no input"
    fix: "Add the inputs to {id}."
    check:
      required: {kind: ManagementReview, fields: [inputs]}
""", encoding="utf-8")
    declaration = "kind: ManagementReview\nid: MR-1\ndate: 2026-10-01\n"
    older = run_declaration(declaration, select="ACME", plugins=[_pack(pack)], entry_points=False, edition="2013")
    newer = run_declaration(declaration, select="ACME", plugins=[_pack(pack)], entry_points=False, edition="2023")
    assert [(f.rule, f.clauses) for f in older.findings] == [("ACME101", ("GB/T 29490-2013 5.5.2",))]
    assert newer.findings == [] and "ACME101" not in [r.id for r in newer.report.rules]


def _pack(path: Path) -> object:
    import types

    from ipcheck import hookimpl

    module = types.ModuleType("pack_acme")
    module.ipcheck_rule_packs = hookimpl(lambda: [path])  # type: ignore[attr-defined]
    return module


def test_the_configuration_names_the_edition_as_a_number_or_text() -> None:
    assert validate_config({"edition": 2013}).edition == "2013"
    assert validate_config({"edition": "2023"}).edition == "2023"
    assert validate_config({}).edition == "2023"
    with pytest.raises(ConfigError) as raised:
        validate_config({"edition": 2016})
    assert "edition" in raised.value.problems[0].message


def test_edition_option_and_report_name_the_standard(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(cli, ["check", "fixtures/exemplar", "--as-of", "2026-11-24", "--edition", "2013"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == "Audited against GB/T 29490-2013 Enterprise intellectual property management"
    wrong = CliRunner().invoke(cli, ["check", "fixtures/exemplar", "--edition", "2016"])
    assert wrong.exit_code == 2 and "'2016' is not one of '2023', '2013'" in wrong.output
    as_json = CliRunner().invoke(cli, ["check", "fixtures/exemplar", "--as-of", "2026-11-24", "-f", "json"])
    assert json.loads(as_json.stdout)["edition"] == "2023"
