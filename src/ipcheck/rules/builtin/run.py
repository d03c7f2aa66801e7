"""Rules of the running system: operation records, internal audit and management review
(stages ``operation``, ``internal-audit``, ``management-review``).

These checks compare items with one another (records with their forms, audits with their
programme, reviews with the audits before them), which a declarative pack cannot say.
Each rule makes one pass over the items it needs, with dicts and sets for the lookups.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator, Sequence

from ipcheck.model.declaration import Declaration
from ipcheck.model.kinds import (
    REVIEW_INPUTS_BY_EDITION,
    Audit,
    AuditProgramme,
    Item,
    ManagementReview,
    Person,
    Procedure,
    Project,
    Record,
    RecordForm,
    TradeSecret,
    Unit,
)
from ipcheck.i18n import Term
from ipcheck.rules.api import CheckContext, Rule, Violation, rule
from ipcheck.rules.builtin.common import (
    cite_list,
    has_left,
    manual_issued,
    name_of,
    name_or,
    person_name,
    staff_checked,
)
from ipcheck.rules.conditions import shift

# --- shared helpers ------------------------------------------------------------------

#: A periodic frequency as (amount, unit) for :func:`ipcheck.rules.conditions.shift`.
PERIODS: dict[str, tuple[int, str]] = {
    "weekly": (7, "d"),
    "monthly": (1, "m"),
    "quarterly": (3, "m"),
    "half-yearly": (6, "m"),
    "yearly": (12, "m"),
}

#: How a period is spoken of in messages.
PERIOD_WORDS: dict[str, str] = {
    "weekly": "week",
    "monthly": "month",
    "quarterly": "quarter",
    "half-yearly": "half-year",
    "yearly": "year",
}


def back(date: dt.date, frequency: str, times: int = 1) -> dt.date:
    """``date`` moved back by ``times`` periods of ``frequency``."""
    amount, unit = PERIODS[frequency]
    return shift(date, "-", amount * times, unit)


def year_before(date: dt.date) -> dt.date:
    """``date`` moved back by twelve months."""
    return shift(date, "-", 12, "m")


def in_force(decl: Declaration, form: RecordForm, fallback: dt.date | None) -> dt.date | None:
    """When a form came into force: its procedure's issue date, else the manual's."""
    procedure = decl.get(form.procedure, Procedure)
    if procedure is not None and procedure.issued is not None:
        return procedure.issued
    return fallback


def records_by_form(decl: Declaration, as_of: dt.date) -> dict[str, list[Record]]:
    """Records made up to ``as_of``, grouped by form id (declaration order)."""
    grouped: dict[str, list[Record]] = {}
    for record in decl.of(Record):
        if record.date <= as_of:
            grouped.setdefault(record.form, []).append(record)
    return grouped


def operated(decl: Declaration, as_of: dt.date) -> bool:
    """Whether any record was made since the manual was issued (at all, with no issued manual).

    When none was, IP603 reports the one major finding (the system is not operated) and the
    rules on single forms and projects stay silent rather than repeat it per form.
    """
    _, issued = manual_issued(decl)
    return any(r.date <= as_of and (issued is None or r.date >= issued) for r in decl.of(Record))


def _procedure_owner(decl: Declaration, procedure_id: str | None) -> str:
    """The holders of the role owning a procedure, as names, for corrective actions."""
    procedure = decl.get(procedure_id, Procedure)
    if procedure is None or procedure.owner is None:
        return "the owner of the procedure"
    from ipcheck.model.kinds import Role

    role = decl.get(procedure.owner, Role)
    if role is None:
        return procedure.owner
    holders = [person_name(decl, h) for h in role.holders]
    return f"{role.title} ({cite_list(holders)})" if holders else role.title


def _forms_due(decl: Declaration, as_of: dt.date) -> Iterator[tuple[RecordForm, dt.date, dt.date | None]]:
    """Periodic forms in force for at least one whole period by ``as_of``, each with the start
    of its latest period and the date it came into force (None when not known)."""
    _, issued = manual_issued(decl)
    for form in decl.of(RecordForm):
        if form.frequency not in PERIODS:
            continue
        since = back(as_of, form.frequency)
        start = in_force(decl, form, issued)
        if start is not None and start > since:
            continue  # not yet in force for a whole period
        yield form, since, start


def _form_values(decl: Declaration, form: RecordForm, **more: object) -> dict[str, object]:
    """Values of a periodic form's texts: its title, who answers for it, its frequency and period."""
    return {"form": form.title, "owner": _procedure_owner(decl, form.procedure),
            "frequency": Term("frequency", form.frequency),  # type: ignore[arg-type]
            "period": Term("period", form.frequency), **more}  # type: ignore[arg-type]


# --- operation -------------------------------------------------------------------------

_FORM_FAILS = """\
kind: RecordForm
id: F-04-1
title: Deadline and annuity docket check
procedure: PR-04
frequency: weekly
---
kind: Record                 # records on other forms, none on F-04-1
id: R-2026-0398
form: F-02-2
date: 2026-11-12
"""

_FORM_PASSES = """\
kind: RecordForm
id: F-04-1
title: Deadline and annuity docket check
procedure: PR-04
frequency: weekly
---
kind: Record
id: R-2026-0412
form: F-04-1
date: 2026-11-20
made_by: he.jing
"""


