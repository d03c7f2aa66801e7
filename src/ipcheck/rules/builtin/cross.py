"""Cross-cutting rules (IPX002 onwards): responsibilities held by current staff, dates in a
plausible order, and the four benefits of the standard traced to objectives.

Each rule makes one pass over the kinds it reads, with dicts and sets for the lookups.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ipcheck.model.declaration import Declaration
from ipcheck.model.kinds import (
    Audit,
    AuditProgramme,
    ConfidentialityAgreement,
    Contract,
    Item,
    ManagementReview,
    Meeting,
    Nonconformity,
    Objective,
    Person,
    Procedure,
    Project,
    Promulgation,
    Record,
    RecordForm,
    Role,
    StaffCheck,
    SystemDocument,
    Training,
    Unit,
    WorkPlan,
)
from ipcheck.rules.api import CheckContext, Rule, Violation, rule, spoken_path
from ipcheck.rules.builtin.common import (
    cite_list,
    has_left,
    manual_issued,
    name_of,
    people_who_left,
)

BENEFITS: dict[str, str] = {
    "risk-prevention": "preventing IP risk through management",
    "patent-layout": "promoting innovation through patent layout",
    "market-expansion": "using IP to expand domestic and foreign markets",
    "four-in-one-protection": "the four-in-one protection of patents, trademarks, copyrights and trade secrets",
}


def _gone(person: Person | None, as_of: dt.date) -> bool:
    """A declared person who left on or before ``as_of``."""
    return person is not None and has_left(person, as_of)


def _owned_by_role(decl: Declaration) -> dict[str, list[Item]]:
    owned: dict[str, list[Item]] = {}
    docs: list[Procedure | SystemDocument] = [*decl.of(Procedure), *decl.of(SystemDocument)]
    for doc in docs:
        if doc.owner is not None:
            owned.setdefault(doc.owner, []).append(doc)
    return owned


def _vacant_owner_roles(decl: Declaration, as_of: dt.date) -> dict[str, list[Item]]:
    """Roles that own procedures or system documents and have no current holder."""
    owned = _owned_by_role(decl)
    vacant: dict[str, list[Item]] = {}
    for role in decl.of(Role):
        docs = owned.get(role.id)
        if docs and not any(not _gone(decl.get(h, Person), as_of) for h in role.holders):
            vacant[role.id] = docs
    return vacant


@rule(
    id="IPX002",
    title="Roles that own procedures or documents are held by someone",
    severity="minor",
    clauses=("organisation", "document-control"),
    rationale=(
        "A procedure or system document is kept up to date and carried out by the role that "
        "owns it. A role with no holder, or whose holders have all left, leaves its documents "
        "without anyone responsible."
    ),
    fails="""\
kind: Role
id: ROLE-TM
title: Trademark manager
holders: []
---
kind: Procedure
id: PR-05
title: Trademark management
owner: ROLE-TM
""",
    passes="""\
kind: Role
id: ROLE-TM
title: Trademark manager
holders: [lin.xiao]
---
kind: Procedure
id: PR-05
title: Trademark management
owner: ROLE-TM
""",
    fix=(
        "Have top management appoint a current member of staff to role {subject} '{title}', which owns "
        "{owned}, and announce the appointment to the units that apply them."
    ),
)
def ipx002(ctx: CheckContext) -> Iterator[Violation]:
    decl, as_of = ctx.declaration, ctx.as_of
    vacant = _vacant_owner_roles(decl, as_of)
    for role in decl.of(Role):
        docs = vacant.get(role.id)
        if docs is None:
            continue
        owned = cite_list(f"{type(d).__name__} {d.id} '{name_of(d)}'" for d in docs)
        if role.holders:
            who = cite_list(f"{p.name} (left {p.left.isoformat()})"  # type: ignore[union-attr]
                            for p in decl.resolve(role.holders, Person))
            why = f"all its holders have left: {who}"
        else:
            why = "nobody holds it"
        yield Violation(
            f"Role {role.id} '{role.title}' owns {owned}, but {why}",
            subject=role.id, path=("holders",), values={"title": role.title, "owned": owned},
        )


@rule(
    id="IPX003",
    title="Operation records are dated after the manual is issued",
    severity="minor",
    stage="operation",
    clauses=("records", "document-control"),
    rationale=(
        "Records are made on the forms of the system once the manual and its procedures are in "
        "force. A record dated before the manual was issued was made on a form that did not yet "
        "exist: its date is wrong or the record was made up afterwards."
    ),
    fails="""\
