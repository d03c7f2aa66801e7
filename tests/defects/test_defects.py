"""Each defect fixture (a copy of the exemplar with one realistic defect) gives exactly its
expected findings: rule, severity, stage, protection, file:line (and ``also``, the rules of
the findings merged into it as the same defect); nothing more."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ipcheck.check import CheckOptions, run_check
from ipcheck.config import Config
from tests.defects.apply import DEFECTS, materialise, read_defect

AS_OF = dt.date(2026, 11, 24)
NAMES = sorted(p.stem for p in DEFECTS.glob("*.yaml"))


def findings_of(folder: Path, edition: str = "2023") -> list[dict[str, object]]:
    report = run_check(CheckOptions(paths=[folder], as_of=AS_OF, config=Config(edition=edition),
                                    entry_point_plugins=False))
    assert report.errors == [], [e.render() for e in report.errors]
    return [
        {"rule": f.rule, "severity": f.severity, "stage": f.stage, "protection": f.protection,
         "location": f"{f.location.file}:{f.location.line}", **({"also": list(f.rules[1:])} if f.also else {})}
        for f in report.findings
    ]


def test_there_are_at_least_forty_defect_classes() -> None:
    assert len(NAMES) >= 40, NAMES


@pytest.mark.parametrize("name", NAMES)
def test_defect_gives_exactly_its_findings(name: str, tmp_path: Path) -> None:
    folder = materialise(name, tmp_path / name)
    defect = read_defect(name)
    expected = defect["expected"]
    key = lambda f: (f["location"], f["rule"])  # noqa: E731
    assert sorted(findings_of(folder, str(defect.get("edition", "2023"))), key=key) == sorted(expected, key=key)