@rule(
    id="IP601",
    title={
        "en": "Records are made on every periodic record form",
        "zh-CN": "每张定期记录表单均有记录",
    },
    severity="major",
    stage="operation",
    clauses=("records", "monitoring"),
    rationale={
        "en": (
            "A form with a weekly, monthly, quarterly, half-yearly or yearly frequency that has "
            "never been filled in, although it has been in force for more than one period, shows "
            "that the procedure it belongs to is not carried out at all: the auditor finds a "
            "documented system that does not run. (When no form at all has a record since the "
            "manual was issued, IP603 reports that once instead.)"
        ),
        "zh-CN": (
            "按周、月、季度、半年或年填写的表单，生效已超过一个周期却从未填写过，说明其所属程序根本没有执行："
            "审核员看到的是一个只停留在纸面上的体系。（若手册发布以来所有表单均无记录，则由IP603报告一次。）"
        ),
    },
    fails=_FORM_FAILS,
    passes=_FORM_PASSES,
    messages={
        "default": {
            "en": "RecordForm {subject} '{form}' is to be filled in {frequency} but no record has ever been made on it",
            "zh-CN": "记录表单{subject}“{form}”应{frequency}填写，但从未有过任何记录",
        },
        "in-force-since": {
            "en": "RecordForm {subject} '{form}' is to be filled in {frequency} but no record has ever been made "
                  "on it (in force since {start})",
            "zh-CN": "记录表单{subject}“{form}”应{frequency}填写，但自{start}生效以来从未有过任何记录",
        },
    },
    fix={
        "en": "Have {owner} carry out the activity of procedure {procedure} and record it on form {subject} "
              "('{form}') every {period}, starting now; find out why no record was ever made and whether the "
              "activity happened without a record.",
        "zh-CN": "请{owner}立即执行程序{procedure}规定的活动，并从现在起每{period}在表单{subject}（“{form}”）上记录；"
                 "查明为何从未形成记录，以及该活动是否已开展但未留记录。",
    },
)
def periodic_form_never_recorded(ctx: CheckContext) -> Iterator[Violation]:
    decl, as_of = ctx.declaration, ctx.as_of
    if not operated(decl, as_of):
        return  # IP603
    grouped = records_by_form(decl, as_of)
    for form, _, start in _forms_due(decl, as_of):
        if form.id in grouped:
            continue
        values = _form_values(decl, form, procedure=form.procedure, start=start)
        yield Violation(subject=form.id, path=("frequency",), values=values,
                        template="default" if start is None else "in-force-since")


@rule(
    id="IP602",
    title={
        "en": "Each periodic form has a record in its latest period",
        "zh-CN": "每张定期表单在最近一个周期内均有记录",
    },
    severity="minor",
    stage="operation",
    clauses=("records", "monitoring"),
    rationale={
        "en": (
            "Records are expected in every period of the form's frequency. When the latest record "
            "on a monthly form is older than a month, the activity has lapsed: an isolated lapse "
            "that the auditor grades minor, as long as the form was used before."
        ),
        "zh-CN": (
            "表单在其频次的每个周期内都应有记录。按月填写的表单，最近一条记录已超过一个月，说明该活动已中断："
            "只要该表单此前一直在使用，这是审核员判为一般不符合的个别疏漏。"
        ),
    },
    fails=_FORM_PASSES.replace("2026-11-20", "2026-09-04"),
    passes=_FORM_PASSES,
    messages={
        "default": {
            "en": "RecordForm {subject} '{form}' is to be filled in {frequency}, but its latest record, {record}, "
                  "is dated {latest}: nothing was recorded in the {period} before {as_of}",
            "zh-CN": "记录表单{subject}“{form}”应{frequency}填写，但最近一条记录{record}的日期为{latest}："
                     "{as_of}之前的一个{period}内没有任何记录",
        },
    },
    fix={
        "en": "Have {owner} make the overdue {frequency} record on form {subject} ('{form}') for the period since "
              "{latest}, and put the form on the procedure owner's calendar so that no {period} passes without a "
              "record.",
        "zh-CN": "请{owner}补做表单{subject}（“{form}”）自{latest}以来应{frequency}形成的记录，"
                 "并将该表单列入程序负责人的工作日程，确保每个{period}都有记录。",
    },
)
def periodic_form_lapsed(ctx: CheckContext) -> Iterator[Violation]:
    decl, as_of = ctx.declaration, ctx.as_of
    grouped = records_by_form(decl, as_of)
    for form, since, _ in _forms_due(decl, as_of):
        if form.id not in grouped:
            continue
        latest = max(grouped[form.id], key=lambda r: r.date)
        if latest.date >= since:
            continue
        values = _form_values(decl, form, latest=latest.date, record=latest.id, as_of=as_of)
        yield Violation(subject=form.id, path=("frequency",), values=values)


@rule(
    id="IP603",
    title="The system has been operated since the manual was issued",
    severity="major",
    stage="operation",
    clauses=("records", "general-requirements"),
    rationale=(
        "Operation is evidenced by records made on the forms of the system after the manual "
        "and its procedures came into force. Without any such record the system exists on "
        "paper only: the implementation and operation stage is missing."
    ),
    fails="""\
kind: Manual
id: MAN-01
title: IP management manual
issued: 2026-03-01
# no Record dated on or after 2026-03-01
""",
    passes="""\
kind: Manual
id: MAN-01
title: IP management manual
issued: 2026-03-01
---
kind: Record
id: R-2026-0001
form: F-02-2
date: 2026-03-27
""",
    fix=(
        "Start operating the system: have every unit fill in the record forms of its procedures "
        "as the activities happen{since}, and declare the records (`kind: Record`)."
    ),
)
def ip603(ctx: CheckContext) -> Iterator[Violation]:
    decl, as_of = ctx.declaration, ctx.as_of
    manual, issued = manual_issued(decl)
    dates = [r.date for r in decl.of(Record) if r.date <= as_of]
    if manual is None or issued is None:
        if not dates:
            yield Violation("No operation record has been made on any record form", values={"since": ""})
        return
    if issued > as_of:
        return
    if not any(d >= issued for d in dates):
        latest = f"; the latest record is dated {max(dates).isoformat()}" if dates else ""
        yield Violation(
            f"No operation record has been made since Manual {manual.id} '{manual.title}' was issued "
            f"on {issued.isoformat()}{latest}",
            subject=manual.id, path=("issued",), values={"since": f" since {issued.isoformat()}"},
        )


