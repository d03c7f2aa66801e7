"""Cross-checks (IPX002 onwards): the trails an auditor follows between registers and the rest
of the system: responsibilities held by current staff, dates in a plausible order, records
against the manual, reviews against the audits they discussed, and the four benefits of the
standard traced to objectives.

Each rule makes one pass over the kinds it reads, with dicts and sets for the lookups.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ipcheck.i18n import Amount, Term, Text, Words
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
from ipcheck.rules.api import CheckContext, Violation, rule, spoken_path
from ipcheck.rules.builtin.common import has_left, labelled, manual_issued, people_who_left


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
    reads=("Person", "Procedure", "Role", "SystemDocument"),
    id="IPX002",
    title={
        "en": "Roles that own procedures or documents are held by someone",
        "zh-CN": "负责程序或文件的岗位有人在岗",
    },
    severity="minor",
    clauses=("organisation", "document-control"),
    rationale={
        "en": (
            "A procedure or system document is kept up to date and carried out by the role that "
            "owns it. A role with no holder, or whose holders have all left, leaves its documents "
            "without anyone responsible."
        ),
        "zh-CN": "程序或体系文件由负责它的岗位维护和执行。岗位无人担任，或任职者均已离职，其文件就无人负责。",
    },
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
    messages={
        "default": {
            "en": "Role {subject} '{title}' owns {owned}, but nobody holds it",
            "zh-CN": "岗位{subject}“{title}”负责{owned}，但无人担任该岗位",
        },
        "holders-left": {
            "en": "Role {subject} '{title}' owns {owned}, but all its holders have left: {left}",
            "zh-CN": "岗位{subject}“{title}”负责{owned}，但其任职者均已离职：{left}",
        },
    },
    fix={
        "en": "Have top management appoint a current member of staff to role {subject} '{title}', which owns "
              "{owned}, and announce the appointment to the units that apply them.",
        "zh-CN": "请最高管理者任命一名在职员工担任岗位{subject}“{title}”（负责{owned}），并向执行这些文件的部门公布该任命。",
    },
)
def role_without_current_holder(ctx: CheckContext) -> Iterator[Violation]:
    decl, as_of = ctx.declaration, ctx.as_of
    vacant = _vacant_owner_roles(decl, as_of)
    for role in decl.of(Role):
        docs = vacant.get(role.id)
        if docs is None:
            continue
        values: dict[str, object] = {"title": role.title, "owned": [labelled(d.id, d) for d in docs]}
        if not role.holders:
            yield Violation(subject=role.id, path=("holders",), values=values)
            continue
        left = [Words(Text(f"{p.name} (left {p.left})", {"zh-CN": f"{p.name}（{p.left}离职）"}))
                for p in decl.resolve(role.holders, Person)]
        yield Violation(subject=role.id, path=("holders",), template="holders-left", values={**values, "left": left})


@rule(
    reads=("Manual", "Record", "RecordForm"),
    id="IPX003",
    title={
        "en": "Operation records are dated after the manual is issued",
        "zh-CN": "运行记录的日期晚于手册发布日期",
    },
    severity="minor",
    stage="operation",
    clauses=("records", "document-control"),
    rationale={
        "en": (
            "Records are made on the forms of the system once the manual and its procedures are in "
            "force. A record dated before the manual was issued was made on a form that did not yet "
            "exist: its date is wrong or the record was made up afterwards. The records of one form "
            "are reported together, as an auditor raises one finding for a form whose records share "
            "the lapse."
        ),
        "zh-CN": (
            "记录应在手册及其程序生效后，在体系的表单上形成。日期早于手册发布的记录，是在尚不存在的表单上形成的："
            "要么日期有误，要么记录系事后补做。同一表单的记录合并报告，正如审核员对记录存在同一问题的表单只开一项不符合。"
        ),
    },
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
    messages={
        "default": {
            "en": "{count} on form {form_label} are dated before Manual {manual} was issued on {issued} (earliest: "
                  "{subject} of {earliest})",
            "zh-CN": "表单{form_label}上有{count}的日期早于手册{manual}的发布日期{issued}（最早的是{earliest}的{subject}）",
        },
        "one": {
            "en": "{count} on form {form_label} is dated before Manual {manual} was issued on {issued} (earliest: "
                  "{subject} of {earliest})",
            "zh-CN": "表单{form_label}上有{count}的日期早于手册{manual}的发布日期{issued}（最早的是{earliest}的{subject}）",
        },
    },
    fix={
        "en": "Check the records on form {form} made before manual {manual} was issued on {issued} ({records}): "
              "correct their dates, or, if they were made under earlier rules, keep them as historical records "
              "outside the system's operation records.",
        "zh-CN": "请核查表单{form}上在手册{manual}发布（{issued}）之前形成的记录（{records}）：更正其日期；"
                 "如系按原有制度形成，则作为历史记录保存在体系运行记录之外。",
    },
)
def records_before_the_manual(ctx: CheckContext) -> Iterator[Violation]:
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
        yield Violation(
            subject=first.id, path=("date",), key=form_id, template="one" if len(records) == 1 else "default",
            values={"form": form_id, "form_label": labelled(form_id, decl.get(form_id, RecordForm)),
                    "manual": manual.id, "issued": issued, "earliest": first.date,
                    "count": Amount(len(records), "record"), "records": [r.id for r in records]},
        )


@rule(
    reads=("Audit", "ManagementReview"),
    id="IPX004",
    title={
        "en": "Audits discussed by a management review took place before it",
        "zh-CN": "管理评审讨论的审核发生在评审之前",
    },
    severity="minor",
    stage="management-review",
    clauses=("review-inputs", "internal-audit"),
    rationale={
        "en": (
            "A review can only discuss the results of audits already held. An audit dated after the "
            "review that claims to have discussed it shows a wrong date or a review record written "
            "after the fact."
        ),
        "zh-CN": "评审只能讨论已经开展的审核的结果。审核日期晚于声称讨论过它的评审，说明日期有误或评审记录系事后编写。",
    },
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
    messages={
        "default": {
            "en": "Management review {subject} of {held} discusses audit {audit}, which is dated {performed}, after "
                  "the review",
            "zh-CN": "{held}的管理评审{subject}讨论了审核{audit}，但该审核的日期{performed}晚于评审",
        },
    },
    fix={
        "en": "Correct the date of audit {audit} or of review {subject}, or remove {audit} from the audits the "
              "review discussed and present its results at the next review.",
        "zh-CN": "请更正审核{audit}或评审{subject}的日期，或将{audit}从该评审讨论的审核中删除，并在下次评审时汇报其结果。",
    },
)
def review_discusses_later_audit(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    for review in decl.of(ManagementReview):
        if review.date is None:
            continue
        for index, audit_id in enumerate(review.audits):
            audit = decl.get(audit_id, Audit)
            if audit is None or audit.date is None or audit.date <= review.date:
                continue
            yield Violation(subject=review.id, path=("audits", index), key=audit.id,
                            values={"audit": audit.id, "held": review.date, "performed": audit.date})


#: What each benefit of implementing the standard means, for the texts of IPX005.
BENEFITS: dict[str, Text] = {
    "risk-prevention": Text("preventing IP risk through management", {"zh-CN": "通过管理防范知识产权风险"}),
    "patent-layout": Text("promoting innovation through patent layout", {"zh-CN": "通过专利布局促进创新"}),
    "market-expansion": Text("using IP to expand domestic and foreign markets",
                             {"zh-CN": "运用知识产权开拓国内外市场"}),
    "four-in-one-protection": Text(
        "the four-in-one protection of patents, trademarks, copyrights and trade secrets",
        {"zh-CN": "专利、商标、著作权和商业秘密“四位一体”保护"}),
}


@rule(
    reads=("Objective",),
    id="IPX005",
    title={
        "en": "Each benefit of the standard is served by an objective",
        "zh-CN": "贯标的每项预期效益都有目标支撑",
    },
    severity="observation",
    clauses=("objectives", "policy"),
    rationale={
        "en": (
            "Implementing the standard is meant to prevent IP risk through management, promote "
            "innovation through patent layout, help expand domestic and foreign markets, and make "
            "full use of the four-in-one protection of patents, trademarks, copyrights and trade "
            "secrets. An objective traced to each benefit shows the system is steered toward all four."
        ),
        "zh-CN": (
            "贯标旨在通过管理防范知识产权风险，通过专利布局促进创新，助力开拓国内外市场，并充分发挥专利、商标、著作权和商业秘密"
            "“四位一体”的保护作用。每项效益都有对应的目标，说明体系朝着这四个方向运行。"
        ),
    },
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
    messages={
        "default": {
            "en": "No IP objective serves the benefit '{benefit}' ({benefit_text})",
            "zh-CN": "没有任何知识产权目标服务于“{benefit}”这一效益（{benefit_text}）",
        },
    },
    fix={
        "en": "Have the IP department propose an objective that serves {benefit_text} (measurable, owned, dated), "
              "have top management approve it, and list '{benefit_id}' in its benefits.",
        "zh-CN": "请知识产权管理部门提出一项服务于{benefit_text}的目标（可测量、有责任人、有期限），经最高管理者批准，"
                 "并在其benefits中列出“{benefit_id}”。",
    },
)
def benefit_without_objective(ctx: CheckContext) -> Iterator[Violation]:
    objectives = ctx.declaration.of(Objective)
    if not objectives:
        return  # no objectives at all is a finding of the system stage
    served: set[str] = set()
    for objective in objectives:
        served.update(objective.benefits)
    for benefit, meaning in BENEFITS.items():
        if benefit not in served:
            yield Violation(key=benefit, values={"benefit": Term("benefit", benefit), "benefit_id": benefit,
                                                 "benefit_text": Words(meaning)})


@rule(
    reads=("ManagementReview", "Nonconformity", "Objective", "Person", "Project", "Unit", "WorkPlan"),
    id="IPX006",
    title={
        "en": "Open responsibilities are not held by people who have left",
        "zh-CN": "未完成的职责不由已离职人员承担",
    },
    severity="minor",
    clauses=("organisation", "exit"),
    rationale={
        "en": (
            "An owner who has left cannot carry out an open objective, work-plan task, corrective "
            "action or review decision, lead a running project or head a unit. Unless the "
            "responsibility is handed over when the person leaves, it is silently dropped. (Role "
            "holders and IP liaisons who left are IP314, custodians of trade secrets IPS010.)"
        ),
        "zh-CN": (
            "已离职的责任人无法完成未完成的目标、工作计划任务、纠正措施或评审决定，也无法负责在研项目或领导部门。"
            "人员离职时若不移交职责，这些职责就会无声无息地落空。（已离职的岗位任职者和知识产权联络员由IP314报告，"
            "商业秘密保管人由IPS010报告。）"
        ),
    },
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
    messages={
        "default": {
            "en": "{kind} {subject} '{what}' is open: its owner {name} ({person}) left on {left}",
            "zh-CN": "{kind}{subject}“{what}”尚未完成：其责任人{name}（{person}）已于{left}离职",
        },
        "task": {
            "en": "{kind} {subject} task '{what}' is open: its owner {name} ({person}) left on {left}",
            "zh-CN": "{kind}{subject}的任务“{what}”尚未完成：其责任人{name}（{person}）已于{left}离职",
        },
        "decision": {
            "en": "{kind} {subject} decision '{what}' is open: its owner {name} ({person}) left on {left}",
            "zh-CN": "{kind}{subject}的决定“{what}”尚未落实：其责任人{name}（{person}）已于{left}离职",
        },
        "head": {
            "en": "{kind} {subject} '{what}': its head {name} ({person}) left on {left}",
            "zh-CN": "{kind}{subject}“{what}”：其负责人{name}（{person}）已于{left}离职",
        },
        "leader": {
            "en": "{kind} {subject} '{what}' is running: its leader {name} ({person}) left on {left}",
            "zh-CN": "{kind}{subject}“{what}”正在进行：其负责人{name}（{person}）已于{left}离职",
        },
    },
    fix={
        "en": "Hand over {duty} of {kind} {subject} from {name}, who left on {left}, to a current member of staff "
              "with the files that go with it, and add the handover of IP responsibilities to the exit check.",
        "zh-CN": "请将{kind}{subject}的{duty}从已于{left}离职的{name}移交给一名在职员工，连同相关文件一并移交，"
                 "并将知识产权职责的交接列入离职审查。",
    },
)
def leaver_holds_open_responsibility(ctx: CheckContext) -> Iterator[Violation]:
    decl, as_of = ctx.declaration, ctx.as_of
    gone = people_who_left(decl, as_of)
    if not gone:
        return
    duties = {"head": "headship", "leader": "leadership"}

    def found(item: Item, path: tuple[str | int, ...], person_id: str | None, what: str,
              template: str = "default") -> Iterator[Violation]:
        person = gone.get(person_id) if person_id is not None else None
        if person is None:
            return
        kind = type(item).__name__
        yield Violation(
            subject=item.id, path=path, key=".".join(map(str, path)), template=template,
            values={"duty": Term("duty", duties.get(template, "ownership")), "kind": Term("kind", kind),
                    "name": person.name, "person": person.id, "left": person.left, "what": what},
        )

    for o in decl.of(Objective):
        if o.status not in ("achieved", "missed"):
            yield from found(o, ("owner",), o.owner, o.statement)
    for plan in decl.of(WorkPlan):
        for i, task in enumerate(plan.tasks):
            if task.done is None:
                yield from found(plan, ("tasks", i, "owner"), task.owner, task.name, "task")
    for nc in decl.of(Nonconformity):
        if nc.closed is None:
            yield from found(nc, ("owner",), nc.owner, nc.description)
    for review in decl.of(ManagementReview):
        for i, output in enumerate(review.outputs):
            if output.done is None:
                yield from found(review, ("outputs", i, "owner"), output.owner, output.decision, "decision")
    for unit in decl.of(Unit):
        yield from found(unit, ("head",), unit.head, unit.name, "head")
    for project in decl.of(Project):
        if project.end is None or project.end > as_of:
            yield from found(project, ("leader",), project.leader, project.name, "leader")


#: (kind, date field, what the date says happened: glossary ``event``): events that cannot
#: be dated after the day of the check
_HAPPENED: tuple[tuple[type[Item], str, str], ...] = (
    (Meeting, "date", "held"),
    (Training, "date", "held"),
    (Promulgation, "date", "promulgated"),
    (Audit, "date", "performed"),
    (Nonconformity, "raised", "raised"),
    (ManagementReview, "date", "held"),
    (ConfidentialityAgreement, "signed", "signed"),
    (Contract, "signed", "signed"),
)


@rule(
    reads=("Audit", "ConfidentialityAgreement", "Contract", "ManagementReview", "Meeting", "Nonconformity",
           "Promulgation", "Record", "StaffCheck", "Training", "WorkPlan"),
    id="IPX007",
    title={
        "en": "Nothing is recorded as done after the day of the check",
        "zh-CN": "没有记录在检查日之后才完成的事项",
    },
    severity="minor",
    category="data",
    clauses=("records",),
    rationale={
        "en": (
            "A record, a check, a closure or a completion dated after the day the check is made "
            "cannot have happened yet. Such dates are typing errors or records prepared in advance: "
            "a problem of the declaration itself, shown apart from the nonconformities and citing no "
            "clause, which still fails the run."
        ),
        "zh-CN": (
            "日期晚于检查当日的记录、审查、关闭或完成事项不可能已经发生。这类日期要么是录入错误，要么是提前准备的记录："
            "这是声明数据本身的问题，与不符合项分开显示，不引用标准条款，但仍会使检查不通过。"
        ),
    },
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
    messages={
        "default": {
            "en": "{kind} {subject}: {event} on {date}, after the check date {today}",
            "zh-CN": "{kind}{subject}：{event}日期为{date}，晚于检查日{today}",
        },
        "decision": {
            "en": "{kind} {subject}: decision {number} done on {date}, after the check date {today}",
            "zh-CN": "{kind}{subject}：第{number}项决定的完成日期为{date}，晚于检查日{today}",
        },
        "task": {
            "en": "{kind} {subject}: task '{task}' done on {date}, after the check date {today}",
            "zh-CN": "{kind}{subject}：任务“{task}”的完成日期为{date}，晚于检查日{today}",
        },
    },
    fix={
        "en": "Correct the date of {kind} {subject} ({field} {date}), or remove it until the event has happened.",
        "zh-CN": "请更正{kind}{subject}的日期（{field}：{date}），或在事项发生之前将其删除。",
    },
)
def dated_after_the_check(ctx: CheckContext) -> Iterator[Violation]:
    decl, today = ctx.declaration, ctx.today

    def late(item: Item, path: tuple[str | int, ...], date: dt.date | None, event: str,
             template: str = "default", **more: object) -> Iterator[Violation]:
        if date is not None and date > today:
            yield Violation(
                subject=item.id, path=path, key=".".join(map(str, path)), template=template,
                values={"kind": Term("kind", type(item).__name__), "field": spoken_path(path), "date": date,
                        "today": today, "event": Term("event", event), **more},
            )

    for record in decl.of(Record):
        if record.date > today:
            yield from late(record, ("date",), record.date, "recorded")
    for kind, field, event in _HAPPENED:
        for item in decl.of(kind):
            yield from late(item, (field,), getattr(item, field), event)
    for check in decl.of(StaffCheck):
        yield from late(check, ("date",), check.date, "checked")
    for nc in decl.of(Nonconformity):
        yield from late(nc, ("closed",), nc.closed, "closed")
        yield from late(nc, ("verified",), nc.verified, "verified")
    for review in decl.of(ManagementReview):
        for i, output in enumerate(review.outputs):
            yield from late(review, ("outputs", i, "done"), output.done, "done", "decision", number=i + 1)
    for plan in decl.of(WorkPlan):
        for i, task in enumerate(plan.tasks):
            yield from late(plan, ("tasks", i, "done"), task.done, "done", "task", task=task.name)


#: (kind, earlier field, later field, how the pair is spoken of: a template of IPX008)
_ORDER: tuple[tuple[type[Item], str, str, str], ...] = (
    (Person, "joined", "left", "left-before-joining"),
    (Nonconformity, "raised", "closed", "closed-before-raised"),
    (Nonconformity, "closed", "verified", "verified-before-closed"),
    (Project, "start", "end", "ends-before-start"),
    (AuditProgramme, "cycle_start", "cycle_end", "cycle-ends-before-start"),
    (Contract, "signed", "expires", "expires-before-signed"),
)


def _order_message(en: str, zh: str) -> dict[str, str]:
    return {"en": f"{{kind}} {{label}} {en}: {{earlier}} {{first}}, {{later}} {{second}}",
            "zh-CN": f"{{kind}}{{label}}{zh}：{{earlier}}为{{first}}，{{later}}为{{second}}"}


@rule(
    reads=("AuditProgramme", "Contract", "Nonconformity", "Person", "Project", "WorkPlan"),
    id="IPX008",
    title={
        "en": "The dates of an item are in order",
        "zh-CN": "同一事项的各个日期先后有序",
    },
    severity="minor",
    category="data",
    clauses=("records",),
    rationale={
        "en": (
            "A nonconformity closed before it was raised, a person who left before joining, a "
            "project that ends before it starts: dates out of order make the record unreliable "
            "as evidence and usually hide a typing error. A problem of the declaration itself, shown "
            "apart from the nonconformities and citing no clause, which still fails the run."
        ),
        "zh-CN": (
            "不符合项在提出之前就已关闭、人员在入职之前就已离职、项目在开始之前就已结束：日期顺序颠倒使记录无法作为证据，"
            "通常是录入错误。这是声明数据本身的问题，与不符合项分开显示，不引用标准条款，但仍会使检查不通过。"
        ),
    },
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
    messages={
        "left-before-joining": _order_message("left before joining", "入职之前已离职"),
        "closed-before-raised": _order_message("closed before it was raised", "提出之前已关闭"),
        "verified-before-closed": _order_message("verified before it was closed", "关闭之前已验证"),
        "ends-before-start": _order_message("ends before it starts", "开始之前已结束"),
        "cycle-ends-before-start": _order_message("cycle ends before it starts", "周期在开始之前已结束"),
        "expires-before-signed": _order_message("expires before it was signed", "签订之前已到期"),
        "default": {
            "en": "{kind} {subject}: task '{task}' is due ({second}) before it starts ({first})",
            "zh-CN": "{kind}{subject}：任务“{task}”的完成期限（{second}）早于开始日期（{first}）",
        },
    },
    fix={
        "en": "Correct {earlier} ({first}) or {later} ({second}) of {kind} {subject} so that {earlier} comes first.",
        "zh-CN": "请更正{kind}{subject}的{earlier}（{first}）或{later}（{second}），使{earlier}在前。",
    },
)
def dates_out_of_order(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    for kind, earlier, later, template in _ORDER:
        for item in decl.of(kind):
            first, second = getattr(item, earlier), getattr(item, later)
            if first is None or second is None or first <= second:
                continue
            yield Violation(
                subject=item.id, path=(later,), key=later, template=template,
                values={"kind": Term("kind", kind.__name__), "label": labelled(item.id, item), "earlier": earlier,
                        "later": later, "first": first, "second": second},
            )
    for plan in decl.of(WorkPlan):
        for i, task in enumerate(plan.tasks):
            if task.start is not None and task.due is not None and task.due < task.start:
                yield Violation(
                    subject=plan.id, path=("tasks", i, "due"), key=f"tasks.{i}",
                    values={"kind": Term("kind", "WorkPlan"), "task": task.name, "first": task.start,
                            "second": task.due,
                            "earlier": Words(Text(f"the start of task '{task.name}'",
                                                  {"zh-CN": f"任务“{task.name}”的开始日期"})),
                            "later": Words(Text("its due date", {"zh-CN": "其完成期限"}))},
                )
