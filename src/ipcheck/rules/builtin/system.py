"""Rules of system construction (IP3xx) that a declarative pack cannot express: who approved
the policy and holds the management representative's role, which roles and liaisons are held
by people who left, and whether each compliance obligation and the budget are current. The
declarative rules of the stage are in ``rules/packs/stages-plan.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterator

from ipcheck.i18n import Amount, Term
from ipcheck.model.kinds import (
    BUDGET_PURPOSES,
    Budget,
    ComplianceObligation,
    ContextReview,
    CultureActivity,
    Person,
    Policy,
    Role,
    Unit,
)
from ipcheck.rules.api import CheckContext, Violation, rule
from ipcheck.rules.builtin.common import below_top, has_left, named_item, top_management
from ipcheck.rules.conditions import shift

REVIEW_MONTHS = 12
"""How long a review of the context or of a compliance obligation, or a culture activity, stays current."""


@rule(
    reads=("Person", "Policy"),
    id="IP302",
    title={"en": "The IP policy is approved by top management", "zh-CN": "知识产权方针经最高管理者批准"},
    severity="major",
    stage="system",
    clauses=("policy", "commitment"),
    rationale={
        "en": ("The standard makes the IP policy top management's own: it must be approved by top "
               "management. A policy nobody approved, or approved below top management, does not "
               "commit the enterprise."),
        "zh-CN": "标准要求知识产权方针由最高管理者制定并批准。无人批准、或由最高管理者以下人员批准的方针，不能代表企业的承诺。",
    },
    fails=(
        "kind: Person\nid: p.ip\nname: Zhao Lin\n---\n"
        "kind: Policy\nid: POLICY\ntext: Protect our innovations.\napproved_by: p.ip\napproved: 2025-03-01\n"
    ),
    passes=(
        "kind: Person\nid: p.gm\nname: Wang Gang\ntop_management: true\n---\n"
        "kind: Policy\nid: POLICY\ntext: Protect our innovations.\napproved_by: p.gm\napproved: 2025-03-01\n"
    ),
    messages={
        "default": {
            "en": "IP policy {subject} was approved by {approver_name} ({approver}), who is not a member of top "
                  "management",
            "zh-CN": "知识产权方针{subject}由{approver_name}（{approver}）批准，其不是最高管理者成员",
        },
        "not-approved": {
            "en": "IP policy {subject} is not approved (approved_by is not set)",
            "zh-CN": "知识产权方针{subject}未经批准（未填写approved_by）",
        },
    },
    fix={
        "en": "Have top management ({top_management}) approve IP policy {subject} and record the approver "
              "(approved_by) and the date (approved).",
        "zh-CN": "请最高管理者（{top_management}）批准知识产权方针{subject}，并记录批准人（approved_by）和批准日期（approved）。",
    },
)
def policy_approved_by_top_management(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    for policy in decl.of(Policy):
        values = {"top_management": top_management(decl)}
        if policy.approved_by is None:
            yield Violation(subject=policy.id, path=("approved_by",), values=values, template="not-approved")
        elif (approver := below_top(decl, policy.approved_by)) is not None:
            yield Violation(subject=policy.id, path=("approved_by",),
                            values={**values, "approver": approver.id, "approver_name": approver.name})


@rule(
    reads=("Person", "Role"),
    id="IP309",
    title={"en": "The management representative is a member of top management",
           "zh-CN": "管理者代表由最高管理者成员担任"},
    severity="minor",
    stage="system",
    clauses=("management-representative",),
    editions=("2013",),
    rationale={
        "en": ("The 2013 edition asks top management to appoint the management representative from "
               "among its own members, so that the person reporting on the system can also make it "
               "happen. The 2023 edition assigns these responsibilities without naming a management "
               "representative, so the rule applies to the 2013 edition only."),
        "zh-CN": ("2013版要求最高管理者在其成员中指定管理者代表，使报告体系运行情况的人也有权推动体系运行。"
                  "2023版只要求分配相应职责和权限，未规定管理者代表，因此本规则仅适用于2013版。"),
    },
    fails=(
        "kind: Person\nid: p.ip\nname: Zhao Lin\n---\n"
        "kind: Role\nid: ROLE-MR\ntitle: Management representative\ntype: management-representative\nholders: [p.ip]\n"
    ),
    passes=(
        "kind: Person\nid: p.dgm\nname: Li Ping\ntop_management: true\n---\n"
        "kind: Role\nid: ROLE-MR\ntitle: Management representative\ntype: management-representative\n"
        "holders: [p.dgm]\n"
    ),
    messages={
        "default": {
            "en": "Management representative role {subject} '{role}' is held by {holder_name} ({holder}), who is not "
                  "a member of top management",
            "zh-CN": "管理者代表岗位{subject}“{role}”由{holder_name}（{holder}）担任，其不是最高管理者成员",
        },
    },
    fix={
        "en": "Have top management appoint one of its members ({top_management}) as management representative "
              "({subject}) in place of {holder_name}, or record why {holder_name} belongs to top management.",
        "zh-CN": "请最高管理者从其成员（{top_management}）中任命管理者代表（{subject}）接替{holder_name}，"
                 "或说明{holder_name}属于最高管理者的依据。",
    },
)
def management_representative_from_top_management(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    for role in decl.of(Role):
        if role.type != "management-representative":
            continue
        for index, holder_id in enumerate(role.holders):
            if (holder := below_top(decl, holder_id)) is not None:
                yield Violation(subject=role.id, path=("holders", index), key=holder.id,
                                values={"role": role.title, "holder": holder.id, "holder_name": holder.name,
                                        "top_management": top_management(decl)})


def _gone(ctx: CheckContext, person_id: str | None) -> Person | None:
    """The declared person ``person_id`` if they left on or before the date judged at."""
    person = ctx.declaration.get(person_id, Person)
    return person if person is not None and has_left(person, ctx.as_of) else None


@rule(
    reads=("Person", "Role"),
    id="IP314",
    title={"en": "No role is held by someone who has left", "zh-CN": "没有由已离职人员担任的岗位"},
    severity="minor",
    stage="system",
    clauses=("organisation", "ip-staff"),
    rationale={
        "en": ("When a role holder leaves and nobody is appointed in their place, the responsibility "
               "silently lapses; auditors check the functional structure against the staff list."),
        "zh-CN": "岗位承担人离职而未指定继任者，相应职责就在无形中落空；审核员会将职能结构与人员名单对照检查。",
    },
    fails=(
        "kind: Person\nid: p.old\nname: Gao Min\nleft: 2025-06-30\n---\n"
        "kind: Role\nid: ROLE-IPO\ntitle: IP engineer\ntype: ip-officer\nholders: [p.old]\n"
    ),
    passes=(
        "kind: Person\nid: p.new\nname: Zhao Lin\n---\n"
        "kind: Role\nid: ROLE-IPO\ntitle: IP engineer\ntype: ip-officer\nholders: [p.new]\n"
    ),
    messages={
        "default": {
            "en": "Role {subject} '{role}' is still held by {person_name} ({person}), who left on {left}",
            "zh-CN": "岗位{subject}“{role}”仍由{person_name}（{person}）担任，其已于{left}离职",
        },
    },
    fix={
        "en": "Appoint a successor to {person_name} as holder of role '{role}' and update {subject}.",
        "zh-CN": "指定{person_name}的继任者担任岗位“{role}”，并更新{subject}。",
    },
)
def roles_held_by_leavers(ctx: CheckContext) -> Iterator[Violation]:
    for role in ctx.declaration.of(Role):
        for index, holder_id in enumerate(role.holders):
            if (person := _gone(ctx, holder_id)) is not None:
                yield Violation(subject=role.id, path=("holders", index), key=person.id,
                                values={"role": role.title, "person": person.id, "person_name": person.name,
                                        "left": person.left})


@rule(
    reads=("Person", "Unit"),
    id="IP313",
    title={"en": "Every unit has a current IP liaison", "zh-CN": "每个部门均有在职的知识产权联络员"},
    severity="observation",
    stage="system",
    clauses=("organisation", "communication"),
    rationale={
        "en": ("The IP liaison carries IP matters between a department and the IP department and keeps "
               "the department's IP records. One liaison per unit is good practice, not a requirement of "
               "the standard: an observation."),
        "zh-CN": "知识产权联络员在部门与知识产权管理部门之间传递知识产权事务，并保管本部门的知识产权记录。"
                 "每个部门设一名联络员是良好做法，而非标准要求：记为观察项。",
    },
    fails="kind: Unit\nid: U-PUR\nname: Procurement Department\n",
    passes=(
        "kind: Person\nid: p.pur\nname: Ma Li\nunit: U-PUR\n---\n"
        "kind: Unit\nid: U-PUR\nname: Procurement Department\nip_liaison: p.pur\n"
    ),
    messages={
        "default": {
            "en": "Unit {subject} '{unit_name}' has no IP liaison",
            "zh-CN": "部门{subject}“{unit_name}”没有知识产权联络员",
        },
        "left": {
            "en": "The IP liaison of unit {subject} '{unit_name}' is {person_name} ({person}), who left on {left}",
            "zh-CN": "部门{subject}“{unit_name}”的知识产权联络员{person_name}（{person}）已于{left}离职",
        },
    },
    fix={
        "en": "Appoint an IP liaison for unit {subject} '{unit_name}' (head: {unit_head}), declare them in "
              "ip_liaison and give them the liaison role's duties.",
        "zh-CN": "为部门{subject}“{unit_name}”（负责人：{unit_head}）指定知识产权联络员，在ip_liaison中声明，并明确其联络员职责。",
    },
)
def units_have_a_liaison(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    for unit in decl.of(Unit):
        values = {"unit_name": unit.name, "unit_head": named_item(decl, unit.head, Person)}
        if unit.ip_liaison is None:
            yield Violation(subject=unit.id, path=("ip_liaison",), values=values)
        elif (person := _gone(ctx, unit.ip_liaison)) is not None:
            yield Violation(subject=unit.id, path=("ip_liaison",), template="left",
                            values={**values, "person": person.id, "person_name": person.name, "left": person.left})


@rule(
    reads=("ComplianceObligation", "Person"),
    id="IP320",
    title={"en": "Each compliance obligation was reviewed within the last twelve months",
           "zh-CN": "每项合规义务在近十二个月内经过评审"},
    severity="minor",
    stage="system",
    clauses=("compliance-obligations",),
    rationale={
        "en": ("Laws, regulations and other obligations change: the register must be kept current, and "
               "each obligation evaluated at least yearly (2013 5.3.3: legal and other requirements are "
               "obtained and updated; 2023 4.5: compliance obligations are identified and evaluated). An "
               "obligation never reviewed, or last reviewed more than twelve months ago, may be out of date."),
        "zh-CN": ("法律法规和其他义务会变化：登记册必须保持更新，每项义务至少每年评价一次（2013版5.3.3：获取并更新法律和其他要求；"
                  "2023版4.5：识别并评价合规义务）。从未评审或上次评审已超过十二个月的义务可能已经过时。"),
    },
    fails=(
        "kind: ComplianceObligation\nid: CO-01\ntitle: Patent Law of the PRC\nsource: NPC\nreviewed: 2024-03-01\n"
    ),
    passes=(
        "kind: ComplianceObligation\nid: CO-01\ntitle: Patent Law of the PRC\nsource: NPC\nreviewed: 2026-03-01\n"
    ),
    messages={
        "default": {
            "en": "Compliance obligation {subject} '{obligation}' was last reviewed on {reviewed}, more than "
                  "{period} before {as_of}",
            "zh-CN": "合规义务{subject}“{obligation}”的上次评审日期为{reviewed}，距{as_of}已超过{period}",
        },
        "never": {
            "en": "Compliance obligation {subject} '{obligation}' has no record of review (reviewed is not set)",
            "zh-CN": "合规义务{subject}“{obligation}”没有评审记录（未填写reviewed）",
        },
    },
    fix={
        "en": "Have {owner} check obligation {subject} '{obligation}' against its source for amendments and "
              "new requirements, evaluate the enterprise's compliance with it, and record the date (reviewed).",
        "zh-CN": "请{owner}对照来源核查义务{subject}“{obligation}”的修订和新增要求，评价企业的遵守情况，并记录评审日期（reviewed）。",
    },
)
def compliance_obligations_reviewed(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    since = shift(ctx.as_of, "-", REVIEW_MONTHS, "m")
    for obligation in decl.of(ComplianceObligation):
        values = {"obligation": obligation.title, "owner": named_item(decl, obligation.owner, Person)}
        if obligation.reviewed is None:
            yield Violation(subject=obligation.id, path=("reviewed",), values=values, template="never")
        elif obligation.reviewed < since:
            yield Violation(subject=obligation.id, path=("reviewed",),
                            values={**values, "reviewed": obligation.reviewed, "as_of": ctx.as_of,
                                    "period": Amount(REVIEW_MONTHS, "month")})


@rule(
    reads=("Budget", "Person"),
    id="IP326",
    title={"en": "An approved IP budget covers the current period", "zh-CN": "当期知识产权经费预算已批准"},
    severity="minor",
    stage="system",
    clauses=("financial-resources",),
    rationale={
        "en": ("The standard requires funds for IP work (2013 6.3; 2023 7.1). Auditors ask for the "
               "budget of the period they audit, approved by top management: a budget of an earlier year, or "
               "one nobody approved, does not show that the current work is funded."),
        "zh-CN": ("标准要求为知识产权工作提供经费（2013版6.3；2023版7.1）。审核员会查看受审核期间、经最高管理者批准的预算："
                  "以往年度的预算或未经批准的预算，不能证明当前的工作有经费保障。"),
    },
    fails="kind: Budget\nid: BUD-2025\nstart: 2025-01-01\nend: 2025-12-31\n",
    passes=(
        "kind: Person\nid: p.gm\nname: Wang Gang\ntop_management: true\n---\n"
        "kind: Budget\nid: BUD-2026\nstart: 2026-01-01\nend: 2026-12-31\napproved_by: p.gm\napproved: 2026-01-10\n"
    ),
    messages={
        "default": {
            "en": "No IP budget covers {as_of}: the latest, {subject}, ended on {end}",
            "zh-CN": "没有覆盖{as_of}的知识产权经费预算：最近一份{subject}已于{end}结束",
        },
        "not-approved": {
            "en": "IP budget {subject} ({start} to {end}) is not approved (not set: {field})",
            "zh-CN": "知识产权经费预算{subject}（{start}至{end}）未经批准（未填写{field}）",
        },
    },
    fix={
        "en": "Have top management ({top_management}) approve the IP budget of the current period, by purpose "
              "(filing, maintenance, search and analysis, disputes, training, rewards), and record who approved "
              "it (approved_by) and when (approved).",
        "zh-CN": "请最高管理者（{top_management}）批准当期知识产权经费预算，按用途（申请、维持、检索分析、争议处理、"
                 "培训、奖酬）列支，并记录批准人（approved_by）和批准日期（approved）。",
    },
)
def budget_of_the_period_approved(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    budgets = decl.of(Budget)
    if not budgets:
        return  # IP325
    values = {"top_management": top_management(decl)}
    current = [b for b in budgets if b.start <= ctx.as_of <= b.end]
    if not current:
        latest = max(budgets, key=lambda b: b.end)
        yield Violation(subject=latest.id, path=("end",), values={**values, "as_of": ctx.as_of, "end": latest.end})
        return
    for budget in current:
        missing = [name for name in ("approved_by", "approved") if getattr(budget, name) is None]
        if missing:
            yield Violation(subject=budget.id, path=(missing[0],), template="not-approved",
                            values={**values, "start": budget.start, "end": budget.end, "field": missing})


@rule(
    reads=("Budget", "Person"),
    id="IP327",
    title={"en": "The IP budget provides for each purpose", "zh-CN": "知识产权经费预算涵盖各项用途"},
    severity="minor",
    stage="system",
    clauses=("financial-resources",),
    rationale={
        "en": ("IP work needs funds for filing, maintenance (annuities and renewals), search and analysis, "
               "disputes, training and rewards to inventors. A budget without a line for one of them "
               "leaves that work unfunded, and annuities or rewards are the usual casualties."),
        "zh-CN": "知识产权工作需要申请、维持（年费和续展）、检索分析、争议处理、培训以及发明人奖酬等经费。"
                 "预算缺少其中某项，相应工作就没有经费，年费和奖酬往往首当其冲。",
    },
    fails=(
        "kind: Budget\nid: BUD-2026\nstart: 2026-01-01\nend: 2026-12-31\nlines:\n  - {purpose: filing, amount: 300000}\n"
    ),
    passes=(
        "kind: Budget\nid: BUD-2026\nstart: 2026-01-01\nend: 2026-12-31\nlines:\n"
        "  - {purpose: filing, amount: 300000}\n  - {purpose: maintenance, amount: 120000}\n"
        "  - {purpose: search-analysis, amount: 80000}\n  - {purpose: disputes, amount: 100000}\n"
        "  - {purpose: training, amount: 30000}\n  - {purpose: rewards, amount: 150000}\n"
    ),
    messages={
        "default": {
            "en": "IP budget {subject} ({start} to {end}) has no line for {purposes}",
            "zh-CN": "知识产权经费预算{subject}（{start}至{end}）未列支{purposes}",
        },
    },
    fix={
        "en": "Add to IP budget {subject} the amounts for {purposes}, and have the revised budget approved "
              "({approver}).",
        "zh-CN": "在知识产权经费预算{subject}中补充{purposes}的金额，并将修订后的预算报批（{approver}）。",
    },
)
def budget_covers_every_purpose(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    for budget in decl.of(Budget):
        if not budget.start <= ctx.as_of <= budget.end:
            continue
        funded = {line.purpose for line in budget.lines if line.amount > 0}
        missing = [purpose for purpose in BUDGET_PURPOSES if purpose not in funded]
        if missing:
            yield Violation(subject=budget.id, path=("lines",),
                            values={"start": budget.start, "end": budget.end,
                                    "purposes": [Term("budget-purpose", p) for p in missing],
                                    "approver": named_item(decl, budget.approved_by, Person)})


@rule(
    reads=("ContextReview",),
    id="IP316",
    title={"en": "The context review was made within the last twelve months",
           "zh-CN": "环境分析在近十二个月内进行过评审"},
    severity="minor",
    stage="system",
    clauses=("context", "interested-parties"),
    editions=("2023",),
    rationale={
        "en": ("The issues and the interested parties' requirements change with the market, the law and "
               "the enterprise; the 2023 edition asks for them to be monitored and reviewed (4.1, 4.2) and "
               "for their changes to be an input of the management review. A review older than twelve "
               "months is no longer current."),
        "zh-CN": ("内外部因素和相关方的要求会随市场、法律和企业自身而变化；2023版要求对其进行监视和评审（4.1、4.2），"
                  "其变化也是管理评审的输入。超过十二个月的分析已不再是现行的。"),
    },
    fails="kind: ContextReview\nid: CTX-2024\ntitle: Context 2024\nreviewed: 2024-03-01\n",
    passes="kind: ContextReview\nid: CTX-2026\ntitle: Context 2026\nreviewed: 2026-03-02\n",
    messages={
        "default": {
            "en": "The latest context review, {subject}, is dated {reviewed}, more than {period} before {as_of}",
            "zh-CN": "最近一次环境分析{subject}的日期为{reviewed}，距{as_of}已超过{period}",
        },
        "never": {
            "en": "Context review {subject} has no review date (reviewed is not set)",
            "zh-CN": "环境分析{subject}没有评审日期（未填写reviewed）",
        },
    },
    fix={
        "en": "Review the internal and external issues and the interested parties' requirements again, have top "
              "management approve the result, record the date (reviewed), and bring the changes to the next "
              "management review.",
        "zh-CN": "重新评审内外部因素和相关方的要求，经最高管理者批准，记录评审日期（reviewed），并将变化提交下一次管理评审。",
    },
)
def context_review_current(ctx: CheckContext) -> Iterator[Violation]:
    reviews = ctx.declaration.of(ContextReview)
    if not reviews:
        return  # IP315
    dated = [r for r in reviews if r.reviewed is not None and r.reviewed <= ctx.as_of]
    if not dated:
        yield Violation(subject=reviews[0].id, path=("reviewed",), template="never")
        return
    latest = max(dated, key=lambda r: r.reviewed)  # type: ignore[arg-type, return-value]
    if latest.reviewed < shift(ctx.as_of, "-", REVIEW_MONTHS, "m"):  # type: ignore[operator]
        yield Violation(subject=latest.id, path=("reviewed",),
                        values={"reviewed": latest.reviewed, "as_of": ctx.as_of,
                                "period": Amount(REVIEW_MONTHS, "month")})


@rule(
    reads=("ContextReview",),
    id="IP318",
    title={"en": "The requirements of each interested party are recorded",
           "zh-CN": "记录了每个相关方的要求"},
    severity="minor",
    stage="system",
    clauses=("interested-parties",),
    editions=("2023",),
    rationale={
        "en": ("The 2023 edition asks not only who the interested parties are but what they require of "
               "the IP system (4.2); those requirements are where compliance obligations come from."),
        "zh-CN": "2023版不仅要求确定相关方是谁，还要求确定他们对知识产权体系的要求（4.2）；合规义务正是由这些要求而来。",
    },
    fails=(
        "kind: ContextReview\nid: CTX-2026\ntitle: Context 2026\nreviewed: 2026-03-02\n"
        "interested_parties:\n  - {name: Customers}\n"
    ),
    passes=(
        "kind: ContextReview\nid: CTX-2026\ntitle: Context 2026\nreviewed: 2026-03-02\n"
        "interested_parties:\n  - {name: Customers, requirements: [freedom to operate for delivered valves]}\n"
    ),
    messages={
        "default": {
            "en": "Interested party '{party}' of context review {subject} has no requirements recorded",
            "zh-CN": "环境分析{subject}中的相关方“{party}”未记录其要求",
        },
    },
    fix={
        "en": "Record what '{party}' requires of the IP system (contract terms, laws, expectations) in context "
              "review {subject}, and add to the compliance obligations those the enterprise takes on.",
        "zh-CN": "在环境分析{subject}中记录“{party}”对知识产权体系的要求（合同条款、法律规定、期望），"
                 "并将企业承诺遵守的要求纳入合规义务清单。",
    },
)
def interested_party_requirements(ctx: CheckContext) -> Iterator[Violation]:
    for review in ctx.declaration.of(ContextReview):
        for index, party in enumerate(review.interested_parties):
            if not party.requirements:
                yield Violation(subject=review.id, path=("interested_parties", index), key=str(index),
                                values={"party": party.name})


@rule(
    reads=("CultureActivity",),
    id="IP322",
    title={"en": "The compliance culture is promoted", "zh-CN": "开展了合规文化建设活动"},
    severity="minor",
    stage="system",
    clauses=("culture",),
    editions=("2023",),
    rationale={
        "en": ("The 2023 edition requires top management to promote an IP compliance culture (5.1.3). "
               "Auditors judge it in interviews, and ask for the evidence: publicity, commitments, "
               "trainings, recognition of good practice. Without any such activity in the last twelve "
               "months there is none to show."),
        "zh-CN": ("2023版要求最高管理者推动知识产权合规文化建设（5.1.3）。审核员通过访谈判断，并查看宣传、承诺、培训、"
                  "表彰等活动的证据。近十二个月内没有任何此类活动，就拿不出证据。"),
    },
    fails="kind: CultureActivity\nid: CA-2024\ntitle: IP week 2024\ndate: 2024-04-26\n",
    passes="kind: CultureActivity\nid: CA-2026\ntitle: IP week 2026\ndate: 2026-04-26\ntype: publicity\n",
    messages={
        "default": {
            "en": "No compliance-culture activity is declared in the {period} before {as_of} (the latest, {subject}, "
                  "is dated {latest})",
            "zh-CN": "{as_of}之前{period}内没有合规文化建设活动（最近一次{subject}的日期为{latest}）",
        },
        "none": {
            "en": "No compliance-culture activity is declared (kind: CultureActivity)",
            "zh-CN": "未声明合规文化建设活动（kind: CultureActivity）",
        },
    },
    fix={
        "en": "Have top management promote the IP compliance culture (a publicity week on 26 April, a signed "
              "compliance commitment, recognition of inventors, a compliance training) and declare each activity "
              "as kind: CultureActivity with its date and the units it reached.",
        "zh-CN": "由最高管理者推动知识产权合规文化建设（如4月26日知识产权宣传周、签署合规承诺、表彰发明人、合规培训），"
                 "并以 kind: CultureActivity 逐项声明，填写日期和覆盖的部门。",
    },
)
def culture_promoted(ctx: CheckContext) -> Iterator[Violation]:
    activities = [a for a in ctx.declaration.of(CultureActivity) if a.date is not None and a.date <= ctx.as_of]
    if not activities:
        yield Violation(template="none")
        return
    latest = max(activities, key=lambda a: a.date)  # type: ignore[arg-type, return-value]
    if latest.date < shift(ctx.as_of, "-", REVIEW_MONTHS, "m"):  # type: ignore[operator]
        yield Violation(subject=latest.id, path=("date",),
                        values={"latest": latest.date, "as_of": ctx.as_of, "period": Amount(REVIEW_MONTHS, "month")})
