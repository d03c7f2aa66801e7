"""Every other rule with a time limit, on its exact boundary: the last day a thing is in time
(or a date still inside a window), and the day on the other side. Each case asserts the exact
findings: the subjects and where they point. ``test_time_boundaries.py`` holds IPP004,
IPP005, IPP006, IP602 and IP706."""

from __future__ import annotations

import datetime as dt

import pytest

from ipcheck.testing import run_declaration

DAY = dt.timedelta(days=1)
AS_OF = dt.date(2026, 11, 24)
YEAR_AGO = dt.date(2025, 11, 24)
"""Twelve months before :data:`AS_OF`: still within "the last twelve months"."""
IN_SIX_MONTHS = dt.date(2027, 5, 24)


def found(rule: str, text: str, as_of: dt.date = AS_OF) -> list[tuple[str, str]]:
    """``rule``'s findings on the declaration ``text`` at ``as_of``: (subject, file:line:column)."""
    result = run_declaration(text, as_of=as_of, select=rule, entry_points=False)
    assert result.report.errors == [], result.report.errors
    return [(f.subject or "-", str(f.location)) for f in result.report.findings if f.rule == rule]


def at(subject: str, line: int, column: int) -> list[tuple[str, str]]:
    return [(subject, f"declaration.yaml:{line}:{column}")]


NONE: list[tuple[str, str]] = []

# -- trademarks: expired (IPT006) and due for renewal within six months (IPT007) ---------------

TRADEMARK = """\
kind: Trademark
id: TM-1
mark: HUAXIN
jurisdiction: CN
classes: [11]
status: registered
registration_number: "12345678"
registered: 2017-05-25
expiry: {expiry}
"""


@pytest.mark.parametrize(("expiry", "expected"), [
    (AS_OF, NONE),                    # expires today: still in force
    (AS_OF - DAY, at("TM-1", 9, 9)),  # expired yesterday
])
def test_ipt006_a_trademark_expires_after_its_expiry_day(expiry: dt.date, expected: list) -> None:
    assert found("IPT006", TRADEMARK.format(expiry=expiry)) == expected


@pytest.mark.parametrize(("expiry", "expected"), [
    (AS_OF - DAY, NONE),                   # already expired: IPT006's, not a renewal to come
    (AS_OF, at("TM-1", 9, 9)),
    (IN_SIX_MONTHS, at("TM-1", 9, 9)),     # six months ahead, to the day
    (IN_SIX_MONTHS + DAY, NONE),
])
def test_ipt007_renewals_within_six_months(expiry: dt.date, expected: list) -> None:
    assert found("IPT007", TRADEMARK.format(expiry=expiry)) == expected


# -- patents: expired but shown as granted (IPP012), no annuity deadline (IPP007) --------------

GRANTED = """\
kind: Patent
id: PAT-1
title: Plate pack
jurisdiction: CN
grant_number: ZL201910123456.7
status: granted
expiry: {expiry}
"""


@pytest.mark.parametrize(("expiry", "expected"), [
    (AS_OF, NONE),
    (AS_OF - DAY, at("PAT-1", 6, 9)),
])
def test_ipp012_a_granted_patent_expired_the_day_after_its_expiry(expiry: dt.date, expected: list) -> None:
    assert found("IPP012", GRANTED.format(expiry=expiry)) == expected


@pytest.mark.parametrize(("expiry", "expected"), [
    (AS_OF, at("PAT-1", 6, 9)),   # in force today: its annuity deadline is needed
    (AS_OF - DAY, NONE),          # expired: no annuity is due any more
])
def test_ipp007_an_annuity_deadline_is_needed_until_expiry(expiry: dt.date, expected: list) -> None:
    assert found("IPP007", GRANTED.format(expiry=expiry)) == expected


# -- software licence reviews in the last twelve months (IPC006) -------------------------------

SOFTWARE = """\
kind: Copyright
id: SW-1
title: Plate design suite
type: software
licence_review: {reviewed}
"""


@pytest.mark.parametrize(("reviewed", "expected"), [
    (YEAR_AGO, NONE),
    (YEAR_AGO - DAY, at("SW-1", 5, 17)),
])
def test_ipc006_a_licence_review_counts_for_twelve_months(reviewed: dt.date, expected: list) -> None:
    assert found("IPC006", SOFTWARE.format(reviewed=reviewed)) == expected


# -- nonconformities closed by their due date (IP709) ------------------------------------------

