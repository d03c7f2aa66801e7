"""What every protection type needs in the system: a control procedure with an owner, and a
register. The rules are made by one factory per shape (IPP002, IPT002, IPC002, IPS002 and
IPP003, IPT003, IPC003, IPS003), each bound to a module-level name; the helpers that say
who answers for a protection type are shared by the modules of each type.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ipcheck.i18n import Text, Words
from ipcheck.model.declaration import Declaration
from ipcheck.model.kinds import Copyright, Item, Patent, Person, Procedure, Product, Project, Role, Trademark, TradeSecret
from ipcheck.rules.api import CheckContext, Rule, Violation, rule
from ipcheck.rules.builtin.common import labelled, named_item

NOBODY = Words(Text("(nobody)", {"zh-CN": "（无人）"}))
MR = Words(Text("the management representative", {"zh-CN": "管理者代表"}))
THE_ENTERPRISE = Words(Text("The enterprise", {"zh-CN": "企业"}))
IP_DEPARTMENT = Words(Text("the IP department", {"zh-CN": "知识产权管理部门"}))


def person_or_nobody(decl: Declaration, person_id: str | None) -> str | Words:
    """The name of a declared person, the bare id when it names nothing, or "(nobody)"."""
    return named_item(decl, person_id, Person) if person_id else NOBODY


def governing(decl: Declaration, protection: str) -> list[Procedure]:
    """Procedures that list ``protection`` among the types they govern, in file order (a
    generic procedure governing several types counts for each)."""
    return [p for p in decl.of(Procedure) if protection in p.protection]


def responsible(decl: Declaration, protection: str) -> str | Words:
    """Who answers for a protection type: the owner role of its most specific procedure
    (the one governing the fewest types) and the people holding that role."""
    owned = [p for p in governing(decl, protection) if p.owner]
    for procedure in sorted(owned, key=lambda p: len(p.protection)):
        role = decl.get(procedure.owner, Role)
        if role is None:
            continue
        holders = [named_item(decl, h, Person) for h in role.holders]
        return f"{role.title} ({', '.join(holders)})" if holders else role.title
    return IP_DEPARTMENT


@dataclass(frozen=True)
class ProtectionType:
    """What the two factories need to know of one protection type: its words in both
    languages, its register kind, and the snippets of its examples."""

    id: str
    noun: Text  # "patents" / "专利"
    kind: type[Item]
    procedure_example: str  # "PR-02\ntitle: Patent filing"
    item_example: str  # "PAT-001\ntitle: ...": the body of one register entry


PATENTS = ProtectionType(
    "patent", Text("patents", {"zh-CN": "专利"}), Patent, "PR-02\ntitle: Patent filing",
    "PAT-001\ntitle: Plate heat exchanger\njurisdiction: CN\nstatus: pending")
TRADEMARKS = ProtectionType(
    "trademark", Text("trademarks", {"zh-CN": "商标"}), Trademark, "PR-05\ntitle: Trademark management",
    "TM-001\nmark: HUAXIN\njurisdiction: CN\nstatus: registered")
COPYRIGHTS = ProtectionType(
    "copyright", Text("copyright works", {"zh-CN": "著作权作品"}), Copyright, "PR-06\ntitle: Copyright and software",
    "CR-001\ntitle: ThermoLink 3.0\ntype: software")
TRADE_SECRETS = ProtectionType(
    "trade-secret", Text("trade secrets", {"zh-CN": "商业秘密"}), TradeSecret, "PR-07\ntitle: Trade secrets",
    "TS-001\ntitle: Brazing furnace profile\nlevel: core")


def _both(en: str, zh: str, noun: Text) -> Text:
    """One text of a factory-made rule, the protection type's noun put in each language."""
    return Text(en.replace("<noun>", str(noun)), {"zh-CN": zh.replace("<noun>", noun.translations["zh-CN"])})


