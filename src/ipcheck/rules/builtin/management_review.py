"""Rules of the management review (stage ``management-review``): a review in the last twelve
months, chaired by top management, with the inputs of the edition audited against, and
decisions that are owned, dated and carried out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping

from ipcheck.i18n import Amount, Term, Words
from ipcheck.model.declaration import Declaration
from ipcheck.model.kinds import REVIEW_INPUTS_BY_EDITION, Audit, ManagementReview, Person
from ipcheck.rules.api import CheckContext, Violation, rule
from ipcheck.rules.builtin.common import every_one, has_left, name_or_phrase, named_item, phrase, year_before

#: For each input an edition requires, the inputs of the other edition's list that say the
#: same and count for it (a review minuted against the 2023 list is read against the 2013 one).
SAME_AS: Mapping[str, frozenset[str]] = {
    "audit-results": frozenset({"earlier-audit-and-review-results"}),
    "objective-achievement": frozenset({"policy-and-objectives"}),
    "policy-implementation": frozenset({"policy-and-objectives"}),
    "changes": frozenset({"business-strategy-and-new-products", "technology-and-standards-trends"}),
    "risks-and-opportunities": frozenset({"ip-management-and-risk-assessment"}),
    "previous-review-follow-up": frozenset({"earlier-audit-and-review-results"}),
    "policy-and-objectives": frozenset({"policy-implementation", "objective-achievement"}),
    "business-strategy-and-new-products": frozenset({"changes"}),
    "ip-management-and-risk-assessment": frozenset({"risks-and-opportunities"}),
    "technology-and-standards-trends": frozenset({"changes"}),
    "earlier-audit-and-review-results": frozenset({"audit-results", "previous-review-follow-up"}),
}

#: The inputs each edition requires of a management review (``REVIEW_INPUTS_BY_EDITION``),
#: each with the declared inputs that count for it.
REVIEW_INPUTS: Mapping[str, Mapping[str, frozenset[str]]] = {
    edition: {need: frozenset({need}) | SAME_AS.get(need, frozenset()) for need in inputs}
    for edition, inputs in REVIEW_INPUTS_BY_EDITION.items()
}

#: Inputs not expected of the first review (there is no earlier one to follow up).
NOT_OF_THE_FIRST: frozenset[str] = frozenset({"previous-review-follow-up"})


def required_inputs(edition: str) -> Words:
    """The inputs ``edition`` requires, every one named in the words of the glossary."""
    return every_one(Term("review-input", i) for i in REVIEW_INPUTS.get(edition, REVIEW_INPUTS["2023"]))


def _chair(decl: Declaration, review: ManagementReview) -> object:
    """The name of the review's chair, else 'top management'."""
    return name_or_phrase(decl, review.chair, "top management", "最高管理者")


def recent_reviews(decl: Declaration, as_of: dt.date) -> list[ManagementReview]:
    """Reviews held in the twelve months up to ``as_of``."""
    since = year_before(as_of)
    return [r for r in decl.of(ManagementReview) if r.date is not None and since <= r.date <= as_of]