NONCONFORMITY = """\
kind: Nonconformity
id: NC-1
description: Annuity docket not checked for three weeks
due: {due}
"""


@pytest.mark.parametrize(("due", "expected"), [
    (AS_OF, NONE),                   # due today: not late yet
    (AS_OF - DAY, at("NC-1", 4, 6)),
])
def test_ip709_a_nonconformity_is_late_the_day_after_it_is_due(due: dt.date, expected: list) -> None:
    assert found("IP709", NONCONFORMITY.format(due=due)) == expected


# -- audits held by the check date (IP712) ------------------------------------------------------

AUDIT = """\
kind: Audit
id: IA-1
date: {held}
units: [U-RD]
---
kind: Unit
id: U-RD
name: R&D
"""


@pytest.mark.parametrize(("held", "expected"), [
    (AS_OF, at("IA-1", 1, 1)),    # held today: its record is due
    (AS_OF + DAY, NONE),          # held tomorrow: nothing to record yet
])
def test_ip712_an_audit_needs_its_record_from_the_day_it_is_held(held: dt.date, expected: list) -> None:
    assert found("IP712", AUDIT.format(held=held)) == expected


# -- management reviews of the last twelve months: chair (IP802), inputs (IP803), decisions (IP806),
#    minutes (IP808) -----------------------------------------------------------------------------

REVIEW = """\
kind: ManagementReview
id: MR-1
date: {held}
"""


@pytest.mark.parametrize("rule", ["IP802", "IP803", "IP806", "IP808"])
@pytest.mark.parametrize(("held", "expected"), [
    (YEAR_AGO - DAY, NONE),        # more than twelve months ago
    (YEAR_AGO, at("MR-1", 1, 1)),
    (AS_OF, at("MR-1", 1, 1)),
    (AS_OF + DAY, NONE),           # not held yet
])
def test_reviews_of_the_last_twelve_months(rule: str, held: dt.date, expected: list) -> None:
    assert found(rule, REVIEW.format(held=held)) == expected


# -- the management review of the last twelve months (IP801) -----------------------------------


@pytest.mark.parametrize(("held", "expected"), [
    (YEAR_AGO, NONE),                   # twelve months ago to the day: still within them
    (YEAR_AGO - DAY, at("MR-1", 3, 7)),  # the latest review is a day too old: pointed at its date
    (AS_OF, NONE),
    (AS_OF + DAY, at("MR-1", 3, 7)),     # dated after the check date: not held yet
])
def test_ip801_a_management_review_counts_for_twelve_months(held: dt.date, expected: list) -> None:
    assert found("IP801", REVIEW.format(held=held)) == expected


# -- decisions of a review (IP805) and tasks of the work plan (IP113) done by their due date ----

DECISION = """\
kind: ManagementReview
id: MR-1
date: 2026-01-15
outputs:
  - {{decision: Add a patent engineer, type: resources, due: {due}}}
"""


@pytest.mark.parametrize(("due", "expected"), [
    (AS_OF, NONE),                       # due today: not overdue yet
    (AS_OF - DAY, at("MR-1", 5, 61)),
])
def test_ip805_a_decision_is_overdue_the_day_after_it_is_due(due: dt.date, expected: list) -> None:
    assert found("IP805", DECISION.format(due=due)) == expected


WORK_PLAN = """\
kind: WorkPlan
id: WP-1
title: Implementation plan
tasks:
  - name: Diagnosis
    due: {due}
"""


@pytest.mark.parametrize(("due", "expected"), [
    (AS_OF, NONE),
    (AS_OF - DAY, at("WP-1", 6, 10)),
])
def test_ip113_a_task_is_late_the_day_after_it_is_due(due: dt.date, expected: list) -> None:
    assert found("IP113", WORK_PLAN.format(due=due)) == expected


# -- an audit programme in force or ended within twelve months (IP701) --------------------------

PROGRAMME = """\
kind: AuditProgramme
id: AP-1
title: Internal audit programme
cycle_start: {start}
cycle_end: {end}
"""


@pytest.mark.parametrize(("start", "end", "expected"), [
    (dt.date(2024, 1, 1), YEAR_AGO, NONE),                    # ended twelve months ago to the day
    (dt.date(2024, 1, 1), YEAR_AGO - DAY, at("AP-1", 5, 12)),  # a day earlier: no programme in force
    (AS_OF, dt.date(2027, 12, 31), NONE),                      # begins today
    (AS_OF + DAY, dt.date(2027, 12, 31), [("-", "declaration.yaml:1:1")]),  # begins tomorrow
])
def test_ip701_an_audit_programme_in_force(start: dt.date, end: dt.date, expected: list) -> None:
    assert found("IP701", PROGRAMME.format(start=start, end=end)) == expected


