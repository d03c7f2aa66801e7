"""Cross-checks along the trails an auditor follows through the system: objectives and
their due dates, audits and the people who conduct them, nonconformities and who verifies
their corrective actions, inventions from the R&D project they came from to their filing.
(Markets and marks are walked by IPT004-IPT005, people and their agreements by the entry,
exit and trade-secret rules, records and their forms and periods by IP601-IP604 and IPX003.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ipcheck.i18n import Term
from ipcheck.model.declaration import Declaration
from ipcheck.model.kinds import Audit, Nonconformity, Objective, Patent, Person, Project, Record, RecordForm, Role
from ipcheck.rules.api import CheckContext, Systemic, Violation, rule
from ipcheck.rules.builtin.basic_management import since_the_manual
from ipcheck.rules.builtin.common import labelled, named_item, phrase
from ipcheck.rules.builtin.operation import operated

#: Statuses of an objective that say it is still being worked on (no result yet).
OPEN_OBJECTIVE_STATUSES: frozenset[str | None] = frozenset({None, "planned", "on-track"})


@rule(
    id="IP641",
    reads=("Objective", "Person"),
    per_item="Objective",
    title={
        "en": "Objectives past their due date are evaluated",
        "zh-CN": "已到期的知识产权目标均经过评价",
    },
    severity="minor",
    stage="operation",
    clauses=("objectives", "monitoring"),
    rationale={
        "en": (
            "An objective is set with a due date so that its achievement can be judged on that date "
            "(2013 5.3.2, 9.1; 2023 6.2, 9.1). An objective whose due date has passed and which is still "
            "recorded as planned or on track, or with no status, was not evaluated: the monitoring of "
            "the objectives, and the management review that relies on it, miss it."
        ),
        "zh-CN": (
            "目标设定完成期限，是为了在到期时评价其是否实现（2013版5.3.2、9.1；2023版6.2、9.1）。目标已过完成期限，"
            "却仍记录为计划中或按计划推进，或没有状态，说明未经评价：目标监控以及依赖它的管理评审都遗漏了该目标。"
        ),
    },
    fails="""\
kind: Objective
id: OBJ-04
statement: File 12 invention applications in 2026 H1
owner: sun.lihua
due: 2026-06-30
status: on-track
""",
    passes="""\
kind: Objective
id: OBJ-04
statement: File 12 invention applications in 2026 H1
owner: sun.lihua
due: 2026-06-30
status: achieved
""",
    messages={
        "default": {
            "en": "Objective {subject} '{objective}' was due on {due} and is still recorded as {status}",
            "zh-CN": "目标{subject}“{objective}”的完成期限为{due}，但仍记录为{status}",
        },
        "no-status": {
            "en": "Objective {subject} '{objective}' was due on {due} and has no status",
            "zh-CN": "目标{subject}“{objective}”的完成期限为{due}，但没有状态",
        },
    },
    fix={
        "en": "Have {owner} evaluate objective {subject} '{objective}' against its target as of {due}, record the "
              "result (status: achieved or missed, with the measured value), take action on a missed objective, "
              "and report it to the next management review.",
        "zh-CN": "请{owner}对照目标值评价目标{subject}“{objective}”截至{due}的完成情况，记录结果（status: achieved或missed，"
                 "附实测值），对未实现的目标采取措施，并提交下次管理评审。",
    },
)
def objective_overdue_unevaluated(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    for objective in decl.of(Objective):
        if objective.due is None or objective.due >= ctx.as_of or objective.status not in OPEN_OBJECTIVE_STATUSES:
            continue
        values = {"objective": objective.statement, "due": objective.due, "owner": named_item(decl, objective.owner, Person)}
        if objective.status is None:
            yield Violation(subject=objective.id, path=("due",), template="no-status", values=values)
        else:
            yield Violation(subject=objective.id, path=("status",),
                            values={**values, "status": Term("objective-status", objective.status)})


@rule(
    id="IP714",
    reads=("Nonconformity", "Person"),
    per_item="Nonconformity",
    title={
        "en": "Corrective actions are verified by someone other than their owner",
        "zh-CN": "纠正措施由其责任人以外的人员验证",
    },
    severity="minor",
    stage="internal-audit",
    clauses=("corrective-action", "internal-audit"),
    rationale={
        "en": (
            "The effectiveness of a corrective action is verified by someone who did not carry it out, "
            "usually the auditor who raised the nonconformity (2013 9.3; 2023 10.2). A nonconformity "
            "verified by the owner of its own corrective action has not been verified independently."
        ),
        "zh-CN": (
            "纠正措施的有效性应由未实施该措施的人员验证，通常是开具不符合项的内审员（2013版9.3；2023版10.2）。"
            "由纠正措施责任人自己验证的不符合项，未经独立验证。"
        ),
    },
    fails="""\
