"""Rules of the running system (IP6xx operation, IP7xx internal audit, IP8xx management
review): each rule's own `fails`/`passes` examples, exact messages and corrective actions
on small inline declarations, judgement against --as-of, and speed."""

from __future__ import annotations

import datetime as dt
import textwrap
import time
from pathlib import Path

from ipcheck.findings import Finding
from ipcheck.i18n import Amount, Term, Text, Words
from ipcheck.model.declaration import Declaration
from ipcheck.model.kinds import Manual, Person, Record, RecordForm, StaffCheck
from ipcheck.rules.api import CheckContext
from ipcheck.rules.builtin.common import every_one
from tests.rules.helpers import AS_OF, check_declaration, only, rules_with, violations

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
    text = FORMS + "---\nkind: Record\nitems:\n  - {id: R-1, form: F-04-1, date: 2026-11-20}\n" \
        "  - {id: R-2, form: F-04-2, date: 2026-09-30}\n"
    owner = Words(Text("Legal & IP Department (He Jing)", {"zh-CN": "Legal & IP Department（He Jing）"}))
    assert violations(tmp_path / "v", text, "IP602") == [
        ("F-04-2", ("frequency",), "default",
         {"form": "Annuity payment list", "owner": owner, "frequency": Term("frequency", "monthly"),
          "period": Term("period", "monthly"), "latest": dt.date(2026, 9, 30), "record": "R-2", "as_of": AS_OF}),
    ]
    never = check(tmp_path / "b", FORMS + "---\nkind: Record\nid: R-1\nform: F-04-1\ndate: 2026-11-20\n", "IP601")
    assert [(f.rule, f.subject, f.severity, f.location.line) for f in never] == [("IP601", "F-04-2", "major", 19)]
    [(_, _, template, values)] = violations(tmp_path / "c", FORMS + "---\nkind: Record\nid: R-1\nform: F-04-1\n"
                                            "date: 2026-11-20\n", "IP601")
    assert (template, values["start"], values["procedure"]) == ("in-force-since", dt.date(2025, 4, 1), "PR-04")


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
    assert violations(tmp_path / "v", text, "IP603") == [
        ("MAN", ("issued",), "since-manual", {"manual": "IP manual", "issued": dt.date(2025, 4, 1)})]
    bare = violations(tmp_path / "b", "kind: Enterprise\nid: e\nname: E\n", "IP603")
    assert bare == [(None, (), "default", {})]


def test_monitoring_gaps_merge_into_spans(tmp_path: Path) -> None:
    weeks = [dt.date(2026, 11, 20) - dt.timedelta(weeks=w) for w in range(52)]
    kept = [d for d in weeks if not dt.date(2026, 6, 1) <= d <= dt.date(2026, 6, 30)]
    records = "\n".join(f"  - {{id: R-{i}, form: F-04-1, date: {d.isoformat()}}}" for i, d in enumerate(kept))
    findings = check(tmp_path, FORMS + "---\nkind: Record\nitems:\n" + records + "\n", "IP604")
    assert len(findings) == 1
    [(subject, path, _, values)] = violations(tmp_path / "v", FORMS + "---\nkind: Record\nitems:\n" + records + "\n",
                                              "IP604")
    assert (subject, path, values["missed"]) == ("F-04-1", ("monitoring",), Amount(4, "week"))
    assert values["gaps"] == [Words(Text("2026-06-02 to 2026-06-29", {"zh-CN": "2026-06-02至2026-06-29"}))]


STAFF = """\
kind: Unit
items:
  - {id: U-HR, name: 人力资源部, head: yang.mei, function: human-resources}
  - {id: U-RD, name: R&D Centre, function: research-development}
  - {id: U-SAL, name: Sales Department, function: sales}
---
kind: Person
items:
  - {id: yang.mei, name: Yang Mei, unit: U-HR}
  - {id: a.new, name: An New, unit: U-RD, joined: 2026-03-01}
  - {id: s.new, name: Su New, unit: U-SAL, joined: 2026-04-01}
  - {id: t.new, name: Tao New, unit: U-SAL, joined: 2026-05-01}
  - {id: b.old, name: Bo Old, unit: U-RD, joined: 2024-03-01}
  - {id: c.gone, name: Cai Gone, left: 2026-06-30}
  - {id: d.secret, name: Du Secret, left: 2026-07-31}
  - {id: e.early, name: Er Early, left: 2025-06-30}
---
kind: TradeSecret
id: TS-1
title: Brazing profile
access: [d.secret, t.new]
"""


