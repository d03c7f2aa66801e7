"""Rules of human resources in operation (stage ``operation``, 2013 6.1.2, 6.1.3, 6.1.6): the
yearly training plan and its delivery, the induction of new hires, the IP terms of labour
contracts, and the rewards of inventors. The declarative rules of the same clauses are in
``rules/packs/people-resources.yaml``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ipcheck.i18n import Amount, Term
from ipcheck.model.declaration import Declaration
from ipcheck.model.kinds import (
    TRAINING_GROUPS,
    ConfidentialityAgreement,
    Contract,
    IncentiveScheme,
    Patent,
    Person,
    Reward,
    Training,
    TrainingPlan,
)
from ipcheck.rules.api import CheckContext, Systemic, Violation, rule
from ipcheck.rules.builtin.common import has_left, named_item, year_before
from ipcheck.rules.builtin.operation import hr_owner
from ipcheck.rules.conditions import shift

INDUCTION_MONTHS = 3
"""How long after joining a new hire's IP induction training may come (the usual probation)."""

EVALUATION_MONTHS = 1
"""How long after a planned training its effect is expected to be evaluated."""


# --- the yearly training plan (2013 6.1.2; 2023 7.2) ----------------------------------------


def plans_in_force(decl: Declaration, as_of: dt.date) -> list[TrainingPlan]:
    """The training plans whose period covers ``as_of``."""
    return [plan for plan in decl.of(TrainingPlan) if plan.start <= as_of <= plan.end]