def owned_procedure_rule(rule_id: str, kind: ProtectionType, topics: tuple[str, ...]) -> Rule:
    """The rule that at least one procedure governing ``kind`` has an owner role."""
    noun, protection = kind.noun, kind.id

    @rule(
        id=rule_id,
        reads=("Procedure", "Person"),
        title=_both("The procedures governing <noun> have an owner", "管理<noun>的程序有归口管理角色", noun),
        severity="major",
        protection=protection,
        clauses=topics,
        rationale=_both(
            "A control procedure for <noun> that no role owns is followed by nobody in particular: nobody "
            "keeps it current, answers for its records or is asked when it fails. When every procedure that "
            "governs <noun> (a generic procedure governing several types counts) lacks an owner, the "
            "management of <noun> has no one responsible, which auditors grade as a system failure.",
            "没有归口管理角色的<noun>控制程序无人具体执行：无人保持其现行有效，无人对其记录负责，出了问题也无人可问。"
            "若管理<noun>的所有程序（同时管理多种类型的通用程序也算在内）均未指定归口管理角色，<noun>管理即无人负责，"
            "审核员判为体系失效。",
            noun),
        fails=f"kind: Procedure\nid: {kind.procedure_example}\nprotection: [{protection}]\n",
        passes=(f"kind: Role\nid: ROLE-IP\ntitle: IP department\n---\nkind: Procedure\nid: {kind.procedure_example}\n"
                f"protection: [{protection}]\nowner: ROLE-IP\n"),
        messages={"default": _both(
            "No procedure governing <noun> has an owner: {procedures} name no owner role",
            "管理<noun>的程序均无归口管理角色：{procedures}均未指定owner",
            noun)},
        fix=_both(
            "Name the role that owns {ids} (the procedures governing <noun>) in their owner field, have "
            "{approver} approve the change, and issue the revised procedures.",
            "在{ids}（管理<noun>的程序）的owner字段中指定归口管理角色，经{approver}批准后发布修订后的程序。",
            noun),
    )
    def check(ctx: CheckContext) -> Iterator[Violation]:
        decl = ctx.declaration
        procedures = governing(decl, protection)
        if not procedures or any(p.owner for p in procedures):
            return
        approver = next((p.approved_by for p in procedures if p.approved_by), None)
        dedicated = min(procedures, key=lambda p: len(p.protection))  # the first governing fewest types
        yield Violation(
            subject=dedicated.id, path=("owner",),
            values={"procedures": [labelled(p.id, p) for p in procedures], "ids": [p.id for p in procedures],
                    "approver": named_item(decl, approver, Person) if approver else MR},
        )

    return check



def register_rule(rule_id: str, kind: ProtectionType, topics: tuple[str, ...], what: Text, fix: Text) -> Rule:
    """The rule that an enterprise with products or R&D projects keeps a register of ``kind``."""
    noun, cls = kind.noun, kind.kind

    @rule(
        id=rule_id,
        reads=(cls.__name__, "Product", "Project", "Enterprise", "Procedure", "Role", "Person"),
        title=_both("A register of <noun> is kept", "建立了<noun>台账", noun),
        severity="major",
        protection=kind.id,
        clauses=topics,
        rationale=Text(
            f"An enterprise with products or R&D has {noun}, or has decided it has none worth protecting; either "
            f"way the system needs a register ({what}) to manage them. Without one nothing can be monitored, "
            "maintained or audited, which auditors grade as a missing register. A protection type outside the "
            "enterprise's declared protection_scope is not checked.",
            {"zh-CN": f"有产品或研发活动的企业必然拥有{noun.translations['zh-CN']}，或已决定没有值得保护的"
                      f"{noun.translations['zh-CN']}；无论哪种情况，体系都需要一份台账（{what.translations['zh-CN']}）"
                      "来加以管理。没有台账，就无从监控、维护和审核，审核员判为缺少台账。"
                      "企业声明的protection_scope之外的知识产权类型不予检查。"}),
        fails="kind: Product\nid: PRD-1\nname: Plate heat exchanger\n",
        passes=f"kind: Product\nid: PRD-1\nname: Plate heat exchanger\n---\nkind: {cls.__name__}\nid: {kind.item_example}\n",
        messages={
            "default": _both(
                "{enterprise} declares {basis} but no register of <noun> (no item of kind {kind})",
                "{enterprise}声明了{basis}，但没有<noun>台账（没有kind为{kind}的条目）",
                noun),
        },
        fix=fix,
    )
    def check(ctx: CheckContext) -> Iterator[Violation]:
        decl = ctx.declaration
        if decl.of(cls):
            return
        products, projects = len(decl.of(Product)), len(decl.of(Project))
        if not products and not projects:
            return
        ent = decl.enterprise
        basis = [Words(part) for count, part in (
            (products, Text(f"{products} product{'s' * (products != 1)}", {"zh-CN": f"{products}个产品"})),
            (projects, Text(f"{projects} R&D project{'s' * (projects != 1)}", {"zh-CN": f"{projects}个研发项目"})),
        ) if count]
        yield Violation(
            subject=ent.id if ent is not None else None,
            values={"enterprise": ent.name if ent is not None else THE_ENTERPRISE, "basis": basis,
                    "kind": cls.__name__, "responsible": responsible(decl, kind.id)},
        )

    return check