def test_entry_checks_are_required_of_key_posts_only(tmp_path: Path) -> None:
    """R&D (by the unit's function) and access to a secret are key posts; a sales hire is not."""
    findings = check(tmp_path, STAFF, "IP609", "IP610")
    assert [(f.rule, f.subject, f.location.line) for f in findings] == [
        ("IP609", "a.new", 10), ("IP609", "t.new", 12), ("IP610", "c.gone", 14)]
    entry = violations(tmp_path / "v", STAFF, "IP609")
    assert [(subject, values["post"], values["joined"]) for subject, _, _, values in entry] == [
        ("a.new", Term("key-post", "research-development"), dt.date(2026, 3, 1)),
        ("t.new", Term("key-post", "trade-secret"), dt.date(2026, 5, 1)),
    ]


def test_the_hr_unit_is_found_by_its_function_not_its_name(tmp_path: Path) -> None:
    hr = Words(Text("Yang Mei, head of the 人力资源部,", {"zh-CN": "人力资源部负责人Yang Mei"}))
    [(_, path, _, values)] = violations(tmp_path / "a", STAFF, "IP610")
    assert (path, values["hr"], values["left"]) == (("left",), hr, dt.date(2026, 6, 30))
    named_only = STAFF.replace(", function: human-resources", "").replace("人力资源部", "Human Resources Department")
    [(_, _, _, values)] = violations(tmp_path / "b", named_only, "IP610")
    assert values["hr"] == Words(Text("the human resources department", {"zh-CN": "人力资源部门"}))


def test_leavers_of_one_unit_without_exit_checks_are_one_systemic_finding(tmp_path: Path) -> None:
    people = "".join(f"  - {{id: p{i}, name: P {i}, unit: U-PRD, left: 2026-0{i + 1}-15}}\n" for i in range(3))
    text = "kind: Unit\nid: U-PRD\nname: Manufacturing\n---\nkind: Person\nitems:\n" + people
    [finding] = check(tmp_path, text, "IP610")
    assert (finding.severity, finding.subject, finding.location.line) == ("major", None, 7)
    assert finding.evidence == ("p0 at decl.yaml:7:44", "p1 at decl.yaml:8:44", "p2 at decl.yaml:9:44")
    two = check(tmp_path / "b", text.replace("  - {id: p2, name: P 2, unit: U-PRD, left: 2026-03-15}\n", ""), "IP610")
    assert [(f.severity, f.subject) for f in two] == [("minor", "p0"), ("minor", "p1")]


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
    assert [(f.rule, f.subject, f.location.line) for f in after] == [("IP704", "AP-2026", 23), ("IP705", "AP-2026", 24)]
    assert violations(tmp_path / "v", text, "IP704", as_of=dt.date(2027, 1, 10)) == [
        ("AP-2026", ("procedures", 1), "ended",
         {"item": Words(Text("PR-16 'Internal audit'", {"zh-CN": "PR-16“Internal audit”"})), "programme": "AP-2026",
          "title": "Internal audit programme 2026", "approver": "Liu Hong", "cycle_end": dt.date(2026, 12, 31)}),
    ]


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
    assert [(path, template, values["auditor_id"], values["unit"])
            for _, path, template, values in violations(tmp_path / "v", text, "IP707")] == [
        (("lead_auditor",), "lead-auditor", "hu.bin", "U-QA"),
        (("auditors", 1), "default", "li.na", "U-RD"),
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
                                   "verification has no verified_by, verified and effective")
    assert findings[1].corrective_action.endswith("(missing: verified_by, verified and effective).")
    # one finding per nonconformity, however many fields are missing, with a stable fingerprint
    fewer = check(tmp_path / "b", text.replace("closed: 2026-06-20}", "closed: 2026-06-20, verified: 2026-07-30}"),
                  "IP710")
    assert [f.fingerprint for f in fewer] == [findings[1].fingerprint]
    assert fewer[0].message.endswith("has no verified_by and effective")


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
        ("IP809", "MR-2026", "minor"),  # no decision of type improvement
    ]
    said = {rule: violations(tmp_path / rule, REVIEW, rule) for rule in ("IP802", "IP803", "IP804", "IP805")}
    assert said["IP802"] == [("MR-2026", ("chair",), "default",
                              {"top": ["Chen Zhiyuan"], "held": dt.date(2026, 10, 20), "chair": "sun.lihua",
                               "chair_name": "Sun Lihua"})]
    [(_, _, template, values)] = said["IP803"]
    assert (template, values["missing"]) == ("default", every_one(
        Term("review-input", i) for i in ("risks-and-opportunities", "resources", "previous-review-follow-up",
                                          "corrective-actions")))
    assert said["IP805"] == [("MR-2026", ("outputs", 0, "due"), "default",
                              {"decision": "Budget a third IP engineer", "owner_name": "Cao Yan",
                               "due": dt.date(2026, 11, 20), "number": 1})]
    [(_, path, template, values)] = said["IP804"]
    assert (path, template, values["missing"]) == (("outputs", 1), "default",
                                                   [Term("decision-part", "owner"), Term("decision-part", "due")])


