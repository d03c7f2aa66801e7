"""Cross-checks of the trail "people and IP" (IPX009 onwards): the inventors and authors of the
enterprise's rights against the people register and the agreements that fix the ownership of
what they create. Whether every employee's contract fixes ownership at all is IP616
(``human_resources.py``); these rules follow each right back to its creators.

Each rule makes one pass over the kinds it reads, with dicts and sets for the lookups.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from types import MappingProxyType

from ipcheck.model.declaration import Declaration
from ipcheck.model.kinds import Contract, Copyright, Patent, Person
from ipcheck.rules.api import CheckContext, Violation, rule
from ipcheck.rules.builtin.common import per_declaration, year_before
from ipcheck.rules.conditions import shift

SERVICE_INVENTION_YEARS = 1
"""How long after leaving an invention related to a leaver's former duties is still a service
invention of the enterprise (Implementing Regulations of the Patent Law of China)."""


@per_declaration
def ownership_signed(decl: Declaration) -> Mapping[str, list[dt.date]]:
    """The dates each person signed a contract that fixes IP ownership (signed contracts only)."""
    signed: dict[str, list[dt.date]] = {}
    for contract in decl.of(Contract):
        if contract.ip_ownership and contract.signed is not None:
            for person_id in contract.people:
                signed.setdefault(person_id, []).append(contract.signed)
    return MappingProxyType(signed)


def _creators(decl: Declaration) -> Iterator[tuple[Patent | Copyright, str, str, dt.date | None, tuple[str, ...]]]:
    """Each patent and copyright work with its protection type, the field naming its creators,
    the date it was filed (patent) or created (work), and its creators."""
    for patent in decl.of(Patent):
        yield patent, "patent", "inventors", patent.application_date, patent.inventors
    for work in decl.of(Copyright):
        yield work, "copyright", "authors", work.created, work.authors


@rule(
    id="IPX009",
    reads=("Patent", "Copyright", "Contract", "Person"),
    title={"en": "Ownership of each new right was fixed with its creators before it was filed",
           "zh-CN": "新申请或新创作的权利在申请或创作前已与创造者约定归属"},
    severity="minor",
    stage="operation",
    clauses=("employment-contracts", "acquisition"),
    rationale={
        "en": ("An auditor follows a new patent application or work back to its inventors or authors and asks for "
               "the agreement that made it the enterprise's: a labour contract or supplement with the IP clause, or "
               "a commissioning or cooperation contract naming them, signed before the right was filed (patents) "
               "or created (works). Signed only afterwards, ownership rests on the statutory rules alone and is "
               "open to dispute. Rights of the last twelve months are followed; creators with no such agreement at "
               "all are reported by IP616."),
        "zh-CN": ("审核员会从新的专利申请或作品追溯到其发明人或作者，查看约定其归属于企业的协议：含知识产权条款的劳动合同"
                  "或补充协议，或载明其姓名的委托、合作合同，且签订时间早于申请（专利）或创作（作品）。事后才签订的，"
                  "归属只能依靠法定规则，容易引发争议。本规则追查近十二个月的权利；完全没有此类协议的人员由IP616报告。"),
    },
    fails=(
        "kind: Person\nid: qian.yu\nname: Qian Yu\n---\n"
        "kind: Contract\nid: LC-qian.yu\ntitle: Labour contract of Qian Yu\ntype: employment\nsigned: 2026-07-01\n"
        "people: [qian.yu]\nip_ownership: Service inventions belong to the enterprise\nconfidentiality: true\n---\n"
        "kind: Patent\nid: HXP-CN-2026-004\ntitle: CO2 gas cooler plate\njurisdiction: CN\nstatus: pending\n"
        "application_date: 2026-05-12\ninventors: [qian.yu]\n"
    ),
    passes=(
        "kind: Person\nid: qian.yu\nname: Qian Yu\n---\n"
        "kind: Contract\nid: LC-qian.yu\ntitle: Labour contract of Qian Yu\ntype: employment\nsigned: 2025-07-01\n"
        "people: [qian.yu]\nip_ownership: Service inventions belong to the enterprise\nconfidentiality: true\n---\n"
        "kind: Patent\nid: HXP-CN-2026-004\ntitle: CO2 gas cooler plate\njurisdiction: CN\nstatus: pending\n"
        "application_date: 2026-05-12\ninventors: [qian.yu]\n"
    ),
    messages={
        "default": {
            "en": "{name} ({person}), a creator of {subject} '{title}' ({date}), signed the agreement fixing IP "
                  "ownership only on {signed}",
            "zh-CN": "{subject}“{title}”（{date}）的创造者{name}（{person}）直到{signed}才签订约定知识产权归属的协议",
        },
    },
    fix={
        "en": "Have {name} confirm in writing that {subject} '{title}' belongs to the enterprise (an assignment dated "
              "now that covers it), keep it with the right's file, and have the IP department check at invention "
              "disclosure that every creator has signed the IP clause.",
        "zh-CN": "请{name}书面确认{subject}“{title}”归企业所有（签署涵盖该权利的转让或确认书），与该权利的档案一并保存；"
                 "并由知识产权管理部门在发明披露时核实每位创造者均已签署知识产权条款。",
    },
)
def ownership_fixed_before_filing(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    signed = ownership_signed(decl)
    since = year_before(ctx.as_of)
    for right, protection, field, date, creators in _creators(decl):
        if date is None or not since <= date <= ctx.as_of:
            continue
        for index, person_id in enumerate(creators):
            dates = signed.get(person_id)
            if not dates or min(dates) <= date:
                continue  # none at all: IP616
            person = decl.get(person_id, Person)
            if protection == "patent" and person is not None and person.joined is not None and person.joined > date:
                continue  # an inventor who joined after the filing: IPX010
            yield Violation(subject=right.id, path=(field, index), key=person_id, protection=protection,
                            values={"title": right.title, "date": date, "person": person_id,
                                    "name": person.name if person is not None else person_id,
                                    "signed": min(dates)})


@rule(
    id="IPX010",
    reads=("Patent", "Contract", "Person"), per_item="Patent",
    title={"en": "Each inventor was with the enterprise when the invention was made",
           "zh-CN": "发明人在完成发明时属于本企业"},
    severity="minor",
    stage="operation",
    protection="patent",
    clauses=("entry", "exit", "acquisition"),
    rationale={
        "en": ("An invention belongs to the enterprise as a service invention when its inventor made it in their "
               "job, or within one year of leaving when it relates to their former duties. An application naming an "
               "inventor who joined only after it was filed may belong to a former employer (the entry check asks "
               "about prior IP obligations); one filed more than a year after the inventor left may not be the "
               "enterprise's at all, unless a contract (cooperation, commissioning, assignment) naming the inventor "
               "and fixing ownership was signed by the filing date. Applications of the last twelve months are "
               "followed."),
        "zh-CN": ("发明人执行本单位任务完成的发明，或离职后一年内作出的与其原工作有关的发明，属于职务发明。申请日之后才入职的"
                  "发明人，其发明可能属于原单位（入职审查应询问原有知识产权义务）；在发明人离职一年以后才提交的申请，"
                  "可能根本不属于企业，除非申请日前已签订载明该发明人并约定归属的合同（合作、委托、转让）。"
                  "本规则追查近十二个月的申请。"),
    },
    fails=(
        "kind: Person\nid: qian.yu\nname: Qian Yu\njoined: 2026-07-01\n---\n"
        "kind: Patent\nid: HXP-CN-2026-004\ntitle: CO2 gas cooler plate\njurisdiction: CN\nstatus: pending\n"
        "application_date: 2026-03-12\ninventors: [qian.yu]\n"
    ),
    passes=(
        "kind: Person\nid: qian.yu\nname: Qian Yu\njoined: 2026-07-01\n---\n"
        "kind: Patent\nid: HXP-CN-2026-004\ntitle: CO2 gas cooler plate\njurisdiction: CN\nstatus: pending\n"
        "application_date: 2026-09-12\ninventors: [qian.yu]\n"
    ),
    messages={
        "default": {
            "en": "Patent {subject} '{title}' was filed on {filed}, before its inventor {name} ({person}) joined on "
                  "{joined}",
            "zh-CN": "专利{subject}“{title}”的申请日为{filed}，早于其发明人{name}（{person}）的入职日期{joined}",
        },
        "left": {
            "en": "Patent {subject} '{title}' was filed on {filed}, more than a year after its inventor {name} "
                  "({person}) left on {left}",
            "zh-CN": "专利{subject}“{title}”的申请日为{filed}，距其发明人{name}（{person}）于{left}离职已超过一年",
        },
    },
    fix={
        "en": "Have the IP department establish who owns {subject} '{title}': obtain the assignment or a written "
              "confirmation from {name} (and from a former employer where the invention was made there), keep it "
              "with the patent file, and correct the inventors or the dates if the register is wrong.",
        "zh-CN": "由知识产权管理部门查明{subject}“{title}”的归属：取得{name}（发明在原单位完成的，还需原单位）的转让协议或"
                 "书面确认，与专利档案一并保存；如登记信息有误，更正发明人或日期。",
    },
)
def inventors_with_the_enterprise(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    signed = ownership_signed(decl)
    since = year_before(ctx.as_of)
    for patent in decl.of(Patent):
        filed = patent.application_date
        if filed is None or not since <= filed <= ctx.as_of:
            continue
        for index, person_id in enumerate(patent.inventors):
            person = decl.get(person_id, Person)
            if person is None:
                continue  # an unresolved reference is IPX001
            agreed = signed.get(person_id, ())
            values = {"title": patent.title, "filed": filed, "person": person.id, "name": person.name}
            if person.joined is not None and person.joined > filed:
                if not any(date <= filed for date in agreed):
                    yield Violation(subject=patent.id, path=("inventors", index), key=person.id,
                                    values={**values, "joined": person.joined})
            elif person.left is not None and filed > shift(person.left, "+", SERVICE_INVENTION_YEARS, "y"):
                if not any(person.left < date <= filed for date in agreed):
                    yield Violation(subject=patent.id, path=("inventors", index), key=person.id, template="left",
                                    values={**values, "left": person.left})
