"""Rules of the planning stages (IP1xx start-up, IP2xx diagnosis, IP3xx system construction,
IP4xx manual preparation, IP5xx dissemination): each rule's own `fails`/`passes` examples,
exact messages and corrective actions on small inline declarations, and speed."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

from ipcheck.findings import Finding
from ipcheck.i18n import Amount, Term, show
from ipcheck.load import load
from ipcheck.rules.api import CheckContext
from ipcheck.rules.declarative import Pack, _compile
from tests.rules.helpers import AS_OF, check_declaration, only, rules_with

PREFIXES = ("IP1", "IP2", "IP3", "IP4", "IP5")
STAGE = {"IP1": "startup", "IP2": "diagnosis", "IP3": "system", "IP4": "manual", "IP5": "dissemination"}
RULES = rules_with(PREFIXES)


def check(tmp_path: Path, text: str, *select: str, as_of: dt.date = AS_OF, edition: str | None = None) -> list[Finding]:
    return check_declaration(tmp_path, text, select or PREFIXES, as_of, edition)




def located(findings: list[Finding]) -> list[tuple[str, str, str | None, str]]:
    """(rule, severity, subject, file:line:column) of each finding."""
    return [(f.rule, f.severity, f.subject, f"{f.location.file}:{f.location.line}:{f.location.column}")
            for f in findings]


def violations(tmp_path: Path, text: str, *rule_ids: str,
               as_of: dt.date = AS_OF) -> list[tuple[str, str | None, tuple[str | int, ...], str, dict[str, Any]]]:
    """(rule, subject, path, template, values) of what each of ``rule_ids`` reports on ``text``."""
    folder = tmp_path / "decl"
    folder.mkdir(parents=True)
    (folder / "decl.yaml").write_text(text, encoding="utf-8")
    ctx = CheckContext(load([folder]), as_of)
    return [(r.id, v.subject, v.path, v.template, dict(v.values))
            for r in RULES if r.id in rule_ids for v in r.check(ctx)]


# -- every rule is documented and its examples do what they say --------------------------------


def test_each_stage_has_several_rules() -> None:
    for prefix, stage in STAGE.items():
        assert len([r for r in RULES if r.id.startswith(prefix)]) >= 4, stage






# -- start-up -------------------------------------------------------------------------------------

PEOPLE = """\
kind: Enterprise
id: acme
name: Acme Valves
---
kind: Unit
items:
  - {id: U-GM, name: General Office, head: wang.gang}
  - {id: U-RD, name: R&D Centre, key: true, head: li.na, ip_liaison: li.na}
  - {id: U-PUR, name: Procurement, key: true, head: ma.li, ip_liaison: ma.li}
---
kind: Person
items:
  - {id: wang.gang, name: Wang Gang, unit: U-GM, top_management: true}
  - {id: li.ping, name: Li Ping, unit: U-GM, top_management: true}
  - {id: zhao.lin, name: Zhao Lin, unit: U-RD}
  - {id: li.na, name: Li Na, unit: U-RD}
  - {id: ma.li, name: Ma Li, unit: U-PUR}
  - {id: gao.min, name: Gao Min, unit: U-RD, left: 2026-06-30}
"""


def test_working_group_led_from_a_department_and_missing_a_key_unit(tmp_path: Path) -> None:
    text = PEOPLE + """\