def test_review_inputs_follow_the_edition(tmp_path: Path) -> None:
    """2013 (5.5.2) asks for its own five inputs; a review minuted against the 2023 list counts for
    the 2013 inputs that say the same, and the other way round."""
    listed_2013 = """\
        kind: ManagementReview
        id: MR-1
        date: 2026-10-20
        inputs: [policy-and-objectives, ip-management-and-risk-assessment, earlier-audit-and-review-results]
        """
    text = textwrap.dedent(listed_2013)
    [(_, _, _, under_2013)] = violations(tmp_path / "a", text, "IP803", edition="2013")
    assert under_2013["missing"] == every_one([Term("review-input", "business-strategy-and-new-products"),
                                               Term("review-input", "technology-and-standards-trends")])
    [(_, _, _, under_2023)] = violations(tmp_path / "b", text, "IP803", edition="2023")
    assert under_2023["missing"] == every_one(Term("review-input", i) for i in ("changes", "resources",
                                                                             "corrective-actions"))
    listed_2023 = text.replace("[policy-and-objectives, ip-management-and-risk-assessment, "
                               "earlier-audit-and-review-results]",
                               "[audit-results, objective-achievement, changes, risks-and-opportunities]")
    assert violations(tmp_path / "c", listed_2023, "IP803", edition="2013") == []


def test_review_interval_follows_as_of(tmp_path: Path) -> None:
    text = REVIEW.split("---\nkind: ManagementReview\nid: MR-2026")[0]
    assert check(tmp_path / "a", text, "IP801", as_of=dt.date(2026, 10, 29)) == []
    late = check(tmp_path / "b", text, "IP801")
    assert [(f.subject, f.location.line) for f in late] == [("MR-2025", 13)]
    [(_, _, template, values)] = violations(tmp_path / "v", text, "IP801", edition="2013")
    assert (template, values["held"], values["as_of"]) == ("latest", dt.date(2025, 10, 30), AS_OF)
    assert values["inputs"] == every_one(Term("review-input", i) for i in (
        "policy-and-objectives", "business-strategy-and-new-products", "ip-management-and-risk-assessment",
        "technology-and-standards-trends", "earlier-audit-and-review-results"))


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
    assert [(f.subject, f.location.line) for f in findings] == [("AP", 1)]
    assert violations(tmp_path / "v", "kind: AuditProgramme\nid: AP\ntitle: Audit programme\n", "IP701") == [
        ("AP", ("cycle_start",), "undated", {"as_of": AS_OF, "title": "Audit programme"})]