# -- the rules ------------------------------------------------------------------------------

patent_procedures_owned = owned_procedure_rule("IPP002", PATENTS, ("documentation", "acquisition", "maintenance"))
trademark_procedures_owned = owned_procedure_rule(
    "IPT002", TRADEMARKS, ("documentation", "acquisition", "maintenance"))
copyright_procedures_owned = owned_procedure_rule("IPC002", COPYRIGHTS, ("documentation", "acquisition", "contracts"))
trade_secret_procedures_owned = owned_procedure_rule("IPS002", TRADE_SECRETS, ("documentation", "confidentiality"))

patent_register_kept = register_rule(
    "IPP003", PATENTS, ("maintenance", "information-resources"),
    Text("application and grant numbers, jurisdictions, status, owners and deadlines",
         {"zh-CN": "申请号和授权号、法域、法律状态、权利人及各项期限"}),
    Text("Set up the patent register of {enterprise}: declare every patent and application as a Patent "
         "(jurisdiction, application and grant numbers, status, owner, annuity and expiry dates); {responsible} "
         "keeps it current.",
         {"zh-CN": "建立{enterprise}的专利台账：将每件专利和专利申请声明为Patent（法域、申请号和授权号、法律状态、"
                   "权利人、年费期限和届满日），由{responsible}负责及时更新。"}),
)
trademark_register_kept = register_rule(
    "IPT003", TRADEMARKS, ("maintenance", "information-resources"),
    Text("marks, registration numbers, classes, jurisdictions and renewal dates",
         {"zh-CN": "商标标识、注册号、类别、法域和续展日期"}),
    Text("Set up the trademark register of {enterprise}: declare every mark registered or applied for as a "
         "Trademark (jurisdiction, classes, numbers, status, expiry); {responsible} keeps it current.",
         {"zh-CN": "建立{enterprise}的商标台账：将每件已注册或已申请的商标声明为Trademark（法域、类别、申请号或注册号、"
                   "法律状态、有效期截止日），由{responsible}负责及时更新。"}),
)
copyright_register_kept = register_rule(
    "IPC003", COPYRIGHTS, ("maintenance", "information-resources"),
    Text("software, documents and designs, their authors, ownership and registrations",
         {"zh-CN": "软件、文档和设计作品及其作者、权属和登记情况"}),
    Text("Set up the register of works of {enterprise}: declare the software, documentation and designs as "
         "Copyright items (type, authors, ownership, contract, registration); {responsible} keeps it current.",
         {"zh-CN": "建立{enterprise}的作品台账：将软件、技术文档和设计作品声明为Copyright（类型、作者、权属、合同、登记），"
                   "由{responsible}负责及时更新。"}),
)
trade_secret_register_kept = register_rule(
    "IPS003", TRADE_SECRETS, ("confidentiality",),
    Text("each secret with its level, custodian and the people with access",
         {"zh-CN": "每项秘密及其密级、保管人和知悉人员"}),
    Text("Identify the trade secrets of {enterprise} (processes, formulas, customer and cost data) and declare "
         "each as a TradeSecret with its level, custodian and access list; {responsible} keeps the register.",
         {"zh-CN": "识别{enterprise}的商业秘密（工艺、配方、客户和成本数据），将每项声明为TradeSecret并填写密级、"
                   "保管人和知悉人员名单，由{responsible}负责维护台账。"}),
)