@rule(
    id="IP604",
    title="Monitoring forms have a record in every period",
    severity="minor",
    stage="operation",
    clauses=("monitoring",),
    rationale=(
        "Monitoring is regular by definition: a monitoring form (deadline docket, competitor "
        "watch, access inspection) with gaps in its record over the past year means the risks "
        "it watches went unwatched for those periods. The latest period is judged by IP602; "
        "this rule looks at the earlier periods of the last twelve months."
    ),
    fails="""\
kind: RecordForm
id: F-07-2
title: Confidential area and IT access inspection
frequency: monthly
monitoring: true
---
kind: Record
items:   # none from late May to late September 2026
  - {id: R-01, form: F-07-2, date: 2025-11-25}
  - {id: R-02, form: F-07-2, date: 2025-12-25}
  - {id: R-03, form: F-07-2, date: 2026-01-25}
  - {id: R-04, form: F-07-2, date: 2026-02-25}
  - {id: R-05, form: F-07-2, date: 2026-03-25}
  - {id: R-06, form: F-07-2, date: 2026-04-25}
  - {id: R-07, form: F-07-2, date: 2026-09-25}
  - {id: R-08, form: F-07-2, date: 2026-10-25}
""",
    passes="""\
kind: RecordForm
id: F-07-2
title: Confidential area and IT access inspection
frequency: monthly
monitoring: true
---
kind: Record
items:
  - {id: R-01, form: F-07-2, date: 2025-11-25}
  - {id: R-02, form: F-07-2, date: 2025-12-25}
  - {id: R-03, form: F-07-2, date: 2026-01-25}
  - {id: R-04, form: F-07-2, date: 2026-02-25}
  - {id: R-05, form: F-07-2, date: 2026-03-25}
  - {id: R-06, form: F-07-2, date: 2026-04-25}
  - {id: R-07, form: F-07-2, date: 2026-05-25}
  - {id: R-08, form: F-07-2, date: 2026-06-25}
  - {id: R-09, form: F-07-2, date: 2026-07-25}
  - {id: R-10, form: F-07-2, date: 2026-08-25}
  - {id: R-11, form: F-07-2, date: 2026-09-25}
  - {id: R-12, form: F-07-2, date: 2026-10-25}
""",
    fix=(
        "Have {owner} establish why form {subject} ('{form}') was not filled in for {gaps}, "
        "record the monitoring results that can still be established, and assign a deputy for "
        "the monitoring so that no {period} is missed again."
    ),
)
def ip604(ctx: CheckContext) -> Iterator[Violation]:
    decl, as_of = ctx.declaration, ctx.as_of
    _, issued = manual_issued(decl)
    grouped = records_by_form(decl, as_of)
    year_ago = year_before(as_of)
    for form in decl.of(RecordForm):
        if not form.monitoring or form.frequency not in PERIODS or form.id not in grouped:
            continue
        start = in_force(decl, form, issued)
        window = max(year_ago, start) if start is not None else year_ago
        dates = sorted(r.date for r in grouped[form.id])
        gaps: list[tuple[dt.date, dt.date]] = []
        k = 2  # period 1 (the latest) is IP602's
        while True:
            lo, hi = back(as_of, form.frequency, k), back(as_of, form.frequency, k - 1)
            if lo < window:
                break
            i = bisect.bisect_left(dates, lo)
            if i >= len(dates) or dates[i] >= hi:
                gaps.append((lo, hi))
            k += 1
        if not gaps:
            continue
        gaps.reverse()
        spans: list[tuple[dt.date, dt.date]] = []
        for lo, hi in gaps:  # consecutive periods read as one span
            if spans and spans[-1][1] == lo:
                spans[-1] = (spans[-1][0], hi)
            else:
                spans.append((lo, hi))
        shown = cite_list(f"{lo.isoformat()} to {(hi - dt.timedelta(days=1)).isoformat()}" for lo, hi in spans)
        word = PERIOD_WORDS[form.frequency]
        values = _form_values(decl, form, gaps=shown)
        yield Violation(
            f"Monitoring form {form.id} '{form.title}' ({form.frequency}) has no record for "
            f"{len(gaps)} {word}{'s' if len(gaps) > 1 else ''} of the last twelve months ({shown})",
            subject=form.id, path=("monitoring",), values=values,
        )


@rule(
    id="IP606",
    title="The system is monitored on declared monitoring forms",
    severity="major",
    stage="operation",
    clauses=("monitoring",),
    rationale=(
        "Regular monitoring (deadlines and annuities, competitors' patents, conflicting marks, "
        "access to secrets, progress on objectives) is what keeps the system working between "
        "audits. Record forms exist but none is marked as a monitoring form: no monitoring is "
        "planned. (With no record forms at all, the manual stage reports the missing forms.)"
    ),
    fails="""\
kind: RecordForm
id: F-04-1
title: Deadline and annuity docket check
frequency: weekly
""",
    passes="""\
kind: RecordForm
id: F-04-1
title: Deadline and annuity docket check
frequency: weekly
monitoring: true
""",
    fix=(
        "Have the IP department decide what is monitored and how often (annuity and deadline docket, "
        "patent and trademark watch, access to trade secrets, IP objectives), mark the forms of that "
        "monitoring `monitoring: true` with their frequency, and start the records."
    ),
)
def ip606(ctx: CheckContext) -> Iterator[Violation]:
    forms = ctx.declaration.of(RecordForm)
    if forms and not any(f.monitoring for f in forms):
        yield Violation(f"None of the {len(forms)} record forms is marked as a monitoring form (monitoring: true)")


def _projects_due(decl: Declaration, as_of: dt.date) -> Iterator[Project]:
    """Projects started by ``as_of`` and, when the manual is issued, on or after its issue."""
    _, issued = manual_issued(decl)
    for project in decl.of(Project):
        if project.start is None or project.start > as_of:
            continue
        if issued is not None and project.start < issued:
            continue
        yield project


