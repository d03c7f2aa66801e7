"""Rules of the IP basic management that runs with the business (stage ``operation``):
contracts that create or move IP, the exploitation of IP (licences, assignments, pledges,
investments) and the entry of products into markets.

Each check compares an item with the items around it (a contract with the records about
it, an exploitation with its contract, a market entry with its investigation), in one pass
with a dict of what it needs.
"""

from __future__ import annotations

from collections.abc import Iterator

from ipcheck.i18n import Term
from ipcheck.model.declaration import Declaration
from ipcheck.model.kinds import Contract, Copyright, Enterprise, Exploitation, MarketEntry, Product
from ipcheck.rules.api import CheckContext, Systemic, Violation, rule
from ipcheck.rules.builtin.common import governed_steps, named_item, since_the_manual, unreviewed_step

# --- contracts ----------------------------------------------------------------------------

#: The IP terms each type of contract must fix (glossary ``contract-term``), with the
#: field of Contract that holds each. Employment contracts are the people's side (6.1.3);
#: an NDA is all confidentiality and fixes no ownership. The warranty of non-infringement
#: is the other party's where the enterprise receives something it will use or sell (goods
#: and parts bought, a licence taken, work commissioned or outsourced: 2013 7.5, 8.3); in a
#: sales contract the enterprise gives it, and a cooperation or an assignment does not say
#: from its type which party contributes what.
TERMS_BY_CONTRACT_TYPE: dict[str, tuple[str, ...]] = {
    "commissioning": ("ip-ownership", "confidentiality", "ip-warranty"),
    "cooperation": ("ip-ownership", "confidentiality"),
    "outsourcing": ("ip-ownership", "confidentiality", "ip-warranty"),
    "licence-in": ("ip-ownership", "confidentiality", "ip-warranty"),
    "licence-out": ("ip-ownership", "confidentiality"),
    "purchase": ("ip-ownership", "ip-warranty"),
    "sales": ("ip-ownership",),
    "assignment": ("ip-ownership", "confidentiality"),
    "pledge": ("ip-ownership",),
    "investment": ("ip-ownership",),
}
TERM_FIELDS: dict[str, str] = {"ip-ownership": "ip_ownership", "confidentiality": "confidentiality",
                               "ip-warranty": "ip_warranty"}


def _missing_terms(contract: Contract) -> list[str]:
    """The IP terms the contract's type needs and the contract does not fix."""
    missing = []
    for term in TERMS_BY_CONTRACT_TYPE.get(contract.type, ()):
        value = getattr(contract, TERM_FIELDS[term])
        if not (value.strip() if isinstance(value, str) else value):
            missing.append(term)
    return missing


def _ownership_reported_by_works(decl: Declaration) -> set[str]:
    """Contracts named by commissioned or outsourced copyright works: a missing ownership
    clause there is reported once, from the works' side (IPC005), while copyright is in scope."""
    enterprises = decl.of(Enterprise)
    if enterprises and "copyright" not in enterprises[0].protection_scope:
        return set()
    return {work.contract for work in decl.of(Copyright)
            if work.contract is not None and work.ownership in ("commissioned", "outsourced")}


def _contract_values(contract: Contract, **more: object) -> dict[str, object]:
    return {"contract": contract.title, "type": Term("contract-type", contract.type),
            "counterparty": contract.counterparty or Term("words", "unknown"), **more}


