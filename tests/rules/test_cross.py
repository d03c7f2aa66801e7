"""Cross-cutting rules (IPX002 onwards): each rule's own `fails`/`passes` examples, exact
messages and corrective actions on small inline declarations, and speed."""

from __future__ import annotations

import datetime as dt
import textwrap
import time
from pathlib import Path

from ipcheck.findings import Finding
from ipcheck.model.declaration import Declaration
from ipcheck.model.kinds import Manual, Nonconformity, Person, Record
from ipcheck.plugins import load_plugins
from ipcheck.rules.api import CheckContext
from ipcheck.i18n import Amount, Term, Text, Words
from tests.rules.helpers import AS_OF, check_declaration, violations

RULES = sorted(
    (r for r in load_plugins(entry_point_plugins=False).rules() if r.id.startswith("IPX") and r.id != "IPX001"),
    key=lambda r: r.id,
)


def check(tmp_path: Path, text: str, *select: str, as_of: dt.date = AS_OF) -> list[Finding]:
    return check_declaration(tmp_path, text, select or ("IPX",), as_of)








ROLES = """\
kind: Person
items:
  - {id: qin.lan, name: Qin Lan, left: 2026-05-31}
  - {id: lin.xiao, name: Lin Xiao}
---
kind: Role
items:
  - {id: ROLE-BRAND, title: Brand manager, holders: [qin.lan]}
  - {id: ROLE-DOC, title: Document controller, holders: []}
  - {id: ROLE-IDLE, title: Spare role, holders: []}
---
kind: Procedure
items:
  - {id: PR-01, title: Document control, owner: ROLE-DOC}
  - {id: PR-05, title: Trademark management, owner: ROLE-BRAND}
---
kind: SystemDocument
id: SD-01
title: Brand usage rules
owner: ROLE-BRAND
"""


def test_owner_roles_held_by_current_staff(tmp_path: Path) -> None:
    findings = check(tmp_path, ROLES, "IPX002")
    assert [(f.subject, f.location.line) for f in findings] == [("ROLE-BRAND", 8), ("ROLE-DOC", 9)]
    brand, doc = violations(tmp_path / "v", ROLES, "IPX002")
    assert brand == ("ROLE-BRAND", ("holders",), "holders-left", {
        "title": "Brand manager",
        "owned": [Words(Text("PR-05 'Trademark management'", {"zh-CN": "PR-05“Trademark management”"})),
                  Words(Text("SD-01 'Brand usage rules'", {"zh-CN": "SD-01“Brand usage rules”"}))],
        "left": [Words(Text("Qin Lan (left 2026-05-31)", {"zh-CN": "Qin Lan（2026-05-31离职）"}))]})
    assert doc[2] == "default"
    # before the holder left, the role was held
    assert [f.subject for f in check(tmp_path / "b", ROLES, "IPX002", as_of=dt.date(2026, 5, 30))] == ["ROLE-DOC"]


def test_records_before_the_manual_grouped_by_form(tmp_path: Path) -> None:
    text = """\
        kind: Manual
        id: MAN
        title: IP manual
        issued: 2025-04-01
        ---
        kind: RecordForm
        id: F-02-2
        title: IP review committee minutes
        ---
        kind: Record
        items:
          - {id: R-3, form: F-02-2, date: 2025-03-28}
          - {id: R-1, form: F-02-2, date: 2025-02-14}
          - {id: R-2, form: F-02-2, date: 2025-04-10}
        """
    findings = check(tmp_path, text, "IPX003")
    assert [(f.subject, f.location.line) for f in findings] == [("R-1", 13)]
    [(_, _, _, values)] = violations(tmp_path / "v", textwrap.dedent(text), "IPX003")
    assert (values["count"], values["records"], values["earliest"]) == (
        Amount(2, "record"), ["R-3", "R-1"], dt.date(2025, 2, 14))


def test_benefits_traced_to_objectives(tmp_path: Path) -> None:
    text = """\
        kind: Objective
        items:
          - {id: OBJ-01, statement: File 40 inventions, benefits: [patent-layout]}
          - {id: OBJ-02, statement: No lost disputes, benefits: [risk-prevention, four-in-one-protection]}
        """
    findings = check(tmp_path, text, "IPX005")
    assert [f.severity for f in findings] == ["observation"]
    [(_, _, _, values)] = violations(tmp_path / "v", textwrap.dedent(text), "IPX005")
    assert (values["benefit"], values["benefit_id"]) == (Term("benefit", "market-expansion"), "market-expansion")
    assert check(tmp_path / "none", "kind: Enterprise\nid: e\nname: E\n", "IPX005") == []


