"""Rules of the running system (IP6xx operation, IP7xx internal audit, IP8xx management
review): each rule's own `fails`/`passes` examples, exact messages and corrective actions
on small inline declarations, judgement against --as-of, and speed."""

from __future__ import annotations

import datetime as dt
import textwrap
import time
from pathlib import Path

from ipcheck.findings import Finding
from ipcheck.model.declaration import Declaration
from ipcheck.model.kinds import Manual, Person, Record, RecordForm, StaffCheck
from ipcheck.rules.api import CheckContext
from tests.rules.helpers import AS_OF, check_declaration, only, rules_with

PREFIXES = ("IP6", "IP7", "IP8")
STAGE = {"IP6": "operation", "IP7": "internal-audit", "IP8": "management-review"}
RULES = rules_with(PREFIXES)


def check(tmp_path: Path, text: str, *select: str, as_of: dt.date = AS_OF) -> list[Finding]:
    return check_declaration(tmp_path, text, select or PREFIXES, as_of)










# --- operation --------------------------------------------------------------------------

FORMS = """\
kind: Role
id: ROLE-IPD
title: Legal & IP Department
holders: [he.jing]
---
kind: Person
id: he.jing
name: He Jing
---
kind: Procedure
id: PR-04
title: IP maintenance
owner: ROLE-IPD
issued: 2025-04-01
---
kind: RecordForm
items:
  - {id: F-04-1, title: Deadline docket check, procedure: PR-04, frequency: weekly, monitoring: true}
  - {id: F-04-2, title: Annuity payment list, procedure: PR-04, frequency: monthly}
  - {id: F-04-3, title: Abandonment decision, procedure: PR-04, frequency: per-event}
"""


def test_form_lapsed_and_never_used(tmp_path: Path) -> None:
    findings = check(tmp_path, FORMS + """\
        ---
        kind: Record
        items:
          - {id: R-1, form: F-04-1, date: 2026-11-20}
          - {id: R-2, form: F-04-2, date: 2026-09-30}
        """.replace("        ", ""), "IP601", "IP602")
    assert [(f.rule, f.subject, f.severity) for f in findings] == [
        ("IP602", "F-04-2", "minor"),
    ]
    lapse = findings[0]
    assert lapse.message == ("RecordForm F-04-2 'Annuity payment list' is to be filled in monthly, but its latest "
                             "record, R-2, is dated 2026-09-30: nothing was recorded in the month before 2026-11-24")
    assert lapse.corrective_action == (
        "Have Legal & IP Department (He Jing) make the overdue monthly record on form F-04-2 ('Annuity payment "
        "list') for the period since 2026-09-30, and put the form on the procedure owner's calendar so that no "
        "month passes without a record.")
    never = check(tmp_path / "b", FORMS + "---\nkind: Record\nid: R-1\nform: F-04-1\ndate: 2026-11-20\n", "IP601")
    assert [(f.rule, f.subject, f.severity, f.location.line) for f in never] == [("IP601", "F-04-2", "major", 19)]
    assert never[0].message == ("RecordForm F-04-2 'Annuity payment list' is to be filled in monthly but no record "
                                "has ever been made on it (in force since 2025-04-01)")


def test_form_not_yet_due_and_as_of(tmp_path: Path) -> None:
    """A form in force for less than one period is not judged; the latest period moves with --as-of."""
    recent = FORMS.replace("issued: 2025-04-01", "issued: 2026-11-01")
    text = recent + "---\nkind: Record\nid: R-1\nform: F-04-1\ndate: 2026-11-20\n"
    assert only(check(tmp_path / "a", text, "IP601"), "IP601") == []
    text = FORMS + "---\nkind: Record\nitems:\n  - {id: R-1, form: F-04-1, date: 2026-11-28}\n" \
        "  - {id: R-2, form: F-04-2, date: 2026-11-02}\n"
    assert check(tmp_path / "b", text, "IP602", as_of=dt.date(2026, 12, 1)) == []
    late = check(tmp_path / "c", text, "IP602", as_of=dt.date(2026, 12, 3))
    assert [(f.subject) for f in late] == ["F-04-2"]


