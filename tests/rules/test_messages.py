"""What every built-in rule says, in each language, in one reviewed snapshot per rule range.

Each defect fixture is checked in English and in Chinese; every finding's rule, subject,
location, title, message and corrective action are written to the snapshot of its rule
range. Tests of single rules assert rule, subject, location and values; the wording lives
here, where a reviewer reads it once per language. After checking a change, regenerate with
``IPCHECK_UPDATE_SNAPSHOTS=1 python -m pytest tests/rules/test_messages.py``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ipcheck.check import CheckOptions, run_check
from ipcheck.config import Config
from tests.defects.apply import DEFECTS, materialise, read_defect
from tests.snapshots import check_snapshot

AS_OF = dt.date(2026, 11, 24)
SNAPSHOTS = Path(__file__).parent / "snapshots" / "messages"

RANGES: dict[str, tuple[str, ...]] = {
    "plan": ("ip1", "ip2", "ip3", "ip4", "ip5"),
    "run": ("ip6", "ip7", "ip8", "ipx"),
    "protection": ("ipp", "ipt", "ipc", "ips"),
}
"""Rule ranges by the prefix of their defect fixtures' names."""


def _said(range_name: str, lang: str, tmp_path: Path) -> str:
    lines: list[str] = []
    for fixture in sorted(DEFECTS.glob("*.yaml")):
        if not fixture.stem.startswith(RANGES[range_name]):
            continue
        folder = materialise(fixture.stem, tmp_path / fixture.stem)
        config = Config(lang=lang, edition=str(read_defect(fixture.stem).get("edition", "2023")))
        report = run_check(CheckOptions(paths=[folder], as_of=AS_OF, config=config, entry_point_plugins=False))
        lines.append(f"## {fixture.stem}")
        for f in report.findings:
            lines += [f"{f.rule_label} {f.severity} {f.subject} {f.location}", f"  title: {f.title}",
                      f"  message: {f.message}", f"  fix: {f.corrective_action}"]
        lines.append("")
    return "\n".join(lines)


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("range_name", sorted(RANGES))
def test_what_the_rules_say_matches_the_reviewed_snapshot(range_name: str, lang: str, tmp_path: Path) -> None:
    check_snapshot(SNAPSHOTS / f"{range_name}.{lang}.txt", _said(range_name, lang, tmp_path))