kind: Nonconformity
id: NC-2026-02
description: Two projects started without a search report
owner: wang.jianguo
closed: 2026-06-10
verified_by: wang.jianguo
verified: 2026-07-15
effective: true
""",
    passes="""\
kind: Nonconformity
id: NC-2026-02
description: Two projects started without a search report
owner: wang.jianguo
closed: 2026-06-10
verified_by: hu.bin
verified: 2026-07-15
effective: true
""",
    messages={
        "default": {
            "en": "Nonconformity {subject} was verified by {verifier}, who owns its corrective action",
            "zh-CN": "不符合项{subject}由其纠正措施责任人{verifier}本人验证",
        },
    },
    fix={
        "en": "Have an internal auditor other than {verifier} (preferably the one who raised it) verify the "
              "effectiveness of the corrective action of {subject} again and record the verification "
              "(verified_by, verified, effective); the corrective-action procedure says who may verify.",
        "zh-CN": "请{verifier}以外的内审员（最好是开具该不符合项的内审员）重新验证{subject}纠正措施的有效性，"
                 "并记录验证结果（verified_by、verified、effective）；在纠正措施程序中规定由谁验证。",
    },
)
def verified_by_its_owner(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    for nc in decl.of(Nonconformity):
        if nc.verified_by is not None and nc.verified_by == nc.owner:
            yield Violation(subject=nc.id, path=("verified_by",),
                            values={"verifier": named_item(decl, nc.verified_by, Person)})


@rule(
    id="IP715",
    reads=("Audit", "Person", "Role"),
    per_item="Audit",
    title={
        "en": "Internal audits are conducted by appointed internal auditors",
        "zh-CN": "内部审核由经任命的内审员实施",
    },
    severity="minor",
    stage="internal-audit",
    clauses=("internal-audit",),
    rationale={
        "en": (
            "Internal audits are conducted by competent auditors (2013 9.2; 2023 9.3): people trained in the "
            "standard and in audit techniques and appointed as internal auditors (a role of type "
            "internal-auditor). An audit whose lead auditor or auditors hold no such role was conducted by "
            "people whose competence the system does not show."
        ),
        "zh-CN": (
            "内部审核应由能胜任的审核员实施（2013版9.2；2023版9.3）：经过标准和审核技术培训并被任命为内审员的人员"
            "（类型为internal-auditor的岗位）。审核组长或审核员未担任该岗位的审核，其实施人员的能力在体系中无从体现。"
        ),
    },
    fails="""\
kind: Role
id: ROLE-AUDITOR
title: Internal auditor
type: internal-auditor
holders: [hu.bin]
---
kind: Audit
id: AUD-2026-05
date: 2026-07-14
lead_auditor: hu.bin
auditors: [hu.bin, zhou.qiang]
""",
    passes="""\