---
kind: WorkingGroup
id: WG-01
name: IP working group
appointed: 2025-01-06
appointed_by: wang.gang
leader: zhao.lin
members: [li.na]
"""
    assert located(check(tmp_path, text, "IP102", "IP103")) == [
        ("IP102", "observation", "WG-01", "decl.yaml:25:9"),
        ("IP103", "observation", "WG-01", "decl.yaml:26:10"),
    ]
    assert violations(tmp_path / "v", text, "IP102", "IP103") == [
        ("IP102", "WG-01", ("leader",), "default",
         {"group": "IP working group", "top_management": ["Wang Gang", "Li Ping"], "leader": "zhao.lin",
          "leader_name": "Zhao Lin"}),
        ("IP103", "WG-01", ("members",), "default",
         {"unit": "U-PUR", "unit_name": "Procurement", "unit_head": "Ma Li", "group": "IP working group"}),
    ]


def test_working_group_without_a_leader_and_no_top_management_declared(tmp_path: Path) -> None:
    text = "kind: WorkingGroup\nid: WG-01\nname: IP working group\n"
    [(rule, subject, path, template, values)] = violations(tmp_path, text, "IP102")
    assert (rule, subject, path, template) == ("IP102", "WG-01", ("leader",), "no-leader")
    assert show(values["top_management"], "en") == "no member of top management is declared"
    assert show(values["top_management"], "zh-CN") == "未声明最高管理者成员"


def test_work_plan_tasks_stages_and_overdue(tmp_path: Path) -> None:
    stages = ["diagnosis", "system", "manual", "dissemination", "operation", "internal-audit"]
    tasks = "".join(f"  - {{name: {s} work, stage: {s}, owner: li.ping, start: 2025-01-01, due: 2026-12-31}}\n"
                    for s in stages)
    text = PEOPLE + """\
---
kind: WorkPlan
id: PLAN-01
title: Implementation plan
approved_by: wang.gang
approved: 2025-01-10
tasks:
  - {name: Kick-off meeting, stage: startup, start: 2025-01-12}
  - {name: Train the key departments, stage: startup, owner: li.ping, start: 2025-01-13, due: 2025-02-28}
""" + tasks
    assert located(check(tmp_path, text, "IP106", "IP107", "IP113")) == [
        ("IP107", "observation", "PLAN-01", "decl.yaml:26:3"),
        ("IP106", "observation", "PLAN-01", "decl.yaml:26:5"),
        ("IP113", "observation", "PLAN-01", "decl.yaml:27:95"),
    ]
    assert violations(tmp_path / "v", text, "IP106", "IP107", "IP113") == [
        ("IP106", "PLAN-01", ("tasks", 0, "owner"), "default",
         {"task_no": 1, "task": "Kick-off meeting", "missing": ["owner", "due date"], "approver": "Wang Gang"}),
        ("IP107", "PLAN-01", ("tasks",), "default",
         {"plan": "Implementation plan", "stage": "management-review", "stage_title": Term("stage", "management-review"),
          "approver": "Wang Gang"}),
        ("IP113", "PLAN-01", ("tasks", 1, "due"), "default",
         {"task_no": 2, "task": "Train the key departments", "due": dt.date(2025, 2, 28), "owner": "Li Ping",
          "approver": "Wang Gang"}),
    ]


def test_startup_training_that_nobody_from_a_key_unit_attended(tmp_path: Path) -> None:
    text = PEOPLE + """\
---
kind: Training
id: TR-01
topic: GB/T 29490 and the implementation plan
date: 2025-01-20
stage: startup
audience: [U-RD, U-PUR]
attendees: [zhao.lin, li.na]
"""
    assert located(check(tmp_path, text, "IP111", "IP112", "IP512")) == [
        ("IP112", "observation", "TR-01", "decl.yaml:26:12"),
    ]
    assert violations(tmp_path / "v", text, "IP112") == [
        ("IP112", "TR-01", ("attendees",), "nobody-attended",
         {"unit": "U-PUR", "unit_name": "Procurement", "unit_head": "Ma Li"}),
    ]


# -- diagnosis and system construction ---------------------------------------------------------


def test_diagnosis_sections_and_date_after_the_manual(tmp_path: Path) -> None:
    text = PEOPLE + """\