EXPLOITATIONS = """\
kind: Exploitation
id: EX-LIC
title: Licence of the gasket patent
type: licence-out
counterparty: Ningbo Seals
date: 2026-03-01
---
kind: Exploitation
id: EX-PLG
title: Pledge of the coil patents
type: pledge
date: 2026-03-01
---
kind: Exploitation
id: EX-MRG
title: Merger with the Wuxi coil maker
type: merger
date: 2026-03-01
---
kind: Exploitation
id: EX-STD
title: Drafting group of the plate heat exchanger standard
type: standard-setting
counterparty: SAC/TC 262
date: 2026-03-01
---
kind: Exploitation
id: EX-POOL
title: Heat pump patent pool
type: patent-pool
date: 2026-03-01
"""


def test_each_exploitation_finding_cites_the_clause_of_its_type(tmp_path: Path) -> None:
    for edition, expected in (
        ("2013", {
            ("IP632", "EX-LIC"): ("GB/T 29490-2013 7.3.1",),
            ("IP632", "EX-PLG"): ("GB/T 29490-2013 7.3.2",),
            ("IP632", "EX-MRG"): ("GB/T 29490-2013 7.3.3",),
            ("IP632", "EX-STD"): ("GB/T 29490-2013 7.3.4",),
            ("IP632", "EX-POOL"): ("GB/T 29490-2013 7.3.5",),
            ("IP633", "EX-LIC"): ("GB/T 29490-2013 7.3.1", "GB/T 29490-2013 7.5"),
            ("IP633", "EX-PLG"): ("GB/T 29490-2013 7.3.2", "GB/T 29490-2013 7.5"),
            ("IP633", "EX-MRG"): ("GB/T 29490-2013 7.3.3", "GB/T 29490-2013 7.5"),
            ("IP633", "EX-POOL"): ("GB/T 29490-2013 7.3.5", "GB/T 29490-2013 7.5"),  # a standard has no contract
            ("IP650", "EX-STD"): ("GB/T 29490-2013 7.3.4",),
            ("IP650", "EX-POOL"): ("GB/T 29490-2013 7.3.5",),
        }),
        ("2023", {
            ("IP632", s): ("GB/T 29490-2023 8",) for s in ("EX-LIC", "EX-PLG", "EX-MRG", "EX-STD", "EX-POOL")
        } | {("IP633", s): ("GB/T 29490-2023 8",) for s in ("EX-LIC", "EX-PLG", "EX-MRG", "EX-POOL")}
          | {("IP650", s): ("GB/T 29490-2023 8",) for s in ("EX-STD", "EX-POOL")}),
    ):
        findings = check_declaration(tmp_path / edition, EXPLOITATIONS, ["IP632", "IP633", "IP650"], edition=edition)
        assert {(f.rule, f.subject): f.clauses for f in findings} == expected, edition
        assert len(findings) == len(expected)


def test_the_obligations_of_a_standard_and_of_a_pool_are_named_by_their_own_templates(tmp_path: Path) -> None:
    found = violations(tmp_path, EXPLOITATIONS, "IP650")
    assert [(subject, path, template) for subject, path, template, _ in found] == [
        ("EX-STD", ("type",), "standard"), ("EX-POOL", ("type",), "membership")]
    assert found[0][3] == {"title": "Drafting group of the plate heat exchanger standard",
                           "type": Term("exploitation-type", "standard-setting"), "counterparty": "SAC/TC 262"}
    evaluated = violations(tmp_path / "632", EXPLOITATIONS, "IP632")
    assert [v[3]["evaluation"] for v in evaluated] == [
        Term("exploitation-evaluation", t) for t in ("licensing", "investment-financing", "restructuring",
                                                     "standardisation", "alliances")]