def test_no_operation_at_all_is_one_major(tmp_path: Path) -> None:
    text = FORMS + "---\nkind: Manual\nid: MAN\ntitle: IP manual\nissued: 2025-04-01\n"
    findings = check(tmp_path, text, "IP601", "IP603", "IP607")
    assert [(f.rule, f.severity, f.subject) for f in findings] == [("IP603", "major", "MAN")]
    assert findings[0].message == ("No operation record has been made since Manual MAN 'IP manual' was issued "
                                   "on 2025-04-01")
    bare = check(tmp_path / "b", "kind: Enterprise\nid: e\nname: E\n", "IP603")
    assert [f.message for f in bare] == ["No operation record has been made on any record form"]


def test_monitoring_gaps_merge_into_spans(tmp_path: Path) -> None:
    weeks = [dt.date(2026, 11, 20) - dt.timedelta(weeks=w) for w in range(52)]
    kept = [d for d in weeks if not dt.date(2026, 6, 1) <= d <= dt.date(2026, 6, 30)]
    records = "\n".join(f"  - {{id: R-{i}, form: F-04-1, date: {d.isoformat()}}}" for i, d in enumerate(kept))
    findings = check(tmp_path, FORMS + "---\nkind: Record\nitems:\n" + records + "\n", "IP604")
    assert len(findings) == 1
    assert findings[0].message == (
        "Monitoring form F-04-1 'Deadline docket check' (weekly) has no record for 4 weeks of the last twelve "
        "months (2026-06-02 to 2026-06-29)")
    assert findings[0].corrective_action.startswith(
        "Have Legal & IP Department (He Jing) establish why form F-04-1 ('Deadline docket check') was not filled "
        "in for 2026-06-02 to 2026-06-29,")


def test_entry_and_exit_checks(tmp_path: Path) -> None:
    text = """\
        kind: Unit
        id: U-HR
        name: Human Resources Department
        head: yang.mei
        ---
        kind: Person
        items:
          - {id: yang.mei, name: Yang Mei, unit: U-HR}
          - {id: a.new, name: An New, joined: 2026-03-01}
          - {id: b.old, name: Bo Old, joined: 2024-03-01}
          - {id: c.gone, name: Cai Gone, left: 2026-06-30}
          - {id: d.secret, name: Du Secret, left: 2026-07-31}
          - {id: e.early, name: Er Early, left: 2025-06-30}
        ---
        kind: TradeSecret
        id: TS-1
        title: Brazing profile
        access: [d.secret]
        """
    findings = check(tmp_path, text, "IP609", "IP610")
    assert [(f.rule, f.subject) for f in findings] == [("IP609", "a.new"), ("IP610", "c.gone")]
    assert findings[0].message == "An New (a.new) joined on 2026-03-01 and has no entry IP check"
    assert findings[1].corrective_action.startswith(
        "Have Yang Mei, head of the Human Resources Department, complete the exit IP check of Cai Gone")


def test_staff_checks_speed() -> None:
    """All rules of the stages on 100,000 records and 20,000 people, well under a second."""
    decl = Declaration(root=".")

    def add(item) -> None:  # type: ignore[no-untyped-def]
        decl.items[type(item).__name__].append(item)
        decl.by_id[item.id] = item

    add(Manual(id="MAN", title="Manual", issued=dt.date(2025, 4, 1)))
    for i in range(40):
        add(RecordForm(id=f"F-{i}", title=f"Form {i}", frequency="weekly", monitoring=i % 2 == 0))
    start = dt.date(2025, 4, 1)
    for i in range(100_000):
        add(Record.model_construct(id=f"R-{i}", form=f"F-{i % 40}", date=start + dt.timedelta(days=i % 600),
                                   about=None))
    for i in range(20_000):
        add(Person.model_construct(id=f"P-{i}", name=f"P {i}", joined=start + dt.timedelta(days=i % 600),
                                   left=None, unit=None, top_management=False))
        add(StaffCheck.model_construct(id=f"SC-{i}", person=f"P-{i}", type="entry", date=start))
    ctx = CheckContext(decl, AS_OF)
    began = time.perf_counter()
    for rule in RULES:
        list(rule.check(ctx))
    assert time.perf_counter() - began < 1.0


# --- internal audit ---------------------------------------------------------------------