---
kind: DiagnosisReport
id: DIAG-01
title: Diagnosis of IP management
date: 2025-05-02
author: zhao.lin
approved_by: li.ping
basic_information: 320 employees
organisational_structure: three units
current_state: patents filed by engineers
gaps: [no patent search before R&D]
---
kind: Manual
id: MANUAL
title: IP manual
issued: 2025-04-01
"""
    assert located(check(tmp_path, text, "IP2")) == [
        ("IP202", "observation", "DIAG-01", "decl.yaml:20:1"),
        ("IP203", "observation", "DIAG-01", "decl.yaml:20:1"),
        ("IP205", "observation", "DIAG-01", "decl.yaml:23:7"),
    ]
    assert violations(tmp_path / "v", text, "IP205") == [
        ("IP205", "DIAG-01", ("date",), "default",
         {"date": dt.date(2025, 5, 2), "manual": "MANUAL", "issued": dt.date(2025, 4, 1)}),
    ]
    assert [r.meta.citations(edition) for r in RULES if r.id.startswith(("IP1", "IP2"))
            for edition in ("2013", "2023") if r.meta.citations(edition)] == []


PEOPLE_AND_ROLES = PEOPLE + """\
---
kind: Policy
id: POLICY
text: Protect our innovations.
approved_by: zhao.lin
approved: 2025-03-01
communicated: 2025-03-10
communicated_via: [intranet]
---
kind: Role
items:
  - id: ROLE-MR
    title: Management representative
    type: management-representative
    holders: [zhao.lin]
    responsibilities: [maintain the system]
    authorities: [approve procedures]
  - id: ROLE-IPO
    title: IP engineer
    type: ip-officer
    holders: [gao.min]
    responsibilities: [filing]
    authorities: [instruct agencies]
"""


def test_policy_and_management_representative_below_top_management(tmp_path: Path) -> None:
    findings = check(tmp_path, PEOPLE_AND_ROLES, "IP302", "IP305", "IP309", "IP313", "IP314", edition="2013")
    assert located(findings) == [
        ("IP305", "major", None, "decl.yaml:1:1"),
        ("IP313", "observation", "U-GM", "decl.yaml:7:5"),
        ("IP302", "major", "POLICY", "decl.yaml:23:14"),
        ("IP309", "minor", "ROLE-MR", "decl.yaml:33:15"),
        ("IP314", "minor", "ROLE-IPO", "decl.yaml:39:15"),
    ]
    top = ["Wang Gang", "Li Ping"]
    assert [v for v in violations(tmp_path / "v", PEOPLE_AND_ROLES, "IP302", "IP309", "IP313", "IP314")
            if v[1] != "U-PUR" and v[1] != "U-RD"] == [
        ("IP302", "POLICY", ("approved_by",), "default",
         {"top_management": top, "approver": "zhao.lin", "approver_name": "Zhao Lin"}),
        ("IP309", "ROLE-MR", ("holders", 0), "default",
         {"role": "Management representative", "holder": "zhao.lin", "holder_name": "Zhao Lin", "top_management": top}),
        ("IP313", "U-GM", ("ip_liaison",), "default", {"unit_name": "General Office", "unit_head": "Wang Gang"}),
        ("IP314", "ROLE-IPO", ("holders", 0), "default",
         {"role": "IP engineer", "person": "gao.min", "person_name": "Gao Min", "left": dt.date(2026, 6, 30)}),
    ]
    assert check(tmp_path / "2023", PEOPLE_AND_ROLES, "IP308", "IP309") == []  # 2013 only


def test_a_leaver_is_not_reported_before_the_day_they_leave(tmp_path: Path) -> None:
    text = PEOPLE + "---\nkind: Role\nid: ROLE-IPO\ntitle: IP engineer\ntype: ip-officer\nholders: [gao.min]\n"
    assert only(check(tmp_path / "before", text, "IP314", as_of=dt.date(2026, 6, 29)), "IP314") == []
    assert len(only(check(tmp_path / "on", text, "IP314", as_of=dt.date(2026, 6, 30)), "IP314")) == 1


# -- manual ---------------------------------------------------------------------------------------


def test_manual_and_procedure_document_control(tmp_path: Path) -> None:
    findings = check(tmp_path, PEOPLE + """\