@rule(
    id="IP630",
    reads=("Contract", "Copyright", "Enterprise"),
    per_item="Contract",
    title={
        "en": "Contracts that create or move IP fix its ownership, confidentiality and warranties",
        "zh-CN": "涉及知识产权产生或转移的合同约定了权属、保密和权利瑕疵担保条款",
    },
    severity="minor",
    stage="operation",
    systemic=Systemic(by="type", at_least=3),
    clauses=("contracts",),
    rationale={
        "en": (
            "Commissioning, cooperation, outsourcing and licence contracts decide who owns what is made or "
            "used under them and who may disclose it; purchase and sales contracts decide who owns the "
            "drawings, specifications and customised designs exchanged. Without an IP ownership clause "
            "(and, where know-how changes hands, a confidentiality clause) the law's default applies, "
            "often in the other party's favour. Where the enterprise receives what it will use or sell "
            "(parts and materials bought, a licence taken, work commissioned or outsourced), the other "
            "party warrants that it infringes no one's IP and indemnifies the enterprise if it does "
            "(2013 7.5, 8.3: the supplier's IP warranty); without that clause the enterprise answers alone "
            "for the supplier's infringement. Three or more contracts of one type without their IP "
            "clauses are one systemic (major) finding: the contract procedure is not applied to that type. "
            "(A missing ownership clause in a contract named by a commissioned or outsourced copyright "
            "work is reported once, from the work's side, by IPC005; employment contracts are people's "
            "obligations.)"
        ),
        "zh-CN": (
            "委托开发、合作、外包和许可合同决定了合同项下产生或使用的成果归谁所有、谁可以披露；采购和销售合同决定了往来图纸、"
            "技术规格和定制设计的归属。没有知识产权归属条款（以及涉及技术秘密交换时的保密条款），将适用法律的默认规定，"
            "往往对对方有利。企业取得将要使用或销售的标的时（采购的零部件和材料、许可引进、委托开发或外包的成果），"
            "应由对方保证其不侵犯他人知识产权，并在侵权时赔偿企业（2013版7.5、8.3：供方的知识产权权利瑕疵担保）；"
            "缺少该条款，企业将独自承担供方侵权的后果。同一类型有三份及以上合同缺少知识产权条款，"
            "作为一项系统性（严重）不符合报告：该类合同未执行合同管理程序。"
            "（委托或外包创作的著作权作品所引用的合同缺少归属条款时，由IPC005从作品一侧报告一次；劳动合同属于人员义务。）"
        ),
    },
    fails="""\
kind: Contract
id: C-2026-OUT-02
title: Outsourced machining of plate pressing dies
type: outsourcing
counterparty: Kunshan Jingyi Precision Tooling Co., Ltd.
signed: 2026-02-16
""",
    passes="""\
kind: Contract
id: C-2026-OUT-02
title: Outsourced machining of plate pressing dies
type: outsourcing
counterparty: Kunshan Jingyi Precision Tooling Co., Ltd.
signed: 2026-02-16
ip_ownership: Die designs and drawings remain ours; improvements made by the supplier are assigned to us.
confidentiality: true
ip_warranty: Supplier warrants the dies infringe no third-party rights and indemnifies us against claims.
""",
    messages={
        "default": {
            "en": "Contract {subject} '{contract}' ({type}, with {counterparty}) lacks its {missing}",
            "zh-CN": "合同{subject}“{contract}”（{type}，相对方：{counterparty}）缺少{missing}",
        },
    },
    fix={
        "en": "Have the contract owner negotiate an amendment to {subject} '{contract}' with {counterparty} that "
              "adds the {missing}, have it reviewed under the contract procedure, and record the clauses "
              "(ip_ownership, confidentiality, ip_warranty); add the clauses to the template of every {type}.",
        "zh-CN": "请合同承办人与{counterparty}协商签订{subject}“{contract}”的补充协议，增加{missing}，按合同管理程序进行审查，"
                 "并记录相应条款（ip_ownership、confidentiality、ip_warranty）；同时将这些条款加入所有{type}的合同范本。",
    },
)
def contract_without_ip_terms(ctx: CheckContext) -> Iterator[Violation]:
    reported = _ownership_reported_by_works(ctx.declaration)
    for contract in ctx.declaration.of(Contract):
        missing = _missing_terms(contract)
        if contract.id in reported and "ip-ownership" in missing:
            missing.remove("ip-ownership")
        if not missing:
            continue
        yield Violation(subject=contract.id, path=(TERM_FIELDS[missing[0]],),
                        values=_contract_values(contract, missing=[Term("contract-term", t) for t in missing]))


