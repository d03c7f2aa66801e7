"""EXW001: patents that protect key products in their markets are held by the enterprise.
EXW002: annuities an outside agent pays abroad have an owner in the enterprise.

A patent protects a product in a market only for whoever holds it there. When the
patent on a key product in an export market stands in the name of a founder, a parent
company or a former R&D partner, the enterprise can neither enforce nor license it, and
an auditor asks how the system secures the rights it relies on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ipcheck.i18n import Words, text
from ipcheck.model.kinds import Patent, Person, Product
from ipcheck.rules.api import CheckContext, Violation, rule

IN_FORCE = ("pending", "granted")
EXTENSION = "x-exportwatch"
"""The extension field this plugin owns (see :mod:`ipcheck_exportwatch.fields`)."""

# A patent office whose patents cover a market declared under another code.
COVERS = {"EP": {"EU"}, "EU": {"EU"}}


def normalise(name: str) -> str:
    """Owner names as registers spell them: case, spacing and punctuation do not count."""
    return re.sub(r"[\s.,]+", " ", name).strip().casefold()


def markets_covered(jurisdiction: str) -> set[str]:
    return COVERS.get(jurisdiction, {jurisdiction})


NO_HOLDER = {"en": "its undeclared holder", "zh-CN": "未声明的权利人"}


@rule(
    id="EXW001",
    title={
        "en": "Patents on key products in their markets are held by the enterprise",
        "zh-CN": "关键产品在其销售市场的专利由企业持有",
    },
    severity="minor",
    stage="operation",
    protection="patent",
    clauses=("maintenance", "sales"),
    rationale={
        "en": (
            "A patent protects a key product in an export market only if the enterprise holds it "
            "there. A patent that stands in the name of a founder, a parent company or a former "
            "partner cannot be enforced or licensed by the enterprise, and the risk is invisible until "
            "a competitor copies the product. Group companies that may hold the patents are listed in "
            "the rule option `also_owned_by`."
        ),
        "zh-CN": (
            "只有企业自己在出口市场持有专利，专利才能保护其关键产品。登记在创始人、母公司或原合作方名下的专利，"
            "企业既不能维权也不能许可，这一风险在竞争对手仿制产品之前一直不为人知。可以持有专利的集团公司"
            "列在规则选项`also_owned_by`中。"
        ),
    },
    fails=(
        "kind: Enterprise\nid: acme\nname: Acme Ltd\n---\n"
        "kind: Product\nid: PRD-1\nname: Valve\nkey: true\nmarkets: [US]\n---\n"
        "kind: Patent\nid: PAT-1\ntitle: Valve seat\njurisdiction: US\nstatus: granted\n"
        "owner: Wang Jun\nproduct: PRD-1\n"
    ),
    passes=(
        "kind: Enterprise\nid: acme\nname: Acme Ltd\n---\n"
        "kind: Product\nid: PRD-1\nname: Valve\nkey: true\nmarkets: [US]\n---\n"
        "kind: Patent\nid: PAT-1\ntitle: Valve seat\njurisdiction: US\nstatus: granted\n"
        "owner: Acme Ltd\nproduct: PRD-1\n"
    ),
    messages={
        "held-by": {
            "en": "Patent {subject} ({jurisdiction}) protects key product {product} in a market where it is sold "
                  "but is held by '{holder}', not '{enterprise}'",
            "zh-CN": "专利{subject}（{jurisdiction}）在关键产品{product}的销售市场保护该产品，但其权利人为“{holder}”，"
                     "而不是“{enterprise}”",
        },
        "no-owner": {
            "en": "Patent {subject} ({jurisdiction}) protects key product {product} in a market where it is sold "
                  "but declares no owner, not '{enterprise}'",
            "zh-CN": "专利{subject}（{jurisdiction}）在关键产品{product}的销售市场保护该产品，但未声明权利人，"
                     "权利人应为“{enterprise}”",
        },
    },
    fix={
        "en": (
            "Have {holder} assign {subject} to {enterprise} and record the assignment with the "
            "{jurisdiction} patent office, then declare {enterprise} as its owner; if {holder} is a group "
            "company entitled to hold it, add it to `rule_options: {{EXW001: {{also_owned_by: [...]}}}}`."
        ),
        "zh-CN": (
            "请{holder}将{subject}转让给{enterprise}，并在{jurisdiction}专利局办理转让登记，然后将{enterprise}"
            "声明为权利人；如{holder}是有权持有该专利的集团公司，将其加入"
            "`rule_options: {{EXW001: {{also_owned_by: [...]}}}}`。"
        ),
    },
    options={
        "also_owned_by": {
            "en": "Group companies entitled to hold the enterprise's patents (their names as the registers spell them).",
            "zh-CN": "有权持有企业专利的集团公司（名称与登记簿一致）。",
        },
    },
)
def patents_held_by_enterprise(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    enterprise = decl.enterprise
    if enterprise is None:  # nothing to compare with; the core rules report a missing profile
        return
    accepted = {normalise(enterprise.name)}
    accepted |= {normalise(str(name)) for name in ctx.options.get("also_owned_by", [])}
    for patent in decl.of(Patent):
        if patent.status not in IN_FORCE:
            continue
        product = decl.get(patent.product, Product)
        if product is None or not product.key:
            continue
        if not markets_covered(patent.jurisdiction) & set(product.markets):
            continue
        if patent.owner and normalise(patent.owner) in accepted:
            continue
        yield Violation(
            subject=patent.id,
            path=("owner",) if patent.owner else (),
            template="held-by" if patent.owner else "no-owner",
            values={"holder": patent.owner or Words(text(NO_HOLDER)), "enterprise": enterprise.name,
                    "jurisdiction": patent.jurisdiction, "product": product.name},
        )


@rule(
    id="EXW002",
    title={"en": "Annuities paid abroad by an agent have a docket owner in the enterprise",
           "zh-CN": "由代理机构在境外缴纳的年费在企业内有期限监控责任人"},
    severity="minor",
    stage="operation",
    protection="patent",
    clauses=("maintenance",),
    rationale={
        "en": (
            "Where an outside agent pays a patent's annuities abroad (`x-exportwatch: {annuity_agent: ...}`), "
            "the agent acts on instructions: a reminder that reaches no one in the enterprise lets the patent "
            "lapse. Someone in the enterprise answers for the docket (`docket_owner`, a declared person)."
        ),
        "zh-CN": (
            "由外部代理机构在境外缴纳专利年费时（`x-exportwatch: {annuity_agent: ...}`），代理机构按指示办事："
            "缴费提醒若无人接收，专利即会失效。企业内应有人对期限监控负责（`docket_owner`，须为已声明的人员）。"
        ),
    },
    fails=(
        "kind: Patent\nid: PAT-1\ntitle: Valve seat\njurisdiction: US\nstatus: granted\n"
        "x-exportwatch:\n  annuity_agent: Smith & Partners LLP\n"
    ),
    passes=(
        "kind: Patent\nid: PAT-1\ntitle: Valve seat\njurisdiction: US\nstatus: granted\n"
        "x-exportwatch:\n  annuity_agent: Smith & Partners LLP\n  docket_owner: li.na\n---\n"
        "kind: Person\nid: li.na\nname: Li Na\n"
    ),
    messages={
        "no-owner": {
            "en": "Patent {subject} ({jurisdiction}): its annuities are paid by {agent}, and no one in the "
                  "enterprise owns the docket",
            "zh-CN": "专利{subject}（{jurisdiction}）的年费由{agent}缴纳，但企业内无人负责期限监控",
        },
        "unknown-owner": {
            "en": "Patent {subject} ({jurisdiction}): docket owner {owner!r} is no declared person",
            "zh-CN": "专利{subject}（{jurisdiction}）的期限监控责任人{owner!r}不是已声明的人员",
        },
    },
    fix={
        "en": "Name the person who answers for the annuity docket of {subject} with {agent}: `docket_owner:` "
              "under `x-exportwatch`, the id of a declared person.",
        "zh-CN": "指定负责{subject}在{agent}处年费期限监控的人员：在 `x-exportwatch` 下填写 `docket_owner:`，"
                 "即已声明人员的id。",
    },
    options={},
)
def annuity_docket_owned(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    for patent in decl.of(Patent):
        watch = decl.extension(patent, EXTENSION)
        if patent.status not in IN_FORCE or watch is None or watch.annuity_agent is None:
            continue
        values = {"agent": watch.annuity_agent, "jurisdiction": patent.jurisdiction}
        if watch.docket_owner is None:
            yield Violation(subject=patent.id, path=(EXTENSION, "annuity_agent"), values=values,
                            template="no-owner")
        elif decl.get(watch.docket_owner, Person) is None:
            yield Violation(subject=patent.id, path=(EXTENSION, "docket_owner"),
                            values={**values, "owner": watch.docket_owner}, template="unknown-owner")


RULES = [patents_held_by_enterprise, annuity_docket_owned]