kind: Role
id: ROLE-AUDITOR
title: Internal auditor
type: internal-auditor
holders: [hu.bin, deng.hui]
---
kind: Audit
id: AUD-2026-05
date: 2026-07-14
lead_auditor: hu.bin
auditors: [hu.bin, deng.hui]
""",
    messages={
        "default": {
            "en": "Audit {subject} of {date} had on its team people not appointed as internal auditors: {people}",
            "zh-CN": "{date}的审核{subject}的审核组中有未被任命为内审员的人员：{people}",
        },
    },
    fix={
        "en": "Have the management representative check the competence of {people} (training in the standard and "
              "in audit techniques) and appoint those found competent as internal auditors (a role of type "
              "internal-auditor), or have "
              "the audit areas of {subject} audited again by appointed internal auditors.",
        "zh-CN": "请管理者代表核实{people}的能力（标准和审核技术培训），将能胜任者任命为内审员（类型为internal-auditor的岗位），"
                 "或由经任命的内审员对{subject}的受审核范围重新审核。",
    },
)
def audit_by_unappointed_auditors(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    appointed = {holder for role in decl.of(Role) if role.type == "internal-auditor" for holder in role.holders}
    for audit in decl.of(Audit):
        if audit.date is None or audit.date > ctx.as_of:
            continue
        team = dict.fromkeys(p for p in (audit.lead_auditor, *audit.auditors) if p is not None)
        outside = [person for person in team if person not in appointed]
        if not outside:
            continue
        path = ("lead_auditor",) if audit.lead_auditor in outside else ("auditors", audit.auditors.index(outside[0]))
        yield Violation(subject=audit.id, path=path,
                        values={"date": audit.date, "people": [named_item(decl, p, Person) for p in outside]})


#: The purpose of the forms invention disclosures are made on (RecordForm.purpose).
DISCLOSURE = "invention-disclosure"
ANY_FORM = phrase("a record form (none is declared with purpose: invention-disclosure)",
                  "记录表单（没有声明purpose为invention-disclosure的表单）")


def _still_employed(decl: Declaration, people: tuple[str, ...], as_of: dt.date) -> list[str | Term]:
    """The names of ``people`` who have not left by ``as_of`` (who can still be asked)."""
    staying = []
    for person_id in people:
        person = decl.get(person_id, Person)
        if person is None or person.left is None or person.left > as_of:
            staying.append(named_item(decl, person_id, Person))
    return staying


@rule(
    reads=("Manual", "Patent", "Person", "Project", "Record", "RecordForm"),
    id="IP692",
    title={
        "en": "Inventions from R&D projects are disclosed before they are filed",
        "zh-CN": "研发项目产生的发明在申请前已提交发明披露",
    },
    severity="minor",
    stage="operation",
    protection="patent",
    systemic=Systemic(by="project", at_least=3),
    clauses=("research-development", "acquisition"),
    rationale={
        "en": (
            "An invention made in an R&D project is disclosed by its inventors during the project (2013 8.2): the "
            "disclosure records what was invented, by whom and when, and carries the decision to file, keep it "
            "secret or publish it (2013 7.1). The trail runs from the patent register (Patent.project) to a record "
            "about the patent or its project on a form declared with purpose: invention-disclosure (any form when "
            "none is), dated on or before the filing. A patent filed since the manual was issued with no such "
            "record skipped the disclosure: the inventorship and the filing decision rest on nothing. Three or "
            "more patents of one project so filed are one systemic (major) finding. (A project that does not "
            "exist is IPX001's finding; the evaluation of a project's output at its end, IP640's.)"
        ),
        "zh-CN": (
            "研发项目中产生的发明，应由发明人在项目进行中提交发明披露（2013版8.2）：披露记录发明内容、发明人和完成时间，"
            "并据此作出申请专利、作为技术秘密保护或公开的决定（2013版7.1）。核查线索从专利台账（Patent.project）追溯到"
            "声明为purpose: invention-disclosure的表单上关于该专利或其项目的记录（未声明此类表单时为任何表单），"
            "记录日期应不晚于申请日。手册发布后申请的专利没有这样的记录，说明跳过了发明披露：发明人认定和申请决定均无依据。"
            "同一项目有三件及以上专利如此申请，作为一项系统性（严重）不符合报告。"
            "（项目不存在由IPX001报告；项目结题时的成果评价由IP640报告。）"
        ),
    },
    fails="""\
