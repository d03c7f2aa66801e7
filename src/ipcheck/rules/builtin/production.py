"""Rules of IP in production (stage ``operation``; 2013 8.4, 2023 8): the technical improvements
made in production are evaluated for protection in time, and those kept as trade secrets are
put under the secret's controls. (Contracts of outsourced production are IP630-IP631.)
"""

from __future__ import annotations

from collections.abc import Iterator

from ipcheck.i18n import Amount
from ipcheck.model.declaration import Declaration
from ipcheck.model.kinds import Patent, ProcessImprovement, TradeSecret
from ipcheck.rules.api import CheckContext, Violation, rule
from ipcheck.rules.builtin.basic_management import since_the_manual
from ipcheck.rules.conditions import shift

#: Months after an improvement is put into production within which it is evaluated for protection:
#: long enough to see that it works, short enough that nothing has been shown to customers or
#: suppliers before the decision.
EVALUATION_MONTHS = 3


def _values(item: ProcessImprovement, **more: object) -> dict[str, object]:
    return {"title": item.title, "implemented": item.implemented, **more}


@rule(
    id="IP651",
    title={
        "en": "Technical improvements in production are evaluated for protection in time",
        "zh-CN": "生产过程中的技术改进及时经过评估并确定保护方式",
    },
    severity="minor",
    stage="operation",
    clauses=("production",),
    reads=("Manual", "ProcessImprovement"),
    per_item="ProcessImprovement",
    rationale={
        "en": (
            "Improvements of products and processes made in production (a new fixture, a changed process "
            "window, a tooling design) are IP the enterprise owns only if it notices them: the standard asks "
            "for them to be evaluated and confirmed in time and their protection decided, to be filed, kept "
            "secret or let go (2013 8.4). An improvement put into production more than "
            f"{EVALUATION_MONTHS} months ago with no evaluation, evaluated later than that, or evaluated with "
            "no protection decided, was left to chance. Improvements put into production before the manual "
            "was issued are outside the procedure."
        ),
        "zh-CN": (
            "生产过程中对产品和工艺的改进（新工装、调整的工艺窗口、模具设计）只有被识别出来，才能成为企业的知识产权："
            "标准要求及时评估、确认这些改进，明确保护方式——申请专利、作为商业秘密保护或放弃（2013版8.4）。"
            f"改进投入生产已超过{EVALUATION_MONTHS}个月仍未评估、评估晚于该期限，或评估后未确定保护方式，均属听之任之。"
            "手册发布前投入生产的改进不在程序范围内。"
        ),
    },
    fails="""\
kind: Manual
id: MAN-01
title: IP management manual
issued: 2025-04-01
---
kind: ProcessImprovement
id: PI-2026-03
title: Self-centring fixture for stacking plate packs before brazing
implemented: 2026-05-11
""",
    passes="""\
kind: Manual
id: MAN-01
title: IP management manual
issued: 2025-04-01
---
kind: ProcessImprovement
id: PI-2026-03
title: Self-centring fixture for stacking plate packs before brazing
implemented: 2026-05-11
evaluation: {date: 2026-06-03, result: new and inventive over the known fixtures}
protection: patent
""",
    messages={
        "default": {
            "en": "Improvement {subject} '{title}' went into production on {implemented} and has not "
                  "been evaluated for protection (due within {window} of that day)",
            "zh-CN": "改进{subject}“{title}”已于{implemented}投入生产，但未评估是否及如何保护（应在投产后{window}内完成）",
        },
        "evaluated-late": {
            "en": "Improvement {subject} '{title}' went into production on {implemented} and was "
                  "evaluated for protection only on {evaluated}, later than {window} after",
            "zh-CN": "改进{subject}“{title}”于{implemented}投入生产，而保护评估日期为{evaluated}，"
                     "晚于投产后{window}",
        },
        "undecided": {
            "en": "Improvement {subject} '{title}' was evaluated on {evaluated} and no protection was "
                  "decided (patent, trade secret or none)",
            "zh-CN": "改进{subject}“{title}”已于{evaluated}评估，但未确定保护方式（专利、商业秘密或不予保护）",
        },
    },
    fix={
        "en": "Have the IP department evaluate improvement {subject} '{title}' with the unit that made it now (new over what is "
              "known, visible in the product or hidden in the process, worth a filing), decide its protection "
              "(protection: patent, trade-secret or none), record the evaluation, and make the evaluation a "
              "step of the production change procedure within {window} of every change.",
        "zh-CN": "请知识产权管理部门会同提出改进的部门立即评估改进{subject}“{title}”（是否新颖、体现于产品还是隐含于工艺、"
                 "是否值得申请），确定保护方式（protection: patent、trade-secret或none），记录评估结果，"
                 "并将该评估纳入生产变更程序，每项变更后{window}内完成。",
    },
)
def improvement_not_evaluated(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    window = Amount(EVALUATION_MONTHS, "month")
    for item in decl.of(ProcessImprovement):
        if not since_the_manual(decl, item.implemented, ctx.as_of):
            continue
        due = shift(item.implemented, "+", EVALUATION_MONTHS, "m")  # type: ignore[arg-type]
        evaluation = item.evaluation
        evaluated = evaluation.date if evaluation is not None else None
        if evaluated is None or evaluated > ctx.as_of:
            if due < ctx.as_of:
                yield Violation(subject=item.id, path=("evaluation",) if evaluation else ("implemented",),
                                values=_values(item, window=window))
        elif evaluated > due:
            yield Violation(subject=item.id, path=("evaluation", "date"), template="evaluated-late",
                            values=_values(item, window=window, evaluated=evaluated))
        elif item.protection is None:
            yield Violation(subject=item.id, path=("evaluation",), template="undecided",
                            values=_values(item, window=window, evaluated=evaluated))


def _names_a_secret(decl: Declaration, ref: str) -> bool:
    """Whether a right an improvement names is a trade secret, or names nothing declared (a
    dangling reference is IPX001's finding, not a missing secret); a patent is no secret."""
    return decl.get(ref, TradeSecret) is not None or decl.get(ref, Patent) is None


@rule(
    id="IP652",
    title={
        "en": "An improvement kept as a trade secret is in the trade-secret register",
        "zh-CN": "作为商业秘密保护的生产改进已纳入商业秘密清单",
    },
    severity="minor",
    stage="operation",
    protection="trade-secret",
    clauses=("production", "confidentiality"),
    reads=("Patent", "ProcessImprovement", "TradeSecret"),
    per_item="ProcessImprovement",
    rationale={
        "en": (
            "An improvement the evaluation decided to keep secret is protected only by the controls of a "
            "trade secret: classified, in a custodian's keeping, open to named people, behind the measures "
            "of the confidential areas of production (2013 8.4, 7.6). An improvement decided as a trade "
            "secret that names no entry of the trade-secret register is a secret in name only: nobody "
            "controls who on the shop floor or among visitors and suppliers sees it."
        ),
        "zh-CN": (
            "经评估决定作为秘密保护的改进，只有纳入商业秘密管理才能得到保护：定密分级、由专人保管、限定知悉人员、"
            "适用生产保密区域的措施（2013版8.4、7.6）。决定作为商业秘密、却未对应商业秘密清单中任何条目的改进，"
            "只是名义上的秘密：车间内、访客和供方中谁能接触到它，无人控制。"
        ),
    },
    fails="""\
kind: ProcessImprovement
id: PI-2026-01
title: Brazing furnace profile for the CO2 plate packs
implemented: 2026-03-10
evaluation: {date: 2026-04-08, result: not visible in the product; kept secret}
protection: trade-secret
""",
    passes="""\
kind: ProcessImprovement
id: PI-2026-01
title: Brazing furnace profile for the CO2 plate packs
implemented: 2026-03-10
evaluation: {date: 2026-04-08, result: not visible in the product; kept secret}
protection: trade-secret
rights: [TS-01]
---
kind: TradeSecret
id: TS-01
title: Vacuum brazing furnace profiles
level: core
""",
    messages={
        "default": {
            "en": "Improvement {subject} '{title}' was decided on {evaluated} to be kept as a trade "
                  "secret and names no entry of the trade-secret register",
            "zh-CN": "改进{subject}“{title}”已于{evaluated}决定作为商业秘密保护，但未对应商业秘密清单中的任何条目",
        },
    },
    fix={
        "en": "Classify improvement {subject} '{title}' as a trade secret now: enter it in the register (or add it "
              "to the secret it belongs to) with its level, custodian, the people with access and the "
              "measures on the shop floor, and name that entry in the improvement's rights.",
        "zh-CN": "立即将改进{subject}“{title}”定为商业秘密：列入商业秘密清单（或并入其所属的秘密条目），"
                 "明确密级、保管人、知悉人员及车间保密措施，并在该改进的rights中注明该条目。",
    },
)
def secret_improvement_unregistered(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    for item in decl.of(ProcessImprovement):
        if item.protection != "trade-secret" or item.evaluation is None or item.evaluation.date is None:
            continue
        if item.evaluation.date > ctx.as_of or any(_names_a_secret(decl, ref) for ref in item.rights):
            continue
        yield Violation(subject=item.id, path=("protection",),
                        values=_values(item, evaluated=item.evaluation.date))