AUDIT = """\
kind: Unit
items:
  - {id: U-RD, name: R&D Centre}
  - {id: U-QA, name: Quality Department}
---
kind: Person
items:
  - {id: li.na, name: Li Na, unit: U-RD}
  - {id: hu.bin, name: Hu Bin, unit: U-QA}
  - {id: liu.hong, name: Liu Hong, top_management: true}
---
kind: Procedure
items:
  - {id: PR-10, title: R&D projects}
  - {id: PR-16, title: Internal audit}
---
kind: AuditProgramme
id: AP-2026
title: Internal audit programme 2026
cycle_start: 2026-01-01
cycle_end: 2026-12-31
approved_by: liu.hong
procedures: [PR-10, PR-16]
units: [U-RD, U-QA]
"""


def test_programme_audited_or_scheduled(tmp_path: Path) -> None:
    text = AUDIT + """\
---
kind: Audit
items:
  - {id: IA-1, programme: AP-2026, date: 2026-05-10, lead_auditor: hu.bin, units: [U-RD], procedures: [PR-10],
     report: RPT-1}
  - {id: IA-2, programme: AP-2026, date: 2027-01-20, lead_auditor: li.na, units: [U-QA], procedures: [PR-16]}
"""
    assert check(tmp_path / "a", text, "IP70") == []  # IA-2 is scheduled while the cycle runs
    after = check(tmp_path / "b", text, "IP70", as_of=dt.date(2027, 1, 10))
    assert [(f.rule, f.message) for f in after] == [
        ("IP704", ("Procedure PR-16 'Internal audit' is in audit programme AP-2026, whose cycle ended on 2026-12-31, "
                  "but no audit of it was performed")),
        ("IP705", ("Unit U-QA 'Quality Department' is in audit programme AP-2026, whose cycle ended on 2026-12-31, "
                  "but no audit of it was performed")),
    ]
    assert after[0].corrective_action == (
        "Have Liu Hong schedule an audit of procedure PR-16 'Internal audit' under programme AP-2026 with auditors "
        "independent of the units concerned, and hold it (if the cycle has ended, at the start of the next cycle).")


def test_auditor_independence(tmp_path: Path) -> None:
    text = AUDIT + """\
---
kind: Audit
id: IA-1
programme: AP-2026
date: 2026-05-10
lead_auditor: hu.bin
auditors: [hu.bin, li.na]
units: [U-RD, U-QA]
procedures: [PR-10, PR-16]
report: RPT-1
"""
    findings = check(tmp_path, text, "IP707")
    assert [(f.subject, f.location.line) for f in findings] == [("IA-1", 30), ("IA-1", 31)]
    assert [f.message for f in findings] == [
        "Audit IA-1 audits unit U-QA 'Quality Department' with lead auditor Hu Bin (hu.bin), who belongs to that unit",
        "Audit IA-1 audits unit U-RD 'R&D Centre' with auditor Li Na (li.na), who belongs to that unit",
    ]


def test_nonconformity_handling(tmp_path: Path) -> None:
    text = AUDIT + """\
---
kind: Nonconformity
items:
  - {id: NC-1, description: Docket check skipped, unit: U-RD, raised: 2026-05-10, grade: minor, owner: li.na,
     due: 2026-07-31, root_cause: no deputy, corrective_action: deputy named}
  - {id: NC-2, description: Search missing, unit: U-RD, raised: 2026-05-10, grade: minor, owner: li.na,
     due: 2026-06-30, root_cause: rushed start, corrective_action: start gate, closed: 2026-06-20}
  - {id: NC-3, description: Improvement idea, grade: observation, raised: 2026-05-10}
"""
    findings = check(tmp_path, text, "IP708", "IP709", "IP710", "IP711")
    assert [(f.rule, f.subject) for f in findings] == [("IP709", "NC-1"), ("IP710", "NC-2")]
    assert findings[0].message == ("Nonconformity NC-1 (unit R&D Centre), owned by Li Na, was due on 2026-07-31 "
                                   "and is not closed")
    assert findings[0].corrective_action.startswith("Have Li Na complete the corrective action of nonconformity NC-1")
    assert findings[1].message == ("Nonconformity NC-2 (unit R&D Centre) was closed on 2026-06-20 but its "
                                   "verification has no verified_by, verified, effective")
    assert findings[1].corrective_action.endswith("(missing: verified_by, verified, effective).")
    # one finding per nonconformity, however many fields are missing, with a stable fingerprint
    fewer = check(tmp_path / "b", text.replace("closed: 2026-06-20}", "closed: 2026-06-20, verified: 2026-07-30}"),
                  "IP710")
    assert [f.fingerprint for f in fewer] == [findings[1].fingerprint]
    assert fewer[0].message.endswith("has no verified_by, effective")