@rule(
    id="IP607",
    title="The IP work of each R&D project is recorded",
    severity="minor",
    stage="operation",
    protection="patent",
    clauses=("research-development", "project-initiation", "records"),
    rationale=(
        "Projects started since the manual was issued run under the R&D procedure: an IP plan "
        "at initiation, searches, reviews of lab notebooks and disclosures, an IP evaluation at "
        "closure. A project with no operation record about it (Record.about) shows the "
        "procedure was not applied to it. (Whether a patent search preceded the start is IPP004.)"
    ),
    fails="""\
kind: Manual
id: MAN-01
title: IP management manual
issued: 2025-03-01
---
kind: Project
id: PJ-2026-03
name: Microchannel coil for CO2 heat pumps
leader: li.na
start: 2026-04-01
---
kind: Record                 # records about other items, none about PJ-2026-03
id: R-2026-0201
form: F-02-2
date: 2026-04-10
""",
    passes="""\
kind: Project
id: PJ-2026-03
name: Microchannel coil for CO2 heat pumps
leader: li.na
start: 2026-04-01
---
kind: Record
id: R-2026-0188
form: F-10-1
date: 2026-03-30
about: PJ-2026-03
summary: Project IP plan approved
""",
    fix=(
        "Have {leader_name} draw up the IP plan of project {subject} '{project}' with the IP "
        "department and record it and the project's IP reviews on the forms of the R&D procedure, "
        "each naming the project (`about: {subject}`)."
    ),
)
def ip607(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    if not operated(decl, ctx.as_of):
        return  # IP603
    about = {r.about for r in decl.of(Record) if r.about is not None and r.date <= ctx.as_of}
    for project in _projects_due(decl, ctx.as_of):
        if project.id in about:
            continue
        yield Violation(
            f"Project {project.id} '{project.name}' started on {project.start.isoformat()} "  # type: ignore[union-attr]
            f"and no operation record is about it",
            subject=project.id, path=("start",),
            values={"project": project.name, "leader_name": _leader(decl, project)},
        )


def _leader(decl: Declaration, project: Project) -> str:
    return name_or(decl, project.leader, "the project leader")


@rule(
    id="IP608",
    title="The patent search of a project is backed by its record",
    severity="minor",
    stage="operation",
    protection="patent",
    clauses=("research-development", "records"),
    rationale=(
        "The date of a project's patent search is only evidence when the search report is a "
        "record on the search form, made before the project started. A search with no record, "
        "or whose record is dated after the start, is a claim the auditor cannot verify."
    ),
    fails="""\
kind: Project
id: PJ-2026-03
name: Microchannel coil for CO2 heat pumps
start: 2026-04-01
patent_search: {date: 2026-03-18, result: no blocking patent}
""",
    passes="""\
kind: Project
id: PJ-2026-03
name: Microchannel coil for CO2 heat pumps
start: 2026-04-01
patent_search: {date: 2026-03-18, record: R-2026-0151, result: no blocking patent}
---
kind: Record
id: R-2026-0151
form: F-03-1
date: 2026-03-18
about: PJ-2026-03
""",
    fix=(
        "Have {leader_name} file the search report of project {subject} '{project}' as a record on the "
        "patent search form (dated when the search was made) and name it in the project's "
        "patent_search.record{extra}."
    ),
)
def ip608(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    for project in _projects_due(decl, ctx.as_of):
        search = project.patent_search
        if search is None or search.date is None or project.start is None:
            continue  # no search at all: IPP004
        values = {"project": project.name, "leader_name": _leader(decl, project), "extra": ""}
        if search.record is None:
            yield Violation(
                f"The patent search of Project {project.id} '{project.name}' (dated {search.date.isoformat()}) "
                f"names no record of the search report",
                subject=project.id, path=("patent_search",), values=values,
            )
            continue
        record = decl.get(search.record, Record)
        if record is None or record.date <= project.start:
            continue  # an unresolved record is IPX001
        values["extra"] = f"; if {record.id} is the search report, correct its date or the project's start"
        yield Violation(
            f"The patent search of Project {project.id} '{project.name}' is recorded in {record.id}, "
            f"dated {record.date.isoformat()}, after the project started on {project.start.isoformat()}",
            subject=project.id, path=("patent_search", "record"), values=values,
        )


def _without_staff_check(decl: Declaration, as_of: dt.date, kind: str) -> Iterator[tuple[Person, dt.date]]:
    """People who joined (``kind`` entry) or left (exit) in the twelve months up to ``as_of``
    and have no recorded staff check of that kind, each with the date they joined or left."""
    since = year_before(as_of)
    checked = staff_checked(decl, kind)
    for person in decl.of(Person):
        date = person.joined if kind == "entry" else person.left
        if date is None or not since <= date <= as_of or person.id in checked:
            continue
        yield person, date


def _hr_owner(decl: Declaration) -> str:
    """Who answers for entry and exit checks: the head of the human resources unit."""
    for unit in decl.of(Unit):
        if "human" in unit.name.lower() or unit.id.upper().endswith("HR"):
            head = decl.get(unit.head, Person)
            return f"{head.name}, head of the {unit.name}," if head is not None else f"the {unit.name}"
    return "the human resources department"


@rule(
    id="IP609",
    title="Everyone who joined in the last twelve months had an entry IP check",
    severity="minor",
    stage="operation",
    clauses=("entry",),
    rationale=(
        "On entry, a new hire's prior obligations (confidentiality, non-compete, IP owed to a "
        "former employer) are checked and the hire is told of the enterprise's IP rules. A "
        "missing check exposes the enterprise to a former employer's claims."
    ),
    fails="""\
kind: Person
id: peng.li
name: Peng Li
joined: 2026-09-15
# no StaffCheck of type entry for peng.li
""",
    passes="""\
kind: Person
id: peng.li
name: Peng Li
joined: 2026-09-15
---
kind: StaffCheck
items:
  - {id: SC-2026-031, person: peng.li, type: entry, date: 2026-09-15,
     items: [prior obligations, IP rules briefing]}
""",
    fix=(
        "Have {hr} carry out the entry IP check of {name} (prior confidentiality and non-compete "
        "obligations, IP brought from former employers, briefing on the IP rules), record it "
        "(`kind: StaffCheck`, type entry), and add the check to the hiring checklist."
    ),
)
def ip609(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    hr = _hr_owner(decl)
    for person, joined in _without_staff_check(decl, ctx.as_of, "entry"):
        yield Violation(
            f"{person.name} ({person.id}) joined on {joined.isoformat()} and has no entry IP check",
            subject=person.id, path=("joined",), values={"name": person.name, "hr": hr},
        )


@rule(
    id="IP610",
    title="Everyone who left in the last twelve months had an exit IP check",
    severity="minor",
    stage="operation",
    clauses=("exit",),
    rationale=(
        "On exit, materials and access are taken back and the leaver is reminded of continuing "
        "confidentiality and non-compete duties. Without the check, secrets may walk out and the "
        "enterprise has no evidence of the reminder if it must enforce them. Leavers who had "
        "access to a trade secret are reported by IPS009."
    ),
    fails="""\
kind: Person
id: qian.bo
name: Qian Bo
left: 2026-07-31
# no StaffCheck of type exit for qian.bo
""",
    passes="""\
kind: Person
id: qian.bo
name: Qian Bo
left: 2026-07-31
---
kind: StaffCheck
items:
  - {id: SC-2026-044, person: qian.bo, type: exit, date: 2026-07-30,
     items: [materials returned, access revoked, reminder of confidentiality duties]}
""",
    fix=(
        "Have {hr} complete the exit IP check of {name} after the fact: confirm materials and "
        "access were returned and revoked, send the written reminder of continuing confidentiality "
        "and non-compete duties, record it (`kind: StaffCheck`, type exit), and make the check a "
        "condition of the leaving formalities."
    ),
)
def ip610(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    knew: set[str] = set()
    for secret in decl.of(TradeSecret):
        knew.update(secret.access)
        if secret.custodian is not None:
            knew.add(secret.custodian)
    hr = _hr_owner(decl)
    for person, left in _without_staff_check(decl, ctx.as_of, "exit"):
        if person.id in knew:
            continue  # IPS009 reports leavers who knew a trade secret
        yield Violation(
            f"{person.name} ({person.id}) left on {left.isoformat()} and has no exit IP check",
            subject=person.id, path=("left",), values={"name": person.name, "hr": hr},
        )


# --- internal audit ----------------------------------------------------------------------


def current_programmes(decl: Declaration, as_of: dt.date) -> list[AuditProgramme]:
    """Programmes whose cycle has begun and covers ``as_of`` or ended within twelve months."""
    year_ago = year_before(as_of)
    return [p for p in decl.of(AuditProgramme)
            if p.cycle_start is not None and p.cycle_start <= as_of
            and (p.cycle_end is None or p.cycle_end >= year_ago)]


def _programme_audits(decl: Declaration, programme: AuditProgramme, audits: Sequence[Audit]) -> list[Audit]:
    """Audits of a programme: those naming it, or, naming none, dated within its cycle."""
    mine = []
    for audit in audits:
        if audit.programme is not None:
            if audit.programme == programme.id:
                mine.append(audit)
        elif (audit.date is not None and programme.cycle_start is not None and audit.date >= programme.cycle_start
              and (programme.cycle_end is None or audit.date <= programme.cycle_end)):
            mine.append(audit)
    return mine


def _label(item_id: str, item: Item | None) -> str:
    """"PR-05 'Trademark management'", or the bare id of an undeclared item."""
    return f"{item_id} '{name_of(item)}'" if item is not None else item_id


def _approver(decl: Declaration, programme: AuditProgramme) -> str:
    """Who answers for a programme: its approver, else the management representative."""
    return name_or(decl, programme.approved_by, "the management representative")


def _programme_values(decl: Declaration, programme: AuditProgramme, item_id: str, item: Item | None) -> dict[str, str]:
    """Values of the corrective action for a procedure or unit missing from a programme's audits."""
    return {"item": _label(item_id, item), "programme": programme.id, "approver": _approver(decl, programme)}


def _coverage_rule(kind: type[Procedure | Unit], field: str) -> object:
    def check(ctx: CheckContext) -> Iterator[Violation]:
        decl = ctx.declaration
        programmes = current_programmes(decl, ctx.as_of)
        if not programmes:
            return
        covered: set[str] = set()
        for p in programmes:
            covered.update(getattr(p, field))
        latest = max(programmes, key=lambda p: p.cycle_start)  # type: ignore[arg-type, return-value]
        for item in decl.of(kind):
            if item.id in covered:
                continue
            what = "Procedure" if kind is Procedure else "Unit"
            yield Violation(
                f"{what} {_label(item.id, item)} is not covered by the internal audit programme "
                f"{latest.id} '{latest.title}'",
                subject=latest.id, path=(field,), key=item.id,
                values=_programme_values(decl, latest, item.id, item),
            )
    return check


@rule(
    id="IP701",
    title="An internal audit programme is in force",
    severity="major",
    stage="internal-audit",
    clauses=("internal-audit",),
    rationale=(
        "Internal audits are planned in a programme for a cycle (in practice a year) so that "
        "every procedure and unit is audited. No programme covering today, or ended within the "
        "past twelve months, means the internal audit is not planned at all."
    ),
    fails="""\
kind: AuditProgramme
id: IAP-2024
title: Internal audit programme 2024
cycle_start: 2024-01-01
cycle_end: 2024-12-31
""",
    passes="""\
kind: AuditProgramme
id: IAP-2026
title: Internal audit programme 2026
cycle_start: 2026-01-01
cycle_end: 2026-12-31
approved_by: liu.hong
""",
    fix=(
        "Have the management representative draw up the internal audit programme for the current "
        "cycle{latest}, covering every procedure and every unit, have it approved, and declare it "
        "(`kind: AuditProgramme`)."
    ),
)
def ip701(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    if current_programmes(decl, ctx.as_of):
        return
    undated = [p for p in decl.of(AuditProgramme) if p.cycle_start is None]
    if undated:
        first = undated[0]
        yield Violation(
            f"No internal audit programme is in force on {ctx.as_of.isoformat()}: programme {first.id} "
            f"'{first.title}' has no cycle (cycle_start, cycle_end), so it covers no period",
            subject=first.id, path=("cycle_start",), values={"latest": f" (dating programme {first.id})"},
        )
        return
    ended = [p for p in decl.of(AuditProgramme) if p.cycle_end is not None and p.cycle_end <= ctx.as_of]
    if ended:
        last = max(ended, key=lambda p: p.cycle_end)  # type: ignore[arg-type, return-value]
        yield Violation(
            f"No internal audit programme is in force on {ctx.as_of.isoformat()}: the latest, "
            f"{last.id} '{last.title}', ended on {last.cycle_end.isoformat()}",  # type: ignore[union-attr]
            subject=last.id, path=("cycle_end",), values={"latest": f" (the one after {last.id})"},
        )
    else:
        yield Violation(f"No internal audit programme covers {ctx.as_of.isoformat()}", values={"latest": ""})


_COVER_FIX = (
    "Have {approver} revise programme {programme} to include {kind_word} {item} in the "
    "cycle's audits, and schedule an audit of it before the cycle ends."
)

ip702 = rule(
    id="IP702",
    title="The audit programme covers every procedure",
    severity="minor",
    stage="internal-audit",
    clauses=("internal-audit",),
    rationale=(
        "Over its cycle the audit programme must reach every control procedure of the system; a "
        "procedure left out goes unaudited for a whole cycle."
    ),
    fails="""\
kind: AuditProgramme
id: IAP-2026
title: Internal audit programme 2026
cycle_start: 2026-01-01
cycle_end: 2026-12-31
procedures: [PR-01, PR-02]   # PR-03 is not in the programme
---
kind: Procedure
items:
  - {id: PR-01, title: Document control}
  - {id: PR-02, title: IP acquisition}
  - {id: PR-03, title: Patent search}
""",
    passes="""\
kind: AuditProgramme
id: IAP-2026
title: Internal audit programme 2026
cycle_start: 2026-01-01
cycle_end: 2026-12-31
procedures: [PR-01, PR-02, PR-03]
---
kind: Procedure
items:
  - {id: PR-01, title: Document control}
  - {id: PR-02, title: IP acquisition}
  - {id: PR-03, title: Patent search}
""",
    fix=_COVER_FIX.replace("{kind_word}", "procedure"),
)(_coverage_rule(Procedure, "procedures"))  # type: ignore[arg-type]

ip703 = rule(
    id="IP703",
    title="The audit programme covers every unit",
    severity="minor",
    stage="internal-audit",
    clauses=("internal-audit",),
    rationale=(
        "Every department applies the system, so every department is audited at least once per "
        "cycle; a unit left out of the programme is a blind spot of the internal audit."
    ),
    fails="""\
kind: AuditProgramme
id: IAP-2026
title: Internal audit programme 2026
cycle_start: 2026-01-01
cycle_end: 2026-12-31
units: [U-IPD, U-RD]          # U-PUR is not in the programme
---
kind: Unit
items:
  - {id: U-IPD, name: Legal & IP Department}
  - {id: U-RD, name: R&D Centre}
  - {id: U-PUR, name: Procurement Department}
""",
    passes="""\
kind: AuditProgramme
id: IAP-2026
title: Internal audit programme 2026
cycle_start: 2026-01-01
cycle_end: 2026-12-31
units: [U-IPD, U-RD, U-PUR]
---
kind: Unit
items:
  - {id: U-IPD, name: Legal & IP Department}
  - {id: U-RD, name: R&D Centre}
  - {id: U-PUR, name: Procurement Department}
""",
    fix=_COVER_FIX.replace("{kind_word}", "unit"),
)(_coverage_rule(Unit, "units"))  # type: ignore[arg-type]


def _audited_rule(field: str, what: str) -> object:
    def check(ctx: CheckContext) -> Iterator[Violation]:
        decl, as_of = ctx.declaration, ctx.as_of
        audits = decl.of(Audit)
        for programme in current_programmes(decl, as_of):
            ended = programme.cycle_end is not None and programme.cycle_end < as_of
            mine = _programme_audits(decl, programme, audits)
            reached: set[str] = set()
            for audit in mine:
                if audit.date is None:
                    continue
                if audit.date <= as_of or not ended:  # while the cycle runs, a scheduled audit counts
                    reached.update(getattr(audit, field))
            for index, target in enumerate(getattr(programme, field)):
                if target in reached:
                    continue
                item = decl.get(target)
                label = f"{what} {_label(target, item)}"
                if ended:
                    message = (f"{label} is in audit programme {programme.id}, whose cycle ended on "
                               f"{programme.cycle_end.isoformat()}, but no audit of it was performed")  # type: ignore[union-attr]
                else:
                    message = (f"{label} is in audit programme {programme.id} but no audit of it is "
                               f"performed or scheduled in the cycle to {_show(programme.cycle_end)}")
                yield Violation(
                    message, subject=programme.id, path=(field, index), key=target,
                    values=_programme_values(decl, programme, target, item),
                )
    return check


def _show(date: dt.date | None) -> str:
    return date.isoformat() if date is not None else "(open end)"


ip704 = rule(
    id="IP704",
    title="Every procedure of the audit programme is audited",
    severity="minor",
    stage="internal-audit",
    clauses=("internal-audit",),
    rationale=(
        "A programme is evidence of intent; the audits are the evidence of the check. Each "
        "procedure in the programme must be audited in the cycle (while the cycle runs, at "
        "least scheduled: an audit dated later than the check date counts as scheduled)."
    ),
    fails="""\
kind: AuditProgramme
id: IAP-2025
title: Internal audit programme 2025
cycle_start: 2025-01-01
cycle_end: 2025-12-31
procedures: [PR-02, PR-05]
---
kind: Audit
id: IA-2025-01
programme: IAP-2025
date: 2025-06-10
procedures: [PR-02]           # PR-05 never audited
""",
    passes="""\
kind: Audit
id: IA-2025-01
programme: IAP-2025
date: 2025-06-10
procedures: [PR-02, PR-05]
""",
    fix=(
        "Have {approver} schedule an audit of procedure {item} under programme "
        "{programme} with auditors independent of the units concerned, and hold it (if the cycle has "
        "ended, at the start of the next cycle)."
    ),
)(_audited_rule("procedures", "Procedure"))  # type: ignore[arg-type]

ip705 = rule(
    id="IP705",
    title="Every unit of the audit programme is audited",
    severity="minor",
    stage="internal-audit",
    clauses=("internal-audit",),
    rationale=(
        "Each unit named in the programme must be visited by an audit in the cycle (while the "
        "cycle runs, at least scheduled); otherwise the programme was not carried out."
    ),
    fails="""\
kind: AuditProgramme
id: IAP-2025
title: Internal audit programme 2025
cycle_start: 2025-01-01
cycle_end: 2025-12-31
units: [U-RD, U-PUR]
---
kind: Audit
id: IA-2025-01
programme: IAP-2025
date: 2025-06-10
units: [U-RD]                 # U-PUR never audited
""",
    passes="""\
kind: Audit
id: IA-2025-01
programme: IAP-2025
date: 2025-06-10
units: [U-RD, U-PUR]
""",
    fix=(
        "Have {approver} schedule an audit of unit {item} under programme {programme} "
        "with auditors from other units, and hold it (if the cycle has ended, at the start of the "
        "next cycle)."
    ),
)(_audited_rule("units", "Unit"))  # type: ignore[arg-type]


@rule(
    id="IP707",
    title="Auditors are independent of the units they audit",
    severity="minor",
    stage="internal-audit",
    clauses=("internal-audit",),
    rationale=(
        "ISO 19011 and the standard require auditors who do not audit their own work: an "
        "auditor from an audited unit cannot give an objective finding on it."
    ),
    fails="""\
kind: Person
id: li.na
name: Li Na
unit: U-RD
---
kind: Audit
id: IA-2026-02
date: 2026-06-16
lead_auditor: li.na
units: [U-RD]
""",
    passes="""\
kind: Audit
id: IA-2026-02
date: 2026-06-16
lead_auditor: tang.qian   # Quality Department
units: [U-RD]
""",
    fix=(
        "Have the management representative re-audit unit {unit} '{unit_name}' in audit {subject} "
        "with an auditor from another unit in place of {auditor}, and check auditor assignments "
        "against the audited units when audit plans are drawn up."
    ),
)
def ip707(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    persons = {p.id: p for p in decl.of(Person)}
    for audit in decl.of(Audit):
        if not audit.units:
            continue
        audited = set(audit.units)
        slots: list[tuple[tuple[str | int, ...], str]] = []
        if audit.lead_auditor is not None:
            slots.append((("lead_auditor",), audit.lead_auditor))
        slots += [(("auditors", i), a) for i, a in enumerate(audit.auditors)]
        seen: set[str] = set()
        for path, person_id in slots:
            person = persons.get(person_id)
            if person is None or person.unit not in audited or person_id in seen:
                continue
            seen.add(person_id)
            unit = decl.get(person.unit, Unit)
            unit_name = unit.name if unit is not None else person.unit
            role = "lead auditor" if path[0] == "lead_auditor" else "auditor"
            yield Violation(
                f"Audit {audit.id} audits unit {person.unit} '{unit_name}' with {role} {person.name} "
                f"({person.id}), who belongs to that unit",
                subject=audit.id, path=path, key=person_id,
                values={"unit": person.unit, "unit_name": unit_name, "auditor": person.name},
            )


# --- management review -------------------------------------------------------------------

#: The inputs the 2023 edition requires of a management review (REVIEW_INPUTS_BY_EDITION has each edition's).
REVIEW_INPUTS: tuple[str, ...] = REVIEW_INPUTS_BY_EDITION["2023"]


def _chair(decl: Declaration, review: ManagementReview) -> str:
    """The name of the review's chair, else 'top management'."""
    return name_or(decl, review.chair, "top management")


def recent_reviews(decl: Declaration, as_of: dt.date) -> list[ManagementReview]:
    """Reviews held in the twelve months up to ``as_of``."""
    since = year_before(as_of)
    return [r for r in decl.of(ManagementReview) if r.date is not None and since <= r.date <= as_of]


@rule(
    id="IP801",
    title="Top management has reviewed the system within the last twelve months",
    severity="major",
    stage="management-review",
    clauses=("management-review",),
    rationale=(
        "Top management reviews the system at planned intervals, in practice yearly, for its "
        "suitability, adequacy and effectiveness. No review in the past twelve months is the "
        "classic major nonconformity: the act step of the cycle is missing."
    ),
    fails="""\
kind: ManagementReview
id: MR-2025
date: 2025-08-20
chair: chen.zhiyuan
""",
    passes="""\
kind: ManagementReview
id: MR-2026
date: 2026-10-28
chair: chen.zhiyuan
""",
    fix=(
        "Have the general manager hold the management review with all required inputs (audit results, "
        "objective achievement, policy implementation, changes, risks and opportunities, resources, "
        "follow-up of earlier reviews, corrective actions), record its decisions with owners and "
        "due dates, and declare it (`kind: ManagementReview`)."
    ),
)
def ip801(ctx: CheckContext) -> Iterator[Violation]:
    decl, as_of = ctx.declaration, ctx.as_of
    if recent_reviews(decl, as_of):
        return
    dated = [r for r in decl.of(ManagementReview) if r.date is not None]
    earlier = [r for r in dated if r.date <= as_of]  # type: ignore[operator]
    later = [r for r in dated if r.date > as_of]  # type: ignore[operator]  # most often a typed year
    head = f"No management review has been held in the twelve months before {as_of.isoformat()}"
    if earlier:
        last = max(earlier, key=lambda r: r.date)  # type: ignore[arg-type, return-value]
        yield Violation(f"{head}: the latest, {last.id}, was held on {last.date.isoformat()}",  # type: ignore[union-attr]
                        subject=last.id, path=("date",))
    elif later:
        first = min(later, key=lambda r: r.date)  # type: ignore[arg-type, return-value]
        yield Violation(f"{head}: {first.id} is dated {first.date.isoformat()}, after the check date",  # type: ignore[union-attr]
                        subject=first.id, path=("date",))
    else:
        yield Violation(head)


@rule(
    id="IP802",
    title="The management review is chaired by top management",
    severity="major",
    stage="management-review",
    clauses=("management-review", "commitment"),
    rationale=(
        "The review is top management's own evaluation of the system. Chaired by the IP "
        "department or the management representative alone, it is a report to no one: the "
        "requirement is not met."
    ),
    fails="""\
kind: Person
id: sun.lihua
name: Sun Lihua
position: Head of Legal & IP
---
kind: ManagementReview
id: MR-2026
date: 2026-10-28
chair: sun.lihua
""",
    passes="""\
kind: Person
id: chen.zhiyuan
name: Chen Zhiyuan
top_management: true
---
kind: ManagementReview
id: MR-2026
date: 2026-10-28
chair: chen.zhiyuan
""",
    fix=(
        "Have a member of top management ({top}) chair review {subject}, or hold it again under their "
        "chair, and record the chair in the minutes."
    ),
)
def ip802(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    top = [p for p in decl.of(Person) if p.top_management and not has_left(p, ctx.as_of)]
    top_names = cite_list(p.name for p in top) or "general manager or chairman"
    for review in recent_reviews(decl, ctx.as_of):
        chair = decl.get(review.chair, Person)
        if chair is not None and chair.top_management:
            continue
        if review.chair is None:
            message = f"Management review {review.id} of {review.date.isoformat()} has no chair"  # type: ignore[union-attr]
        else:
            message = (f"Management review {review.id} of {review.date.isoformat()} is chaired by "  # type: ignore[union-attr]
                       f"{person_name(decl, review.chair)} ({review.chair}), who is not top management")
        yield Violation(message, subject=review.id, path=("chair",), values={"top": top_names})


@rule(
    id="IP803",
    title="The management review has every required input",
    severity="minor",
    stage="management-review",
    clauses=("review-inputs",),
    rationale=(
        "The standard lists what top management must consider: audit results, the achievement "
        "of objectives, how the policy is carried out, changes, risks and opportunities, "
        "resources, follow-up of earlier reviews and corrective actions. A missing input is a "
        "blind spot of the review (follow-up of earlier reviews is not expected of the first)."
    ),
    fails="""\
kind: ManagementReview
id: MR-2026
date: 2026-10-28
chair: chen.zhiyuan
inputs: [audit-results, objective-achievement]
""",
    passes="""\
kind: ManagementReview
id: MR-2026
date: 2026-10-28
chair: chen.zhiyuan
inputs: [audit-results, objective-achievement, policy-implementation, changes,
         risks-and-opportunities, resources, previous-review-follow-up, corrective-actions]
""",
    fix=(
        "Have the management representative prepare the missing inputs ({missing}) for {chair_name}, "
        "add them to the agenda of the next review (or a follow-up session of {subject}), and add them "
        "to the input template of the management review procedure."
    ),
)
def ip803(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    dates = sorted(r.date for r in decl.of(ManagementReview) if r.date is not None)
    for review in recent_reviews(decl, ctx.as_of):
        first = review.date == dates[0]
        missing = [i for i in REVIEW_INPUTS if i not in review.inputs
                   and not (first and i == "previous-review-follow-up")]
        if not missing:
            continue
        shown = cite_list(missing, limit=len(REVIEW_INPUTS))
        yield Violation(
            f"Management review {review.id} of {review.date.isoformat()} lacks the input"  # type: ignore[union-attr]
            f"{'s' if len(missing) > 1 else ''} {shown}",
            subject=review.id, path=("inputs",),
            values={"missing": shown, "chair_name": _chair(decl, review)},
        )


@rule(
    id="IP804",
    title="Management review decisions have an owner and a due date",
    severity="minor",
    stage="management-review",
    clauses=("review-outputs",),
    rationale=(
        "A decision without an owner and a due date is not an action: nobody carries it out "
        "and nobody can tell whether it is late."
    ),
    fails="""\
kind: ManagementReview
id: MR-2026
date: 2026-10-28
outputs:
  - {decision: Add a patent engineer for foreign filings, type: resources}
""",
    passes="""\
kind: ManagementReview
id: MR-2026
date: 2026-10-28
outputs:
  - {decision: Add a patent engineer for foreign filings, type: resources, owner: yang.mei, due: 2027-03-31}
""",
    fix=(
        "Have {chair_name} assign {missing} to the decision '{decision}' of review {subject} and "
        "record it in the review minutes."
    ),
)
def ip804(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    for review in decl.of(ManagementReview):
        for index, output in enumerate(review.outputs):
            missing = [w for w, v in (("an owner", output.owner), ("a due date", output.due)) if v is None]
            if not missing:
                continue
            both = " and ".join(missing)
            yield Violation(
                f"Decision {index + 1} of management review {review.id}, '{output.decision}', has no "
                f"{both.replace('an owner', 'owner').replace('a due date', 'due date')}",
                subject=review.id, path=("outputs", index), key=str(index),
                values={"decision": output.decision, "missing": both, "chair_name": _chair(decl, review)},
            )


@rule(
    id="IP805",
    title="Management review decisions are carried out by their due date",
    severity="minor",
    stage="management-review",
    clauses=("review-outputs", "improvement"),
    rationale=(
        "Decisions of top management that pass their due date undone show that the review "
        "does not drive improvement; each one is followed up at the next review."
    ),
    fails="""\
kind: ManagementReview
id: MR-2025
date: 2025-10-30
outputs:
  - {decision: Budget for EU design registrations, owner: cao.yan, due: 2026-03-31}
""",
    passes="""\
kind: ManagementReview
id: MR-2025
date: 2025-10-30
outputs:
  - {decision: Budget for EU design registrations, owner: cao.yan, due: 2026-03-31, done: 2026-03-15}
""",
    fix=(
        "Have {owner_name} complete '{decision}' (due {due}) or have top management set a new due date "
        "with a reason, and record the completion date (`done`) on decision {number} of review {subject}."
    ),
)
def ip805(ctx: CheckContext) -> Iterator[Violation]:
    decl, as_of = ctx.declaration, ctx.as_of
    for review in decl.of(ManagementReview):
        for index, output in enumerate(review.outputs):
            if output.due is None or output.due >= as_of or output.done is not None:
                continue
            owner = person_name(decl, output.owner)
            yield Violation(
                f"Decision {index + 1} of management review {review.id}, '{output.decision}', owned by "
                f"{owner}, was due on {output.due.isoformat()} and is not done",
                subject=review.id, path=("outputs", index, "due"), key=str(index),
                values={"decision": output.decision, "owner_name": owner, "due": output.due.isoformat(),
                        "number": str(index + 1)},
            )


@rule(
    id="IP807",
    title="The management review discusses the internal audits before it",
    severity="minor",
    stage="management-review",
    clauses=("review-inputs", "internal-audit"),
    rationale=(
        "Audit results are the first input of a management review. A review that names none of "
        "the internal audits held in the year before it did not look at the evidence the audits "
        "produced."
    ),
    fails="""\
kind: Audit
id: IA-2026-01
date: 2026-06-10
---
kind: ManagementReview
id: MR-2026
date: 2026-10-28
audits: []
""",
    passes="""\
kind: ManagementReview
id: MR-2026
date: 2026-10-28
audits: [IA-2026-01]
""",
    fix=(
        "Have the management representative present the results of {audits} to {chair_name}, and "
        "record in the minutes of review {subject} (its `audits`) which audits it discussed."
    ),
)
def ip807(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    audit_dates = sorted((a.date, a.id) for a in decl.of(Audit) if a.date is not None)
    for review in recent_reviews(decl, ctx.as_of):
        if review.audits:
            continue
        since = year_before(review.date)  # type: ignore[arg-type]
        before = [i for d, i in audit_dates if since <= d <= review.date]  # type: ignore[operator]
        if not before:
            continue
        shown = cite_list(before)
        yield Violation(
            f"Management review {review.id} of {review.date.isoformat()} names no internal audit, "  # type: ignore[union-attr]
            f"though {shown} {'were' if len(before) > 1 else 'was'} held in the year before it",
            subject=review.id, path=("audits",) if "audits" in review.model_fields_set else ("date",),
            values={"audits": shown, "chair_name": _chair(decl, review)},
        )


RULES: list[Rule] = [
    periodic_form_never_recorded, periodic_form_lapsed, ip603, ip604, ip606, ip607, ip608, ip609, ip610,
    ip701, ip702, ip703, ip704, ip705, ip707,  # type: ignore[list-item]
    ip801, ip802, ip803, ip804, ip805, ip807,
]