---
kind: Role
id: ROLE-IPD
title: IP department
type: ip-department
holders: [zhao.lin]
responsibilities: [day-to-day IP management]
authorities: [decide on filings]
---
kind: Manual
id: MANUAL
title: IP management manual
version: A/0
approved_by: zhao.lin
scope: all sites
policy: POLICY
procedures: [PR-01]
---
kind: Policy
id: POLICY
text: Protect our innovations.
---
kind: Procedure
items:
  - id: PR-01
    title: Patent filing
    owner: ROLE-IPD
    version: "1.0"
    approved_by: li.ping
    approved: 2025-03-24
    issued: 2025-03-20
    scope: invention disclosures and filing
    steps: [disclose, search, decide, file]
    forms: [F-01]
  - id: PR-02
    title: Trademark management
    scope: filing and watch
    steps: [file, watch]
    forms: [F-02]
---
kind: RecordForm
items:
  - {id: F-01, title: Invention disclosure, procedure: PR-01}
  - {id: F-02, title: Trademark watch report, procedure: PR-02}
  - {id: F-99, title: Old patent reward application}
""", "IP402", "IP403", "IP405", "IP406", "IP408", "IP409", "IP411", "IP412")
    assert located(findings) == [
        ("IP402", "major", "MANUAL", "decl.yaml:28:1"),
        ("IP403", "minor", "MANUAL", "decl.yaml:32:14"),
        ("IP412", "minor", "PR-01", "decl.yaml:49:13"),
        ("IP406", "minor", "PR-02", "decl.yaml:53:5"),
        ("IP408", "minor", "PR-02", "decl.yaml:53:5"),
        ("IP409", "minor", "PR-02", "decl.yaml:53:5"),
        ("IP411", "minor", "F-99", "decl.yaml:63:5"),
    ]


# -- dissemination -------------------------------------------------------------------------------


def test_promulgation_signed_below_top_management_before_approval(tmp_path: Path) -> None:
    findings = check(tmp_path, PEOPLE + """\
---
kind: Manual
id: MANUAL
title: IP management manual
approved_by: wang.gang
approved: 2025-04-20
issued: 2025-05-01
procedures: [PR-01]
---
kind: Procedure
id: PR-01
title: Patent filing
approved: 2025-04-20
---
kind: Promulgation
id: PROM-01
date: 2025-04-15
signed_by: li.na
documents: [MANUAL]
units: [U-GM, U-RD]
""", "IP503", "IP505", "IP507", "IP508")
    assert located(findings) == [
        ("IP507", "minor", "U-PUR", "decl.yaml:9:5"),
        ("IP505", "minor", "PR-01", "decl.yaml:28:1"),
        ("IP503", "minor", "PROM-01", "decl.yaml:36:12"),
        ("IP508", "minor", "PROM-01", "decl.yaml:37:13"),
    ]


def test_absent_documents_are_one_finding_each_not_one_per_item(tmp_path: Path) -> None:
    """Without a manual, a promulgation or any training, the `exists` rules report the absence
    once; the coverage rules (`only_if_by`) stay silent instead of naming every procedure."""
    findings = check(tmp_path, PEOPLE + """\
---
kind: Procedure
items:
  - {id: PR-01, title: Patent filing, forms: [F-01]}
  - {id: PR-02, title: Trademark management, forms: [F-02]}
---
kind: RecordForm
items:
  - {id: F-01, title: Invention disclosure, procedure: PR-01}
  - {id: F-02, title: Trademark watch report, procedure: PR-02}