# --- management review ------------------------------------------------------------------

REVIEW = """\
kind: Person
items:
  - {id: chen.zhiyuan, name: Chen Zhiyuan, top_management: true}
  - {id: sun.lihua, name: Sun Lihua}
  - {id: cao.yan, name: Cao Yan}
---
kind: Audit
id: IA-1
date: 2026-06-10
---
kind: ManagementReview
id: MR-2025
date: 2025-10-30
chair: chen.zhiyuan
---
kind: ManagementReview
id: MR-2026
date: 2026-10-20
chair: sun.lihua
inputs: [audit-results, objective-achievement, policy-implementation, changes]
minutes: MIN-2026
attendees: [chen.zhiyuan, sun.lihua]
outputs:
  - {decision: Budget a third IP engineer, type: resources, owner: cao.yan, due: 2026-11-20}
  - {decision: Review the policy, type: policy-change}
"""


def test_review(tmp_path: Path) -> None:
    findings = check(tmp_path, REVIEW, "IP8")
    assert sorted((f.rule, f.subject, f.severity) for f in findings) == [
        ("IP802", "MR-2026", "major"),
        ("IP803", "MR-2026", "minor"),
        ("IP804", "MR-2026", "minor"),
        ("IP805", "MR-2026", "minor"),
        ("IP807", "MR-2026", "minor"),
    ]
    by_rule = {f.rule: f for f in findings}
    assert by_rule["IP802"].message == ("Management review MR-2026 of 2026-10-20 is chaired by Sun Lihua (sun.lihua), "
                                        "who is not top management")
    assert by_rule["IP802"].corrective_action == (
        "Have a member of top management (Chen Zhiyuan) chair review MR-2026, or hold it again under their chair, "
        "and record the chair in the minutes.")
    assert by_rule["IP803"].message == ("Management review MR-2026 of 2026-10-20 lacks the inputs "
                                        "risks-and-opportunities, resources, previous-review-follow-up and "
                                        "corrective-actions")
    assert by_rule["IP805"].message == ("Decision 1 of management review MR-2026, 'Budget a third IP engineer', "
                                        "owned by Cao Yan, was due on 2026-11-20 and is not done")
    assert by_rule["IP805"].corrective_action == (
        "Have Cao Yan complete 'Budget a third IP engineer' (due 2026-11-20) or have top management set a new due "
        "date with a reason, and record the completion date (`done`) on decision 1 of review MR-2026.")
    assert by_rule["IP804"].message == ("Decision 2 of management review MR-2026, 'Review the policy', has no owner "
                                        "and due date")


def test_review_interval_follows_as_of(tmp_path: Path) -> None:
    text = REVIEW.split("---\nkind: ManagementReview\nid: MR-2026")[0]
    assert check(tmp_path / "a", text, "IP801", as_of=dt.date(2026, 10, 29)) == []
    late = check(tmp_path / "b", text, "IP801")
    assert [(f.subject, f.message) for f in late] == [
        ("MR-2025", ("No management review has been held in the twelve months before 2026-11-24: the latest, "
                    "MR-2025, was held on 2025-10-30")),
    ]


def test_first_review_needs_no_follow_up_of_earlier_ones(tmp_path: Path) -> None:
    text = """\
        kind: ManagementReview
        id: MR-1
        date: 2026-10-20
        inputs: [audit-results, objective-achievement, policy-implementation, changes,
                 risks-and-opportunities, resources, corrective-actions]
        """
    assert check(tmp_path, textwrap.dedent(text), "IP803") == []


def test_programme_without_a_cycle(tmp_path: Path) -> None:
    findings = check(tmp_path, "kind: AuditProgramme\nid: AP\ntitle: Audit programme\n", "IP701")
    assert [(f.subject, f.message) for f in findings] == [
        ("AP", ("No internal audit programme is in force on 2026-11-24: programme AP 'Audit programme' has no cycle "
               "(cycle_start, cycle_end), so it covers no period")),
    ]
