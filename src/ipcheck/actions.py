"""The corrective-action plan: who should act on each finding, in which unit, and by when.

Owners are people. A role answers through the person who holds it (its first holder still
with the enterprise), so that "Liu Fang" and "Management representative (Liu Fang)" are
one owner. The owner is looked for, in this order:

1. the item the finding is about: the first of its owner-like fields (:data:`OWNER_FIELDS`)
   that names a declared person or a role held by one;
2. what the item belongs to (:data:`OWNED_THROUGH`: a record form through its procedure, a
   record through its form, an audit through its programme, an item through its unit);
3. the process concerned: the procedure that governs the finding's protection type, then
   the role the stage or protection type falls to (:data:`PROCESS_ROLES`);
4. the management representative, who answers for the system as a whole.

The due date takes the finding's own urgency as well as its grade (:data:`DAYS_TO_ACT`):
an item's deadline still ahead is kept (a nonconformity's own due date, an annuity or a
renewal deadline; a form filled monthly by the end of the next month); a deadline passed
but inside its grace period (:data:`DEADLINES`), or passed with no grace left, means acting
at once (:data:`AT_ONCE_DAYS`), never later than the grace period's end; and with
``--audit-date`` every action is due before the audit.
Observations are opportunities for improvement and get no action.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from ipcheck.findings import Finding
from ipcheck.model.declaration import Declaration
from ipcheck.model.kinds import Item, Person, Procedure, Role, Unit
from ipcheck.rules.conditions import shift

OWNER_FIELDS = ("owner", "custodian", "leader", "chair", "head", "lead_auditor", "made_by", "author")
OWNED_THROUGH = ("procedure", "form", "programme", "audit", "unit")
PLAN_READS = ("Person", "Role", "Unit", "Procedure", "RecordForm", "AuditProgramme", "Audit")
"""The kinds an owner is looked up in (besides the finding's own item): people, roles,
units, and what an item belongs to through :data:`OWNED_THROUGH`."""
"""Fields naming the item whose owner answers for an item with no owner of its own."""
PROCESS_ROLES: dict[str, tuple[str, ...]] = {
    "startup": ("working-group-leader", "management-representative"),
    "diagnosis": ("working-group-leader", "ip-department"),
    "system": ("management-representative",),
    "manual": ("ip-department", "ip-officer"),
    "dissemination": ("ip-department", "ip-officer"),
    "operation": ("ip-department", "ip-officer"),
    "internal-audit": ("management-representative",),
    "management-review": ("top-management",),
    "patent": ("ip-department", "ip-officer"),
    "trademark": ("ip-department", "ip-officer"),
    "copyright": ("ip-department", "ip-officer"),
    "trade-secret": ("ip-department", "ip-officer"),
}
"""The role types a process falls to, by stage or protection type, most specific first."""
FALLBACK_ROLE = "management-representative"
DAYS_TO_ACT = {"major": 30, "minor": 90}
"""Days to act on a finding with no deadline of its own, by grade."""
AT_ONCE_DAYS = 7
"""Days to act "at once": on a deadline passed, or inside its grace period."""


@dataclass(frozen=True, slots=True)
class Deadline:
    """A date field of an item that a finding may be urgent about, and the grace period
    (months) after it during which acting still saves the right."""

    field: str
    kinds: tuple[str, ...]
    grace_months: int


DEADLINES = (
    Deadline("annuity_due", ("Patent",), 6),
    Deadline("expiry", ("Trademark",), 6),
    Deadline("due", (), 0),
)
"""The deadlines read from an item (``kinds`` empty: any kind with that field)."""


@dataclass(frozen=True, slots=True)
class Assignment:
    """Who acts on a finding (a person's name, or a role no one holds), in which unit."""

    owner: str
    unit: str


class Owners:
    """Answers "who owns this" over one declaration, judged at one date (leavers hold nothing)."""

    def __init__(self, declaration: Declaration, as_of: dt.date) -> None:
        self.declaration, self.as_of = declaration, as_of
        self._processes: dict[tuple[str | None, str | None], Assignment | None] = {}

    def _present(self, person: Person) -> bool:
        return person.left is None or person.left > self.as_of

    def _unit_name(self, unit_id: str | None) -> str:
        unit = self.declaration.get(unit_id, Unit)
        return unit.name if unit is not None else ""

    def person(self, person: Person) -> Assignment | None:
        return Assignment(person.name, self._unit_name(person.unit)) if self._present(person) else None

    def role(self, role: Role) -> Assignment:
        """The role's first holder still with the enterprise, else the role itself."""
        for holder in self.declaration.resolve(list(role.holders), Person):
            if self._present(holder):
                return Assignment(holder.name, self._unit_name(role.unit) or self._unit_name(holder.unit))
        return Assignment(role.title, self._unit_name(role.unit))

    def role_of_type(self, role_type: str) -> Assignment | None:
        found = next((r for r in self.declaration.of(Role) if r.type == role_type), None)
        return self.role(found) if found is not None else None

    def of_item(self, item: Item, hops: int = 2) -> Assignment | None:
        """The owner of ``item``, or of what it belongs to (``hops`` steps)."""
        fields = item.__dict__  # a model's fields (asking a model for a field it lacks costs an exception)
        for name in OWNER_FIELDS:
            target = self.declaration.get(fields.get(name))
            found = (self.person(target) if isinstance(target, Person)
                     else self.role(target) if isinstance(target, Role) else None)
            if found is not None:
                return found
        for name in OWNED_THROUGH if hops else ():
            parent = self.declaration.get(fields.get(name))
            found = self.of_item(parent, hops - 1) if parent is not None else None
            if found is not None:
                return found
        return None

    def of_process(self, finding: Finding) -> Assignment | None:
        """The owner of the process a finding concerns: the procedure governing its protection
        type, then the role its stage or protection type falls to."""
        key = (finding.protection, finding.stage)
        if key not in self._processes:  # the same for every finding of that stage and protection
            self._processes[key] = self._of_process(finding)
        return self._processes[key]

    def _of_process(self, finding: Finding) -> Assignment | None:
        if finding.protection:
            for procedure in self.declaration.of(Procedure):
                if finding.protection in procedure.protection and (found := self.of_item(procedure, 0)):
                    return found
        for key in (finding.stage, finding.protection):
            for role_type in PROCESS_ROLES.get(key or "", ()):
                if found := self.role_of_type(role_type):
                    return found
        return None

    def assign(self, finding: Finding) -> Assignment:
        item = self.declaration.by_id.get(finding.subject) if finding.subject else None
        found = (self.of_item(item) if item is not None else None) or self.of_process(finding) \
            or self.role_of_type(FALLBACK_ROLE) or Assignment("", "")
        if isinstance(item, Unit):  # a finding about a unit is addressed to that unit
            return Assignment(found.owner, item.name)
        unit = self._unit_name(item.__dict__.get("unit")) if item is not None else ""
        return Assignment(found.owner, unit or found.unit)


def urgency(item: Item | None, as_of: dt.date) -> dt.date | None:
    """The latest day to act that the item's own deadlines allow, if it has any: its date
    fields (:data:`DEADLINES`), and for a form filled at a frequency, the end of the next period."""
    from ipcheck.rules.builtin.operation import PERIODS

    days: list[dt.date] = []
    fields = item.__dict__ if item is not None else {}  # a model's fields, without an exception per field it lacks
    if (period := PERIODS.get(fields.get("frequency") or "")) is not None:
        days.append(shift(as_of, "+", *period))
    for deadline in DEADLINES if item is not None else ():
        date = fields.get(deadline.field)
        if not isinstance(date, dt.date) or (deadline.kinds and type(item).__name__ not in deadline.kinds):
            continue
        if date >= as_of:
            days.append(date)
        else:  # passed: at once, and within the grace period while one is left
            at_once, grace_end = as_of + dt.timedelta(days=AT_ONCE_DAYS), shift(date, "+", deadline.grace_months, "m")
            days.append(min(at_once, grace_end) if grace_end >= as_of else at_once)
    return min(days) if days else None


def due_date(finding: Finding, item: Item | None, as_of: dt.date, audit_date: dt.date | None) -> dt.date:
    """The day a finding's corrective action is due: by its grade, sooner when its item's
    deadlines are sooner, and before the audit when its date is known."""
    due = as_of + dt.timedelta(days=DAYS_TO_ACT[finding.severity])
    urgent = urgency(item, as_of)
    if urgent is not None:
        due = min(due, urgent)
    if audit_date is not None:
        due = min(due, max(audit_date - dt.timedelta(days=1), as_of))
    return due


def action_plan(findings: list[Finding], declaration: Declaration, as_of: dt.date,
                audit_date: dt.date | None = None,
                known: Mapping[str, tuple[Finding, dict[str, str]]] | None = None) -> dict[str, dict[str, str]]:
    """``{fingerprint: {"owner": ..., "unit": ..., "due": YYYY-MM-DD}}`` for the findings
    that need action (majors and minors). ``known``: the entries of a previous plan, by
    fingerprint with their finding, taken again for that same finding (a check kept alive
    between edits, when nothing an owner or a due date is read from changed)."""
    owners = Owners(declaration, as_of)
    plan: dict[str, dict[str, str]] = {}
    for finding in findings:
        if finding.severity not in DAYS_TO_ACT:
            continue
        if known is not None and (entry := known.get(finding.fingerprint)) is not None and entry[0] is finding:
            plan[finding.fingerprint] = entry[1]
            continue
        item = declaration.by_id.get(finding.subject) if finding.subject else None
        assigned = owners.assign(finding)
        plan[finding.fingerprint] = {"owner": assigned.owner, "unit": assigned.unit,
                                     "due": due_date(finding, item, as_of, audit_date).isoformat()}
    return plan