@rule(
    id="IP631",
    reads=("Contract", "Manual", "Record"),
    per_item="Contract",
    title={
        "en": "Contracts that create or move IP are reviewed before they are signed",
        "zh-CN": "涉及知识产权的合同在签订前经过审查",
    },
    severity="minor",
    stage="operation",
    systemic=Systemic(by="type", at_least=3),
    clauses=("contracts", "records"),
    rationale={
        "en": (
            "The IP clauses of a commissioning, cooperation, outsourcing, licence, purchase or sales contract "
            "are checked by the IP function before the contract is signed; afterwards, a missing clause "
            "can only be negotiated from a weaker position. The review is evidenced by a record about the "
            "contract (Record.about) dated on or before the day it was signed. Contracts signed before the "
            "manual was issued are outside the procedure; three or more unreviewed contracts of one type "
            "are one systemic (major) finding."
        ),
        "zh-CN": (
            "委托开发、合作、外包、许可、采购和销售合同的知识产权条款，应在签订前由知识产权管理部门审查；签订之后，"
            "缺失的条款只能在不利的地位上再行协商。审查以关于该合同的记录（Record.about）为证，记录日期应不晚于合同签订日。"
            "手册发布前签订的合同不在程序范围内；同一类型有三份及以上合同未经审查，作为一项系统性（严重）不符合报告。"
        ),
    },
    fails="""\
kind: Manual
id: MAN-01
title: IP management manual
issued: 2025-04-01
---
kind: Contract
id: C-2026-SAL-01
title: Distribution agreement, Korea (with trademark use licence)
type: sales
counterparty: Hanbit Thermal Systems Co., Ltd.
signed: 2026-03-23
ip_ownership: Distributor may use the marks only as registered.
---
kind: Record                 # a record, but about another item
id: R26-0090
form: F-08-1
date: 2026-03-16
""",
    passes="""\
kind: Contract
id: C-2026-SAL-01
title: Distribution agreement, Korea (with trademark use licence)
type: sales
counterparty: Hanbit Thermal Systems Co., Ltd.
signed: 2026-03-23
ip_ownership: Distributor may use the marks only as registered.
---
kind: Record
id: R26-0090
form: F-08-1
date: 2026-03-16
about: C-2026-SAL-01
summary: IP clauses reviewed; trademark use limited to the registered forms
""",
    messages={
        "default": {
            "en": "Contract {subject} '{contract}' ({type}) was signed on {signed} and no IP review of it is recorded",
            "zh-CN": "合同{subject}“{contract}”（{type}）于{signed}签订，但没有关于该合同的知识产权审查记录",
        },
        "reviewed-after": {
            "en": "Contract {subject} '{contract}' ({type}) was signed on {signed}; its first IP review is recorded "
                  "on {reviewed}, after the signature",
            "zh-CN": "合同{subject}“{contract}”（{type}）于{signed}签订，而关于该合同的最早一次知识产权审查记录日期为{reviewed}，"
                     "晚于签订日",
        },
    },
    fix={
        "en": "Review the IP clauses of {subject} '{contract}' with {counterparty} now and record the review "
              "(`about: {subject}`); correct what it finds by an amendment, and route every {type} through the "
              "IP review before signature (add the review to the signing workflow).",
        "zh-CN": "立即审查{subject}“{contract}”（相对方：{counterparty}）的知识产权条款并予以记录（about: {subject}），"
                 "对发现的问题以补充协议纠正；今后所有{type}在签订前均须经过知识产权审查（将审查纳入合同会签流程）。",
    },
)
def contract_signed_unreviewed(ctx: CheckContext) -> Iterator[Violation]:
    reviewed = (c for c in ctx.declaration.of(Contract) if c.type in TERMS_BY_CONTRACT_TYPE)
    for contract, reviews in governed_steps(ctx, reviewed, lambda c: c.signed):
        values = _contract_values(contract, signed=contract.signed)
        violation = unreviewed_step(contract, "signed", contract.signed, reviews, values)  # type: ignore[arg-type]
        if violation is not None:
            yield violation


# --- exploitation ---------------------------------------------------------------------------

#: The clause-map topic of each type of exploitation, which its findings cite: licences and
#: assignments 2013 7.3.1, pledges and investments 7.3.2, restructurings 7.3.3, standards 7.3.4,
#: alliances and patent pools 7.3.5 (2023: 8). It also names what is evaluated before it
#: (glossary ``exploitation-evaluation``).
TOPIC_BY_EXPLOITATION_TYPE: dict[str, str] = {
    "licence-out": "licensing",
    "licence-in": "licensing",
    "assignment-out": "licensing",
    "assignment-in": "licensing",
    "pledge": "investment-financing",
    "investment": "investment-financing",
    "merger": "restructuring",
    "acquisition": "restructuring",
    "split": "restructuring",
    "standard-setting": "standardisation",
    "alliance": "alliances",
    "patent-pool": "alliances",
}
EXPLOITATION_TOPICS: tuple[str, ...] = tuple(dict.fromkeys(TOPIC_BY_EXPLOITATION_TYPE.values()))