@rule(
    reads=("ManagementReview",),
    id="IP801",
    title={
        "en": "Top management has reviewed the system within the last twelve months",
        "zh-CN": "最高管理者在最近十二个月内开展过管理评审",
    },
    severity="major",
    stage="management-review",
    clauses=("management-review",),
    rationale={
        "en": (
            "Top management reviews the system at planned intervals, in practice yearly, for its "
            "suitability, adequacy and effectiveness. No review in the past twelve months is the "
            "classic major nonconformity: the act step of the cycle is missing."
        ),
        "zh-CN": (
            "最高管理者应按策划的时间间隔（实践中每年一次）评审体系的适宜性、充分性和有效性。"
            "过去十二个月内没有管理评审，是典型的严重不符合：PDCA循环缺少了“处置”这一步。"
        ),
    },
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
    messages={
        "default": {
            "en": "No management review has been held in the twelve months before {as_of}",
            "zh-CN": "{as_of}之前的十二个月内未开展管理评审",
        },
        "latest": {
            "en": "No management review has been held in the twelve months before {as_of}: the latest, {subject}, "
                  "was held on {held}",
            "zh-CN": "{as_of}之前的十二个月内未开展管理评审：最近一次评审{subject}于{held}举行",
        },
        "dated-later": {
            "en": "No management review has been held in the twelve months before {as_of}: {subject} is dated "
                  "{held}, after the check date",
            "zh-CN": "{as_of}之前的十二个月内未开展管理评审：评审{subject}的日期为{held}，晚于检查日",
        },
    },
    fix={
        "en": "Have the general manager hold the management review with all required inputs ({inputs}), record "
              "its decisions with owners and due dates, and declare it (`kind: ManagementReview`).",
        "zh-CN": "请总经理主持召开管理评审，评审全部规定的输入（{inputs}），记录评审决定并明确责任人和完成期限，"
                 "然后予以声明（kind: ManagementReview）。",
    },
)
def no_recent_review(ctx: CheckContext) -> Iterator[Violation]:
    decl, as_of = ctx.declaration, ctx.as_of
    if recent_reviews(decl, as_of):
        return
    dated = [r for r in decl.of(ManagementReview) if r.date is not None]
    earlier = [r for r in dated if r.date <= as_of]  # type: ignore[operator]
    later = [r for r in dated if r.date > as_of]  # type: ignore[operator]  # most often a typed year
    values = {"as_of": as_of, "inputs": required_inputs(ctx.edition)}
    if earlier:
        last = max(earlier, key=lambda r: r.date)  # type: ignore[arg-type, return-value]
        yield Violation(subject=last.id, path=("date",), template="latest", values={**values, "held": last.date})
    elif later:
        first = min(later, key=lambda r: r.date)  # type: ignore[arg-type, return-value]
        yield Violation(subject=first.id, path=("date",), template="dated-later",
                        values={**values, "held": first.date})
    else:
        yield Violation(values=values)