@rule(
    id="IP612",
    reads=("TrainingPlan", "Unit", "Person"),
    title={"en": "An IP training plan covers the current year", "zh-CN": "有覆盖本年度的知识产权培训计划"},
    severity="minor",
    stage="operation",
    clauses=("training",),
    rationale={
        "en": ("The standard asks for IP training of management, IP staff, R&D and all staff, each as their "
               "posts require (2013 6.1.2; 2023 7.2). Auditors ask for the year's training plan and follow "
               "it to the attendance sheets and evaluations: trainings held without a plan show no "
               "intent to reach every group. Trainings themselves are checked by IP509-IP512."),
        "zh-CN": ("标准要求按岗位需要对管理层、知识产权工作人员、研发人员和全体员工开展知识产权培训（2013版6.1.2；2023版7.2）。"
                  "审核员会查看本年度培训计划，并据此追查签到表和效果评价：没有计划的培训，无法证明有意覆盖各类人员。"
                  "培训本身由IP509至IP512检查。"),
    },
    fails="kind: TrainingPlan\nid: TP-2025\ntitle: IP training plan 2025\nstart: 2025-01-01\nend: 2025-12-31\n",
    passes="kind: TrainingPlan\nid: TP-2026\ntitle: IP training plan 2026\nstart: 2026-01-01\nend: 2026-12-31\n",
    messages={
        "default": {
            "en": "No IP training plan covers {as_of}: the latest, {subject}, ended on {end}",
            "zh-CN": "没有覆盖{as_of}的知识产权培训计划：最近一份{subject}已于{end}结束",
        },
        "none": {
            "en": "No IP training plan is declared (kind: TrainingPlan)",
            "zh-CN": "未声明知识产权培训计划（kind: TrainingPlan）",
        },
    },
    fix={
        "en": "Have {hr} draw up this year's IP training plan with the IP department, one training or more for "
              "each group (management, IP staff, R&D staff, all staff), with dates, have it approved, and "
              "declare it as kind: TrainingPlan.",
        "zh-CN": "请{hr}会同知识产权管理部门编制本年度知识产权培训计划，为每类人员（中高层管理人员、知识产权工作人员、"
                 "研发人员、全体员工）安排至少一次培训并注明日期，经批准后以 kind: TrainingPlan 声明。",
    },
)
def training_plan_in_force(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    plans = decl.of(TrainingPlan)
    values = {"hr": hr_owner(decl)}
    if not plans:
        yield Violation(template="none", values=values)
    elif not plans_in_force(decl, ctx.as_of):
        latest = max(plans, key=lambda plan: plan.end)
        yield Violation(subject=latest.id, path=("end",), values={**values, "as_of": ctx.as_of, "end": latest.end})


@rule(
    id="IP613",
    reads=("TrainingPlan",), per_item="TrainingPlan",
    title={"en": "The training plan provides for every group of staff", "zh-CN": "培训计划覆盖各类人员"},
    severity="minor",
    stage="operation",
    clauses=("training",),
    rationale={
        "en": ("The 2013 edition names the groups to train (6.1.2): middle and top management, IP staff, "
               "R&D and other posts close to IP, and all staff; the 2023 edition asks for the competence "
               "each post needs (7.2). A plan that leaves a group out leaves its training to chance."),
        "zh-CN": ("2013版6.1.2明确了培训对象：中高层管理人员、知识产权工作人员、研发等与知识产权关系密切岗位的人员以及全体员工；"
                  "2023版7.2要求确保各岗位人员具备所需能力。计划遗漏某类人员，该类人员的培训就无从保证。"),
    },
    fails=(
        "kind: TrainingPlan\nid: TP-2026\ntitle: IP training plan 2026\nstart: 2026-01-01\nend: 2026-12-31\n"
        "trainings:\n  - {group: research-development, topic: Patent mining, due: 2026-12-15}\n"
    ),
    passes=(
        "kind: TrainingPlan\nid: TP-2026\ntitle: IP training plan 2026\nstart: 2026-01-01\nend: 2026-12-31\n"
        "trainings:\n  - {group: management, topic: IP compliance duties, due: 2026-12-10}\n"
        "  - {group: ip-staff, topic: Patent Law amendments, due: 2026-12-10}\n"
        "  - {group: research-development, topic: Patent mining, due: 2026-12-15}\n"
        "  - {group: all-staff, topic: Trade secrets, due: 2026-12-20}\n"
    ),
    messages={
        "default": {
            "en": "IP training plan {subject} ({start} to {end}) plans no training for {groups}",
            "zh-CN": "知识产权培训计划{subject}（{start}至{end}）未安排针对{groups}的培训",
        },
    },
    fix={
        "en": "Add to training plan {subject} a training for {groups}, on what their posts need to know of IP, "
              "with a date, and have the revised plan approved.",
        "zh-CN": "在培训计划{subject}中补充针对{groups}的培训，内容按其岗位所需的知识产权知识确定并注明日期，修订后的计划报批。",
    },
)
def training_plan_covers_every_group(ctx: CheckContext) -> Iterator[Violation]:
    for plan in plans_in_force(ctx.declaration, ctx.as_of):
        planned = {entry.group for entry in plan.trainings}
        missing = [group for group in TRAINING_GROUPS if group not in planned]
        if missing:
            yield Violation(subject=plan.id, path=("trainings",),
                            values={"start": plan.start, "end": plan.end,
                                    "groups": [Term("training-group", group) for group in missing]})


@rule(
    id="IP614",
    reads=("TrainingPlan", "Training"), per_item="TrainingPlan",
    title={"en": "Each planned training that is due was held and its effect evaluated",
           "zh-CN": "到期的计划培训均已实施并进行了效果评价"},
    severity="minor",
    stage="operation",
    clauses=("training", "records"),
    rationale={
        "en": ("A plan shows intent; the auditor then asks for the training that delivered each entry and for "
               "the evaluation of its effect (a test, a questionnaire, practice observed), since the standard "
               "asks for training records and for competence, not for attendance alone. An entry is judged "
               "when its date has passed; its evaluation a month after the training."),
        "zh-CN": ("计划只表明意图；审核员还会逐项查看实施该计划的培训及其效果评价（考试、问卷、实际工作观察），"
                  "因为标准要求的是培训记录和能力，而不仅仅是出勤。计划日期已过的培训项即予检查；效果评价在培训后一个月检查。"),
    },
    fails=(
        "kind: TrainingPlan\nid: TP-2026\ntitle: IP training plan 2026\nstart: 2026-01-01\nend: 2026-12-31\n"
        "trainings:\n  - {group: all-staff, topic: Trade secrets, due: 2026-06-30}\n"
    ),
    passes=(
        "kind: Training\nid: TR-2026-05\ntopic: Trade secrets for all staff\ndate: 2026-05-20\n---\n"
        "kind: TrainingPlan\nid: TP-2026\ntitle: IP training plan 2026\nstart: 2026-01-01\nend: 2026-12-31\n"
        "trainings:\n  - {group: all-staff, topic: Trade secrets, due: 2026-06-30, training: TR-2026-05,\n"
        "     evaluated: 2026-06-10, evaluation: quiz passed by 96% of attendees}\n"
    ),
    messages={
        "default": {
            "en": "The training of plan {subject} for {group} on '{topic}', due {due}, was not held (no training is "
                  "linked)",
            "zh-CN": "培训计划{subject}中针对{group}的“{topic}”培训（计划日期{due}）未实施（未关联培训记录）",
        },
        "not-evaluated": {
            "en": "The training of plan {subject} for {group} on '{topic}' was held on {held} ({training}) but its "
                  "effect was not evaluated",
            "zh-CN": "培训计划{subject}中针对{group}的“{topic}”培训已于{held}实施（{training}），但未进行效果评价",
        },
    },
    fix={
        "en": "Hold the training on '{topic}' for {group}, or record in plan {subject} the training that delivered "
              "it; evaluate its effect (a test, a questionnaire or practice observed) and record when and how "
              "(evaluated, evaluation).",
        "zh-CN": "为{group}实施“{topic}”培训，或在培训计划{subject}中关联已实施的培训；对培训效果进行评价（考试、问卷或"
                 "实际工作观察），并记录评价日期和方式（evaluated、evaluation）。",
    },
)
def planned_trainings_held_and_evaluated(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    evaluation_due = shift(ctx.as_of, "-", EVALUATION_MONTHS, "m")
    for plan in decl.of(TrainingPlan):
        for index, entry in enumerate(plan.trainings):
            values = {"group": Term("training-group", entry.group), "topic": entry.topic}
            if entry.training is None:
                if entry.due is not None and entry.due < ctx.as_of:
                    yield Violation(subject=plan.id, path=("trainings", index), key=str(index),
                                    values={**values, "due": entry.due})
                continue
            training = decl.get(entry.training, Training)
            if training is None or training.date is None or training.date > evaluation_due:
                continue  # an unresolved reference is IPX001; an undated training IP512
            if entry.evaluated is None:
                yield Violation(subject=plan.id, path=("trainings", index), key=str(index), template="not-evaluated",
                                values={**values, "held": training.date, "training": training.id})


# --- induction of new hires (2013 6.1.2, 6.1.4) -----------------------------------------------


@rule(
    id="IP615",
    reads=("Training", "Person", "Unit"),
    title={"en": "Every new hire had an IP induction training within three months",
           "zh-CN": "新员工入职三个月内均接受了知识产权入职培训"},
    severity="minor",
    stage="operation",
    clauses=("training", "entry"),
    systemic=Systemic(by="unit", at_least=3),
    rationale={
        "en": ("New hires learn the enterprise's IP rules (ownership of what they create, confidentiality, "
               "invention disclosure) at induction; the standard asks for training of all staff as their "
               "posts require (2013 6.1.2; 2023 7.2). Everyone who joined in the last twelve months is expected "
               "among the attendees of a training within three months of joining. Three or more new hires of one "
               "unit without it are one systemic (major) finding."),
        "zh-CN": ("新员工应在入职培训中了解企业的知识产权规定（职务成果归属、保密、发明披露）；标准要求按岗位需要培训全体员工"
                  "（2013版6.1.2；2023版7.2）。近十二个月入职的人员，应在入职三个月内出现在某次培训的签到名单中。"
                  "同一部门有三名及以上新员工未接受培训，作为一项系统性（严重）不符合报告。"),
    },
    fails="kind: Person\nid: fang.rui\nname: Fang Rui\njoined: 2026-03-02\n",
    passes=(
        "kind: Person\nid: fang.rui\nname: Fang Rui\njoined: 2026-03-02\n---\n"
        "kind: Training\nid: TR-2026-IND-03\ntopic: Induction IP training\ndate: 2026-03-10\nattendees: [fang.rui]\n"
    ),
    messages={
        "default": {
            "en": "{name} ({subject}) joined on {joined} and attended no IP training in the {period} after",
            "zh-CN": "{name}（{subject}）于{joined}入职，入职后{period}内未参加任何知识产权培训",
        },
    },
    fix={
        "en": "Have {hr} give {name} the IP induction training (ownership of service inventions and works, "
              "confidentiality, invention disclosure), record the attendance (kind: Training, attendees), and add "
              "the training to the induction programme.",
        "zh-CN": "请{hr}为{name}补做知识产权入职培训（职务发明和作品的归属、保密、发明披露），记录签到（kind: Training，"
                 "attendees），并将该培训纳入入职培训计划。",
    },
)
def new_hires_inducted(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    since = year_before(ctx.as_of)
    attended: dict[str, list[dt.date]] = {}
    for training in decl.of(Training):
        if training.date is not None:
            for person_id in training.attendees:
                attended.setdefault(person_id, []).append(training.date)
    hr = hr_owner(decl)
    period = Amount(INDUCTION_MONTHS, "month")
    latest = shift(ctx.as_of, "-", INDUCTION_MONTHS, "m")  # who joined later is still within the months allowed
    for person in decl.of(Person):
        joined = person.joined
        if joined is None or not since <= joined <= latest or has_left(person, ctx.as_of):
            continue
        dates = attended.get(person.id)
        if dates:
            deadline = shift(joined, "+", INDUCTION_MONTHS, "m")
            if any(joined <= date <= deadline for date in dates):
                continue
        yield Violation(subject=person.id, path=("joined",),
                        values={"name": person.name, "joined": joined, "hr": hr, "period": period})


# --- labour contracts (2013 6.1.3) ------------------------------------------------------------


@rule(
    id="IP616",
    reads=("Contract", "ConfidentialityAgreement", "Person", "Unit"),
    title={"en": "Every employee's labour contract fixes IP ownership and confidentiality",
           "zh-CN": "每名员工的劳动合同均约定了知识产权归属和保密条款"},
    severity="minor",
    stage="operation",
    clauses=("employment-contracts",),
    systemic=Systemic(by="unit", at_least=3),
    rationale={
        "en": ("The 2013 edition (6.1.3) asks that labour contracts fix the ownership of the IP an employee "
               "creates and bind them to confidentiality: every employee, not only those with access to trade "
               "secrets (IPS007 checks their confidentiality agreements). A labour contract of type employment "
               "naming the person, with ip_ownership filled and confidentiality set, or a separate "
               "confidentiality agreement, is the evidence. Three or more employees of one unit without it are "
               "one systemic (major) finding; when no labour contract is declared at all, one finding says so."),
        "zh-CN": ("2013版6.1.3要求在劳动合同中约定员工所创造知识产权的归属，并约定保密义务：适用于全体员工，而不仅仅是接触"
                  "商业秘密的人员（其保密协议由IPS007检查）。证据是载明该员工、填写了ip_ownership并设定confidentiality的"
                  "劳动合同（type: employment），或单独签订的保密协议。同一部门有三名及以上员工缺少这些条款，"
                  "作为一项系统性（严重）不符合报告；完全没有声明劳动合同的，报告一项。"),
    },
    fails=(
        "kind: Person\nid: wu.hao\nname: Wu Hao\n---\n"
        "kind: Contract\nid: LC-wu.hao\ntitle: Labour contract of Wu Hao\ntype: employment\nsigned: 2025-04-21\n"
        "people: [wu.hao]\n"
    ),
    passes=(
        "kind: Person\nid: wu.hao\nname: Wu Hao\n---\n"
        "kind: Contract\nid: LC-wu.hao\ntitle: Labour contract of Wu Hao\ntype: employment\nsigned: 2025-04-21\n"
        "people: [wu.hao]\nip_ownership: Service inventions and works belong to the enterprise\nconfidentiality: true\n"
    ),
    messages={
        "default": {
            "en": "The labour contract of {name} ({subject}), {contract}, has no {terms}",
            "zh-CN": "{name}（{subject}）的劳动合同{contract}未约定{terms}",
        },
        "none": {
            "en": "No labour contract is declared (kind: Contract, type employment): nothing shows that the "
                  "contracts of the {count} people declared have the {terms}",
            "zh-CN": "未声明劳动合同（kind: Contract，type: employment）：无法证明所声明的{count}名人员的合同约定了{terms}",
        },
        "no-contract": {
            "en": "No labour contract of {name} ({subject}) is declared (kind: Contract, type employment), so "
                  "there is no {terms}",
            "zh-CN": "未声明{name}（{subject}）的劳动合同（kind: Contract，type: employment），{terms}均无约定",
        },
    },
    fix={
        "en": "Have {hr} sign with {name} an IP and confidentiality supplement to the labour contract (ownership of "
              "service inventions and works, confidentiality during and after employment), declare it on the "
              "contract (ip_ownership, confidentiality), and use the standard contract with these clauses for "
              "every hire.",
        "zh-CN": "请{hr}与{name}签订劳动合同的知识产权和保密补充协议（职务发明和作品的归属、在职及离职后的保密义务），"
                 "在合同中声明（ip_ownership、confidentiality），并对所有新员工使用含上述条款的标准劳动合同。",
    },
)
def labour_contracts_fix_ownership(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    contracts: dict[str, list[Contract]] = {}
    for contract in decl.of(Contract):
        if contract.type == "employment" and (contract.signed is None or contract.signed <= ctx.as_of):
            for person_id in contract.people:
                contracts.setdefault(person_id, []).append(contract)
    if not contracts:
        staff = [p for p in decl.of(Person) if not has_left(p, ctx.as_of)]
        if staff:
            yield Violation(template="none", values={
                "count": len(staff), "hr": hr_owner(decl), "name": Term("words", "every-employee"),
                "terms": [Term("contract-term", "ip-ownership"), Term("contract-term", "confidentiality")]})
        return
    bound = {agreement.person for agreement in decl.of(ConfidentialityAgreement)
             if agreement.signed is not None and agreement.signed <= ctx.as_of}
    hr = hr_owner(decl)
    for person in decl.of(Person):
        if has_left(person, ctx.as_of) or (person.joined is not None and person.joined > ctx.as_of):
            continue
        own = contracts.get(person.id, [])
        terms = []
        if not any(c.ip_ownership for c in own):
            terms.append("ip-ownership")
        if person.id not in bound and not any(c.confidentiality for c in own):
            terms.append("confidentiality")
        if not terms:
            continue
        values = {"name": person.name, "hr": hr, "terms": [Term("contract-term", t) for t in terms]}
        if not own:
            yield Violation(subject=person.id, path=(), template="no-contract", values=values)
        else:
            yield Violation(subject=person.id, path=(), values={**values, "contract": own[0].id})


# --- rewards of inventors (2013 6.1.6) --------------------------------------------------------

DEFAULT_REWARD_MONTHS = 3
"""Months from the announcement of grant within which a service invention's inventors are
rewarded, where no scheme sets the period (Implementing Regulations of the Patent Law of China)."""


@rule(
    id="IP619",
    reads=("Patent", "IncentiveScheme", "Reward", "Person"), per_item="Patent",
    title={"en": "The inventors of each newly granted Chinese patent were rewarded in time",
           "zh-CN": "新授权中国专利的发明人均按期获得奖励"},
    severity="minor",
    stage="operation",
    protection="patent",
    clauses=("incentives",),
    systemic=Systemic(by="jurisdiction", at_least=3),
    rationale={
        "en": ("Chinese patent law has the patentee reward the inventors of a service invention within the period "
               "its scheme sets, by default three months from the announcement of grant; auditors follow a "
               "granted patent to the payment record. Each Chinese patent whose reward fell due in the last twelve "
               "months (grant_date plus the reward_months of the incentive scheme) is expected to have a reward "
               "(kind: Reward) paid by then. Three or more patents without it are one systemic (major) finding."),
        "zh-CN": ("我国专利法规定，被授予专利权的单位应在其制度规定的期限内（未规定的，自公告授予专利权之日起三个月内）"
                  "向职务发明的发明人发放奖励；审核员会从授权专利追查到发放记录。奖励在近十二个月内到期的每件中国专利"
                  "（grant_date加奖酬制度的reward_months），应在到期前有已发放的奖励记录（kind: Reward）。"
                  "三件及以上专利未发放奖励，作为一项系统性（严重）不符合报告。"),
    },
    fails=(
        "kind: Person\nid: zhao.lei\nname: Zhao Lei\n---\n"
        "kind: Patent\nid: HXP-CN-2023-004\ntitle: Baffle for shell-and-tube exchangers\njurisdiction: CN\n"
        "status: granted\ngrant_date: 2026-05-07\ninventors: [zhao.lei]\n"
    ),
    passes=(
        "kind: Person\nid: zhao.lei\nname: Zhao Lei\n---\n"
        "kind: Patent\nid: HXP-CN-2023-004\ntitle: Baffle for shell-and-tube exchangers\njurisdiction: CN\n"
        "status: granted\ngrant_date: 2026-05-07\ninventors: [zhao.lei]\n---\n"
        "kind: Reward\nid: RW-01\nright: HXP-CN-2023-004\ntype: reward\npeople: [zhao.lei]\npaid: 2026-06-14\n"
        "amount: 6000\n"
    ),
    messages={
        "default": {
            "en": "Patent {subject} '{title}' was granted on {granted}; its inventors ({inventors}) were due a reward "
                  "by {deadline} and none is recorded",
            "zh-CN": "专利{subject}“{title}”于{granted}授权，其发明人（{inventors}）应在{deadline}前获得奖励，但没有发放记录",
        },
        "late": {
            "en": "Patent {subject} '{title}' was granted on {granted}; its inventors' reward was due by {deadline} "
                  "and was paid on {paid}",
            "zh-CN": "专利{subject}“{title}”于{granted}授权，发明人奖励应在{deadline}前发放，实际于{paid}发放",
        },
    },
    fix={
        "en": "Pay the inventors of {subject} ({inventors}) the reward the scheme sets, record the payment (kind: "
              "Reward, with the date paid), and have the IP department notify the human resources department of "
              "every grant as it is announced, so that rewards are paid within {period}.",
        "zh-CN": "按奖酬制度向{subject}的发明人（{inventors}）发放奖励，记录发放情况（kind: Reward，填写发放日期），"
                 "并由知识产权管理部门在每次授权公告时通知人力资源部门，确保奖励在{period}内发放。",
    },
)
def inventors_rewarded_in_time(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    schemes = decl.of(IncentiveScheme)
    months = schemes[0].reward_months if schemes else DEFAULT_REWARD_MONTHS
    since = year_before(ctx.as_of)
    paid: dict[str, dt.date] = {}
    for reward in decl.of(Reward):
        if reward.type == "reward" and reward.paid is not None and reward.paid <= ctx.as_of:
            paid[reward.right] = min(reward.paid, paid.get(reward.right, reward.paid))
    granted_long_ago = shift(since, "-", months, "m")  # a patent granted by then had its reward due by ``since``
    for patent in decl.of(Patent):
        if patent.jurisdiction != "CN" or patent.grant_date is None or not patent.inventors:
            continue
        if patent.grant_date <= granted_long_ago:
            continue  # no need to work out its deadline
        deadline = shift(patent.grant_date, "+", months, "m")
        if not since < deadline <= ctx.as_of:
            continue
        first = paid.get(patent.id)
        if first is not None and first <= deadline:
            continue
        values = {"title": patent.title, "granted": patent.grant_date, "deadline": deadline,
                  "inventors": [named_item(decl, p, Person) for p in patent.inventors],
                  "period": Amount(months, "month")}
        if first is None:
            yield Violation(subject=patent.id, path=("grant_date",), values=values)
        else:
            yield Violation(subject=patent.id, path=("grant_date",), template="late", values={**values, "paid": first})
