"""The watch for infringements of the enterprise's IP (2013 7.4.2; 2023 8), stage
``operation``: record forms declared with ``purpose: infringement-monitoring`` cover the
protection types their procedures govern, and records on them show the watch is kept.

Periodic forms are judged at their own frequency by IP601 (never recorded) and IP602
(lapsed); the rules here report what those cannot: no monitoring form at all, a protection
type in scope that no monitoring form covers, and event-driven forms with no record in
twelve months.
"""

from __future__ import annotations

from collections.abc import Iterator

from ipcheck.i18n import Amount, Term
from ipcheck.model.declaration import Declaration
from ipcheck.model.kinds import Procedure, RecordForm
from ipcheck.rules.api import CheckContext, Violation, rule
from ipcheck.rules.builtin.common import labelled, manual_issued, year_before
from ipcheck.rules.builtin.operation import PERIODS, in_force, operated, records_by_form
from ipcheck.rules.builtin.protection_system import governing, responsible
from ipcheck.rules.engine import protection_scope

PURPOSE = "infringement-monitoring"
MONITORING_MONTHS = 12
"""How recent the latest record on an event-driven monitoring form must be."""


def monitoring_forms(decl: Declaration) -> list[RecordForm]:
    """The forms declared for infringement monitoring, in file order."""
    return [f for f in decl.of(RecordForm) if f.purpose == PURPOSE]


def covers(decl: Declaration, form: RecordForm, protection: str) -> bool:
    """Whether ``form`` monitors ``protection``: its procedure governs that type (a form of
    no declared procedure counts for every type: IP411 and IPX001 report it)."""
    procedure = decl.get(form.procedure, Procedure)
    return procedure is None or protection in procedure.protection