kind: Manual
id: MAN-01
title: IP management manual
issued: 2025-04-01
---
kind: RecordForm
id: F-02-1
title: Invention disclosure and filing decision
frequency: per-event
purpose: invention-disclosure
---
kind: Project
id: PJ-2025-01
name: High-pressure CO2 brazed plate heat exchanger
start: 2025-05-06
---
kind: Patent
id: HXP-CN-2025-004
title: Port reinforcement ring for high-pressure brazed plate heat exchangers
jurisdiction: CN
application_date: 2025-08-15
status: pending
project: PJ-2025-01
---
kind: Record                 # a disclosure, but of another invention
id: R25-0101
form: F-02-1
date: 2025-07-18
""",
    passes="""\
kind: Manual
id: MAN-01
title: IP management manual
issued: 2025-04-01
---
kind: RecordForm
id: F-02-1
title: Invention disclosure and filing decision
frequency: per-event
purpose: invention-disclosure
---
kind: Project
id: PJ-2025-01
name: High-pressure CO2 brazed plate heat exchanger
start: 2025-05-06
---
kind: Patent
id: HXP-CN-2025-004
title: Port reinforcement ring for high-pressure brazed plate heat exchangers
jurisdiction: CN
application_date: 2025-08-15
status: pending
project: PJ-2025-01
---
kind: Record
id: R25-0101
form: F-02-1
date: 2025-07-18
about: HXP-CN-2025-004
summary: Disclosure accepted, decision to file
""",
    messages={
        "default": {
            "en": "Patent {subject} '{title}' from project {project} was filed on {filed} and no invention disclosure "
                  "of it is recorded on {forms} on or before that day",
            "zh-CN": "来自项目{project}的专利{subject}“{title}”于{filed}申请，但在该日或之前，{forms}上没有关于它的发明披露记录",
        },
    },
    fix={
        "en": "Have {inventors} complete the invention disclosure of {subject} '{title}' now (what was invented in "
              "project {project}, by whom, when; the filing decision) and record it on {forms} (`about: {subject}`), "
              "and have {leader} make the disclosure a condition of every filing from the project.",
        "zh-CN": "请{inventors}立即补填{subject}“{title}”的发明披露（在项目{project}中发明的内容、发明人、完成时间及申请决定），"
                 "记录在{forms}上（about: {subject}），并由{leader}将发明披露作为该项目每件专利申请的前提条件。",
    },
)
def patent_filed_undisclosed(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    if not operated(decl, ctx.as_of):
        return  # IP603
    forms = [f for f in decl.of(RecordForm) if f.purpose == DISCLOSURE]
    wanted = {f.id for f in forms}
    disclosed: dict[str, list[dt.date]] = {}
    for record in decl.of(Record):
        if record.about is not None and (not wanted or record.form in wanted):
            disclosed.setdefault(record.about, []).append(record.date)
    shown = [labelled(f.id, f) for f in forms] or ANY_FORM
    for patent in decl.of(Patent):
        project = decl.get(patent.project, Project)
        if project is None or not since_the_manual(decl, patent.application_date, ctx.as_of):
            continue  # no project, or one not declared (IPX001)
        dates = disclosed.get(patent.id, []) + disclosed.get(project.id, [])
        if any(date <= patent.application_date for date in dates):  # type: ignore[operator]
            continue
        yield Violation(subject=patent.id, path=("project",),
                        values={"title": patent.title, "project": labelled(project.id, project),
                                "filed": patent.application_date, "forms": shown,
                                "inventors": _still_employed(decl, patent.inventors, ctx.as_of)
                                or phrase("the inventors", "发明人"),
                                "leader": named_item(decl, project.leader, Person)
                                if project.leader else phrase("the project leader", "项目负责人")})
