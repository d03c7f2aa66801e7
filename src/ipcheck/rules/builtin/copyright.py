"""Copyright rules that a declarative pack cannot say: ownership of commissioned and
outsourced works fixed by contract. The simple register checks are in
``rules/packs/copyright.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterator

from ipcheck.i18n import Term, Text, Words
from ipcheck.model.kinds import Contract, Copyright
from ipcheck.rules.api import CheckContext, Violation, rule
from ipcheck.rules.builtin.protection_system import responsible

UNNAMED_PARTY = Words(Text("an unnamed counterparty", {"zh-CN": "未写明的相对方"}))
WITH_THE_AUTHOR = Words(Text("a contract (or a written assignment) with the author",
                             {"zh-CN": "与作者签订的合同（或书面转让协议）"}))


@rule(
    id="IPC005",
    reads=("Copyright", "Contract", "Procedure", "Role", "Person"), per_item="Copyright",
    title={"en": "Ownership of commissioned and outsourced works is fixed by contract",
           "zh-CN": "委托和外包作品的权属已由合同约定"},
    severity="minor",
    protection="copyright",
    clauses=("contracts", "acquisition"),
    rationale={
        "en": ("Copyright in a commissioned or outsourced work belongs to its author unless a contract says "
               "otherwise. A work the enterprise paid for without a contract that assigns the rights (`contract` "
               "with an `ip_ownership` clause) may not be the enterprise's to use, change or enforce."),
        "zh-CN": ("委托或外包创作的作品，除合同另有约定外，著作权归作者所有。企业付费取得、却没有合同约定权利归属"
                  "（`contract`中有`ip_ownership`条款）的作品，企业未必有权使用、修改或维权。"),
    },
    fails="kind: Copyright\nid: CR-1\ntitle: Product catalogue 2026\ntype: document\nownership: commissioned\n",
    passes=("kind: Contract\nid: K-1\ntitle: Catalogue design\ntype: commissioning\n"
            "ip_ownership: all copyright assigned to the client on delivery\n---\n"
            "kind: Copyright\nid: CR-1\ntitle: Product catalogue 2026\ntype: document\nownership: commissioned\n"
            "contract: K-1\n"),
    messages={
        "no-contract": {
            "en": "Copyright work {subject} '{title}' is {ownership} but names no contract fixing its ownership",
            "zh-CN": "著作权作品{subject}“{title}”属于{ownership}，但未指明约定其权属的合同",
        },
        "no-clause": {
            "en": "Copyright work {subject} '{title}' is {ownership}, but its contract {number} '{name}' with "
                  "{counterparty} has no IP ownership clause (ip_ownership)",
            "zh-CN": "著作权作品{subject}“{title}”属于{ownership}，但其与{counterparty}签订的合同{number}“{name}”"
                     "没有知识产权归属条款（ip_ownership）",
        },
    },
    fix={
        "en": ("Get the ownership of {subject} '{title}' in writing: have {contract} assign the copyright to the "
               "enterprise (record the clause in ip_ownership); {responsible} checks every commissioning and "
               "outsourcing contract for that clause before the work starts."),
        "zh-CN": ("以书面形式确定{subject}“{title}”的权属：通过{contract}将著作权约定归企业所有（在ip_ownership中记录该条款）；"
                  "由{responsible}在工作开始前审查每份委托和外包合同是否有此条款。"),
    },
)
def commissioned_work_contract(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    who = None
    for work in decl.of(Copyright):
        if work.ownership not in ("commissioned", "outsourced"):
            continue
        values: dict[str, object] = {"title": work.title, "ownership": Term("copyright-ownership", work.ownership)}
        if work.contract is None:
            path: tuple[str | int, ...] = ("ownership",)
            template = "no-contract"
            values["contract"] = WITH_THE_AUTHOR
        else:
            found = decl.get(work.contract, Contract)
            if found is None or (found.ip_ownership or "").strip():
                continue  # a dangling reference is IPX001's finding
            path, template = ("contract",), "no-clause"
            values |= {"contract": Words(Text(f"contract {found.id} '{found.title}' (by an amendment)",
                                              {"zh-CN": f"合同{found.id}“{found.title}”（以补充协议方式）"})),
                       "counterparty": found.counterparty or UNNAMED_PARTY,
                       "number": found.id, "name": found.title}
        if who is None:
            who = responsible(decl, "copyright")
        yield Violation(subject=work.id, path=path, template=template, values={**values, "responsible": who})

