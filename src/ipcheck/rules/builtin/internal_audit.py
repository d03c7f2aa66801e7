"""Rules of the internal audit (stage ``internal-audit``): the programme in force, what it
covers, whether its audits reached every procedure and unit, and the independence of the
auditors. Nonconformity handling is in the pack (rules/packs/stages-run.yaml).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence

from ipcheck.model.declaration import Declaration
from ipcheck.model.kinds import Audit, AuditProgramme, Item, Person, Procedure, Unit
from ipcheck.rules.api import CheckContext, LangText, Violation, rule
from ipcheck.rules.builtin.common import labelled, name_or_phrase, year_before


def current_programmes(decl: Declaration, as_of: dt.date) -> list[AuditProgramme]:
    """Programmes whose cycle has begun and covers ``as_of`` or ended within twelve months."""
    year_ago = year_before(as_of)
    return [p for p in decl.of(AuditProgramme)
            if p.cycle_start is not None and p.cycle_start <= as_of
            and (p.cycle_end is None or p.cycle_end >= year_ago)]


def programme_audits(programme: AuditProgramme, audits: Sequence[Audit]) -> list[Audit]:
    """Audits of a programme: those naming it, or, naming none, dated within its cycle."""
    mine = []
    for audit in audits:
        if audit.programme is not None:
            if audit.programme == programme.id:
                mine.append(audit)
        elif (audit.date is not None and programme.cycle_start is not None and audit.date >= programme.cycle_start
              and (programme.cycle_end is None or audit.date <= programme.cycle_end)):
            mine.append(audit)
    return mine


def _programme_values(decl: Declaration, programme: AuditProgramme, item_id: str,
                      item: Item | None) -> dict[str, object]:
    """Values of the texts about a procedure or unit missing from a programme's audits."""
    return {"item": labelled(item_id, item), "programme": programme.id, "title": programme.title,
            "approver": name_or_phrase(decl, programme.approved_by, "the management representative", "管理者代表")}


@rule(
    reads=("AuditProgramme",),
    id="IP701",
    title={
        "en": "An internal audit programme is in force",
        "zh-CN": "内部审核方案现行有效",
    },
    severity="major",
    stage="internal-audit",
    clauses=("internal-audit",),
    rationale={
        "en": (
            "Internal audits are planned in a programme for a cycle (in practice a year) so that "
            "every procedure and unit is audited. No programme covering today, or ended within the "
            "past twelve months, means the internal audit is not planned at all."
        ),
        "zh-CN": (
            "内部审核应按周期（实践中为一年）在审核方案中策划，确保每个程序和部门都受到审核。"
            "没有覆盖当前日期、或在过去十二个月内结束的方案，说明内部审核根本没有策划。"
        ),
    },
    fails="""\
kind: AuditProgramme
id: IAP-2024
title: Internal audit programme 2024
cycle_start: 2024-01-01
cycle_end: 2024-12-31
""",
    passes="""\
kind: AuditProgramme
id: IAP-2026
title: Internal audit programme 2026
cycle_start: 2026-01-01
cycle_end: 2026-12-31
approved_by: liu.hong
""",
    messages={
        "default": {
            "en": "No internal audit programme covers {as_of}",
            "zh-CN": "没有覆盖{as_of}的内部审核方案",
        },
        "undated": {
            "en": "No internal audit programme is in force on {as_of}: programme {subject} '{title}' has no cycle "
                  "(cycle_start, cycle_end), so it covers no period",
            "zh-CN": "{as_of}没有现行有效的内部审核方案：方案{subject}“{title}”未规定审核周期（cycle_start、cycle_end），"
                     "不覆盖任何期间",
        },
        "ended": {
            "en": "No internal audit programme is in force on {as_of}: the latest, {subject} '{title}', ended on "
                  "{ended}",
            "zh-CN": "{as_of}没有现行有效的内部审核方案：最近的方案{subject}“{title}”已于{ended}结束",
        },
    },
    fix={
        "en": "Have the management representative draw up the internal audit programme for the current cycle, "
              "covering every procedure and every unit, have it approved, and declare it (`kind: AuditProgramme`).",
        "zh-CN": "请管理者代表制定本周期的内部审核方案，覆盖全部程序和全部部门，经批准后予以声明（kind: AuditProgramme）。",
    },
)
def no_programme_in_force(ctx: CheckContext) -> Iterator[Violation]:
    decl, as_of = ctx.declaration, ctx.as_of
    if current_programmes(decl, as_of):
        return
    undated = [p for p in decl.of(AuditProgramme) if p.cycle_start is None]
    if undated:
        first = undated[0]
        yield Violation(subject=first.id, path=("cycle_start",), template="undated",
                        values={"as_of": as_of, "title": first.title})
        return
    ended = [p for p in decl.of(AuditProgramme) if p.cycle_end is not None and p.cycle_end <= as_of]
    if ended:
        last = max(ended, key=lambda p: p.cycle_end)  # type: ignore[arg-type, return-value]
        yield Violation(subject=last.id, path=("cycle_end",), template="ended",
                        values={"as_of": as_of, "title": last.title, "ended": last.cycle_end})
    else:
        yield Violation(values={"as_of": as_of})


