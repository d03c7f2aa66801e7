"""The corrective-action plan: who should act on each finding, and by when.

The owner is read from the item the finding is about: the first of its owner-like
fields (``owner``, ``custodian``, ``leader``, ``chair``, ``head``, ``made_by``) that names
a declared person, or a role (its title and holders); an item with none answers through
the item it belongs to (a record form through its procedure, a record through its form);
a finding about no item, or about an item no owner answers for, goes to the management
representative, who answers for the system as a whole. The due date follows audit
practice: a nonconformity's own due date when the item has one and it is still ahead,
else 30 days after ``--as-of`` for a major finding and 90 days for a minor one.
Observations are opportunities for improvement and get no due date.
"""

from __future__ import annotations

import datetime as dt

from ipcheck.findings import Finding
from ipcheck.model.declaration import Declaration
from ipcheck.model.kinds import Item, Person, Role

OWNER_FIELDS = ("owner", "custodian", "leader", "chair", "head", "made_by")
DAYS_TO_ACT = {"major": 30, "minor": 90}


def _role(role: Role, declaration: Declaration) -> str:
    holders = [p.name for p in declaration.resolve(role.holders, Person)]
    return f"{role.title} ({', '.join(holders)})" if holders else role.title


OWNED_THROUGH = ("procedure", "form")
"""Fields naming the item whose owner answers for an item with no owner of its own."""


def _named_owner(item: Item, declaration: Declaration, hops: int = 2) -> str | None:
    """The person or role that owns ``item``, or through what it belongs to (``hops`` steps)."""
    for name in OWNER_FIELDS:
        target = declaration.get(getattr(item, name, None))
        if isinstance(target, Person):
            return target.name
        if isinstance(target, Role):
            return _role(target, declaration)
    for name in OWNED_THROUGH if hops else ():
        parent = declaration.get(getattr(item, name, None))
        found = _named_owner(parent, declaration, hops - 1) if parent is not None else None
        if found:
            return found
    return None


def _owner(item: Item | None, declaration: Declaration) -> str:
    found = _named_owner(item, declaration) if item is not None else None
    if found:
        return found
    representative = next((r for r in declaration.of(Role) if r.type == "management-representative"), None)
    return _role(representative, declaration) if representative is not None else ""


def action_plan(findings: list[Finding], declaration: Declaration, as_of: dt.date) -> dict[str, dict[str, str]]:
    """``{fingerprint: {"owner": ..., "due": YYYY-MM-DD}}`` for the findings that need action."""
    plan: dict[str, dict[str, str]] = {}
    for finding in findings:
        days = DAYS_TO_ACT.get(finding.severity)
        if days is None:
            continue
        item = declaration.by_id.get(finding.subject) if finding.subject else None
        owner = _owner(item, declaration)
        own_due = getattr(item, "due", None) if item is not None else None
        due = own_due if isinstance(own_due, dt.date) and own_due >= as_of else as_of + dt.timedelta(days=days)
        plan[finding.fingerprint] = {"owner": owner, "due": due.isoformat()}
    return plan