kind: Manual
id: MAN-01
title: IP management manual
issued: 2025-03-01
---
kind: Record
id: R-2025-0001
form: F-02-2
date: 2025-02-14
""",
    passes="""\
kind: Manual
id: MAN-01
title: IP management manual
issued: 2025-03-01
---
kind: Record
id: R-2025-0001
form: F-02-2
date: 2025-03-28
""",
    fix=(
        "Check the records on form {form} made before manual {manual} was issued on {issued} ({records}): "
        "correct their dates, or, if they were made under earlier rules, keep them as historical "
        "records outside the system's operation records."
    ),
)
def ipx003(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    manual, issued = manual_issued(decl)
    if manual is None or issued is None:
        return
    early: dict[str, list[Record]] = {}
    for record in decl.of(Record):
        if record.date < issued:
            early.setdefault(record.form, []).append(record)
    for form_id, records in early.items():
        first = min(records, key=lambda r: r.date)
        form = decl.get(form_id, RecordForm)
        label = f"{form_id} '{form.title}'" if form is not None else form_id
        count = f"{len(records)} records" if len(records) > 1 else "1 record"
        yield Violation(
            f"{count} on form {label} {'are' if len(records) > 1 else 'is'} dated before Manual {manual.id} "
            f"was issued on {issued.isoformat()} (earliest: {first.id} of {first.date.isoformat()})",
            subject=first.id, path=("date",), key=form_id,
            values={"form": form_id, "manual": manual.id, "issued": issued.isoformat(),
                    "records": cite_list(r.id for r in records)},
        )


@rule(
    id="IPX004",
    title="Audits discussed by a management review took place before it",
    severity="minor",
    stage="management-review",
    clauses=("review-inputs", "internal-audit"),
    rationale=(
        "A review can only discuss the results of audits already held. An audit dated after the "
        "review that claims to have discussed it shows a wrong date or a review record written "
        "after the fact."
    ),
    fails="""\
kind: Audit
id: IA-2026-03
date: 2026-11-12
---
kind: ManagementReview
id: MR-2026
date: 2026-10-28
audits: [IA-2026-03]
""",
    passes="""\
kind: Audit
id: IA-2026-03
date: 2026-09-22
---
kind: ManagementReview
id: MR-2026
date: 2026-10-28
audits: [IA-2026-03]
""",
    fix=(
        "Correct the date of audit {audit} or of review {subject}, or remove {audit} from the audits "
        "the review discussed and present its results at the next review."
    ),
)
def ipx004(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    for review in decl.of(ManagementReview):
        if review.date is None:
            continue
        for index, audit_id in enumerate(review.audits):
            audit = decl.get(audit_id, Audit)
            if audit is None or audit.date is None or audit.date <= review.date:
                continue
            yield Violation(
                f"Management review {review.id} of {review.date.isoformat()} discusses audit {audit.id}, "
                f"which is dated {audit.date.isoformat()}, after the review",
                subject=review.id, path=("audits", index), key=audit.id, values={"audit": audit.id},
            )


@rule(
    id="IPX005",
    title="Each benefit of the standard is served by an objective",
    severity="observation",
    clauses=("objectives", "policy"),
    rationale=(
        "Implementing the standard is meant to prevent IP risk through management, promote "
        "innovation through patent layout, help expand domestic and foreign markets, and make "
        "full use of the four-in-one protection of patents, trademarks, copyrights and trade "
        "secrets. An objective traced to each benefit shows the system is steered toward all four."
    ),
    fails="""\
kind: Objective
id: OBJ-01
statement: File 40 invention applications on key products in 2026
measure: invention applications filed
target: "40"
benefits: [patent-layout]
""",
    passes="""\