def _coverage_check(kind: type[Procedure | Unit], field: str) -> Callable[[CheckContext], Iterator[Violation]]:
    """A check that every declared ``kind`` is in the ``field`` of some current programme,
    reported at the latest programme."""
    def check(ctx: CheckContext) -> Iterator[Violation]:
        decl = ctx.declaration
        programmes = current_programmes(decl, ctx.as_of)
        if not programmes:
            return
        covered: set[str] = set()
        for p in programmes:
            covered.update(getattr(p, field))
        latest = max(programmes, key=lambda p: p.cycle_start)  # type: ignore[arg-type, return-value]
        for item in decl.of(kind):
            if item.id not in covered:
                yield Violation(subject=latest.id, path=(field,), key=item.id,
                                values=_programme_values(decl, latest, item.id, item))
    return check


def _cover_fix(what: str, what_zh: str) -> dict[str, str]:
    return {
        "en": f"Have {{approver}} revise programme {{programme}} to include {what} {{item}} in the cycle's "
              "audits, and schedule an audit of it before the cycle ends.",
        "zh-CN": f"请{{approver}}修订方案{{programme}}，将{what_zh}{{item}}纳入本周期的审核，并在周期结束前安排对其审核。",
    }


programme_misses_procedure = rule(
    id="IP702",
    reads=("AuditProgramme", "Person", "Procedure"),
    title={
        "en": "The audit programme covers every procedure",
        "zh-CN": "审核方案覆盖全部程序",
    },
    severity="minor",
    stage="internal-audit",
    clauses=("internal-audit",),
    rationale={
        "en": (
            "Over its cycle the audit programme must reach every control procedure of the system; a "
            "procedure left out goes unaudited for a whole cycle."
        ),
        "zh-CN": "审核方案在其周期内必须覆盖体系的每一个控制程序；被遗漏的程序将整整一个周期得不到审核。",
    },
    fails="""\
kind: AuditProgramme
id: IAP-2026
title: Internal audit programme 2026
cycle_start: 2026-01-01
cycle_end: 2026-12-31
procedures: [PR-01, PR-02]   # PR-03 is not in the programme
---
kind: Procedure
items:
  - {id: PR-01, title: Document control}
  - {id: PR-02, title: IP acquisition}
  - {id: PR-03, title: Patent search}
""",
    passes="""\
kind: AuditProgramme
id: IAP-2026
title: Internal audit programme 2026
cycle_start: 2026-01-01
cycle_end: 2026-12-31
procedures: [PR-01, PR-02, PR-03]
---
kind: Procedure
items:
  - {id: PR-01, title: Document control}
  - {id: PR-02, title: IP acquisition}
  - {id: PR-03, title: Patent search}
""",
    messages={
        "default": {
            "en": "Procedure {item} is not covered by the internal audit programme {subject} '{title}'",
            "zh-CN": "程序{item}未纳入内部审核方案{subject}“{title}”",
        },
    },
    fix=_cover_fix("procedure", "程序"),
)(_coverage_check(Procedure, "procedures"))

programme_misses_unit = rule(
    id="IP703",
    reads=("AuditProgramme", "Person", "Unit"),
    title={
        "en": "The audit programme covers every unit",
        "zh-CN": "审核方案覆盖全部部门",
    },
    severity="minor",
    stage="internal-audit",
    clauses=("internal-audit",),
    rationale={
        "en": (
            "Every department applies the system, so every department is audited at least once per "
            "cycle; a unit left out of the programme is a blind spot of the internal audit."
        ),
        "zh-CN": "每个部门都在执行体系，因此每个部门在每个周期内至少接受一次审核；被方案遗漏的部门是内部审核的盲区。",
    },
    fails="""\
kind: AuditProgramme
id: IAP-2026
title: Internal audit programme 2026
cycle_start: 2026-01-01
cycle_end: 2026-12-31
units: [U-IPD, U-RD]          # U-PUR is not in the programme
---
kind: Unit
items:
  - {id: U-IPD, name: Legal & IP Department}
  - {id: U-RD, name: R&D Centre}
  - {id: U-PUR, name: Procurement Department}
""",
    passes="""\
kind: AuditProgramme
id: IAP-2026
title: Internal audit programme 2026
cycle_start: 2026-01-01
cycle_end: 2026-12-31
units: [U-IPD, U-RD, U-PUR]
---
kind: Unit
items:
  - {id: U-IPD, name: Legal & IP Department}
  - {id: U-RD, name: R&D Centre}
  - {id: U-PUR, name: Procurement Department}
""",
    messages={
        "default": {
            "en": "Unit {item} is not covered by the internal audit programme {subject} '{title}'",
            "zh-CN": "部门{item}未纳入内部审核方案{subject}“{title}”",
        },
    },
    fix=_cover_fix("unit", "部门"),
)(_coverage_check(Unit, "units"))


