"""The compliance evaluation of the 2023 edition (stage ``operation``): each protection type in
the system's scope evaluated against the typical prohibited acts of Annex B within the last
twelve months. Whether any evaluation is declared is the declarative rule IP623
(``rules/packs/people-resources.yaml``).
"""

from __future__ import annotations

from collections.abc import Iterator

from ipcheck.i18n import Amount, Term
from ipcheck.model.kinds import ComplianceEvaluation, Enterprise
from ipcheck.rules.api import CheckContext, Violation, rule
from ipcheck.rules.builtin.common import year_before
from ipcheck.vocabulary import PROTECTIONS

EVALUATION_MONTHS = 12
"""How long a compliance evaluation of one protection type stays current."""


@rule(
    id="IP624",
    reads=("ComplianceEvaluation", "Enterprise"),
    title={"en": "Each protection type in scope had its compliance evaluated within twelve months",
           "zh-CN": "体系范围内的每种保护类型均在十二个月内进行了合规评价"},
    severity="minor",
    stage="operation",
    clauses=("compliance-evaluation",),
    editions=("2023",),
    rationale={
        "en": ("Annex B of the 2023 edition lists typical prohibited acts for patents, trademarks, copyrights and "
               "trade secrets; each type the system covers (the enterprise's protection_scope) is evaluated against "
               "them at least yearly. A type never evaluated, or last evaluated more than twelve months ago, is a "
               "gap in the evidence of compliance; an enterprise without any evaluation is reported by IP623."),
        "zh-CN": ("2023版附录B分别列出了专利、商标、著作权和商业秘密的典型禁止性行为；体系覆盖的每种保护类型（企业的"
                  "protection_scope）应至少每年对照评价一次。从未评价或上次评价已超过十二个月的保护类型，缺少合规证据；"
                  "完全没有合规评价的由IP623报告。"),
    },
    fails=(
        "kind: Enterprise\nid: acme\nname: Acme Valves Co., Ltd.\nprotection_scope: [patent]\n---\n"
        "kind: ComplianceEvaluation\nid: CE-2025-P\nprotection: patent\ndate: 2025-09-20\n"
    ),
    passes=(
        "kind: Enterprise\nid: acme\nname: Acme Valves Co., Ltd.\nprotection_scope: [patent]\n---\n"
        "kind: ComplianceEvaluation\nid: CE-2026-P\nprotection: patent\ndate: 2026-09-20\n"
    ),
    messages={
        "default": {
            "en": "{type}: compliance last evaluated on {date} ({subject}), more than {period} before {as_of}",
            "zh-CN": "{type}的合规评价最近一次为{date}（{subject}），距{as_of}已超过{period}",
        },
        "never": {
            "en": "{type}, in the system's scope: compliance never evaluated (no kind: ComplianceEvaluation with "
                  "protection {protection})",
            "zh-CN": "体系范围内的{type}从未进行合规评价（没有protection为{protection}的 kind: ComplianceEvaluation）",
        },
    },
    fix={
        "en": "For {type}, evaluate the enterprise's compliance against the typical prohibited acts of Annex B of "
              "GB/T 29490-2023, record the acts checked, what was found and the actions taken, and declare it as "
              "kind: ComplianceEvaluation (protection: {protection}); plan the next one within {period}.",
        "zh-CN": "对照GB/T 29490-2023附录B的典型禁止性行为评价企业{type}方面的合规情况，记录检查的行为、发现的问题和采取的"
                 "措施，并以 kind: ComplianceEvaluation（protection: {protection}）声明；下一次评价安排在{period}内。",
    },
)
def compliance_evaluated_per_type(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    evaluations = decl.of(ComplianceEvaluation)
    if not evaluations:
        return  # IP623
    enterprises = decl.of(Enterprise)
    scope = enterprises[0].protection_scope if enterprises else PROTECTIONS
    latest: dict[str, ComplianceEvaluation] = {}
    for evaluation in evaluations:
        if evaluation.date is None or evaluation.date > ctx.as_of:
            continue
        held = latest.get(evaluation.protection)
        if held is None or evaluation.date > held.date:  # type: ignore[operator]
            latest[evaluation.protection] = evaluation
    since = year_before(ctx.as_of)
    period = Amount(EVALUATION_MONTHS, "month")
    for protection in scope:
        values = {"type": Term("protection", protection), "protection": protection, "period": period}
        evaluation = latest.get(protection)
        if evaluation is None:
            yield Violation(key=protection, protection=protection, template="never", values=values)
        elif evaluation.date < since:  # type: ignore[operator]
            yield Violation(subject=evaluation.id, path=("date",), protection=protection,
                            values={**values, "date": evaluation.date, "as_of": ctx.as_of})
