"""The starter declaration of `ipcheck init`: complete, loads cleanly, never overwrites."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
from pathlib import Path

import pytest

from ipcheck.atomic import FileExists
from ipcheck.load import load
from ipcheck.starter import STARTER_AS_OF, dated_for, templates, write_starter
from ipcheck.testing import run_declaration
from ipcheck.vocabulary import PROTECTIONS, STAGES


def test_writes_every_template_and_loads_cleanly(tmp_path: Path) -> None:
    target = tmp_path / "my-system"
    written = write_starter(target)
    assert sorted(p.name for p in written) == sorted(templates())
    assert all(p.parent == target and p.is_file() for p in written)
    decl = load([target])
    assert decl.dangling == ()
    assert decl.enterprise is not None and decl.enterprise.name == "Example Co., Ltd."


def test_files_are_the_templates_with_comments(tmp_path: Path) -> None:
    for path in write_starter(tmp_path, today=STARTER_AS_OF):
        text = path.read_text(encoding="utf-8")
        assert text == templates()[path.name]
        assert text.lstrip().startswith("#"), f"{path.name} explains itself in a leading comment"


@pytest.mark.parametrize("today", ["2026-11-24", "2026-12-26", "2027-06-01", "2028-02-29", "2031-01-01"])
def test_a_fresh_starter_checks_clean_on_the_day_it_is_written(tmp_path: Path, today: str) -> None:
    """Its dates move with the day of `init`: written in 2027, its audit is not from 2026."""
    day = dt.date.fromisoformat(today)
    write_starter(tmp_path / "s", today=day)
    result = run_declaration({}, as_of=day, entry_points=False, tmp_path=tmp_path / "s")
    assert (result.exit_code, result.findings, result.errors) == (0, [], [])
    review = (tmp_path / "s" / "review.yaml").read_text(encoding="utf-8")
    assert dated_for("date: 2026-05-20", day) in review


def test_dates_move_by_days_and_other_text_stays() -> None:
    assert dated_for("date: 2026-05-20  # id MR-2026, not 2026-02-30", dt.date(2027, 11, 24)) == (
        "date: 2027-05-20  # id MR-2026, not 2026-02-30")
    assert dated_for("due: 2026-12-31", dt.date(2026, 11, 25)) == "due: 2027-01-01"


def test_covers_every_stage_and_protection_type(tmp_path: Path) -> None:
    write_starter(tmp_path)
    decl = load([tmp_path])
    per_stage = {
        "startup": ["WorkingGroup", "WorkPlan", "Meeting", "Training"],
        "diagnosis": ["DiagnosisReport"],
        "system": ["Policy", "Objective", "Role"],
        "manual": ["Manual", "Procedure", "RecordForm"],
        "dissemination": ["Promulgation"],
        "operation": ["Record", "Project", "Contract", "ConfidentialityAgreement", "StaffCheck",
                      "Exploitation", "Dispute", "MarketEntry"],
        "internal-audit": ["AuditProgramme", "Audit", "Nonconformity"],
        "management-review": ["ManagementReview"],
    }
    assert set(per_stage) == set(STAGES)
    for stage, kinds in per_stage.items():
        assert all(decl.items[k] for k in kinds), stage
    (plan,) = decl.items["WorkPlan"]
    assert {t.stage for t in plan.tasks} == set(STAGES)
    assert {t.stage for t in decl.items["Training"]} >= {"startup", "dissemination"}
    for kind in ("Patent", "Trademark", "Copyright", "TradeSecret"):
        assert decl.items[kind], kind
    assert {p for pr in decl.items["Procedure"] for p in pr.protection} == set(PROTECTIONS)


def test_refuses_to_overwrite_and_writes_nothing(tmp_path: Path) -> None:
    names = list(templates())
    existing = tmp_path / names[-1]
    existing.write_text("kind: Person\n# mine\n", encoding="utf-8")
    with pytest.raises(FileExists) as refused:
        write_starter(tmp_path)
    assert str(existing) in str(refused.value)
    assert sorted(os.listdir(tmp_path)) == [names[-1]]
    assert existing.read_text(encoding="utf-8") == "kind: Person\n# mine\n"


def test_second_run_refuses(tmp_path: Path) -> None:
    first = write_starter(tmp_path)
    before = {p: p.read_bytes() for p in first}
    with pytest.raises(FileExists):
        write_starter(tmp_path)
    assert {p: p.read_bytes() for p in first} == before
    assert sorted(os.listdir(tmp_path)) == sorted(p.name for p in first)


def test_a_file_appearing_meanwhile_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ipcheck.starter as starter

    calls = []
    real = starter.write_atomic

    def racing(path, data, *, overwrite=True):  # noqa: ANN001, ANN202
        calls.append(path)
        if len(calls) == 3:
            Path(path).write_text("appeared\n", encoding="utf-8")
        return real(path, data, overwrite=overwrite)

    monkeypatch.setattr(starter, "write_atomic", racing)
    with pytest.raises(FileExists):
        write_starter(tmp_path)
    assert os.listdir(tmp_path) == [calls[2].name]


def test_writes_into_an_existing_folder_with_other_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep me\n", encoding="utf-8")
    write_starter(tmp_path)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "keep me\n"


@pytest.mark.skipif(importlib.util.find_spec("ipcheck.cli") is None, reason="the command line is not available")
def test_init_command(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from ipcheck.cli import cli

    target = tmp_path / "decl"
    first = CliRunner().invoke(cli, ["init", str(target)])
    assert first.exit_code == 0, first.output
    assert sorted(p.name for p in target.iterdir()) == sorted(templates())
    again = CliRunner().invoke(cli, ["init", str(target)])
    assert again.exit_code == 2
    assert "already exists" in again.stderr and "Traceback" not in again.output


@pytest.mark.skipif(importlib.util.find_spec("ipcheck.cli") is None, reason="the command line is not available")
def test_init_where_no_folder_can_be_made_is_a_usage_error(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from ipcheck.cli import cli

    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(cli, ["init", str(blocker / "decl")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"ipcheck: cannot write the starter into {blocker / 'decl'}: ")
    assert result.stderr.rstrip().endswith("; nothing was written")
    assert blocker.read_text(encoding="utf-8") == "x"
