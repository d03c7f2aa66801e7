"""Cross-checks along the trails an auditor follows through the system: objectives and
their due dates, audits and the people who conduct them, nonconformities and who verifies
their corrective actions. (Markets and marks are walked by IPT004-IPT005, people and their
agreements by the entry, exit and trade-secret rules, records and their forms and periods
by IP601-IP604 and IPX003.)
"""

from __future__ import annotations

from collections.abc import Iterator

from ipcheck.i18n import Term
from ipcheck.model.kinds import Audit, Nonconformity, Objective, Person, Role
from ipcheck.rules.api import CheckContext, Violation, rule
from ipcheck.rules.builtin.common import named_item

#: Statuses of an objective that say it is still being worked on (no result yet).
OPEN_OBJECTIVE_STATUSES: frozenset[str | None] = frozenset({None, "planned", "on-track"})


@rule(
    id="IP641",
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