# -- reviews of the context (IP316), obligations (IP320) and culture (IP322) within twelve months

CONTEXT = """\
kind: ContextReview
id: CR-1
title: Context of the enterprise
reviewed: {reviewed}
"""
OBLIGATION = """\
kind: ComplianceObligation
id: CO-1
title: Patent Law
reviewed: {reviewed}
"""
CULTURE = """\
kind: CultureActivity
id: CA-1
title: IP week
date: {reviewed}
"""


@pytest.mark.parametrize(("rule", "text", "column"), [
    ("IP316", CONTEXT, 11), ("IP320", OBLIGATION, 11), ("IP322", CULTURE, 7)])
@pytest.mark.parametrize(("reviewed", "late"), [(YEAR_AGO, False), (YEAR_AGO - DAY, True)])
def test_ip316_ip320_ip322_reviewed_within_twelve_months(rule: str, text: str, column: int, reviewed: dt.date,
                                                         late: bool) -> None:
    subject = text.split("id: ")[1].split("\n")[0]
    assert found(rule, text.format(reviewed=reviewed)) == (at(subject, 4, column) if late else NONE)


# -- the budget of the current period (IP326) ---------------------------------------------------

BUDGET = """\
kind: Budget
id: BU-1
start: {start}
end: {end}
approved_by: chen.zhiyuan
approved: 2025-12-20
---
kind: Person
id: chen.zhiyuan
name: Chen Zhiyuan
"""


@pytest.mark.parametrize(("start", "end", "expected"), [
    (dt.date(2026, 1, 1), AS_OF, NONE),                 # ends today: still the current period
    (dt.date(2026, 1, 1), AS_OF - DAY, at("BU-1", 4, 6)),  # ended yesterday: no budget of the period
    (AS_OF, dt.date(2027, 6, 30), NONE),                # begins today
    (AS_OF + DAY, dt.date(2027, 6, 30), at("BU-1", 4, 6)),
])
def test_ip326_a_budget_covers_its_first_and_last_day(start: dt.date, end: dt.date, expected: list) -> None:
    assert found("IP326", BUDGET.format(start=start, end=end)) == expected


# -- entry and exit checks of the last twelve months (IP609, IP610) -----------------------------

STAFF = """\
kind: Unit
id: U-RD
name: R&D
function: research-development
---
kind: Person
id: li.na
name: Li Na
unit: U-RD
{field}: {date}
"""


@pytest.mark.parametrize(("rule", "field"), [("IP609", "joined"), ("IP610", "left")])
@pytest.mark.parametrize(("date", "missing"), [
    (YEAR_AGO - DAY, False),   # more than twelve months ago
    (YEAR_AGO, True),
    (AS_OF, True),
    (AS_OF + DAY, False),      # not yet
])
def test_ip609_ip610_people_who_joined_or_left_in_the_last_twelve_months(rule: str, field: str, date: dt.date,
                                                                         missing: bool) -> None:
    expected = at("li.na", 10, len(field) + 3) if missing else NONE
    assert found(rule, STAFF.format(field=field, date=date)) == expected


# -- people who left: on their last day they count as gone (IPS009, IPS010, IPS012, IPX006) ----

LEAVER = """\
kind: Person
id: li.na
name: Li Na
left: {left}
---
kind: TradeSecret
id: TS-1
title: Brazing recipe
custodian: li.na
access: [li.na]
---
kind: Unit
id: U-RD
name: R&D
head: li.na
"""


@pytest.mark.parametrize(("rule", "expected"), [
    ("IPS009", at("li.na", 4, 7)),   # no exit check of a leaver who knew a secret
    ("IPS010", at("TS-1", 9, 12)),   # the secret still in a leaver's keeping
    ("IPS012", at("TS-1", 10, 10)),  # a leaver still on the access list
    ("IPX006", at("U-RD", 15, 7)),   # a leaver still heads a unit
])
@pytest.mark.parametrize(("left", "gone"), [(AS_OF, True), (AS_OF + DAY, False)])
def test_a_person_has_left_from_the_day_of_leaving(rule: str, expected: list, left: dt.date, gone: bool) -> None:
    assert found(rule, LEAVER.format(left=left)) == (expected if gone else NONE)


# -- periodic forms in force for a whole period (IP601), projects since the manual (IP607) ------

