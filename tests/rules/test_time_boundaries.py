"""Time-based rules on their exact boundaries: the last day a thing is still in time and the
first day it is not. A rule whose comparison moves by one day fails one of these."""

from __future__ import annotations

import datetime as dt

import pytest

from ipcheck.testing import run_declaration

DAY = dt.timedelta(days=1)
AS_OF = dt.date(2026, 11, 24)


def found(rule: str, text: str, as_of: dt.date) -> list[str]:
    """The subjects of ``rule``'s findings on the declaration ``text`` at ``as_of``."""
    result = run_declaration(text, as_of=as_of, select=rule, entry_points=False)
    assert result.report.errors == [], result.report.errors
    return [f.subject or "-" for f in result.report.findings if f.rule == rule]


PATENT = """\
kind: Patent
id: PAT-1
title: Plate pack with asymmetric channels
jurisdiction: CN
grant_number: ZL201910123456.7
status: granted
annuity_due: {due}
"""


@pytest.mark.parametrize(("due", "lapsed"), [(AS_OF, False), (AS_OF - DAY, True)])
def test_ipp005_an_annuity_lapses_the_day_after_it_is_due(due: dt.date, lapsed: bool) -> None:
    assert found("IPP005", PATENT.format(due=due), AS_OF) == (["PAT-1"] if lapsed else [])


DOCKET = """\
---
kind: Procedure
id: PR-04
title: Maintenance of rights
protection: [patent]
---
kind: RecordForm
id: F-04-1
title: Deadline docket check
procedure: PR-04
frequency: weekly
monitoring: true
---
kind: Record
id: R-1
form: F-04-1
date: {checked}
"""


@pytest.mark.parametrize(("days_ahead", "watched"), [(90, True), (91, False), (0, True)])
def test_ipp006_annuities_within_90_days_are_pointed_out(days_ahead: int, watched: bool) -> None:
    text = PATENT.format(due=AS_OF + dt.timedelta(days=days_ahead))  # no docket at all
    assert found("IPP006", text, AS_OF) == (["PAT-1"] if watched else [])


@pytest.mark.parametrize(("days_ago", "pointed_out"), [(31, False), (32, True)])
def test_ipp006_a_docket_check_counts_for_31_days(days_ago: int, pointed_out: bool) -> None:
    text = PATENT.format(due=AS_OF + 30 * DAY) + DOCKET.format(checked=AS_OF - dt.timedelta(days=days_ago))
    assert found("IPP006", text, AS_OF) == (["PAT-1"] if pointed_out else [])


PROJECT = "kind: Project\nid: PJ-1\nname: Microchannel coil\nstart: {start}\n"
SEARCHED = PROJECT + "patent_search: {{date: {searched}, result: no blocking patent}}\n"


@pytest.mark.parametrize(("searched", "late"), [(AS_OF - 10 * DAY, False), (AS_OF - 9 * DAY, True)])
def test_ipp004_a_search_on_the_start_day_is_in_time(searched: dt.date, late: bool) -> None:
    text = SEARCHED.format(start=AS_OF - 10 * DAY, searched=searched)
    assert found("IPP004", text, AS_OF) == (["PJ-1"] if late else [])


@pytest.mark.parametrize(("as_of", "started"), [(AS_OF - DAY, False), (AS_OF, True)])
def test_ipp004_a_project_counts_from_its_start_day(as_of: dt.date, started: bool) -> None:
    assert found("IPP004", PROJECT.format(start=AS_OF), as_of) == (["PJ-1"] if started else [])


WEEKLY_FORM = """\
kind: RecordForm
id: F-04-1
title: Deadline and annuity docket check
procedure: PR-04
frequency: weekly
---
kind: Record
id: R-1
form: F-04-1
date: {recorded}
"""


@pytest.mark.parametrize(("recorded", "lapsed"), [(AS_OF - 7 * DAY, False), (AS_OF - 8 * DAY, True)])
def test_ip602_a_weekly_record_counts_for_a_week(recorded: dt.date, lapsed: bool) -> None:
    assert found("IP602", WEEKLY_FORM.format(recorded=recorded), AS_OF) == (["F-04-1"] if lapsed else [])


AUDIT = "kind: Audit\nid: IA-1\ndate: {held}\n"


@pytest.mark.parametrize(("held", "missing"), [
    (dt.date(2025, 11, 24), False),   # twelve months before the check date: still within them
    (dt.date(2025, 11, 23), True),    # a day earlier: no audit within the twelve months
    (AS_OF, False),                   # on the check date
    (AS_OF + DAY, True),              # after it: not held yet
])
def test_ip706_an_audit_counts_for_twelve_months(held: dt.date, missing: bool) -> None:
    assert bool(found("IP706", AUDIT.format(held=held), AS_OF)) is missing