@rule(
    reads=("Enterprise", "Manual", "Record", "RecordForm"),
    id="IP690",
    title={
        "en": "Infringements of the enterprise's IP are monitored",
        "zh-CN": "对企业知识产权被侵犯的情况进行监控",
    },
    severity="major",
    stage="operation",
    clauses=("disputes",),
    rationale={
        "en": (
            "The enterprise finds infringements of its IP in time and monitors them (2013 7.4.2): copies of its "
            "products on the market and online, marks filed or used by others that conflict with its own, "
            "leaks of its secrets. The watch is evidenced by records on the forms its procedures give it, declared "
            "with purpose: infringement-monitoring. A system with no such form does not address the requirement "
            "at all: major. (Whether the forms are filled in at their frequency is IP601 and IP602; a protection "
            "type left out, IP691.)"
        ),
        "zh-CN": (
            "企业应及时发现和监控知识产权被侵犯的情况（2013版7.4.2）：市场上和网络上仿冒企业产品的情况、他人申请或使用的"
            "与企业商标相冲突的标识、商业秘密的泄露。监控以程序规定的表单上的记录为证，这些表单声明为"
            "purpose: infringement-monitoring。体系中没有此类表单，即完全未满足该要求：严重不符合。"
            "（表单是否按频次填写由IP601和IP602判断；遗漏某种保护类型由IP691判断。）"
        ),
    },
    fails="""\
kind: RecordForm
id: F-13-3
title: Market infringement monitoring report
procedure: PR-13
frequency: quarterly
---
kind: Record
id: R26-0301
form: F-13-3
date: 2026-09-25
""",
    passes="""\
kind: RecordForm
id: F-13-3
title: Market infringement monitoring report
procedure: PR-13
frequency: quarterly
purpose: infringement-monitoring
---
kind: Record
id: R26-0301
form: F-13-3
date: 2026-09-25
""",
    messages={
        "default": {
            "en": "No record form is declared for infringement monitoring (purpose: infringement-monitoring): "
                  "nothing shows that infringements of {types} are watched for",
            "zh-CN": "没有声明用于侵权监控的记录表单（purpose: infringement-monitoring）：没有证据表明对{types}"
                     "被侵犯的情况进行了监控",
        },
    },
    fix={
        "en": "Set up the watch for infringements of {types} in the procedure that governs disputes (market and "
              "online checks for copies, a watch of conflicting marks, leak checks of secrets), give it a record "
              "form with a frequency, declare the form with purpose: infringement-monitoring, and record the first "
              "round now.",
        "zh-CN": "在争议处理程序中建立对{types}被侵权情况的监控（市场和网络仿冒巡查、冲突商标监测、泄密检查），"
                 "为其设置规定频次的记录表单，将该表单声明为purpose: infringement-monitoring，并立即完成首次监控记录。",
    },
)
def no_infringement_monitoring(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    if monitoring_forms(decl) or not operated(decl, ctx.as_of):
        return  # IP603 when the system is not operated at all
    yield Violation(values={"types": [Term("protection", p) for p in protection_scope(ctx)]})


@rule(
    reads=("Enterprise", "Manual", "Person", "Procedure", "Record", "RecordForm", "Role"),
    id="IP691",
    title={
        "en": "Every protection type in scope is monitored for infringements within its interval",
        "zh-CN": "体系范围内的每种保护类型均按规定间隔进行侵权监控",
    },
    severity="minor",
    stage="operation",
    clauses=("disputes",),
    rationale={
        "en": (
            "Each protection type the system covers is watched for infringements (2013 7.4.2) on a form declared "
            "with purpose: infringement-monitoring whose procedure governs that type. A type in scope that no such "
            "form covers is not watched (one that no procedure governs at all is IPP001, IPT001, IPC001 or "
            "IPS001); a form kept per event with no record in the last twelve months shows the watch has stopped. Either is a lapse for that type: minor. "
            "Periodic forms are judged at their frequency by IP601 and IP602; a system with no monitoring form at "
            "all is IP690."
        ),
        "zh-CN": (
            "体系覆盖的每种保护类型都应进行侵权监控（2013版7.4.2），监控记录在声明为purpose: infringement-monitoring、"
            "且其所属程序涵盖该类型的表单上。体系范围内的某种类型没有任何此类表单涵盖，"
            "即未受监控（完全没有程序涵盖的类型由IPP001、IPT001、IPC001或IPS001报告）；按事件填写的监控表单近十二个月没有记录，"
            "说明监控已中断。两者均为该类型的个别疏漏：一般不符合。"
            "定期表单是否按频次填写由IP601和IP602判断；体系中完全没有监控表单的由IP690报告。"
        ),
    },
    fails="""\
kind: Enterprise
id: acme
name: Acme Valves Co., Ltd.
protection_scope: [patent, trademark]
---
kind: Procedure
items:
  - {id: PR-05, title: Trademark management, protection: [trademark]}
  - {id: PR-13, title: Sales and after-sales, protection: [patent]}
---
kind: RecordForm
id: F-13-3
title: Market infringement monitoring report
procedure: PR-13
frequency: quarterly
purpose: infringement-monitoring
---
kind: Record
id: R26-0301
form: F-13-3
date: 2026-09-25
""",
    passes="""\
kind: Enterprise
id: acme
name: Acme Valves Co., Ltd.
protection_scope: [patent, trademark]
---
kind: Procedure
items:
  - {id: PR-05, title: Trademark management, protection: [trademark]}
  - {id: PR-13, title: Sales and after-sales, protection: [patent, trademark]}
---
kind: RecordForm
id: F-13-3
title: Market infringement monitoring report
procedure: PR-13
frequency: quarterly
purpose: infringement-monitoring
---
kind: Record
id: R26-0301
form: F-13-3
date: 2026-09-25
""",
    messages={
        "default": {
            "en": "No infringement monitoring form covers {type}, which the system's scope includes: the monitoring "
                  "forms {forms} belong to procedures that do not govern them",
            "zh-CN": "体系范围内的{type}未纳入任何侵权监控表单：监控表单{forms}所属的程序均不涵盖该类型",
        },
        "none-in-year": {
            "en": "{type}: no infringement monitoring recorded on {forms} in the {period} before {as_of} "
                  "(the latest on {latest})",
            "zh-CN": "{type}：{as_of}之前{period}内，{forms}上没有侵权监控记录（最近一次为{latest}）",
        },
        "never": {
            "en": "{type}: no infringement monitoring has ever been recorded on {forms}",
            "zh-CN": "{type}：{forms}上从未有过侵权监控记录",
        },
    },
    fix={
        "en": "Have {responsible} watch {type} for infringements now and record it on a form declared with "
              "purpose: infringement-monitoring whose procedure governs {protection} (add {protection} to the "
              "procedure's protection, or give it a form of its own), with a frequency that brings a record at "
              "least every {period}.",
        "zh-CN": "请{responsible}立即对{type}开展侵权监控，并记录在声明为purpose: infringement-monitoring、且所属程序涵盖"
                 "{protection}的表单上（在程序的protection中增加{protection}，或为其单独设置表单），"
                 "规定的频次应保证至少每{period}有一次记录。",
    },
)
def type_not_monitored(ctx: CheckContext) -> Iterator[Violation]:
    decl, as_of = ctx.declaration, ctx.as_of
    forms = monitoring_forms(decl)
    if not forms or not operated(decl, as_of):
        return  # IP690, IP603
    grouped = records_by_form(decl, as_of)
    _, issued = manual_issued(decl)
    since = year_before(as_of)
    period = Amount(MONITORING_MONTHS, "month")
    for protection in protection_scope(ctx):
        if not governing(decl, protection):
            continue  # no procedure governs the type at all: IPP001, IPT001, IPC001, IPS001
        covering = [f for f in forms if covers(decl, f, protection)]
        values = {"type": Term("protection", protection), "protection": protection, "period": period,
                  "responsible": responsible(decl, protection),
                  "forms": [labelled(f.id, f) for f in (covering or forms)]}
        if not covering:
            yield Violation(key=protection, protection=protection, values=values)
            continue
        if any(f.frequency in PERIODS for f in covering):
            continue  # judged at its frequency by IP601 and IP602
        started = [in_force(decl, f, issued) for f in covering]
        if any(start is not None and start > since for start in started):
            continue  # a form in force for less than twelve months
        dates = [r.date for f in covering for r in grouped.get(f.id, [])]
        latest = max(dates, default=None)
        if latest is not None and latest >= since:
            continue
        template = "never" if latest is None else "none-in-year"
        yield Violation(subject=covering[0].id, path=("purpose",), key=protection, protection=protection,
                        template=template, values={**values, "latest": latest, "as_of": as_of})