kind: Objective
id: OBJ-01
statement: File 40 invention applications on key products in 2026
benefits: [patent-layout, four-in-one-protection]
---
kind: Objective
id: OBJ-02
statement: Register the HX mark in every export market by 2027
benefits: [market-expansion]
---
kind: Objective
id: OBJ-03
statement: Zero IP disputes lost
benefits: [risk-prevention]
""",
    fix=(
        "Have the IP department propose an objective that serves {benefit_text} (measurable, owned, "
        "dated), have top management approve it, and list '{benefit}' in its benefits."
    ),
)
def ipx005(ctx: CheckContext) -> Iterator[Violation]:
    objectives = ctx.declaration.of(Objective)
    if not objectives:
        return  # no objectives at all is a finding of the system stage
    served: set[str] = set()
    for objective in objectives:
        served.update(objective.benefits)
    for benefit, text in BENEFITS.items():
        if benefit not in served:
            yield Violation(
                f"No IP objective serves the benefit '{benefit}' ({text})",
                key=benefit, values={"benefit": benefit, "benefit_text": text},
            )


@rule(
    id="IPX006",
    title="Open responsibilities are not held by people who have left",
    severity="minor",
    clauses=("organisation", "exit"),
    rationale=(
        "An owner who has left cannot carry out an open objective, work-plan task, corrective "
        "action or review decision, lead a running project or head a unit. Unless the "
        "responsibility is handed over when the person leaves, it is silently dropped. (Role "
        "holders and IP liaisons who left are IP314, custodians of trade secrets IPS010.)"
    ),
    fails="""\
kind: Person
id: qian.bo
name: Qian Bo
left: 2026-07-31
---
kind: Nonconformity
id: NC-2026-05
description: Supplier IP commitments not reviewed in Q2
owner: qian.bo
due: 2026-12-31
""",
    passes="""\
kind: Nonconformity
id: NC-2026-05
description: Supplier IP commitments not reviewed in Q2
owner: xu.fang
due: 2026-12-31
""",
    fix=(
        "Hand over {duty} of {kind} {subject} from {name}, who left on {left}, to a current member of "
        "staff with the files that go with it, and add the handover of IP responsibilities to the exit "
        "check."
    ),
)
def ipx006(ctx: CheckContext) -> Iterator[Violation]:
    decl, as_of = ctx.declaration, ctx.as_of
    gone = people_who_left(decl, as_of)
    if not gone:
        return

    duties = {"its owner": "the ownership", "its head": "the headship", "its leader": "the leadership"}

    def found(item: Item, path: tuple[str | int, ...], person_id: str | None, what: str,
              label: str) -> Iterator[Violation]:
        person = gone.get(person_id) if person_id is not None else None
        if person is None:
            return
        kind = type(item).__name__
        yield Violation(
            f"{kind} {item.id} {label}: {what} {person.name} ({person.id}) left on {person.left.isoformat()}",  # type: ignore[union-attr]
            subject=item.id, path=path, key=".".join(map(str, path)),
            values={"duty": duties[what], "kind": kind, "name": person.name, "left": person.left.isoformat()},  # type: ignore[union-attr]
        )

    for o in decl.of(Objective):
        if o.status not in ("achieved", "missed"):
            yield from found(o, ("owner",), o.owner, "its owner", f"'{o.statement}' is open")
    for plan in decl.of(WorkPlan):
        for i, task in enumerate(plan.tasks):
            if task.done is None:
                yield from found(plan, ("tasks", i, "owner"), task.owner, "its owner",
                                 f"task '{task.name}' is open")
    for nc in decl.of(Nonconformity):
        if nc.closed is None:
            yield from found(nc, ("owner",), nc.owner, "its owner", f"'{nc.description}' is open")
    for review in decl.of(ManagementReview):
        for i, output in enumerate(review.outputs):
            if output.done is None:
                yield from found(review, ("outputs", i, "owner"), output.owner, "its owner",
                                 f"decision '{output.decision}' is open")
    for unit in decl.of(Unit):
        yield from found(unit, ("head",), unit.head, "its head", f"'{unit.name}'")
    for project in decl.of(Project):
        if project.end is None or project.end > as_of:
            yield from found(project, ("leader",), project.leader, "its leader",
                             f"'{project.name}' is running")


@rule(
    id="IPX007",
    title="Nothing is recorded as done after the check date",
    severity="minor",
    clauses=("records",),
    rationale=(
        "A record, a check, a closure or a completion dated after the date the system is judged "
        "on cannot have happened yet. Such dates are typing errors or records prepared in "
        "advance; either way they are not evidence."
    ),
    fails="""\
kind: Record
id: R-2026-0999
form: F-04-1
date: 2027-01-05
""",
    passes="""\
