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


RULES: list[Rule] = [
    policy_approved_by_top,
    management_representative_top,
    holders_who_left,
    manual_approved_issued,
    manual_approved_by_top,
    document_control,
    issued_before_approved,
]