OPERATED = """\
---
kind: RecordForm
id: F-2
title: Meeting minutes
---
kind: Record
id: R-1
form: F-2
date: 2026-11-20
"""
WEEKLY = """\
kind: Procedure
id: PR-1
title: Deadline docket
issued: {issued}
---
kind: RecordForm
id: F-1
title: Weekly docket check
procedure: PR-1
frequency: weekly
""" + OPERATED


@pytest.mark.parametrize(("issued", "expected"), [
    (AS_OF - 7 * DAY, at("F-1", 10, 12)),  # in force for a whole week: a record is due
    (AS_OF - 6 * DAY, NONE),               # not yet a whole week
])
def test_ip601_a_weekly_form_is_due_after_a_whole_week(issued: dt.date, expected: list) -> None:
    assert found("IP601", WEEKLY.format(issued=issued)) == expected


PROJECT = """\
kind: Manual
id: M-1
title: IP manual
issued: 2026-01-10
---
kind: Project
id: PJ-1
name: Microchannel coil
start: {start}
""" + OPERATED


@pytest.mark.parametrize(("start", "expected"), [
    (dt.date(2026, 1, 9), NONE),                # started before the manual was issued
    (dt.date(2026, 1, 10), at("PJ-1", 9, 8)),  # on the day of issue
    (AS_OF, at("PJ-1", 9, 8)),                 # started today
    (AS_OF + DAY, NONE),                       # not started yet
])
def test_ip607_projects_from_the_manuals_issue_to_the_check_date(start: dt.date, expected: list) -> None:
    assert found("IP607", PROJECT.format(start=start)) == expected


# -- Chinese terms: patents (IPP102), annuities (IPP103), trademarks (IPT101) ------------------

CN_PATENT = """\
kind: Patent
id: PAT-1
title: Plate pack
jurisdiction: CN
type: invention
application_date: {filed}
status: granted
"""


@pytest.mark.parametrize(("filed", "expected"), [
    (dt.date(2006, 11, 24), at("PAT-1", 7, 9)),  # twenty years end today: past its term
    (dt.date(2006, 11, 25), NONE),               # they end tomorrow
])
def test_ipp102_an_invention_patent_runs_twenty_years(filed: dt.date, expected: list) -> None:
    assert found("IPP102", CN_PATENT.format(filed=filed)) == expected


@pytest.mark.parametrize(("expiry", "expected"), [
    (dt.date(2026, 11, 22), at("PAT-1", 8, 9)),
    (dt.date(2026, 11, 23), NONE),   # the day before the twentieth anniversary
    (dt.date(2026, 11, 24), NONE),   # the anniversary
    (dt.date(2026, 11, 25), at("PAT-1", 8, 9)),
])
def test_ipp102_a_declared_expiry_is_the_anniversary_or_the_day_before(expiry: dt.date, expected: list) -> None:
    text = CN_PATENT.format(filed=dt.date(2006, 11, 24)) + f"expiry: {expiry}\n"
    assert found("IPP102", text, dt.date(2026, 1, 1)) == expected


@pytest.mark.parametrize(("due", "expected"), [
    (dt.date(2027, 3, 10), at("PAT-1", 8, 14)),
    (dt.date(2027, 3, 11), NONE),    # the day before the anniversary of filing
    (dt.date(2027, 3, 12), NONE),    # the anniversary
    (dt.date(2027, 3, 13), at("PAT-1", 8, 14)),
])
def test_ipp103_an_annuity_falls_due_on_the_anniversary_of_filing(due: dt.date, expected: list) -> None:
    text = CN_PATENT.format(filed=dt.date(2019, 3, 12)) + f"annuity_due: {due}\n"
    assert found("IPP103", text) == expected


CN_TRADEMARK = """\
kind: Trademark
id: TM-1
mark: HUAXIN
jurisdiction: CN
classes: [11]
status: registered
registration_number: "12345678"
registered: 2017-05-28
expiry: {expiry}
"""


@pytest.mark.parametrize(("expiry", "expected"), [
    (dt.date(2027, 5, 26), at("TM-1", 9, 9)),
    (dt.date(2027, 5, 27), NONE),    # ten years less a day
    (dt.date(2027, 5, 28), NONE),    # ten years to the day
    (dt.date(2027, 5, 29), at("TM-1", 9, 9)),
])
def test_ipt101_a_registration_runs_ten_years(expiry: dt.date, expected: list) -> None:
    assert found("IPT101", CN_TRADEMARK.format(expiry=expiry)) == expected