def _audited_check(field: str) -> Callable[[CheckContext], Iterator[Violation]]:
    """A check that every entry of a current programme's ``field`` is reached by one of its
    audits (while the cycle runs, an audit dated later than the check date counts as scheduled)."""
    def check(ctx: CheckContext) -> Iterator[Violation]:
        decl, as_of = ctx.declaration, ctx.as_of
        audits = decl.of(Audit)
        for programme in current_programmes(decl, as_of):
            ended = programme.cycle_end is not None and programme.cycle_end < as_of
            reached: set[str] = set()
            for audit in programme_audits(programme, audits):
                if audit.date is not None and (audit.date <= as_of or not ended):
                    reached.update(getattr(audit, field))
            template = "ended" if ended else "running" if programme.cycle_end is not None else "open-ended"
            for index, target in enumerate(getattr(programme, field)):
                if target in reached:
                    continue
                values = {**_programme_values(decl, programme, target, decl.get(target)),
                          "cycle_end": programme.cycle_end}
                yield Violation(subject=programme.id, path=(field, index), key=target, values=values,
                                template=template)
    return check


def _audited_messages(what: str, what_zh: str) -> dict[str, LangText]:
    return {
        "ended": {
            "en": f"{what} {{item}} is in audit programme {{subject}}, whose cycle ended on {{cycle_end}}, but no "
                  "audit of it was performed",
            "zh-CN": f"{what_zh}{{item}}列入了审核方案{{subject}}，该方案周期已于{{cycle_end}}结束，但从未对其实施审核",
        },
        "running": {
            "en": f"{what} {{item}} is in audit programme {{subject}} but no audit of it is performed or scheduled "
                  "in the cycle to {cycle_end}",
            "zh-CN": f"{what_zh}{{item}}列入了审核方案{{subject}}，但截至{{cycle_end}}的本周期内既未实施也未安排对其审核",
        },
        "open-ended": {
            "en": f"{what} {{item}} is in audit programme {{subject}} but no audit of it is performed or scheduled "
                  "in the cycle (open end)",
            "zh-CN": f"{what_zh}{{item}}列入了审核方案{{subject}}，但本周期（未规定结束日期）内既未实施也未安排对其审核",
        },
    }


procedure_never_audited = rule(
    id="IP704",
    reads=("Audit", "AuditProgramme", "Person", "Procedure"),
    title={
        "en": "Every procedure of the audit programme is audited",
        "zh-CN": "审核方案中的每个程序均已审核",
    },
    severity="minor",
    stage="internal-audit",
    clauses=("internal-audit",),
    rationale={
        "en": (
            "A programme is evidence of intent; the audits are the evidence of the check. Each "
            "procedure in the programme must be audited in the cycle (while the cycle runs, at "
            "least scheduled: an audit dated later than the check date counts as scheduled)."
        ),
        "zh-CN": (
            "方案只是意图的证据，审核才是检查的证据。方案中的每个程序都必须在本周期内接受审核"
            "（周期进行中时至少已经安排：日期晚于检查日的审核视为已安排）。"
        ),
    },
    fails="""\
kind: AuditProgramme
id: IAP-2025
title: Internal audit programme 2025
cycle_start: 2025-01-01
cycle_end: 2025-12-31
procedures: [PR-02, PR-05]
---
kind: Audit
id: IA-2025-01
programme: IAP-2025
date: 2025-06-10
procedures: [PR-02]           # PR-05 never audited
""",
    passes="""\
kind: Audit
id: IA-2025-01
programme: IAP-2025
date: 2025-06-10
procedures: [PR-02, PR-05]
""",
    messages=_audited_messages("Procedure", "程序"),
    fix={
        "en": "Have {approver} schedule an audit of procedure {item} under programme {programme} with auditors "
              "independent of the units concerned, and hold it (if the cycle has ended, at the start of the next "
              "cycle).",
        "zh-CN": "请{approver}按方案{programme}安排对程序{item}的审核，由独立于相关部门的内审员实施"
                 "（如周期已结束，则在下一周期开始时实施）。",
    },
)(_audited_check("procedures"))