""", "IP401", "IP406", "IP501", "IP504", "IP505", "IP506", "IP507", "IP509", "IP510")
    assert sorted(f.rule for f in findings) == ["IP401", "IP501", "IP509"]
    assert all(f.severity == "major" and f.subject is None for f in findings)


def test_only_if_by_is_a_declarative_option_of_covered() -> None:
    pack = Pack.model_validate({"rules": [{
        "id": "ACME001", "title": "t", "severity": "minor", "clauses": ["training"], "rationale": "r",
        "fails": "", "passes": "", "message": "{id} uncovered", "fix": "f",
        "check": {"covered": {"kind": "Procedure", "by": "Training", "via": "procedures",
                              "by_where": {"stage": "dissemination"}, "only_if_by": True}},
    }]})
    run = _compile(pack.rules[0])
    from ipcheck.model.declaration import Declaration
    from ipcheck.model.kinds import Procedure, Training

    decl = Declaration(root=".")
    decl.items["Procedure"] = [Procedure(id="PR-01", title="Patent filing")]
    ctx = CheckContext(decl, AS_OF)
    assert list(run(ctx)) == []  # no dissemination training at all: silent
    decl.items["Training"] = [Training(id="TR-1", topic="Induction", stage="operation", procedures=["PR-01"])]
    assert list(run(ctx)) == []  # a training of another stage does not count as one
    decl.items["Training"].append(Training(id="TR-2", topic="Manual", stage="dissemination"))
    assert [(v.subject, v.values["id"]) for v in run(ctx)] == [("PR-01", "PR-01")]


# -- speed ---------------------------------------------------------------------------------------


def test_large_declarations_are_checked_quickly(tmp_path: Path) -> None:
    """Thousands of people, units, roles, procedures and forms, and long attendance lists."""
    from ipcheck.model.declaration import Declaration
    from ipcheck.model.kinds import (
        Person,
        Procedure,
        Promulgation,
        RecordForm,
        Role,
        Task,
        Training,
        Unit,
        WorkingGroup,
        WorkPlan,
    )
    from ipcheck.vocabulary import STAGES

    n_units, n_people, n_docs = 2_000, 100_000, 5_000
    decl = Declaration(root=".")
    units = [Unit(id=f"U-{i}", name=f"Unit {i}", key=i % 2 == 0, ip_liaison=f"P-{i}") for i in range(n_units)]
    people = [Person(id=f"P-{i}", name=f"Person {i}", unit=f"U-{i % n_units}", top_management=i < 3)
              for i in range(n_people)]
    people_ids = [p.id for p in people]
    day = dt.date(2025, 4, 1)
    procedures = [Procedure(id=f"PR-{i}", title=f"Procedure {i}", forms=[f"F-{i}"], owner=f"R-{i}", version="1.0",
                            approved_by="P-0", approved=day, issued=day, scope="s", steps=["a"])
                  for i in range(n_docs)]
    forms = [RecordForm(id=f"F-{i}", title=f"Form {i}", procedure=f"PR-{i}") for i in range(n_docs)]
    decl.items.update({
        "Unit": units, "Person": people, "Procedure": procedures, "RecordForm": forms,
        "Role": [Role(id=f"R-{i}", title=f"Role {i}", holders=people_ids[i * 10:(i + 1) * 10], responsibilities=["r"],
                      authorities=["a"]) for i in range(n_docs)],
        "WorkingGroup": [WorkingGroup(id="WG", name="WG", leader="P-0", members=people_ids[:n_units])],
        "WorkPlan": [WorkPlan(id="PLAN", title="Plan", tasks=[
            Task(name=f"t{i}", stage=STAGES[i % 8], owner="P-1", start=day, due=day, done=day) for i in range(n_docs)])],
        "Training": [Training(id=f"TR-{s}", topic="t", stage=s, audience=[u.id for u in units],
                              attendees=people_ids, procedures=[p.id for p in procedures])
                     for s in ("startup", "dissemination")],
        "Promulgation": [Promulgation(id="PROM", documents=[d.id for d in procedures + forms],
                                      units=[u.id for u in units])],
    })
    for items in decl.items.values():
        for item in items:
            decl.by_id[item.id] = item
    ctx = CheckContext(decl, AS_OF)
    started = time.perf_counter()
    found = [v for rule in RULES for v in rule.check(ctx)]
    elapsed = time.perf_counter() - started
    assert elapsed < 0.5, f"{elapsed:.2f} s"
    assert len(found) < 25, [v.message for v in found]


# -- context, obligations, culture, risks, budget ------------------------------------------------

SYSTEM_2023 = PEOPLE + """\
---
kind: Role
items:
  - {id: ROLE-IPD, title: IP department, type: ip-department, agency: Suzhou Hengtai IP Agency,
     responsibilities: [filing], authorities: [instruct the agency]}
