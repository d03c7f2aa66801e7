"""Rules of the planning stages that a declarative pack cannot express.

Start-up (IP1xx), diagnosis (IP2xx), system construction (IP3xx), manual preparation
(IP4xx) and dissemination (IP5xx): who holds a role (top management or not), which units
a group or a training reached, whether a plan covers every stage, and the order of dates
(diagnosis before the manual, approval before issue and promulgation). The declarative
rules of the same stages are in ``rules/packs/stages-plan.yaml``.

Each rule makes one pass over the items of the kinds it reads, with sets and dicts for
the look-ups.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from ipcheck.model.kinds import (
    DiagnosisReport,
    Item,
    Manual,
    Person,
    Policy,
    Procedure,
    Promulgation,
    Role,
    SystemDocument,
    Training,
    Unit,
    WorkingGroup,
    WorkPlan,
)
from ipcheck.rules.api import CheckContext, Rule, Violation, rule
from ipcheck.rules.builtin.common import and_list, has_left, manual_issued, name_or
from ipcheck.rules.declarative import item_values
from ipcheck.vocabulary import STAGE_TITLES, STAGES

# -- helpers ---------------------------------------------------------------------------------


def _person(ctx: CheckContext, person_id: str | None) -> Person | None:
    return ctx.declaration.get(person_id, Person)


def _below_top(ctx: CheckContext, person_id: str | None) -> Person | None:
    """The declared person ``person_id`` if they are not a member of top management, else None."""
    person = _person(ctx, person_id)
    return person if person is not None and not person.top_management else None


def _who(person: Person) -> str:
    """'Liu Hong (liu.hong)'."""
    return f"{person.name} ({person.id})"


def _not_top(ctx: CheckContext, done: str, subject: str, field: str, person: Person) -> Violation:
    """'<done> by <person>, who is not a member of top management', found on ``field`` of ``subject``."""
    return Violation(f"{done} by {_who(person)}, who is not a member of top management",
                     subject=subject, path=(field,), values={"top_management": _top_management(ctx)})


def _top_management(ctx: CheckContext) -> str:
    """Names of the declared members of top management, for corrective actions."""
    names = [p.name for p in ctx.declaration.of(Person) if p.top_management]
    return ", ".join(names) if names else "no member of top management is declared"


def _kind_label(item: Item) -> str:
    return {"Manual": "Manual", "Procedure": "Procedure", "SystemDocument": "System document",
            "Policy": "IP policy", "RecordForm": "Record form"}.get(type(item).__name__, type(item).__name__)


def _title(item: Item) -> str:
    for name in ("title", "name", "statement"):
        value = getattr(item, name, None)
        if isinstance(value, str):
            return value
    return item.id


def _units_of(ctx: CheckContext, people: Iterable[str]) -> set[str]:
    units: set[str] = set()
    for person_id in people:
        person = _person(ctx, person_id)
        if person is not None and person.unit is not None:
            units.add(person.unit)
    return units


def _unit_head(ctx: CheckContext, unit: Unit) -> str:
    return name_or(ctx.declaration, unit.head, "(no head declared)")


# -- start-up ---------------------------------------------------------------------------------


@rule(
    id="IP102",
    title="The working group is led by a member of top management",
    severity="major",
    stage="startup",
    clauses=("commitment", "organisation"),
    rationale=(
        "The working group needs the authority to call on every department; auditors expect "
        "its leader to come from top management, as evidence of top management's commitment. "
        "A group without a leader, or led from a department, lacks that authority."
    ),
    fails=(
        "kind: Person\nid: p.ip\nname: Zhao Lin\n---\n"
        "kind: WorkingGroup\nid: WG-01\nname: IP working group\nleader: p.ip\n"
    ),
    passes=(
        "kind: Person\nid: p.dgm\nname: Li Ping\ntop_management: true\n---\n"
        "kind: WorkingGroup\nid: WG-01\nname: IP working group\nleader: p.dgm\n"
    ),
    fix=(
        "Have top management appoint one of its members ({top_management}) as leader of working "
        "group {subject} '{name}' and record the appointment decision."
    ),
)
def working_group_leader(ctx: CheckContext) -> Iterator[Violation]:
    for group in ctx.declaration.of(WorkingGroup):
        if group.leader is None:
            yield Violation(f"Working group {group.id} '{group.name}' has no leader", subject=group.id,
                            path=("leader",), values=item_values(group, ctx, top_management=_top_management(ctx)))
            continue
        if (leader := _below_top(ctx, group.leader)) is not None:
            yield Violation(
                f"Working group {group.id} '{group.name}' is led by {_who(leader)}, "
                "who is not a member of top management",
                subject=group.id, path=("leader",), values=item_values(group, ctx, top_management=_top_management(ctx)))


@rule(
    id="IP103",
    title="Every key department is represented in the working group",
    severity="minor",
    stage="startup",
    clauses=("organisation",),
    rationale=(
        "The working group builds procedures that every key department will apply; a key "
        "department without a member in it is not heard when its processes are designed."
    ),
    fails=(
        "kind: Unit\nid: U-PUR\nname: Procurement\nkey: true\n---\n"
        "kind: Person\nid: p.dgm\nname: Li Ping\ntop_management: true\n---\n"
        "kind: WorkingGroup\nid: WG-01\nname: IP working group\nleader: p.dgm\n"
    ),
    passes=(
        "kind: Unit\nid: U-PUR\nname: Procurement\nkey: true\n---\n"
        "kind: Person\nitems:\n  - {id: p.dgm, name: Li Ping, top_management: true}\n"
        "  - {id: p.pur, name: Ma Li, unit: U-PUR}\n---\n"
        "kind: WorkingGroup\nid: WG-01\nname: IP working group\nleader: p.dgm\nmembers: [p.pur]\n"
    ),
    fix=(
        "Appoint a member of key unit {unit} '{unit_name}' (head: {unit_head}) to working group "
        "{subject} and add them to its members."
    ),
)
def working_group_key_units(ctx: CheckContext) -> Iterator[Violation]:
    key_units = [u for u in ctx.declaration.of(Unit) if u.key]
    if not key_units:
        return
    for group in ctx.declaration.of(WorkingGroup):
        present = _units_of(ctx, [*([group.leader] if group.leader else []), *group.members])
        for unit in key_units:
            if unit.id not in present:
                yield Violation(
                    f"Key unit {unit.id} '{unit.name}' has no member in working group {group.id} '{group.name}'",
                    subject=group.id, path=("members",), key=unit.id,
                    values={"unit": unit.id, "unit_name": unit.name, "unit_head": _unit_head(ctx, unit)})


_TASK_FIELDS = (("owner", "owner"), ("start", "start date"), ("due", "due date"))


@rule(
    id="IP106",
    title="Every task of the work plan has an owner, a start date and a due date",
    severity="minor",
    stage="startup",
    clauses=("system-planning",),
    rationale=(
        "A task nobody owns or that has no dates cannot be followed up; auditors look for the "
        "plan's tasks, owners and dates."
    ),
    fails=(
        "kind: WorkPlan\nid: PLAN-01\ntitle: Implementation plan\n"
        "tasks:\n  - {name: Write the IP manual, stage: manual}\n"
    ),
    passes=(
        "kind: Person\nid: p.ip\nname: Zhao Lin\n---\n"
        "kind: WorkPlan\nid: PLAN-01\ntitle: Implementation plan\n"
        "tasks:\n  - {name: Write the IP manual, stage: manual, owner: p.ip, start: 2025-03-01, due: 2025-04-30}\n"
    ),
    fix=(
        "Complete task {task_no} '{task}' of work plan {subject}: name {missing}, and have the "
        "revised plan approved ({approved_by_name})."
    ),
)
def work_plan_tasks(ctx: CheckContext) -> Iterator[Violation]:
    for plan in ctx.declaration.of(WorkPlan):
        for index, task in enumerate(plan.tasks):
            missing = [label for name, label in _TASK_FIELDS if getattr(task, name) is None]
            if not missing:
                continue
            first = next(name for name, _ in _TASK_FIELDS if getattr(task, name) is None)
            yield Violation(
                f"Task {index + 1} '{task.name}' of work plan {plan.id} has {and_list([f'no {m}' for m in missing])}",
                subject=plan.id, path=("tasks", index, first), key=str(index),
                values=item_values(plan, ctx, task_no=str(index + 1), task=task.name, missing=f"its {and_list(missing)}"))


@rule(
    id="IP107",
    title="The work plan covers every stage of the implementation",
    severity="minor",
    stage="startup",
    clauses=("system-planning",),
    rationale=(
        "The implementation runs through eight stages, from start-up to management review; a "
        "stage the plan leaves out is usually the one that is skipped (often the internal audit "
        "or the management review)."
    ),
    fails=(
        "kind: WorkPlan\nid: PLAN-01\ntitle: Implementation plan\n"
        "tasks:\n  - {name: Kick-off meeting, stage: startup}\n"
    ),
    passes=(
        "kind: WorkPlan\nid: PLAN-01\ntitle: Implementation plan\ntasks:\n"
        "  - {name: Kick-off meeting, stage: startup}\n  - {name: Diagnosis, stage: diagnosis}\n"
        "  - {name: Policy and objectives, stage: system}\n  - {name: Manual, stage: manual}\n"
        "  - {name: Promulgation and training, stage: dissemination}\n  - {name: Operation, stage: operation}\n"
        "  - {name: Internal audit, stage: internal-audit}\n  - {name: Management review, stage: management-review}\n"
    ),
    fix=(
        "Add to work plan {subject} the tasks of the {stage_title} stage ({stage}), each with an "
        "owner, a start date and a due date, and have the revised plan approved ({approved_by_name})."
    ),
)
def work_plan_stages(ctx: CheckContext) -> Iterator[Violation]:
    plans = ctx.declaration.of(WorkPlan)
    if not plans:
        return
    planned = {task.stage for plan in plans for task in plan.tasks}
    plan = plans[0]
    for stage in STAGES:
        if stage not in planned:
            title = STAGE_TITLES[stage]
            yield Violation(
                f"Work plan {plan.id} '{plan.title}' has no task for the stage '{title}' ({stage})",
                subject=plan.id, path=("tasks",), key=stage,
                values=item_values(plan, ctx, stage=stage, stage_title=title.lower()))


@rule(
    id="IP113",
    title="No task of the work plan is overdue",
    severity="minor",
    stage="startup",
    clauses=("system-planning",),
    rationale=(
        "A task past its due date and not done shows the implementation slipping; the plan "
        "should either record the completion or be revised with new dates."
    ),
    fails=(
        "kind: WorkPlan\nid: PLAN-01\ntitle: Implementation plan\n"
        "tasks:\n  - {name: Write the IP manual, stage: manual, due: 2020-04-30}\n"
    ),
    passes=(
        "kind: WorkPlan\nid: PLAN-01\ntitle: Implementation plan\n"
        "tasks:\n  - {name: Write the IP manual, stage: manual, due: 2020-04-30, done: 2020-04-28}\n"
    ),
    fix=(
        "Have {owner} complete task '{task}' of work plan {subject} and record the date (done), "
        "or revise the plan with a new due date approved by {approved_by_name}."
    ),
)
def work_plan_overdue(ctx: CheckContext) -> Iterator[Violation]:
    for plan in ctx.declaration.of(WorkPlan):
        for index, task in enumerate(plan.tasks):
            if task.due is None or task.done is not None or task.due >= ctx.as_of:
                continue
            yield Violation(
                f"Task {index + 1} '{task.name}' of work plan {plan.id} was due on {task.due.isoformat()} "
                "and is not recorded as done",
                subject=plan.id, path=("tasks", index, "due"), key=str(index),
                values=item_values(plan, ctx, task=task.name,
                                   owner=name_or(ctx.declaration, task.owner, "its owner")))


@rule(
    id="IP112",
    title="The start-up training reached every key department",
    severity="minor",
    stage="startup",
    clauses=("training",),
    rationale=(
        "Start-up training prepares the key departments to take part in building the system; "
        "a key department that was not in the audience, or from which nobody attended, was not "
        "prepared."
    ),
    fails=(
        "kind: Unit\nitems:\n  - {id: U-RD, name: R&D Centre, key: true}\n  - {id: U-PUR, name: Procurement, key: true}\n"
        "---\nkind: Person\nid: p.rd\nname: Li Na\nunit: U-RD\n---\n"
        "kind: Training\nid: TR-01\ntopic: GB/T 29490\nstage: startup\naudience: [U-RD]\nattendees: [p.rd]\n"
    ),
    passes=(
        "kind: Unit\nitems:\n  - {id: U-RD, name: R&D Centre, key: true}\n  - {id: U-PUR, name: Procurement, key: true}\n"
        "---\nkind: Person\nitems:\n  - {id: p.rd, name: Li Na, unit: U-RD}\n  - {id: p.pur, name: Ma Li, unit: U-PUR}\n"
        "---\nkind: Training\nid: TR-01\ntopic: GB/T 29490\nstage: startup\naudience: [U-RD, U-PUR]\n"
        "attendees: [p.rd, p.pur]\n"
    ),
    fix=(
        "Train key unit {unit} '{unit_name}' (head: {unit_head}) on GB/T 29490 and the "
        "implementation plan, and record the unit in the audience and its people in the attendees."
    ),
)
def startup_training_reach(ctx: CheckContext) -> Iterator[Violation]:
    trainings = [t for t in ctx.declaration.of(Training) if t.stage == "startup"]
    if trainings:
        yield from _reach(ctx, trainings, [u for u in ctx.declaration.of(Unit) if u.key], "Key unit", "start-up")


def _reach(ctx: CheckContext, trainings: list[Training], units: Sequence[Unit], label: str,
           which: str) -> Iterator[Violation]:
    """Units not in the audience of any of ``trainings``, or from which nobody attended one."""
    audience: set[str] = set()
    attended: set[str] = set()
    for training in trainings:
        audience.update(training.audience)
        attended |= _units_of(ctx, training.attendees)
    first = trainings[0]
    for unit in units:
        values = {"unit": unit.id, "unit_name": unit.name, "unit_head": _unit_head(ctx, unit)}
        if unit.id not in audience:
            yield Violation(f"{label} {unit.id} '{unit.name}' is not in the audience of any {which} training",
                            subject=first.id, path=("audience",), key=unit.id, values=values)
        elif unit.id not in attended:
            yield Violation(f"No one from {label.lower()} {unit.id} '{unit.name}' attended a {which} training "
                            "meant for it", subject=first.id, path=("attendees",), key=unit.id, values=values)


# -- diagnosis --------------------------------------------------------------------------------


@rule(
    id="IP205",
    title="The diagnosis comes before the manual",
    severity="minor",
    stage="diagnosis",
    clauses=("context", "system-planning"),
    rationale=(
        "The manual and procedures are meant to answer the gaps and risks the diagnosis found. "
        "A diagnosis dated after the manual was issued could not have shaped it: either the "
        "dates are wrong or the system was written before the enterprise was surveyed."
    ),
    fails=(
        "kind: DiagnosisReport\nid: DIAG-01\ntitle: Diagnosis\ndate: 2025-06-01\n---\n"
        "kind: Manual\nid: MANUAL\ntitle: IP manual\nissued: 2025-04-01\n"
    ),
    passes=(
        "kind: DiagnosisReport\nid: DIAG-01\ntitle: Diagnosis\ndate: 2025-01-20\n---\n"
        "kind: Manual\nid: MANUAL\ntitle: IP manual\nissued: 2025-04-01\n"
    ),
    fix=(
        "Check the date of diagnosis report {subject}; if the diagnosis really came after the "
        "manual, review manual {manual} against its gaps and risks and revise the manual where "
        "they are not answered."
    ),
)
def diagnosis_before_manual(ctx: CheckContext) -> Iterator[Violation]:
    manual, first_issue = manual_issued(ctx.declaration)
    if manual is None or first_issue is None:
        return
    for report in ctx.declaration.of(DiagnosisReport):
        if report.date is not None and report.date > first_issue:
            yield Violation(
                f"Diagnosis report {report.id} is dated {report.date.isoformat()}, after manual {manual.id} "
                f"was issued on {first_issue.isoformat()}",
                subject=report.id, path=("date",), values={"manual": manual.id})


# -- system construction ------------------------------------------------------------------------


@rule(
    id="IP302",
    title="The IP policy is approved by top management",
    severity="major",
    stage="system",
    clauses=("policy", "commitment"),
    rationale=(
        "The standard makes the IP policy top management's own: it must be approved by top "
        "management. A policy nobody approved, or approved below top management, does not "
        "commit the enterprise."
    ),
    fails=(
        "kind: Person\nid: p.ip\nname: Zhao Lin\n---\n"
        "kind: Policy\nid: POLICY\ntext: Protect our innovations.\napproved_by: p.ip\napproved: 2025-03-01\n"
    ),
    passes=(
        "kind: Person\nid: p.gm\nname: Wang Gang\ntop_management: true\n---\n"
        "kind: Policy\nid: POLICY\ntext: Protect our innovations.\napproved_by: p.gm\napproved: 2025-03-01\n"
    ),
    fix=(
        "Have top management ({top_management}) approve IP policy {subject} and record the "
        "approver (approved_by) and the date (approved)."
    ),
)
def policy_approved_by_top(ctx: CheckContext) -> Iterator[Violation]:
    for policy in ctx.declaration.of(Policy):
        if policy.approved_by is None:
            yield Violation(f"IP policy {policy.id} is not approved (approved_by is not set)",
                            subject=policy.id, path=("approved_by",), values={"top_management": _top_management(ctx)})
            continue
        if (approver := _below_top(ctx, policy.approved_by)) is not None:
            yield _not_top(ctx, f"IP policy {policy.id} was approved", policy.id, "approved_by", approver)


@rule(
    id="IP309",
    title="The management representative is a member of top management",
    severity="minor",
    stage="system",
    clauses=("management-representative",),
    rationale=(
        "The 2013 edition asks top management to appoint the management representative from "
        "among its own members, so that the person reporting on the system can also make it "
        "happen."
    ),
    fails=(
        "kind: Person\nid: p.ip\nname: Zhao Lin\n---\n"
        "kind: Role\nid: ROLE-MR\ntitle: Management representative\ntype: management-representative\nholders: [p.ip]\n"
    ),
    passes=(
        "kind: Person\nid: p.dgm\nname: Li Ping\ntop_management: true\n---\n"
        "kind: Role\nid: ROLE-MR\ntitle: Management representative\ntype: management-representative\n"
        "holders: [p.dgm]\n"
    ),
    fix=(
        "Have top management appoint one of its members ({top_management}) as management "
        "representative ({subject}) in place of {holder}, or record why {holder} belongs to top management."
    ),
)
def management_representative_top(ctx: CheckContext) -> Iterator[Violation]:
    for role in ctx.declaration.of(Role):
        if role.type != "management-representative":
            continue
        for index, holder_id in enumerate(role.holders):
            if (holder := _below_top(ctx, holder_id)) is not None:
                yield Violation(
                    f"Management representative role {role.id} '{role.title}' is held by {_who(holder)}, "
                    "who is not a member of top management",
                    subject=role.id, path=("holders", index), key=holder.id,
                    values={"holder": holder.name, "top_management": _top_management(ctx)})


@rule(
    id="IP314",
    title="No role or IP liaison is held by someone who has left",
    severity="minor",
    stage="system",
    clauses=("organisation", "ip-staff"),
    rationale=(
        "When a role holder or a unit's IP liaison leaves and nobody is appointed in their "
        "place, the responsibility silently lapses; auditors check the functional structure "
        "against the staff list."
    ),
    fails=(
        "kind: Person\nid: p.old\nname: Gao Min\nleft: 2025-06-30\n---\n"
        "kind: Role\nid: ROLE-IPO\ntitle: IP engineer\ntype: ip-officer\nholders: [p.old]\n"
    ),
    passes=(
        "kind: Person\nid: p.new\nname: Zhao Lin\n---\n"
        "kind: Role\nid: ROLE-IPO\ntitle: IP engineer\ntype: ip-officer\nholders: [p.new]\n"
    ),
    fix="Appoint a successor to {person} as {duty} and update {subject}.",
)
def holders_who_left(ctx: CheckContext) -> Iterator[Violation]:
    as_of = ctx.as_of

    def gone(person_id: str | None) -> Person | None:
        person = _person(ctx, person_id)
        return person if person is not None and has_left(person, as_of) else None

    for role in ctx.declaration.of(Role):
        for index, holder_id in enumerate(role.holders):
            if (person := gone(holder_id)) is not None:
                yield Violation(
                    f"Role {role.id} '{role.title}' is still held by {_who(person)}, who left on "
                    f"{person.left.isoformat()}",  # type: ignore[union-attr]
                    subject=role.id, path=("holders", index), key=person.id,
                    values={"person": person.name, "duty": f"holder of role '{role.title}'"})
    for unit in ctx.declaration.of(Unit):
        if (person := gone(unit.ip_liaison)) is not None:
            yield Violation(
                f"The IP liaison of unit {unit.id} '{unit.name}' is {_who(person)}, who left on "
                f"{person.left.isoformat()}",  # type: ignore[union-attr]
                subject=unit.id, path=("ip_liaison",),
                values={"person": person.name, "duty": f"IP liaison of {unit.name}"})


# -- manual preparation -------------------------------------------------------------------------


_RECORD = {"approved_by": "the approver (approved_by)", "approved": "the approval date (approved)",
           "issued": "the issue date (issued)"}


@rule(
    id="IP402",
    title="The manual is approved and issued",
    severity="major",
    stage="manual",
    clauses=("manual", "document-control"),
    rationale=(
        "An IP management manual comes into force when it is approved and issued; a draft with "
        "no approval or issue date is not yet the enterprise's system, whatever it says."
    ),
    fails="kind: Manual\nid: MANUAL\ntitle: IP management manual\nversion: A/0\n",
    passes=(
        "kind: Person\nid: p.gm\nname: Wang Gang\ntop_management: true\n---\n"
        "kind: Manual\nid: MANUAL\ntitle: IP management manual\nversion: A/0\n"
        "approved_by: p.gm\napproved: 2025-04-20\nissued: 2025-05-01\n"
    ),
    fix=(
        "Have top management ({top_management}) approve manual {subject} and issue it, and "
        "record {todo}."
    ),
)
def manual_approved_issued(ctx: CheckContext) -> Iterator[Violation]:
    for manual in ctx.declaration.of(Manual):
        missing = [f for f in ("approved_by", "approved", "issued") if getattr(manual, f) is None]
        if not missing:
            continue
        gaps = []
        if "approved_by" in missing or "approved" in missing:
            gaps.append(f"no approval ({', '.join(f for f in missing if f != 'issued')})")
        if "issued" in missing:
            gaps.append("no issue date (issued)")
        yield Violation(
            f"Manual {manual.id} '{manual.title}' has {' and '.join(gaps)}",
            subject=manual.id, path=(missing[0],),
            values={"top_management": _top_management(ctx), "todo": and_list([_RECORD[f] for f in missing])})


@rule(
    id="IP403",
    title="The manual is approved by top management",
    severity="minor",
    stage="manual",
    clauses=("manual", "commitment"),
    rationale=(
        "The manual states the policy and the functional structure for the whole enterprise; "
        "it is approved by top management, not by the department that wrote it."
    ),
    fails=(
        "kind: Person\nid: p.ip\nname: Zhao Lin\n---\n"
        "kind: Manual\nid: MANUAL\ntitle: IP management manual\napproved_by: p.ip\napproved: 2025-04-20\n"
    ),
    passes=(
        "kind: Person\nid: p.gm\nname: Wang Gang\ntop_management: true\n---\n"
        "kind: Manual\nid: MANUAL\ntitle: IP management manual\napproved_by: p.gm\napproved: 2025-04-20\n"
    ),
    fix="Have top management ({top_management}) approve manual {subject} and record the approval.",
)
def manual_approved_by_top(ctx: CheckContext) -> Iterator[Violation]:
    for manual in ctx.declaration.of(Manual):
        if (approver := _below_top(ctx, manual.approved_by)) is not None:
            yield _not_top(ctx, f"Manual {manual.id} '{manual.title}' was approved", manual.id, "approved_by",
                           approver)


_CONTROL = (
    ("version", "no version", "give it a version"),
    ("approval", "no approval", "have it approved and record who approved it and when"),
    ("issued", "no issue date (issued)", "issue it and record the issue date"),
)


@rule(
    id="IP409",
    title="Procedures and system documents are under document control",
    severity="minor",
    stage="manual",
    clauses=("document-control",),
    rationale=(
        "Document control means each document has a version, an approval and an issue date, so "
        "that only the approved current version is in use; auditors check it document by document."
    ),
    fails="kind: Procedure\nid: PR-05\ntitle: Trademark management\nversion: '1.0'\n",
    passes=(
        "kind: Person\nid: p.mr\nname: Li Ping\ntop_management: true\n---\n"
        "kind: Procedure\nid: PR-05\ntitle: Trademark management\nversion: '1.0'\n"
        "approved_by: p.mr\napproved: 2025-04-20\nissued: 2025-05-01\n"
    ),
    fix="Bring {kind_label} {subject} '{title}' under document control{owner}: {todo}.",
)
def document_control(ctx: CheckContext) -> Iterator[Violation]:
    docs: list[Procedure | SystemDocument] = [*ctx.declaration.of(Procedure), *ctx.declaration.of(SystemDocument)]
    for doc in docs:
        approval = [f for f in ("approved_by", "approved") if getattr(doc, f) is None]
        gaps: list[str] = []
        todo: list[str] = []
        first = ""
        for name, gap, step in _CONTROL:
            fields = approval if name == "approval" else ([name] if getattr(doc, name) is None else [])
            if not fields:
                continue
            first = first or fields[0]
            gaps.append(f"{gap} ({', '.join(fields)})" if name == "approval" else gap)
            todo.append(step)
        if not gaps:
            continue
        label = _kind_label(doc)
        owner = ctx.declaration.get(doc.owner)
        values = item_values(doc, ctx, kind_label=label.lower(), todo="; ".join(todo),
                             owner=f", with its owner {_title(owner)}" if owner is not None else "")
        yield Violation(f"{label} {doc.id} '{doc.title}' has {and_list(gaps)}",
                        subject=doc.id, path=(first,), values=values)


@rule(
    id="IP412",
    title="No document is issued before it is approved",
    severity="minor",
    stage="manual",
    clauses=("document-control",),
    rationale=(
        "A document issued before its approval was in use without authority; either the dates "
        "are wrong or the approval was given after the fact."
    ),
    fails=(
        "kind: Procedure\nid: PR-05\ntitle: Trademark management\napproved: 2025-05-10\nissued: 2025-05-01\n"
    ),
    passes=(
        "kind: Procedure\nid: PR-05\ntitle: Trademark management\napproved: 2025-04-20\nissued: 2025-05-01\n"
    ),
    fix=(
        "Check the approval and issue records of {subject}; correct the dates, or withdraw the "
        "issued copies and issue them again after approval."
    ),
)
def issued_before_approved(ctx: CheckContext) -> Iterator[Violation]:
    for kind in (Manual, SystemDocument, Procedure):
        for doc in ctx.declaration.of(kind):
            if doc.approved is not None and doc.issued is not None and doc.issued < doc.approved:
                yield Violation(
                    f"{_kind_label(doc)} {doc.id} '{doc.title}' was issued on {doc.issued.isoformat()}, "
                    f"before it was approved on {doc.approved.isoformat()}",
                    subject=doc.id, path=("issued",))


# -- dissemination --------------------------------------------------------------------------------


@rule(
    id="IP503",
    title="The promulgation is signed by top management",
    severity="minor",
    stage="dissemination",
    clauses=("commitment", "communication"),
    rationale=(
        "Promulgation puts the system into force with top management's authority; a notice "
        "signed below top management does not carry it."
    ),
    fails=(
        "kind: Person\nid: p.ip\nname: Zhao Lin\n---\n"
        "kind: Promulgation\nid: PROM-01\ndate: 2025-05-01\nsigned_by: p.ip\n"
    ),
    passes=(
        "kind: Person\nid: p.gm\nname: Wang Gang\ntop_management: true\n---\n"
        "kind: Promulgation\nid: PROM-01\ndate: 2025-05-01\nsigned_by: p.gm\n"
    ),
    fix="Have top management ({top_management}) sign promulgation notice {subject} and record the signatory.",
)
def promulgation_signed_by_top(ctx: CheckContext) -> Iterator[Violation]:
    for prom in ctx.declaration.of(Promulgation):
        if (signer := _below_top(ctx, prom.signed_by)) is not None:
            yield _not_top(ctx, f"Promulgation {prom.id} was signed", prom.id, "signed_by", signer)


@rule(
    id="IP508",
    title="No document is promulgated before it is approved",
    severity="minor",
    stage="dissemination",
    clauses=("document-control",),
    rationale=(
        "A promulgation puts approved documents into force; promulgating a document before its "
        "approval put an unapproved draft into force."
    ),
    fails=(
        "kind: Procedure\nid: PR-05\ntitle: Trademark management\napproved: 2025-05-10\n---\n"
        "kind: Promulgation\nid: PROM-01\ndate: 2025-05-01\ndocuments: [PR-05]\n"
    ),
    passes=(
        "kind: Procedure\nid: PR-05\ntitle: Trademark management\napproved: 2025-04-20\n---\n"
        "kind: Promulgation\nid: PROM-01\ndate: 2025-05-01\ndocuments: [PR-05]\n"
    ),
    fix=(
        "Check the dates of {document} and of promulgation {subject}; correct them, or "
        "promulgate {document} again now that it is approved."
    ),
)
def promulgated_before_approved(ctx: CheckContext) -> Iterator[Violation]:
    for prom in ctx.declaration.of(Promulgation):
        if prom.date is None:
            continue
        for index, doc_id in enumerate(prom.documents):
            doc = ctx.declaration.get(doc_id)
            approved = getattr(doc, "approved", None)
            if doc is not None and approved is not None and approved > prom.date:
                yield Violation(
                    f"Promulgation {prom.id} of {prom.date.isoformat()} includes {_kind_label(doc).lower()} "
                    f"{doc.id} '{_title(doc)}', approved only on {approved.isoformat()}",
                    subject=prom.id, path=("documents", index), key=doc.id, values={"document": doc.id})


@rule(
    id="IP511",
    title="The dissemination training reached every unit",
    severity="minor",
    stage="dissemination",
    clauses=("training", "communication"),
    rationale=(
        "Every department and person must understand the system to apply it; a unit that no "
        "dissemination training was meant for, or from which nobody attended, works without "
        "knowing the procedures."
    ),
    fails=(
        "kind: Unit\nitems:\n  - {id: U-RD, name: R&D Centre}\n  - {id: U-QA, name: Quality}\n---\n"
        "kind: Person\nid: p.rd\nname: Li Na\nunit: U-RD\n---\n"
        "kind: Training\nid: TR-02\ntopic: The IP manual\nstage: dissemination\naudience: [U-RD, U-QA]\n"
        "attendees: [p.rd]\n"
    ),
    passes=(
        "kind: Unit\nitems:\n  - {id: U-RD, name: R&D Centre}\n  - {id: U-QA, name: Quality}\n---\n"
        "kind: Person\nitems:\n  - {id: p.rd, name: Li Na, unit: U-RD}\n  - {id: p.qa, name: Hu Bin, unit: U-QA}\n"
        "---\nkind: Training\nid: TR-02\ntopic: The IP manual\nstage: dissemination\naudience: [U-RD, U-QA]\n"
        "attendees: [p.rd, p.qa]\n"
    ),
    fix=(
        "Train unit {unit} '{unit_name}' (head: {unit_head}) on the manual and the procedures "
        "it applies, and record the unit in the audience and its people in the attendees."
    ),
)
def dissemination_training_reach(ctx: CheckContext) -> Iterator[Violation]:
    trainings = [t for t in ctx.declaration.of(Training) if t.stage == "dissemination"]
    if trainings:
        yield from _reach(ctx, trainings, ctx.declaration.of(Unit), "Unit", "dissemination")


RULES: list[Rule] = [
    working_group_leader,
    working_group_key_units,
    work_plan_tasks,
    work_plan_stages,
    startup_training_reach,
    work_plan_overdue,
    diagnosis_before_manual,
    policy_approved_by_top,
    management_representative_top,
    holders_who_left,
    manual_approved_issued,
    manual_approved_by_top,
    document_control,
    issued_before_approved,
    promulgation_signed_by_top,
    promulgated_before_approved,
    dissemination_training_reach,
]