unit_never_audited = rule(
    id="IP705",
    reads=("Audit", "AuditProgramme", "Person", "Unit"),
    title={
        "en": "Every unit of the audit programme is audited",
        "zh-CN": "审核方案中的每个部门均已审核",
    },
    severity="minor",
    stage="internal-audit",
    clauses=("internal-audit",),
    rationale={
        "en": (
            "Each unit named in the programme must be visited by an audit in the cycle (while the "
            "cycle runs, at least scheduled); otherwise the programme was not carried out."
        ),
        "zh-CN": "方案中列出的每个部门都必须在本周期内接受审核（周期进行中时至少已经安排）；否则方案未得到执行。",
    },
    fails="""\
kind: AuditProgramme
id: IAP-2025
title: Internal audit programme 2025
cycle_start: 2025-01-01
cycle_end: 2025-12-31
units: [U-RD, U-PUR]
---
kind: Audit
id: IA-2025-01
programme: IAP-2025
date: 2025-06-10
units: [U-RD]                 # U-PUR never audited
""",
    passes="""\
kind: Audit
id: IA-2025-01
programme: IAP-2025
date: 2025-06-10
units: [U-RD, U-PUR]
""",
    messages=_audited_messages("Unit", "部门"),
    fix={
        "en": "Have {approver} schedule an audit of unit {item} under programme {programme} with auditors from "
              "other units, and hold it (if the cycle has ended, at the start of the next cycle).",
        "zh-CN": "请{approver}按方案{programme}安排对部门{item}的审核，由其他部门的内审员实施"
                 "（如周期已结束，则在下一周期开始时实施）。",
    },
)(_audited_check("units"))


@rule(
    reads=("Audit", "Person", "Unit"),
    id="IP707",
    title={
        "en": "Auditors are independent of the units they audit",
        "zh-CN": "内审员独立于其审核的部门",
    },
    severity="minor",
    stage="internal-audit",
    clauses=("internal-audit",),
    rationale={
        "en": (
            "ISO 19011 and the standard require auditors who do not audit their own work: an "
            "auditor from an audited unit cannot give an objective finding on it."
        ),
        "zh-CN": "ISO 19011和本标准都要求内审员不审核自己的工作：来自受审核部门的内审员无法对该部门作出客观的审核发现。",
    },
    fails="""\
kind: Person
id: li.na
name: Li Na
unit: U-RD
---
kind: Audit
id: IA-2026-02
date: 2026-06-16
lead_auditor: li.na
units: [U-RD]
""",
    passes="""\
kind: Audit
id: IA-2026-02
date: 2026-06-16
lead_auditor: tang.qian   # Quality Department
units: [U-RD]
""",
    messages={
        "default": {
            "en": "Audit {subject} audits unit {unit} '{unit_name}' with auditor {auditor} ({auditor_id}), who "
                  "belongs to that unit",
            "zh-CN": "审核{subject}由该部门的成员{auditor}（{auditor_id}）担任内审员，审核部门{unit}“{unit_name}”",
        },
        "lead-auditor": {
            "en": "Audit {subject} audits unit {unit} '{unit_name}' with lead auditor {auditor} ({auditor_id}), who "
                  "belongs to that unit",
            "zh-CN": "审核{subject}由该部门的成员{auditor}（{auditor_id}）担任审核组长，审核部门{unit}“{unit_name}”",
        },
    },
    fix={
        "en": "Have the management representative re-audit unit {unit} '{unit_name}' in audit {subject} with an "
              "auditor from another unit in place of {auditor}, and check auditor assignments against the audited "
              "units when audit plans are drawn up.",
        "zh-CN": "请管理者代表安排其他部门的内审员替代{auditor}，重新审核审核{subject}中的部门{unit}“{unit_name}”，"
                 "并在编制审核计划时对照受审核部门核查内审员的分配。",
    },
)
def auditor_audits_own_unit(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    persons = {p.id: p for p in decl.of(Person)}
    for audit in decl.of(Audit):
        if not audit.units:
            continue
        audited = set(audit.units)
        slots: list[tuple[tuple[str | int, ...], str]] = []
        if audit.lead_auditor is not None:
            slots.append((("lead_auditor",), audit.lead_auditor))
        slots += [(("auditors", i), a) for i, a in enumerate(audit.auditors)]
        seen: set[str] = set()
        for path, person_id in slots:
            person = persons.get(person_id)
            if person is None or person.unit not in audited or person_id in seen:
                continue
            seen.add(person_id)
            unit = decl.get(person.unit, Unit)
            yield Violation(
                subject=audit.id, path=path, key=person_id,
                template="lead-auditor" if path[0] == "lead_auditor" else "default",
                values={"unit": person.unit, "unit_name": unit.name if unit is not None else person.unit,
                        "auditor": person.name, "auditor_id": person.id},
            )