#: The contract types that exploit IP, each with its topic: each needs an exploitation with its evaluation.
TOPIC_BY_EXPLOITATION_CONTRACT: dict[str, str] = {
    "licence-in": "licensing",
    "licence-out": "licensing",
    "assignment": "licensing",
    "pledge": "investment-financing",
    "investment": "investment-financing",
}
EXPLOITATION_CONTRACT_TYPES: frozenset[str] = frozenset(TOPIC_BY_EXPLOITATION_CONTRACT)

#: Exploitations bound by no contract of the enterprise's own: a part in setting a standard binds
#: through the standards body's patent policy (its obligations, IP650).
WITHOUT_CONTRACT: frozenset[str] = frozenset({"standard-setting"})


def _exploitation_values(item: Exploitation, **more: object) -> dict[str, object]:
    return {"title": item.title, "type": Term("exploitation-type", item.type),
            "counterparty": item.counterparty or Term("words", "unknown"), **more}


def _topic(item: Exploitation) -> str:
    return TOPIC_BY_EXPLOITATION_TYPE[item.type]


@rule(
    id="IP632",
    title={
        "en": "IP is evaluated before it is licensed, assigned, pledged, invested, restructured, put into a "
              "standard or into an alliance",
        "zh-CN": "知识产权在许可、转让、质押、投资、企业重组、参与标准制定或加入联盟前经过评估",
    },
    severity="minor",
    stage="operation",
    clauses=EXPLOITATION_TOPICS,
    reads=("Contract", "Exploitation", "Manual"),
    rationale={
        "en": (
            "Before IP is licensed, assigned, pledged or contributed as an investment, the enterprise "
            "evaluates it: its validity and remaining term, who owns it, what it is worth and what the "
            "deal risks (2013 7.3.1, 7.3.2: due diligence and evaluation). Before a merger, an acquisition "
            "or a split it makes the IP due diligence of each party (7.3.3); before it takes part in setting "
            "a standard it reviews its patents against the draft and the standards body's patent policy "
            "(7.3.4); before it joins an alliance or a patent pool it evaluates the IP rules of membership "
            "(7.3.5). Each finding cites the clause of its type. An exploitation with no evaluation, or one "
            "evaluated only after it was agreed, was decided blind. A licence, assignment, pledge or "
            "investment contract signed since the manual was issued with no exploitation declared for it "
            "(kind: Exploitation, contract:) shows no evaluation at all."
        ),
        "zh-CN": (
            "知识产权对外许可、转让、质押或作价投资之前，企业应对其进行评估：有效性和剩余保护期、权属、价值以及交易风险"
            "（2013版7.3.1、7.3.2：尽职调查和评估）。企业合并、收购或分立之前，应对各方开展知识产权尽职调查（7.3.3）；"
            "参与标准制定之前，应将自身专利与标准草案进行对照分析，并了解标准化组织的专利政策（7.3.4）；"
            "加入产业联盟或专利池之前，应评估其知识产权规则（7.3.5）。每项不符合引用其运用类型对应的条款。"
            "未经评估的运用，或在达成之后才评估的运用，属于盲目决策。"
            "手册发布后签订的许可、转让、质押或投资合同没有声明相应的运用（kind: Exploitation，contract:），即表明根本没有评估。"
        ),
    },
    fails="""\
kind: Exploitation
id: EX-2025-01
title: Non-exclusive licence of the tube bundle extraction trolley utility model
type: licence-out
counterparty: Zhejiang Hengtong Refrigeration Co., Ltd.
date: 2025-09-09
contract: C-2025-LIC-OUT-01
---
kind: Contract
id: C-2025-LIC-OUT-01
title: Non-exclusive licence of utility model ZL202020512345.6
type: licence-out
signed: 2025-09-09
""",
    passes="""\
kind: Exploitation
id: EX-2025-01
title: Non-exclusive licence of the tube bundle extraction trolley utility model
type: licence-out
counterparty: Zhejiang Hengtong Refrigeration Co., Ltd.
date: 2025-09-09
evaluation: {date: 2025-08-20, result: valid until 2030; royalty of 3 % benchmarked}
contract: C-2025-LIC-OUT-01
---
kind: Contract
id: C-2025-LIC-OUT-01
title: Non-exclusive licence of utility model ZL202020512345.6
type: licence-out
signed: 2025-09-09
""",
    messages={
        "default": {
            "en": "Exploitation {subject} '{title}' ({type}, with {counterparty}) has no evaluation",
            "zh-CN": "运用{subject}“{title}”（{type}，相对方：{counterparty}）没有评估",
        },
        "evaluated-after": {
            "en": "Exploitation {subject} '{title}' ({type}) was agreed on {date} and evaluated only on {evaluated}",
            "zh-CN": "运用{subject}“{title}”（{type}）于{date}达成，而评估日期为{evaluated}，晚于达成日",
        },
        "contract-without-exploitation": {
            "en": "Contract {subject} '{title}' ({type}) is named by no exploitation, so no evaluation before it "
                  "is declared",
            "zh-CN": "合同{subject}“{title}”（{type}）未被任何运用引用，因而未声明签订前的评估",
        },
    },
    fix={
        "en": "Evaluate {subject} '{title}' now ({evaluation}), record the report and declare it as the "
              "exploitation's evaluation (kind: Exploitation, evaluation, contract); make the evaluation a step "
              "before every exploitation of this type.",
        "zh-CN": "立即对{subject}“{title}”进行评估（{evaluation}），记录评估报告，"
                 "并作为该运用的评估予以声明（kind: Exploitation，evaluation、contract）；"
                 "将评估作为此类运用之前的必经步骤。",
    },
)
def exploitation_not_evaluated(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    named: set[str] = set()
    for item in decl.of(Exploitation):
        if item.contract is not None:
            named.add(item.contract)
        if item.date is None or item.date > ctx.as_of:
            continue
        evaluation = item.evaluation
        topic = _topic(item)
        values = _exploitation_values(item, evaluation=Term("exploitation-evaluation", topic))
        if evaluation is None or evaluation.date is None:
            yield Violation(subject=item.id, path=("evaluation",) if evaluation else ("type",),
                            values=values, topics=(topic,))
        elif evaluation.date > item.date:
            yield Violation(subject=item.id, path=("evaluation", "date"), template="evaluated-after",
                            values={**values, "date": item.date, "evaluated": evaluation.date}, topics=(topic,))
    for contract in decl.of(Contract):
        if (contract.type in EXPLOITATION_CONTRACT_TYPES and contract.id not in named
                and since_the_manual(decl, contract.signed, ctx.as_of)):
            topic = TOPIC_BY_EXPLOITATION_CONTRACT[contract.type]
            yield Violation(subject=contract.id, path=("type",), template="contract-without-exploitation",
                            values={"title": contract.title, "type": Term("contract-type", contract.type),
                                    "counterparty": contract.counterparty or Term("words", "unknown"),
                                    "evaluation": Term("exploitation-evaluation", topic)},
                            topics=(topic,))


@rule(
    id="IP633",
    title={
        "en": "Each exploitation of IP is fixed by a signed contract",
        "zh-CN": "每项知识产权运用均有已签订的合同",
    },
    severity="minor",
    stage="operation",
    clauses=(*EXPLOITATION_TOPICS, "contracts"),
    reads=("Contract", "Exploitation"),
    per_item="Exploitation",
    rationale={
        "en": (
            "A licence, assignment, pledge or investment of IP binds only through its written contract: "
            "the rights, the field and territory, the term, the payments and who owns improvements; so do "
            "the IP terms of a merger, an acquisition or a split (what passes to whom) and of membership of "
            "an alliance or a patent pool. An exploitation agreed with no contract declared, or with one not "
            "signed, leaves the enterprise with nothing to enforce (and a licence or pledge with nothing to "
            "record with CNIPA). A part in setting a standard binds through the standards body's patent "
            "policy instead (IP650). Each finding cites the clause of its type and contract management."
        ),
        "zh-CN": (
            "知识产权的许可、转让、质押或投资，只有通过书面合同才具有约束力：权利范围、领域和地域、期限、费用以及改进成果的归属；"
            "企业合并、收购或分立中的知识产权约定（各项权利的归属去向）以及加入产业联盟或专利池的成员约定同样如此。"
            "已达成的运用没有声明合同，或合同未签订，企业将无据可依（许可和质押也无法向国家知识产权局备案或登记）。"
            "参与标准制定则通过标准化组织的专利政策约束（IP650）。每项不符合引用其运用类型对应的条款和合同管理条款。"
        ),
    },
    fails="""\
kind: Exploitation
id: EX-2026-02
title: Pledge of the microchannel patent family for a bank loan
type: pledge
counterparty: Bank of Suzhou
date: 2026-07-15
evaluation: {date: 2026-06-20, result: valued at 18 million CNY by a licensed appraiser}
""",
    passes="""\
kind: Exploitation
id: EX-2026-02
title: Pledge of the microchannel patent family for a bank loan
type: pledge
counterparty: Bank of Suzhou
date: 2026-07-15
evaluation: {date: 2026-06-20, result: valued at 18 million CNY by a licensed appraiser}
contract: C-2026-PLG-01
---
kind: Contract
id: C-2026-PLG-01
title: Patent pledge contract with Bank of Suzhou
type: pledge
signed: 2026-07-15
""",
    messages={
        "default": {
            "en": "Exploitation {subject} '{title}' ({type}, with {counterparty}) agreed on {date} names no contract",
            "zh-CN": "运用{subject}“{title}”（{type}，相对方：{counterparty}）于{date}达成，但未注明合同",
        },
        "unsigned": {
            "en": "Exploitation {subject} '{title}' ({type}) agreed on {date} names contract {contract}, which is "
                  "not signed",
            "zh-CN": "运用{subject}“{title}”（{type}）于{date}达成，所注明的合同{contract}尚未签订",
        },
    },
    fix={
        "en": "Put {subject} '{title}' into a written contract with {counterparty} fixing {terms}; have it "
              "reviewed and signed, declare it (kind: Contract) and name it in the exploitation's contract field.",
        "zh-CN": "与{counterparty}就{subject}“{title}”订立书面合同，约定{terms}；经审查后签订，"
                 "以 kind: Contract 声明并在该运用的contract字段中注明。",
    },
)
def exploitation_without_contract(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    for item in decl.of(Exploitation):
        if item.date is None or item.date > ctx.as_of or item.type in WITHOUT_CONTRACT:
            continue
        values = _exploitation_values(item, date=item.date, terms=Term("exploitation-contract", _topic(item)))
        topics = (_topic(item), "contracts")
        if item.contract is None:
            yield Violation(subject=item.id, path=("type",), values=values, topics=topics)
            continue
        contract = decl.get(item.contract, Contract)
        if contract is not None and contract.signed is None:  # an undeclared contract is IPX001
            yield Violation(subject=item.id, path=("contract",), template="unsigned",
                            values={**values, "contract": item.contract}, topics=topics)


#: The exploitations that bring IP obligations of their own, with the message that names them.
OBLIGATIONS_OF: dict[str, str] = {"standard-setting": "standard", "alliance": "membership",
                                  "patent-pool": "membership"}


@rule(
    id="IP650",
    title={
        "en": "The IP obligations of a standard or an alliance are known before the enterprise takes part",
        "zh-CN": "参与标准制定或加入联盟前已明确所承担的知识产权义务",
    },
    severity="minor",
    stage="operation",
    clauses=("standardisation", "alliances"),
    reads=("Exploitation",),
    per_item="Exploitation",
    rationale={
        "en": (
            "Taking part in setting a standard binds the enterprise to the standards body's patent policy: "
            "disclosing the patents essential to the standard and licensing them on fair, reasonable and "
            "non-discriminatory terms, or declaring that it will not (2013 7.3.4). Joining an alliance or a "
            "patent pool binds it to the membership rules: the rights it contributes, the licences it grants "
            "and receives, what happens when it leaves (7.3.5). An exploitation of either type that records "
            "none of the obligations taken on shows that nobody read them before the enterprise committed "
            "its patents."
        ),
        "zh-CN": (
            "参与标准制定，企业即受标准化组织专利政策的约束：披露标准必要专利，并按公平、合理、无歧视的条件许可，"
            "或声明不予许可（2013版7.3.4）。加入产业联盟或专利池，企业即受成员规则的约束：须投入的权利、授出和获得的许可、"
            "退出时的安排（7.3.5）。此类运用未记录所承担的任何义务，说明企业在以专利作出承诺之前无人研读这些规则。"
        ),
    },
    fails="""\
kind: Exploitation
id: EX-2026-STD-01
title: Drafting group of the national standard for brazed plate heat exchangers
type: standard-setting
counterparty: SAC/TC 131
date: 2026-04-15
evaluation: {date: 2026-03-30, result: two of our CN patents may be essential to the pressure-test clause}
""",
    passes="""\
kind: Exploitation
id: EX-2026-STD-01
title: Drafting group of the national standard for brazed plate heat exchangers
type: standard-setting
counterparty: SAC/TC 131
date: 2026-04-15
evaluation: {date: 2026-03-30, result: two of our CN patents may be essential to the pressure-test clause}
obligations:
  - disclose patents essential to the standard while it is drafted (GB/T 20003.1)
  - license essential patents on fair, reasonable and non-discriminatory terms, or declare otherwise
""",
    messages={
        "standard": {
            "en": "Exploitation {subject} '{title}' ({type}, with {counterparty}) records no obligation of the "
                  "standards body's patent policy",
            "zh-CN": "运用{subject}“{title}”（{type}，相对方：{counterparty}）未记录标准化组织专利政策规定的任何义务",
        },
        "membership": {
            "en": "Exploitation {subject} '{title}' ({type}, with {counterparty}) records no IP obligation of "
                  "membership",
            "zh-CN": "运用{subject}“{title}”（{type}，相对方：{counterparty}）未记录成员应承担的任何知识产权义务",
        },
    },
    fix={
        "en": "Obtain the patent policy or membership rules of {counterparty}, have the IP department list what "
              "{subject} commits the enterprise to (patents to disclose or contribute, licences to grant, terms on "
              "leaving) in obligations, and check the patents concerned against them before the next disclosure.",
        "zh-CN": "取得{counterparty}的专利政策或成员规则，由知识产权管理部门在obligations中列出{subject}使企业承担的义务"
                 "（须披露或投入的专利、须授出的许可、退出时的约定），并在下一次披露之前对照这些义务核查相关专利。",
    },
)
def standard_or_alliance_obligations_unknown(ctx: CheckContext) -> Iterator[Violation]:
    for item in ctx.declaration.of(Exploitation):
        template = OBLIGATIONS_OF.get(item.type)
        if template is None or item.obligations or item.date is None or item.date > ctx.as_of:
            continue
        yield Violation(subject=item.id, path=("type",), template=template, values=_exploitation_values(item),
                        topics=(_topic(item),))


# --- markets --------------------------------------------------------------------------------


@rule(
    id="IP634",
    reads=("MarketEntry", "Product"),
    per_item="MarketEntry",
    title={
        "en": "A market is investigated for IP before a product is sold there",
        "zh-CN": "产品进入市场前对该市场进行知识产权调查",
    },
    severity="minor",
    stage="operation",
    clauses=("foreign-trade", "sales"),
    rationale={
        "en": (
            "Before a product is exported to (or first sold in) a market, the enterprise investigates the IP "
            "of that market: patents and marks of others the product may infringe, the state of its own "
            "rights there, customs recordal and local law (2013 7.4.3, 8.5). A market entry with no "
            "investigation, or investigated only after the first sale, exposes the product to seizure and "
            "injunctions."
        ),
        "zh-CN": (
            "产品出口到某一市场（或首次在该市场销售）之前，企业应调查该市场的知识产权状况：产品可能侵犯的他人专利和商标、"
            "自身权利在当地的状况、海关备案和当地法律（2013版7.4.3、8.5）。进入市场而未经调查，或首次销售后才调查，"
            "产品将面临扣押和禁令的风险。"
        ),
    },
    fails="""\
kind: Product
id: PRD-BPHE-CO2
name: HX-B CO2 brazed plate heat exchangers
markets: [CN, EU]
---
kind: MarketEntry
id: ME-2026-01
product: PRD-BPHE-CO2
jurisdiction: EU
date: 2026-11-10
""",
    passes="""\
kind: Product
id: PRD-BPHE-CO2
name: HX-B CO2 brazed plate heat exchangers
markets: [CN, EU]
---
kind: MarketEntry
id: ME-2026-01
product: PRD-BPHE-CO2
jurisdiction: EU
date: 2026-11-10
investigation: {date: 2026-10-21, result: two EP patents of a competitor avoided by the port design}
""",
    messages={
        "default": {
            "en": "Product {product} entered market {jurisdiction} on {date} ({subject}) with no IP investigation "
                  "of the market",
            "zh-CN": "产品{product}于{date}进入{jurisdiction}市场（{subject}），但未对该市场进行知识产权调查",
        },
        "investigated-after": {
            "en": "Product {product} entered market {jurisdiction} on {date} ({subject}); the market was "
                  "investigated only on {investigated}",
            "zh-CN": "产品{product}于{date}进入{jurisdiction}市场（{subject}），而对该市场的知识产权调查日期为{investigated}，"
                     "晚于进入日",
        },
    },
    fix={
        "en": "Investigate market {jurisdiction} for {product} now (others' patents and marks, the enterprise's own "
              "rights there, customs recordal), act on what it finds, record it as the entry's investigation, "
              "and make the investigation a condition of every new market in the sales procedure.",
        "zh-CN": "立即针对{product}开展{jurisdiction}市场的知识产权调查（他人的专利和商标、企业在当地的权利、海关备案），"
                 "对发现的问题采取措施，记录为该市场进入的调查，并在销售程序中将调查作为进入每个新市场的前提条件。",
    },
)
def market_entered_without_investigation(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    for entry in decl.of(MarketEntry):
        if entry.date is None or entry.date > ctx.as_of:
            continue
        values = {"product": named_item(decl, entry.product), "jurisdiction": entry.jurisdiction,
                  "date": entry.date}
        investigation = entry.investigation
        if investigation is None or investigation.date is None:
            yield Violation(subject=entry.id, path=("investigation",) if investigation else ("jurisdiction",),
                            values=values)
        elif investigation.date > entry.date:
            yield Violation(subject=entry.id, path=("investigation", "date"), template="investigated-after",
                            values={**values, "investigated": investigation.date})


@rule(
    id="IP635",
    reads=("Manual", "Product", "Record"),
    per_item="Product",
    title={
        "en": "A product is reviewed for IP before it is launched",
        "zh-CN": "产品上市前经过知识产权审查",
    },
    severity="minor",
    stage="operation",
    clauses=("sales", "records"),
    rationale={
        "en": (
            "Before a product is launched, the enterprise reviews its IP: freedom to operate, the marks and "
            "designs it will be sold under, what in it should be protected first (2013 8.5). The review "
            "is evidenced by a record about the product (Record.about) dated on or before its launch. "
            "Products launched before the manual was issued are outside the procedure."
        ),
        "zh-CN": (
            "产品上市前，企业应审查其知识产权：自由实施、销售所用的商标和外观设计、应优先保护的内容（2013版8.5）。"
            "审查以关于该产品的记录（Record.about）为证，记录日期应不晚于上市日。手册发布前上市的产品不在程序范围内。"
        ),
    },
    fails="""\
kind: Manual
id: MAN-01
title: IP management manual
issued: 2025-04-01
---
kind: Product
id: PRD-BPHE-CO2
name: HX-B CO2 brazed plate heat exchangers
launched: 2026-11-02
---
kind: Record                 # a record, but about another item
id: R26-0190
form: F-13-1
date: 2026-10-20
""",
    passes="""\
kind: Product
id: PRD-BPHE-CO2
name: HX-B CO2 brazed plate heat exchangers
launched: 2026-11-02
---
kind: Record
id: R26-0190
form: F-13-1
date: 2026-10-20
about: PRD-BPHE-CO2
summary: Pre-launch IP check; freedom to operate confirmed, marks in place
""",
    messages={
        "default": {
            "en": "Product {subject} '{product}' was launched on {launched} and no IP review of it is recorded",
            "zh-CN": "产品{subject}“{product}”于{launched}上市，但没有关于该产品的知识产权审查记录",
        },
        "reviewed-after": {
            "en": "Product {subject} '{product}' was launched on {launched}; its first IP review is recorded on "
                  "{reviewed}, after the launch",
            "zh-CN": "产品{subject}“{product}”于{launched}上市，而关于该产品的最早一次知识产权审查记录日期为{reviewed}，晚于上市日",
        },
    },
    fix={
        "en": "Review the IP of {subject} '{product}' now (freedom to operate, marks, designs, what to file), record "
              "the review (`about: {subject}`), act on what it finds, and make the review a gate of the launch "
              "in the sales procedure.",
        "zh-CN": "立即对{subject}“{product}”进行知识产权审查（自由实施、商标、外观设计、应申请保护的内容），"
                 "予以记录（about: {subject}），对发现的问题采取措施，并在销售程序中将该审查作为上市的必经关口。",
    },
)
def product_launched_unreviewed(ctx: CheckContext) -> Iterator[Violation]:
    for product, reviews in governed_steps(ctx, ctx.declaration.of(Product), lambda p: p.launched):
        values = {"product": product.name, "launched": product.launched}
        violation = unreviewed_step(product, "launched", product.launched, reviews, values)  # type: ignore[arg-type]
        if violation is not None:
            yield violation