def test_a_violation_citing_a_topic_its_rule_does_not_name_is_an_internal_error() -> None:
    import pytest

    from ipcheck.rules.engine import _topic_citations

    meta = rules_with(("IP650",))[0].meta
    assert _topic_citations(meta, ("alliances",), "2013") == ("GB/T 29490-2013 7.3.5",)
    with pytest.raises(ValueError, match="'licensing', which the rule's clauses"):
        _topic_citations(meta, ("licensing",), "2013")


IMPROVEMENTS = """\
kind: Manual
id: MAN-01
title: IP management manual
issued: 2025-04-01
---
kind: ProcessImprovement
id: PI-OLD
title: Before the manual
implemented: 2025-03-01
---
kind: ProcessImprovement
id: PI-RECENT
title: Not yet due
implemented: 2026-09-01
---
kind: ProcessImprovement
id: PI-NONE
title: Never evaluated
implemented: 2026-07-01
---
kind: ProcessImprovement
id: PI-LATE
title: Evaluated late
implemented: 2026-01-10
evaluation: {date: 2026-04-11}
protection: none
---
kind: ProcessImprovement
id: PI-UNDECIDED
title: Evaluated, nothing decided
implemented: 2026-01-10
evaluation: {date: 2026-04-10}
---
kind: ProcessImprovement
id: PI-SECRET
title: Kept secret, not registered
implemented: 2026-01-10
evaluation: {date: 2026-02-01}
protection: trade-secret
rights: [P-1]
---
kind: ProcessImprovement
id: PI-REGISTERED
title: Kept secret and registered
implemented: 2026-01-10
evaluation: {date: 2026-02-01}
protection: trade-secret
rights: [TS-1]
---
kind: TradeSecret
id: TS-1
title: Casting parameters
---
kind: Patent
id: P-1
title: A patent
type: invention
jurisdiction: CN
status: pending
"""


def test_improvements_in_production_are_evaluated_within_three_months(tmp_path: Path) -> None:
    window = Amount(3, "month")
    assert violations(tmp_path, IMPROVEMENTS, "IP651", as_of=dt.date(2026, 11, 24)) == [
        ("PI-NONE", ("implemented",), "default",
         {"title": "Never evaluated", "implemented": dt.date(2026, 7, 1), "window": window}),
        ("PI-LATE", ("evaluation", "date"), "evaluated-late",
         {"title": "Evaluated late", "implemented": dt.date(2026, 1, 10), "window": window,
          "evaluated": dt.date(2026, 4, 11)}),
        ("PI-UNDECIDED", ("evaluation",), "undecided",
         {"title": "Evaluated, nothing decided", "implemented": dt.date(2026, 1, 10), "window": window,
          "evaluated": dt.date(2026, 4, 10)}),
    ]
    # on the last day of the window an improvement is not yet overdue
    assert [v[0] for v in violations(tmp_path / "edge", IMPROVEMENTS, "IP651", as_of=dt.date(2026, 10, 1))] == [
        "PI-LATE", "PI-UNDECIDED"]


def test_an_improvement_kept_secret_names_a_trade_secret_of_the_register(tmp_path: Path) -> None:
    assert violations(tmp_path, IMPROVEMENTS, "IP652", as_of=dt.date(2026, 11, 24)) == [
        ("PI-SECRET", ("protection",), "default",
         {"title": "Kept secret, not registered", "implemented": dt.date(2026, 1, 10),
          "evaluated": dt.date(2026, 2, 1)})]
    findings = check_declaration(tmp_path / "2013", IMPROVEMENTS, ["IP651", "IP652"], as_of=dt.date(2026, 11, 24),
                                 edition="2013")
    assert sorted((f.rule, f.subject, f.clauses) for f in findings) == [
        ("IP651", "PI-LATE", ("GB/T 29490-2013 8.4",)),
        ("IP651", "PI-NONE", ("GB/T 29490-2013 8.4",)),
        ("IP651", "PI-UNDECIDED", ("GB/T 29490-2013 8.4",)),
        ("IP652", "PI-SECRET", ("GB/T 29490-2013 8.4", "GB/T 29490-2013 7.6"))]