kind: Record
id: R-2026-0999
form: F-04-1
date: 2026-11-20
""",
    fix="Correct the date of {kind} {subject} ({field} {date}), or remove it until the event has happened.",
)
def ipx007(ctx: CheckContext) -> Iterator[Violation]:
    decl, as_of = ctx.declaration, ctx.as_of

    def late(item: Item, path: tuple[str | int, ...], date: dt.date | None, what: str) -> Iterator[Violation]:
        if date is not None and date > as_of:
            kind = type(item).__name__
            yield Violation(
                f"{kind} {item.id}: {what} {date.isoformat()}, after the check date {as_of.isoformat()}",
                subject=item.id, path=path, key=".".join(map(str, path)),
                values={"kind": kind, "field": spoken_path(path), "date": date.isoformat()},
            )

    for record in decl.of(Record):
        if record.date > as_of:
            yield from late(record, ("date",), record.date, "recorded on")
    for kind, field, what in _HAPPENED:
        for item in decl.of(kind):
            yield from late(item, (field,), getattr(item, field), what)
    for check in decl.of(StaffCheck):
        yield from late(check, ("date",), check.date, "checked on")
    for nc in decl.of(Nonconformity):
        yield from late(nc, ("closed",), nc.closed, "closed on")
        yield from late(nc, ("verified",), nc.verified, "verified on")
    for review in decl.of(ManagementReview):
        for i, output in enumerate(review.outputs):
            yield from late(review, ("outputs", i, "done"), output.done, f"decision {i + 1} done on")
    for plan in decl.of(WorkPlan):
        for i, task in enumerate(plan.tasks):
            yield from late(plan, ("tasks", i, "done"), task.done, f"task '{task.name}' done on")


#: (kind, date field, what the date says happened): events that cannot be dated after the check
_HAPPENED: tuple[tuple[type[Item], str, str], ...] = (
    (Meeting, "date", "held on"),
    (Training, "date", "held on"),
    (Promulgation, "date", "promulgated on"),
    (Audit, "date", "performed on"),
    (Nonconformity, "raised", "raised on"),
    (ManagementReview, "date", "held on"),
    (ConfidentialityAgreement, "signed", "signed on"),
    (Contract, "signed", "signed on"),
)


#: (kind, earlier field, later field, how the pair is spoken of)
_ORDER: tuple[tuple[type[Item], str, str, str], ...] = (
    (Person, "joined", "left", "left before joining"),
    (Nonconformity, "raised", "closed", "closed before it was raised"),
    (Nonconformity, "closed", "verified", "verified before it was closed"),
    (Project, "start", "end", "ends before it starts"),
    (AuditProgramme, "cycle_start", "cycle_end", "cycle ends before it starts"),
    (Contract, "signed", "expires", "expires before it was signed"),
)


@rule(
    id="IPX008",
    title="The dates of an item are in order",
    severity="minor",
    clauses=("records",),
    rationale=(
        "A nonconformity closed before it was raised, a person who left before joining, a "
        "project that ends before it starts: dates out of order make the record unreliable "
        "as evidence and usually hide a typing error."
    ),
    fails="""\
kind: Nonconformity
id: NC-2026-02
description: Annuity docket not checked for three weeks
raised: 2026-06-18
closed: 2026-05-20
""",
    passes="""\
kind: Nonconformity
id: NC-2026-02
description: Annuity docket not checked for three weeks
raised: 2026-06-18
closed: 2026-07-20
""",
    fix="Correct {earlier} ({first}) or {later} ({second}) of {kind} {subject} so that {earlier} comes first.",
)
def ipx008(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    for kind, earlier, later, words in _ORDER:
        for item in decl.of(kind):
            first, second = getattr(item, earlier), getattr(item, later)
            if first is None or second is None or first <= second:
                continue
            name = name_of(item)
            label = f"{item.id} '{name}'" if name != item.id else item.id
            yield Violation(
                f"{kind.__name__} {label} {words}: {earlier} {first.isoformat()}, "
                f"{later} {second.isoformat()}",
                subject=item.id, path=(later,), key=later,
                values={"kind": kind.__name__, "earlier": earlier, "later": later,
                        "first": first.isoformat(), "second": second.isoformat()},
            )
    for plan in decl.of(WorkPlan):
        for i, task in enumerate(plan.tasks):
            if task.start is not None and task.due is not None and task.due < task.start:
                yield Violation(
                    f"WorkPlan {plan.id}: task '{task.name}' is due ({task.due.isoformat()}) before it "
                    f"starts ({task.start.isoformat()})",
                    subject=plan.id, path=("tasks", i, "due"), key=f"tasks.{i}",
                    values={"kind": "WorkPlan", "earlier": f"the start of task '{task.name}'",
                            "later": "its due date", "first": task.start.isoformat(),
                            "second": task.due.isoformat()},
                )


RULES: list[Rule] = [ipx002, ipx003, ipx004, ipx005, ipx006, ipx007, ipx008]