def test_open_responsibilities_of_leavers(tmp_path: Path) -> None:
    text = """\
        kind: Person
        items:
          - {id: han.bing, name: Han Bing, left: 2026-08-31}
          - {id: wang.jianguo, name: Wang Jianguo}
        ---
        kind: Objective
        items:
          - {id: OBJ-01, statement: File 40 inventions, owner: han.bing, status: on-track}
          - {id: OBJ-02, statement: Register ThermoLink, owner: han.bing, status: achieved}
        ---
        kind: WorkPlan
        id: WP
        title: Plan
        tasks:
          - {name: Write the R&D procedure, owner: han.bing, done: 2025-03-01}
          - {name: Train the R&D centre, owner: han.bing}
        ---
        kind: Unit
        id: U-RD
        name: R&D Centre
        head: han.bing
        """
    findings = check(tmp_path, text, "IPX006")
    assert [f.subject for f in findings] == ["OBJ-01", "WP", "U-RD"]
    said = violations(tmp_path / "v", textwrap.dedent(text), "IPX006")
    assert [(path, template, values["what"], values["duty"]) for _, path, template, values in said] == [
        (("owner",), "default", "File 40 inventions", Term("duty", "ownership")),
        (("tasks", 1, "owner"), "task", "Train the R&D centre", Term("duty", "ownership")),
        (("head",), "head", "R&D Centre", Term("duty", "headship")),
    ]
    assert check(tmp_path / "b", text, "IPX006", as_of=dt.date(2026, 8, 30)) == []


def test_dates_in_order_and_not_in_the_future(tmp_path: Path) -> None:
    text = """\
        kind: Person
        id: p.x
        name: Pan Xu
        joined: 2026-03-01
        left: 2025-03-01
        ---
        kind: WorkPlan
        id: WP
        title: Plan
        tasks:
          - {name: Diagnosis, start: 2025-02-01, due: 2025-01-15, done: 2026-12-24}
        """
    findings = check(tmp_path, text, "IPX007", "IPX008")
    assert sorted((f.rule, f.subject, f.category, f.clauses) for f in findings) == [
        ("IPX007", "WP", "data", ()), ("IPX008", "WP", "data", ()), ("IPX008", "p.x", "data", ())]
    text = textwrap.dedent(text)
    [(_, path, template, values)] = violations(tmp_path / "a", text, "IPX007")
    assert (path, template, values["task"], values["date"]) == (("tasks", 0, "done"), "task", "Diagnosis",
                                                                dt.date(2026, 12, 24))
    assert (values["field"], values["field"].translations) == ("tasks entry 1, done", {"zh-CN": "tasks第1项的done"})
    person, task = violations(tmp_path / "b", text, "IPX008")
    assert person[:3] == ("p.x", ("left",), "left-before-joining")
    assert (person[3]["first"], person[3]["second"]) == (dt.date(2026, 3, 1), dt.date(2025, 3, 1))
    assert task[:3] == ("WP", ("tasks", 0, "due"), "default")


def test_events_dated_after_the_check_date(tmp_path: Path) -> None:
    """A typed year on an audit or a review: reported at the date, and named by the rules
    that miss the audit or review, instead of a bare "never"."""
    text = """        kind: Audit
        id: AUD-1
        date: 2027-04-14
        ---
        kind: ManagementReview
        id: MR-2026
        date: 2027-05-20
        ---
        kind: Training
        id: TR-1
        topic: Induction
        date: 2026-12-01
        ---
        kind: ConfidentialityAgreement
        id: CA-1
        person: p.x
        signed: 2026-11-25
        """
    findings = check(tmp_path, text, "IPX007", "IP706", "IP801")
    assert sorted((f.rule, f.subject, str(f.location)) for f in findings) == [
        ("IP706", "AUD-1", "decl.yaml:3:7"),
        ("IP801", "MR-2026", "decl.yaml:7:7"),
        ("IPX007", "AUD-1", "decl.yaml:3:7"),
        ("IPX007", "CA-1", "decl.yaml:17:9"),
        ("IPX007", "MR-2026", "decl.yaml:7:7"),
        ("IPX007", "TR-1", "decl.yaml:12:7"),
    ]
    events = {subject: values["event"] for subject, _, _, values in
              violations(tmp_path / "v", textwrap.dedent(text), "IPX007")}
    assert events == {"AUD-1": Term("event", "performed"), "MR-2026": Term("event", "held"),
                      "TR-1": Term("event", "held"), "CA-1": Term("event", "signed")}


def test_speed() -> None:
    """The cross-cutting rules on 100,000 records and 20,000 people and nonconformities, well under a second."""
    decl = Declaration(root=".")

    def add(item) -> None:  # type: ignore[no-untyped-def]
        decl.items[type(item).__name__].append(item)
        decl.by_id[item.id] = item

    add(Manual(id="MAN", title="Manual", issued=dt.date(2025, 4, 1)))
    start = dt.date(2025, 1, 1)
    for i in range(100_000):
        add(Record.model_construct(id=f"R-{i}", form=f"F-{i % 40}", date=start + dt.timedelta(days=i % 700),
                                   about=None))
    for i in range(20_000):
        add(Person.model_construct(id=f"P-{i}", name=f"P {i}", joined=start, unit=None, top_management=False,
                                   left=start + dt.timedelta(days=i % 700) if i % 3 == 0 else None))
        add(Nonconformity.model_construct(id=f"NC-{i}", description="x", owner=f"P-{i}", raised=start,
                                          closed=None, verified=None, due=None))
    ctx = CheckContext(decl, AS_OF)
    began = time.perf_counter()
    for rule in RULES:
        list(rule.check(ctx))
    assert time.perf_counter() - began < 1.0