@rule(
    reads=("ManagementReview", "Person"),
    id="IP802",
    title={
        "en": "The management review is chaired by top management",
        "zh-CN": "管理评审由最高管理者主持",
    },
    severity="major",
    stage="management-review",
    clauses=("management-review", "commitment"),
    rationale={
        "en": (
            "The review is top management's own evaluation of the system. Chaired by the IP "
            "department or the management representative alone, it is a report to no one: the "
            "requirement is not met."
        ),
        "zh-CN": (
            "管理评审是最高管理者本人对体系的评价。仅由知识产权管理部门或管理者代表主持的评审，"
            "是没有汇报对象的汇报：要求没有得到满足。"
        ),
    },
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
    messages={
        "default": {
            "en": "Management review {subject} of {held} is chaired by {chair_name} ({chair}), who is not top "
                  "management",
            "zh-CN": "{held}的管理评审{subject}由{chair_name}（{chair}）主持，其不属于最高管理者",
        },
        "no-chair": {
            "en": "Management review {subject} of {held} has no chair",
            "zh-CN": "{held}的管理评审{subject}没有主持人",
        },
    },
    fix={
        "en": "Have a member of top management ({top}) chair review {subject}, or hold it again under their chair, "
              "and record the chair in the minutes.",
        "zh-CN": "请最高管理者（{top}）主持评审{subject}，或在其主持下重新召开，并在会议纪要中记录主持人。",
    },
)
def review_not_chaired_by_top_management(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    top_people = [p.name for p in decl.of(Person) if p.top_management and not has_left(p, ctx.as_of)]
    top = top_people or phrase("general manager or chairman", "总经理或董事长")
    for review in recent_reviews(decl, ctx.as_of):
        chair = decl.get(review.chair, Person)
        if chair is not None and chair.top_management:
            continue
        values = {"top": top, "held": review.date, "chair": review.chair,
                  "chair_name": named_item(decl, review.chair, Person)}
        yield Violation(subject=review.id, path=("chair",), values=values,
                        template="no-chair" if review.chair is None else "default")


@rule(
    reads=("ManagementReview", "Person"),
    id="IP803",
    title={
        "en": "The management review has every input the edition requires",
        "zh-CN": "管理评审具备所依据版本规定的全部输入",
    },
    severity="minor",
    stage="management-review",
    clauses=("review-inputs",),
    rationale={
        "en": (
            "The standard lists what top management must consider, and the two editions list "
            "different inputs. GB/T 29490-2023: audit results, the achievement of objectives, how "
            "the policy is carried out, changes, risks and opportunities, resources, follow-up of "
            "earlier reviews and corrective actions (follow-up of earlier reviews is not expected of "
            "the first). GB/T 29490-2013 (5.5.2): the IP policy and objectives, business strategy and "
            "new products, the state of IP management and risk assessment, technology and standards "
            "trends, results of earlier audits and reviews. A review minuted against one edition's "
            "list is read against the other's where the inputs say the same. A missing input is a "
            "blind spot of the review."
        ),
        "zh-CN": (
            "标准规定了最高管理者必须评审的内容，两个版本的输入不同。GB/T 29490-2023：审核结果、目标实现情况、方针落实情况、"
            "内外部变化、风险和机遇、资源、以往管理评审的跟踪措施和纠正措施（首次评审不要求以往评审的跟踪措施）。"
            "GB/T 29490-2013（5.5.2）：知识产权方针、目标，企业经营发展战略和新产品，知识产权管理状况及风险评估，"
            "技术、标准发展趋势，前期审核和评审结果。按一个版本列出的输入，凡内容相同者，按另一版本同样认可。"
            "缺少的输入就是评审的盲区。"
        ),
    },
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
    messages={
        "default": {
            "en": "Management review {subject} of {held} lacks the inputs {missing}",
            "zh-CN": "{held}的管理评审{subject}缺少以下输入：{missing}",
        },
        "one": {
            "en": "Management review {subject} of {held} lacks the input {missing}",
            "zh-CN": "{held}的管理评审{subject}缺少输入：{missing}",
        },
    },
    fix={
        "en": "Have the management representative prepare the missing inputs ({missing}) for {chair_name}, add "
              "them to the agenda of the next review (or a follow-up session of {subject}), and add them to the "
              "input template of the management review procedure.",
        "zh-CN": "请管理者代表为{chair_name}准备所缺的输入（{missing}），列入下次评审（或评审{subject}的补充会议）的议程，"
                 "并补充到管理评审程序的输入模板中。",
    },
)
def review_inputs_missing(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    required = REVIEW_INPUTS.get(ctx.edition, REVIEW_INPUTS["2023"])
    dates = sorted(r.date for r in decl.of(ManagementReview) if r.date is not None)
    for review in recent_reviews(decl, ctx.as_of):
        first = review.date == dates[0]
        declared = set(review.inputs)
        missing = [Term("review-input", need) for need, counts in required.items()
                   if not counts & declared and not (first and need in NOT_OF_THE_FIRST)]
        if not missing:
            continue
        yield Violation(subject=review.id, path=("inputs",), template="one" if len(missing) == 1 else "default",
                        values={"missing": every_one(missing), "held": review.date, "chair_name": _chair(decl, review)})


@rule(
    reads=("ManagementReview", "Person"),
    id="IP804",
    title={
        "en": "Management review decisions have an owner and a due date",
        "zh-CN": "管理评审决定均有责任人和完成期限",
    },
    severity="minor",
    stage="management-review",
    clauses=("review-outputs",),
    rationale={
        "en": (
            "A decision without an owner and a due date is not an action: nobody carries it out "
            "and nobody can tell whether it is late."
        ),
        "zh-CN": "没有责任人和完成期限的决定不是行动：无人落实，也无人能判断是否逾期。",
    },
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
    messages={
        "default": {
            "en": "Decision {number} of management review {subject}, '{decision}', has no owner and no due date",
            "zh-CN": "管理评审{subject}的第{number}项决定“{decision}”既没有责任人，也没有完成期限",
        },
        "no-owner": {
            "en": "Decision {number} of management review {subject}, '{decision}', has no owner",
            "zh-CN": "管理评审{subject}的第{number}项决定“{decision}”没有责任人",
        },
        "no-due": {
            "en": "Decision {number} of management review {subject}, '{decision}', has no due date",
            "zh-CN": "管理评审{subject}的第{number}项决定“{decision}”没有完成期限",
        },
    },
    fix={
        "en": "Have {chair_name} assign {missing} to the decision '{decision}' of review {subject} and record it "
              "in the review minutes.",
        "zh-CN": "请{chair_name}为评审{subject}的决定“{decision}”明确{missing}，并记入评审会议纪要。",
    },
)
def review_decision_unowned(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    for review in decl.of(ManagementReview):
        for index, output in enumerate(review.outputs):
            missing = [part for part, value in (("owner", output.owner), ("due", output.due)) if value is None]
            if not missing:
                continue
            template = "default" if len(missing) == 2 else f"no-{missing[0]}"
            yield Violation(
                subject=review.id, path=("outputs", index), key=str(index), template=template,
                values={"decision": output.decision, "number": index + 1, "chair_name": _chair(decl, review),
                        "missing": [Term("decision-part", part) for part in missing]},
            )


@rule(
    reads=("ManagementReview", "Person"),
    id="IP805",
    title={
        "en": "Management review decisions are carried out by their due date",
        "zh-CN": "管理评审决定在完成期限内落实",
    },
    severity="minor",
    stage="management-review",
    clauses=("review-outputs", "improvement"),
    rationale={
        "en": (
            "Decisions of top management that pass their due date undone show that the review "
            "does not drive improvement; each one is followed up at the next review."
        ),
        "zh-CN": "最高管理者的决定超过完成期限仍未落实，说明管理评审没有推动改进；每一项都应在下次评审时跟踪。",
    },
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
    messages={
        "default": {
            "en": "Decision {number} of management review {subject}, '{decision}', owned by {owner_name}, was due on "
                  "{due} and is not done",
            "zh-CN": "管理评审{subject}的第{number}项决定“{decision}”由{owner_name}负责，应于{due}完成，但尚未落实",
        },
    },
    fix={
        "en": "Have {owner_name} complete '{decision}' (due {due}) or have top management set a new due date with a "
              "reason, and record the completion date (`done`) on decision {number} of review {subject}.",
        "zh-CN": "请{owner_name}完成“{decision}”（期限{due}），或由最高管理者说明理由后设定新的完成期限，"
                 "并在评审{subject}第{number}项决定上记录完成日期（done）。",
    },
)
def review_decision_overdue(ctx: CheckContext) -> Iterator[Violation]:
    decl, as_of = ctx.declaration, ctx.as_of
    for review in decl.of(ManagementReview):
        for index, output in enumerate(review.outputs):
            if output.due is None or output.due >= as_of or output.done is not None:
                continue
            yield Violation(
                subject=review.id, path=("outputs", index, "due"), key=str(index),
                values={"decision": output.decision, "owner_name": named_item(decl, output.owner, Person),
                        "due": output.due, "number": index + 1},
            )


@rule(
    reads=("Audit", "ManagementReview", "Person"),
    id="IP807",
    title={
        "en": "The management review discusses the internal audits before it",
        "zh-CN": "管理评审讨论了此前的内部审核",
    },
    severity="minor",
    stage="management-review",
    clauses=("review-inputs", "internal-audit"),
    rationale={
        "en": (
            "Audit results are the first input of a management review. A review that names none of "
            "the internal audits held in the year before it did not look at the evidence the audits "
            "produced."
        ),
        "zh-CN": "审核结果是管理评审的首要输入。评审未提及此前一年内开展的任何内部审核，说明没有审视审核所形成的证据。",
    },
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
    messages={
        "default": {
            "en": "Management review {subject} of {held} names no internal audit, though {audits} were held in the "
                  "year before it",
            "zh-CN": "{held}的管理评审{subject}未提及任何内部审核，但此前一年内开展了{audits}",
        },
        "one": {
            "en": "Management review {subject} of {held} names no internal audit, though {audits} was held in the "
                  "year before it",
            "zh-CN": "{held}的管理评审{subject}未提及任何内部审核，但此前一年内开展了{audits}",
        },
    },
    fix={
        "en": "Have the management representative present the results of {audits} to {chair_name}, and record in "
              "the minutes of review {subject} (its `audits`) which audits it discussed.",
        "zh-CN": "请管理者代表向{chair_name}汇报{audits}的结果，并在评审{subject}的会议纪要中记录所讨论的审核（audits）。",
    },
)
def review_without_audits(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    audit_dates = sorted((a.date, a.id) for a in decl.of(Audit) if a.date is not None)
    for review in recent_reviews(decl, ctx.as_of):
        if review.audits:
            continue
        since = year_before(review.date)  # type: ignore[arg-type]
        before = [i for d, i in audit_dates if since <= d <= review.date]  # type: ignore[operator]
        if not before:
            continue
        yield Violation(
            subject=review.id, path=("audits",) if "audits" in review.model_fields_set else ("date",),
            template="one" if len(before) == 1 else "default",
            values={"audits": before, "held": review.date, "chair_name": _chair(decl, review)},
        )


# --- continual improvement (2013 9.3; 2023 10.3) ----------------------------------------------


@rule(
    id="IP809",
    reads=("ManagementReview", "Person"),
    title={"en": "The management review decides improvements of the system",
           "zh-CN": "管理评审作出了体系改进的决定"},
    severity="minor",
    stage="management-review",
    clauses=("improvement", "review-outputs"),
    rationale={
        "en": ("The enterprise improves the suitability, adequacy and effectiveness of its system continually "
               "(2023 10.3; 2013 9.3 analysis and improvement), beyond correcting nonconformities. Auditors look "
               "for the improvements top management decided: a management review of the last twelve months whose "
               "outputs hold no decision of type improvement shows none."),
        "zh-CN": ("企业应持续改进体系的适宜性、充分性和有效性（2023版10.3；2013版9.3分析与改进），而不仅仅是纠正不符合。"
                  "审核员会查看最高管理者作出的改进决定：近十二个月的管理评审输出中没有improvement类型的决定，就说明没有改进。"),
    },
    fails=(
        "kind: Person\nid: p.gm\nname: Wang Gang\ntop_management: true\n---\n"
        "kind: ManagementReview\nid: MR-2026\ndate: 2026-10-20\nchair: p.gm\n"
        "outputs:\n  - {decision: The IP policy remains suitable, type: other}\n"
    ),
    passes=(
        "kind: Person\nid: p.gm\nname: Wang Gang\ntop_management: true\n---\n"
        "kind: ManagementReview\nid: MR-2026\ndate: 2026-10-20\nchair: p.gm\n"
        "outputs:\n  - {decision: Reconcile the agency docket with the internal docket monthly, type: improvement,\n"
        "     owner: p.gm, due: 2026-11-20}\n"
    ),
    messages={
        "default": {
            "en": "Management review {subject} of {date} decided no improvement of the system (no output of type "
                  "improvement), nor did any other review in the {period} before {as_of}",
            "zh-CN": "{date}的管理评审{subject}未作出体系改进的决定（没有improvement类型的输出），{as_of}之前{period}内的"
                     "其他管理评审也没有",
        },
    },
    fix={
        "en": "Have {chair} decide, from the audit results, the objectives, the compliance evaluation and the "
              "risks, which improvements of the system to make, each with an owner and a due date, and record them "
              "as outputs of type improvement of {subject} (or of the next review).",
        "zh-CN": "请{chair}根据审核结果、目标实现情况、合规评价和风险，决定体系需要作出的改进，逐项明确负责人和完成期限，"
                 "并作为{subject}（或下一次管理评审）的improvement类型输出予以记录。",
    },
)
def improvements_decided(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    recent = recent_reviews(decl, ctx.as_of)
    if not recent:
        return  # no review in the year: IP801
    if not any(review.outputs for review in recent):
        return  # no decision at all: IP806
    if any(output.type == "improvement" for review in recent for output in review.outputs):
        return
    latest = max(recent, key=lambda review: review.date)  # type: ignore[arg-type, return-value]
    yield Violation(subject=latest.id, path=("outputs",),
                    values={"date": latest.date, "as_of": ctx.as_of, "period": Amount(12, "month"),
                            "chair": _chair(decl, latest)})