---
kind: ContextReview
id: CTX-1
title: Context
reviewed: 2025-10-01
internal_issues: [one R&D team]
external_issues: [competitors' patents]
interested_parties:
  - {name: Customers, requirements: [freedom to operate]}
  - {name: Regulators}
---
kind: ComplianceObligation
items:
  - {id: CO-1, title: Patent Law, source: NPC, owner: li.na, kept_current: CNIPA notices, reviewed: 2026-03-01}
  - {id: CO-2, title: Trademark Law, source: NPC, owner: li.na, kept_current: CNIPA notices}
---
kind: CultureActivity
id: CA-1
title: IP week
date: 2025-04-26
---
kind: Budget
id: BUD-1
start: 2026-01-01
end: 2026-12-31
approved_by: wang.gang
lines:
  - {purpose: filing, amount: 1000}
  - {purpose: maintenance, amount: 1000}
  - {purpose: rewards, amount: 0}
"""


def test_context_obligations_culture_and_budget(tmp_path: Path) -> None:
    rules = ("IP310", "IP311", "IP316", "IP318", "IP320", "IP322", "IP326", "IP327")
    assert located(check(tmp_path, SYSTEM_2023, *rules)) == [
        ("IP316", "minor", "CTX-1", "decl.yaml:28:11"),
        ("IP318", "minor", "CTX-1", "decl.yaml:33:5"),
        ("IP320", "minor", "CO-2", "decl.yaml:38:5"),
        ("IP322", "minor", "CA-1", "decl.yaml:43:7"),
        ("IP326", "minor", "BUD-1", "decl.yaml:45:1"),
        ("IP327", "minor", "BUD-1", "decl.yaml:51:3"),
    ]  # an outside agency carries the IP department: no IP310, no IP311
    year = {"start": dt.date(2026, 1, 1), "end": dt.date(2026, 12, 31)}
    assert violations(tmp_path / "v", SYSTEM_2023, *rules) == [
        ("IP316", "CTX-1", ("reviewed",), "default",
         {"reviewed": dt.date(2025, 10, 1), "as_of": AS_OF, "period": Amount(12, "month")}),
        ("IP318", "CTX-1", ("interested_parties", 1), "default", {"party": "Regulators"}),
        ("IP320", "CO-2", ("reviewed",), "never", {"obligation": "Trademark Law", "owner": "Li Na"}),
        ("IP322", "CA-1", ("date",), "default",
         {"latest": dt.date(2025, 4, 26), "as_of": AS_OF, "period": Amount(12, "month")}),
        ("IP326", "BUD-1", ("approved",), "not-approved",
         {**year, "top_management": ["Wang Gang", "Li Ping"], "field": ["approved"]}),
        ("IP327", "BUD-1", ("lines",), "default",
         {**year, "purposes": [Term("budget-purpose", p) for p in ("search-analysis", "disputes", "training", "rewards")],
          "approver": "Wang Gang"}),
    ]
    in_2013 = check(tmp_path / "2013", SYSTEM_2023, *rules, edition="2013")  # context and culture: 2023 only
    assert [f.rule for f in in_2013] == ["IP320", "IP326", "IP327"]
