"""The watch for infringements (IP690, IP691): which protection types a monitoring form
covers, and event-driven forms judged by a record within twelve months."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.rules.helpers import check_declaration

BASE = """\
kind: Enterprise
id: acme
name: Acme Valves Co., Ltd.
protection_scope: [patent, trade-secret]
---
kind: Manual
id: MAN-01
title: IP management manual
issued: 2025-01-06
---
kind: Procedure
items:
  - {id: PR-DISPUTES, title: Disputes, issued: 2025-01-06, protection: [patent, trade-secret]}
  - {id: PR-TS, title: Trade secrets, issued: 2025-01-06, protection: [trade-secret]}
---
kind: RecordForm
items:
  - {id: F-WATCH, title: Infringement watch, procedure: PR-DISPUTES, frequency: per-event,
     purpose: infringement-monitoring}
  - {id: F-OTHER, title: Other record, procedure: PR-TS, frequency: per-event}
"""


def _found(tmp_path: Path, records: str) -> list[tuple[str, str | None, str | None, str]]:
    findings = check_declaration(tmp_path, BASE + records, ["IP690", "IP691"], as_of=dt.date(2026, 11, 24))
    return [(f.rule, f.protection, f.subject, f.message) for f in findings]


def test_a_procedure_of_both_types_covers_both_and_a_recent_record_satisfies_them(tmp_path: Path) -> None:
    assert _found(tmp_path, "---\nkind: Record\nid: R-1\nform: F-WATCH\ndate: 2026-03-02\n") == []


def test_an_event_driven_watch_with_no_record_in_twelve_months_is_a_lapse_per_type(tmp_path: Path) -> None:
    assert _found(tmp_path, "---\nkind: Record\nid: R-1\nform: F-WATCH\ndate: 2025-10-30\n") == [
        ("IP691", "patent", "F-WATCH",
         "Patents: no infringement monitoring recorded on F-WATCH 'Infringement watch' in the 12 months before "
         "2026-11-24 (the latest on 2025-10-30)"),
        ("IP691", "trade-secret", "F-WATCH",
         "Trade secrets: no infringement monitoring recorded on F-WATCH 'Infringement watch' in the 12 months "
         "before 2026-11-24 (the latest on 2025-10-30)"),
    ]


def test_a_watch_never_recorded_says_so(tmp_path: Path) -> None:
    found = _found(tmp_path, "---\nkind: Record\nid: R-1\nform: F-OTHER\ndate: 2026-10-30\n")
    assert [(rule, protection, message) for rule, protection, _, message in found] == [
        ("IP691", "patent", "Patents: no infringement monitoring has ever been recorded on F-WATCH 'Infringement watch'"),
        ("IP691", "trade-secret",
         "Trade secrets: no infringement monitoring has ever been recorded on F-WATCH 'Infringement watch'"),
    ]


def test_no_monitoring_form_at_all_is_one_major_finding_and_nothing_per_type(tmp_path: Path) -> None:
    text = BASE.replace("     purpose: infringement-monitoring}", "     }")
    findings = check_declaration(tmp_path, text + "---\nkind: Record\nid: R-1\nform: F-OTHER\ndate: 2026-10-30\n",
                                 ["IP690", "IP691"], as_of=dt.date(2026, 11, 24))
    assert [(f.rule, f.severity, f.subject) for f in findings] == [("IP690", "major", None)]


def test_nothing_is_said_before_the_system_is_operated(tmp_path: Path) -> None:
    assert _found(tmp_path, "") == []
