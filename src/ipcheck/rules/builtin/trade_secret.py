"""Trade-secret rules that a declarative pack cannot say: access lists against confidentiality
and non-compete agreements, leavers' exit checks, custodians and access lists after a person
left. The simple register checks are in ``rules/packs/trade-secret.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ipcheck.i18n import Text, Words, join_list
from ipcheck.model.declaration import Declaration
from ipcheck.model.kinds import ConfidentialityAgreement, TradeSecret, Unit
from ipcheck.rules.api import CheckContext, Violation, rule
from ipcheck.rules.builtin.common import labelled, people_who_left, staff_checked
from ipcheck.rules.builtin.protection_system import person_or_nobody, responsible


class _Bound:
    """Who is bound by a confidentiality agreement in force, worked out once per check.

    An agreement counts when it is signed (by the check date) and, for someone still
    employed, not expired (a leaver's duties outlive the contract). One that names secrets
    covers those; one that names none covers every secret.
    """

    def __init__(self, decl: Declaration, ctx: CheckContext, *, non_compete: bool = False) -> None:
        as_of = ctx.as_of
        self.leavers = set(people_who_left(decl, as_of))
        self.general: tuple[set[str], set[str]] = (set(), set())  # (in force, signed at all)
        self.scoped: tuple[set[tuple[str, str]], set[tuple[str, str]]] = (set(), set())
        for agreement in decl.of(ConfidentialityAgreement):
            if non_compete and not agreement.non_compete:
                continue
            if agreement.signed is None or agreement.signed > as_of:
                continue
            current = agreement.expires is None or agreement.expires >= as_of
            if agreement.secrets:
                pairs = {(agreement.person, s) for s in agreement.secrets}
                self.scoped[1].update(pairs)
                if current:
                    self.scoped[0].update(pairs)
            else:
                self.general[1].add(agreement.person)
                if current:
                    self.general[0].add(agreement.person)

    def gaps(self, secrets: Iterable[TradeSecret], decl: Declaration, *,
             skip_leavers: bool = False) -> dict[str, list[tuple[TradeSecret, int]]]:
        """People not covered, each with the secrets (and index in their access lists) concerned."""
        leavers, by_id = self.leavers, decl.by_id
        general_now, general_ever = self.general
        scoped_now, scoped_ever = self.scoped
        found: dict[str, list[tuple[TradeSecret, int]]] = {}
        for secret in secrets:
            seen: set[str] = set()
            for index, person_id in enumerate(secret.access):
                if person_id in seen or person_id not in by_id:
                    continue  # listed twice, or dangling (IPX001's finding)
                seen.add(person_id)
                if person_id in leavers:
                    if skip_leavers or person_id in general_ever or (person_id, secret.id) in scoped_ever:
                        continue
                elif person_id in general_now or (person_id, secret.id) in scoped_now:
                    continue
                found.setdefault(person_id, []).append((secret, index))
        return found


def trade_secrets(labels: list[str | Words], *, core: bool = False, limit: int = 6) -> Words:
    """Trade secrets as a message names them: "trade secret TS-1", "core trade secrets TS-1 and TS-2"."""
    plural = "s" * (len(labels) > 1)
    return Words(Text(f"{'core ' * core}trade secret{plural} {join_list(labels, 'en', limit)}",
                      {"zh-CN": f"{'核心' * core}商业秘密{join_list(labels, 'zh-CN', limit)}"}))


def _why_not(decl: Declaration, ctx: CheckContext, person_id: str, secret_id: str) -> Words:
    """Why nobody's agreement covers a person's access (only called for findings)."""
    held = [a for a in decl.of(ConfidentialityAgreement)
            if a.person == person_id and (not a.secrets or secret_id in a.secrets)]
    expired = [a for a in held if a.signed is not None and a.signed <= ctx.as_of]
    if expired:
        last = max(expired, key=lambda a: a.expires or ctx.as_of)
        return Words(Text(f"their agreement {last.id} expired on {last.expires}",
                          {"zh-CN": f"其保密协议{last.id}已于{last.expires}到期"}))
    if held:
        return Words(Text(f"their agreement {held[0].id} is not signed",
                          {"zh-CN": f"其保密协议{held[0].id}尚未签署"}))
    return Words(Text("no confidentiality agreement covering it is declared",
                      {"zh-CN": "没有声明涵盖该秘密的保密协议"}))


@rule(
    id="IPS007",
    reads=("TradeSecret", "ConfidentialityAgreement", "Procedure", "Role", "Person"),
    title={"en": "Everyone with access to a trade secret has signed a confidentiality agreement",
           "zh-CN": "所有知悉商业秘密的人员均签订了保密协议"},
    severity="minor",
    protection="trade-secret",
    clauses=("confidentiality", "employment-contracts"),
    rationale={
        "en": ("Courts protect a trade secret only if the holder took reasonable measures to keep it secret; a signed "
               "confidentiality agreement with each person given access is the first of them. An agreement counts "
               "when it is signed and, for someone still employed, not expired; one that lists secrets covers only "
               "those. Each person without one is a lapse."),
        "zh-CN": ("只有权利人采取了合理的保密措施，商业秘密才受法律保护；与每位知悉人员签订保密协议是其中的首要措施。"
                  "保密协议须已签署，且对在职人员而言未过期，才算有效；列明具体秘密的协议只涵盖所列秘密。"
                  "每位未签协议的知悉人员都是一项疏漏。"),
    },
    fails=("kind: Person\nid: P-1\nname: Li Na\n---\nkind: TradeSecret\nid: TS-1\ntitle: Brazing profile\n"
           "level: core\ncustodian: P-1\naccess: [P-1]\n"),
    passes=("kind: Person\nid: P-1\nname: Li Na\n---\nkind: TradeSecret\nid: TS-1\ntitle: Brazing profile\n"
            "level: core\ncustodian: P-1\naccess: [P-1]\n---\n"
            "kind: ConfidentialityAgreement\nid: CA-1\nperson: P-1\nsigned: 2024-05-06\n"),
    messages={
        "employed": {"en": "{name} ({person}) has access to {secrets}, but {why}",
                     "zh-CN": "{name}（{person}）知悉{secrets}，但{why}"},
        "left": {"en": "{name} ({person}) had access to {secrets}, but {why}",
                 "zh-CN": "{name}（{person}）曾知悉{secrets}，但{why}"},
    },
    fix={
        "en": "{action}; {responsible} grants access to a trade secret only once the person's agreement is signed.",
        "zh-CN": "{action}；今后由{responsible}在当事人签署保密协议后方可授予商业秘密知悉权限。",
    },
)
def access_has_agreement(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    secrets = decl.of(TradeSecret)
    if not secrets:
        return
    bound = _Bound(decl, ctx)
    gaps = bound.gaps(secrets, decl)
    if not gaps:
        return
    who = responsible(decl, "trade-secret")
    for person_id, where in gaps.items():
        name = person_or_nobody(decl, person_id)
        ids = ", ".join(s.id for s, _ in where)
        left = person_id in bound.leavers
        if left:
            action = Text(f"Send {name}, who has left, a written reminder of the duty to keep {ids} secret and have it "
                          "acknowledged", {"zh-CN": f"向已离职的{name}发出书面提醒，告知其对{ids}负有保密义务，并取得其签收确认"})
        else:
            action = Text(f"Have {name} sign a confidentiality agreement covering {ids} (declare it as a "
                          "ConfidentialityAgreement), or withdraw the access",
                          {"zh-CN": f"请{name}签订涵盖{ids}的保密协议（以ConfidentialityAgreement声明），或撤销其知悉权限"})
        secret, index = where[0]
        yield Violation(
            subject=secret.id, path=("access", index), key=person_id, template="left" if left else "employed",
            values={"name": name, "person": person_id, "secrets": trade_secrets([labelled(s.id, s) for s, _ in where], limit=3),
                    "why": _why_not(decl, ctx, person_id, secret.id), "action": Words(action), "responsible": who},
        )


@rule(
    id="IPS008",
    reads=("TradeSecret", "ConfidentialityAgreement", "Procedure", "Role", "Person"),
    title={"en": "People with access to core trade secrets are bound by a non-compete agreement",
           "zh-CN": "知悉核心商业秘密的人员签订了竞业限制协议"},
    severity="observation",
    protection="trade-secret",
    clauses=("employment-contracts", "confidentiality"),
    rationale={
        "en": ("Those who know the enterprise's core secrets are the ones a competitor hires. Where the law allows (in "
               "China, for senior managers, senior technical staff and others bound to confidentiality), a "
               "non-compete agreement with compensation keeps that knowledge from walking out. Good practice, not a "
               "requirement: an observation."),
        "zh-CN": ("知悉企业核心秘密的人员正是竞争对手想要挖走的人。在法律允许的范围内（在中国，适用于高级管理人员、"
                  "高级技术人员和其他负有保密义务的人员），签订有经济补偿的竞业限制协议，可防止这些知识随人流失。"
                  "这是良好实践而非标准要求：列为观察项。"),
    },
    fails=("kind: Person\nid: P-1\nname: Li Na\n---\nkind: TradeSecret\nid: TS-1\ntitle: Brazing profile\n"
           "level: core\naccess: [P-1]\n---\nkind: ConfidentialityAgreement\nid: CA-1\nperson: P-1\n"
           "signed: 2024-05-06\n"),
    passes=("kind: Person\nid: P-1\nname: Li Na\n---\nkind: TradeSecret\nid: TS-1\ntitle: Brazing profile\n"
            "level: core\naccess: [P-1]\n---\nkind: ConfidentialityAgreement\nid: CA-1\nperson: P-1\n"
            "signed: 2024-05-06\nnon_compete: true\n"),
    messages={
        "default": {"en": "{name} ({person}) has access to {secrets} and no non-compete agreement in force",
                    "zh-CN": "{name}（{person}）知悉{secrets}，但没有有效的竞业限制协议"},
    },
    fix={
        "en": ("Consider a non-compete agreement (with the compensation the law requires) with {name}, who has access "
               "to {secrets}; {responsible} and HR decide which roles need one."),
        "zh-CN": ("考虑与知悉{secrets}的{name}签订竞业限制协议（并依法支付经济补偿）；由{responsible}和人力资源部门"
                  "确定哪些岗位需要签订。"),
    },
)
def core_access_non_compete(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    core = [s for s in decl.of(TradeSecret) if s.level == "core"]
    if not core:
        return
    gaps = _Bound(decl, ctx, non_compete=True).gaps(core, decl, skip_leavers=True)
    if not gaps:
        return
    who = responsible(decl, "trade-secret")
    for person_id, where in gaps.items():
        secret, index = where[0]
        yield Violation(
            subject=secret.id, path=("access", index), key=person_id,
            values={"name": person_or_nobody(decl, person_id), "person": person_id,
                    "secrets": trade_secrets([s.id for s, _ in where], core=True), "responsible": who},
        )


@rule(
    id="IPS009",
    reads=("TradeSecret", "StaffCheck", "Procedure", "Role", "Person"),
    title={"en": "Leavers who had access to trade secrets went through an exit IP check",
           "zh-CN": "知悉商业秘密的离职人员均经过离职知识产权审查"},
    severity="minor",
    protection="trade-secret",
    clauses=("exit", "confidentiality"),
    rationale={
        "en": ("When someone who knew a trade secret leaves, the exit check is where materials are returned, access is "
               "revoked and the confidentiality (and non-compete) duties are recalled in writing: the evidence that "
               "the enterprise kept its secret when the person left. Each leaver without a recorded exit check "
               "(StaffCheck of type exit) is a lapse."),
        "zh-CN": ("知悉商业秘密的人员离职时，应通过离职审查收回涉密资料、撤销知悉权限，并以书面形式提醒其保密（和竞业限制）"
                  "义务：这是企业在人员离职时守住秘密的证据。每位没有离职审查记录（type为exit的StaffCheck）的离职人员"
                  "都是一项疏漏。"),
    },
    fails=("kind: Person\nid: P-1\nname: Li Na\nleft: 2026-06-30\n---\nkind: TradeSecret\nid: TS-1\n"
           "title: Brazing profile\naccess: [P-1]\n"),
    passes=("kind: Person\nid: P-1\nname: Li Na\nleft: 2026-06-30\n---\nkind: TradeSecret\nid: TS-1\n"
            "title: Brazing profile\naccess: [P-1]\n---\nkind: StaffCheck\nitems:\n  - id: SC-1\n    person: P-1\n"
            "    type: exit\n    date: 2026-06-29\n"
            "    items: [materials returned, access revoked, confidentiality duties recalled]\n"),
    messages={
        "default": {"en": "{name} ({subject}) left on {left} with access to {secrets}, and no exit IP check is recorded",
                    "zh-CN": "{name}（{subject}）于{left}离职，离职前知悉{secrets}，但没有离职知识产权审查记录"},
    },
    fix={
        "en": ("Hold the exit IP check of {name} now (return of materials, access to {secrets} revoked, written "
               "reminder of the confidentiality duties) and record it as a StaffCheck of type exit; {responsible} and "
               "HR make the check part of every leaver's last day."),
        "zh-CN": ("立即对{name}进行离职知识产权审查（收回涉密资料、撤销对{secrets}的知悉权限、书面提醒保密义务），"
                  "并以type为exit的StaffCheck记录；由{responsible}和人力资源部门将该审查纳入每位离职人员的离职手续。"),
    },
)
def leavers_exit_check(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    checked = staff_checked(decl, "exit")
    leavers = {i: p for i, p in people_who_left(decl, ctx.as_of).items() if i not in checked}
    if not leavers:
        return
    knew: dict[str, list[str]] = {}
    for secret in decl.of(TradeSecret):
        for person_id in {*secret.access, secret.custodian} & leavers.keys():
            knew.setdefault(person_id, []).append(secret.id)
    if not knew:
        return
    who = responsible(decl, "trade-secret")
    for person_id, person in leavers.items():
        secrets = knew.get(person_id)
        if secrets:
            yield Violation(subject=person.id, path=("left",),
                            values={"name": person.name, "left": person.left, "secrets": trade_secrets(secrets, limit=3),
                                    "responsible": who})


@rule(
    id="IPS010",
    reads=("TradeSecret", "Person", "Unit"), per_item="TradeSecret",
    title={"en": "The custodian of a trade secret is still with the enterprise",
           "zh-CN": "商业秘密的保管人仍在职"},
    severity="minor",
    protection="trade-secret",
    clauses=("confidentiality", "exit"),
    rationale={
        "en": ("The custodian keeps the secret's carriers, grants and withdraws access and answers for it. A custodian "
               "who has left means nobody does: the handover at exit was missed."),
        "zh-CN": "保管人负责保管秘密载体、授予和撤销知悉权限，并对该秘密负责。保管人已离职，就意味着无人负责：离职交接被遗漏了。",
    },
    fails=("kind: Person\nid: P-1\nname: Li Na\nleft: 2026-06-30\n---\nkind: TradeSecret\nid: TS-1\n"
           "title: Brazing profile\ncustodian: P-1\n"),
    passes=("kind: Person\nid: P-2\nname: Wu Lei\n---\nkind: TradeSecret\nid: TS-1\n"
            "title: Brazing profile\ncustodian: P-2\n"),
    messages={
        "default": {"en": "Trade secret {subject} '{title}' is still in the keeping of {name} ({person}), who left on "
                          "{left}",
                    "zh-CN": "商业秘密{subject}“{title}”仍由已于{left}离职的{name}（{person}）保管"},
    },
    fix={
        "en": ("Appoint a custodian for {subject} '{title}' among {staff}, hand over the carriers "
               "and the access list from {name}'s file, and update the trade-secret register."),
        "zh-CN": "在{staff}中为{subject}“{title}”指定保管人，从{name}处移交秘密载体和知悉人员名单，并更新商业秘密台账。",
    },
)
def custodian_not_leaver(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    leavers = people_who_left(decl, ctx.as_of)
    if not leavers:
        return
    for secret in decl.of(TradeSecret):
        person = leavers.get(secret.custodian) if secret.custodian else None
        if person is None:
            continue
        unit = decl.get(secret.unit, Unit)
        yield Violation(subject=secret.id, path=("custodian",),
                        values={"title": secret.title, "name": person.name, "person": person.id, "left": person.left,
                                "staff": current_staff(unit)})


def current_staff(unit: Unit | None) -> Words:
    """Where a new custodian is found: "the current staff (of the R&D Centre)"."""
    if unit is None:
        return Words(Text("the current staff", {"zh-CN": "在职人员"}))
    return Words(Text(f"the current staff of the {unit.name}", {"zh-CN": f"{unit.name}的在职人员"}))


@rule(
    id="IPS012",
    reads=("TradeSecret", "Person"), per_item="TradeSecret",
    title={"en": "Leavers are off the access lists of trade secrets",
           "zh-CN": "离职人员已从商业秘密知悉人员名单中移除"},
    severity="minor",
    protection="trade-secret",
    clauses=("confidentiality", "exit"),
    rationale={
        "en": ("Access to a trade secret is withdrawn when a person leaves: the access list is the register of who "
               "may know the secret today. A leaver still on it means either access was never revoked, or the "
               "register no longer shows who knows the secret."),
        "zh-CN": ("人员离职时应撤销其商业秘密知悉权限：知悉人员名单登记的是当前可以知悉该秘密的人。离职人员仍在名单上，"
                  "要么是权限从未撤销，要么是台账已不能反映谁知悉该秘密。"),
    },
    fails=("kind: Person\nid: P-1\nname: Li Na\nleft: 2026-06-30\n---\nkind: TradeSecret\nid: TS-1\n"
           "title: Brazing profile\naccess: [P-1]\n"),
    passes=("kind: Person\nid: P-1\nname: Li Na\nleft: 2026-06-30\n---\nkind: TradeSecret\nid: TS-1\n"
            "title: Brazing profile\naccess: []\n"),
    messages={
        "default": {"en": "Trade secret {subject} '{title}' still lists {name} ({person}), who left on {left}, among "
                          "those with access",
                    "zh-CN": "商业秘密{subject}“{title}”的知悉人员名单中仍有已于{left}离职的{name}（{person}）"},
    },
    fix={
        "en": ("Revoke {name}'s access to {subject} '{title}' (carriers, systems, premises) if that was not done at the "
               "exit check, and remove {person} from its access list."),
        "zh-CN": ("如离职审查时未撤销，立即撤销{name}对{subject}“{title}”的知悉权限（载体、系统、场所），"
                  "并将{person}从知悉人员名单中移除。"),
    },
)
def leavers_off_access_lists(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    leavers = people_who_left(decl, ctx.as_of)
    if not leavers:
        return
    for secret in decl.of(TradeSecret):
        for index, person_id in enumerate(secret.access):
            person = leavers.get(person_id)
            if person is not None:
                yield Violation(subject=secret.id, path=("access", index), key=person.id,
                                values={"title": secret.title, "name": person.name, "person": person.id,
                                        "left": person.left})
