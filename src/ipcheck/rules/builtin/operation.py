"""Rules of implementation and operation (stage ``operation``): records on the forms of the
system, monitoring, the IP work of R&D projects, entry and exit checks.

These checks compare items with one another (records with their forms, projects with the
records about them), which a declarative pack cannot say. Each rule makes one pass over the
items it needs, with dicts and sets for the lookups.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Container, Iterator, Mapping
from types import MappingProxyType

from ipcheck.i18n import Amount, Term, Text, Words, join_list
from ipcheck.model.declaration import Declaration
from ipcheck.model.kinds import (
    Copyright,
    Patent,
    Person,
    Procedure,
    Project,
    Record,
    RecordForm,
    Role,
    TradeSecret,
    Unit,
)
from ipcheck.rules.api import CheckContext, Summary, Systemic, Violation, rule
from ipcheck.rules.builtin.common import (
    manual_issued,
    named_item,
    operated,
    per_declaration,
    phrase,
    project_leader,
    records_about,
    staff_checked,
    year_before,
)
from ipcheck.rules.conditions import shift

# --- shared helpers ------------------------------------------------------------------

#: A periodic frequency as (amount, unit) for :func:`ipcheck.rules.conditions.shift`.
PERIODS: dict[str, tuple[int, str]] = {
    "weekly": (7, "d"),
    "monthly": (1, "m"),
    "quarterly": (3, "m"),
    "half-yearly": (6, "m"),
    "yearly": (12, "m"),
}

#: The counted unit (glossary ``units``) of one period of a frequency: "3 months", "3个月".
PERIOD_UNITS: dict[str, str] = {
    "weekly": "week",
    "monthly": "month",
    "quarterly": "quarter",
    "half-yearly": "half-year",
    "yearly": "year",
}


def back(date: dt.date, frequency: str, times: int = 1) -> dt.date:
    """``date`` moved back by ``times`` periods of ``frequency``."""
    amount, unit = PERIODS[frequency]
    return shift(date, "-", amount * times, unit)


def in_force(decl: Declaration, form: RecordForm, fallback: dt.date | None) -> dt.date | None:
    """When a form came into force: its procedure's issue date, else the manual's."""
    procedure = decl.get(form.procedure, Procedure)
    if procedure is not None and procedure.issued is not None:
        return procedure.issued
    return fallback


@per_declaration
def records_by_form(decl: Declaration, as_of: dt.date) -> Mapping[str, list[Record]]:
    """Records made up to ``as_of``, grouped by form id (declaration order)."""
    grouped: dict[str, list[Record]] = {}
    for record in decl.of(Record):
        if record.date <= as_of:
            grouped.setdefault(record.form, []).append(record)
    return MappingProxyType(grouped)


def procedure_owner(decl: Declaration, procedure_id: str | None) -> str | Words:
    """Who answers for a procedure, for corrective actions: the title of the role owning it
    with the names of its holders, the bare role id when undeclared, else a phrase."""
    procedure = decl.get(procedure_id, Procedure)
    if procedure is None or procedure.owner is None:
        return phrase("the owner of the procedure", "程序负责人")
    role = decl.get(procedure.owner, Role)
    if role is None:
        return procedure.owner
    holders = [named_item(decl, h, Person) for h in role.holders]
    if not holders:
        return role.title
    return Words(Text(f"{role.title} ({join_list(holders, 'en')})",
                      {"zh-CN": f"{role.title}（{join_list(holders, 'zh-CN')}）"}))


def _forms_due(decl: Declaration, as_of: dt.date) -> Iterator[tuple[RecordForm, dt.date, dt.date | None]]:
    """Periodic forms in force for at least one whole period by ``as_of``, each with the start
    of its latest period and the date it came into force (None when not known)."""
    _, issued = manual_issued(decl)
    for form in decl.of(RecordForm):
        if form.frequency not in PERIODS:
            continue
        since = back(as_of, form.frequency)
        start = in_force(decl, form, issued)
        if start is not None and start > since:
            continue  # not yet in force for a whole period
        yield form, since, start


def _form_values(decl: Declaration, form: RecordForm, **more: object) -> dict[str, object]:
    """Values of a periodic form's texts: its title, who answers for it, its frequency and period."""
    return {"form": form.title, "owner": procedure_owner(decl, form.procedure),
            "frequency": Term("frequency", form.frequency),  # type: ignore[arg-type]
            "period": Term("period", form.frequency), **more}  # type: ignore[arg-type]


# --- records on the forms ----------------------------------------------------------------

_FORM_FAILS = """\
kind: RecordForm
id: F-04-1
title: Deadline and annuity docket check
procedure: PR-04
frequency: weekly
---
kind: Record                 # records on other forms, none on F-04-1
id: R-2026-0398
form: F-02-2
date: 2026-11-12
"""

_FORM_PASSES = """\
kind: RecordForm
id: F-04-1
title: Deadline and annuity docket check
procedure: PR-04
frequency: weekly
---
kind: Record
id: R-2026-0412
form: F-04-1
date: 2026-11-20
made_by: he.jing
"""


@rule(
    reads=("Manual", "Person", "Procedure", "Record", "RecordForm", "Role"),
    id="IP601",
    title={
        "en": "Records are made on every periodic record form",
        "zh-CN": "每张定期记录表单均有记录",
    },
    severity="major",
    stage="operation",
    clauses=("records", "monitoring"),
    rationale={
        "en": (
            "A form with a weekly, monthly, quarterly, half-yearly or yearly frequency that has "
            "never been filled in, although it has been in force for more than one period, shows "
            "that the procedure it belongs to is not carried out at all: the auditor finds a "
            "documented system that does not run. (When no form at all has a record since the "
            "manual was issued, IP603 reports that once instead.)"
        ),
        "zh-CN": (
            "按周、月、季度、半年或年填写的表单，生效已超过一个周期却从未填写过，说明其所属程序根本没有执行："
            "审核员看到的是一个只停留在纸面上的体系。（若手册发布以来所有表单均无记录，则由IP603报告一次。）"
        ),
    },
    fails=_FORM_FAILS,
    passes=_FORM_PASSES,
    messages={
        "default": {
            "en": "RecordForm {subject} '{form}' is to be filled in {frequency} but no record has ever been made on it",
            "zh-CN": "记录表单{subject}“{form}”应{frequency}填写，但从未有过任何记录",
        },
        "in-force-since": {
            "en": "RecordForm {subject} '{form}' is to be filled in {frequency} but no record has ever been made "
                  "on it (in force since {start})",
            "zh-CN": "记录表单{subject}“{form}”应{frequency}填写，但自{start}生效以来从未有过任何记录",
        },
    },
    fix={
        "en": "Have {owner} carry out the activity of procedure {procedure} and record it on form {subject} "
              "('{form}') every {period}, starting now; find out why no record was ever made and whether the "
              "activity happened without a record.",
        "zh-CN": "请{owner}立即执行程序{procedure}规定的活动，并从现在起每{period}在表单{subject}（“{form}”）上记录；"
                 "查明为何从未形成记录，以及该活动是否已开展但未留记录。",
    },
)
def periodic_form_never_recorded(ctx: CheckContext) -> Iterator[Violation]:
    decl, as_of = ctx.declaration, ctx.as_of
    if not operated(decl, as_of):
        return  # IP603
    grouped = records_by_form(decl, as_of)
    for form, _, start in _forms_due(decl, as_of):
        if form.id in grouped:
            continue
        values = _form_values(decl, form, procedure=form.procedure, start=start)
        yield Violation(subject=form.id, path=("frequency",), values=values,
                        template="default" if start is None else "in-force-since")


@rule(
    reads=("Manual", "Person", "Procedure", "Record", "RecordForm", "Role"),
    id="IP602",
    title={
        "en": "Each periodic form has a record in its latest period",
        "zh-CN": "每张定期表单在最近一个周期内均有记录",
    },
    severity="minor",
    stage="operation",
    clauses=("records", "monitoring"),
    rationale={
        "en": (
            "Records are expected in every period of the form's frequency. When the latest record "
            "on a monthly form is older than a month, the activity has lapsed: an isolated lapse "
            "that the auditor grades minor, as long as the form was used before."
        ),
        "zh-CN": (
            "表单在其频次的每个周期内都应有记录。按月填写的表单，最近一条记录已超过一个月，说明该活动已中断："
            "只要该表单此前一直在使用，这是审核员判为一般不符合的个别疏漏。"
        ),
    },
    fails=_FORM_PASSES.replace("2026-11-20", "2026-09-04"),
    passes=_FORM_PASSES,
    messages={
        "default": {
            "en": "RecordForm {subject} '{form}' is to be filled in {frequency}, but its latest record, {record}, "
                  "is dated {latest}: nothing was recorded in the {period} before {as_of}",
            "zh-CN": "记录表单{subject}“{form}”应{frequency}填写，但最近一条记录{record}的日期为{latest}："
                     "{as_of}之前的一个{period}内没有任何记录",
        },
    },
    fix={
        "en": "Have {owner} make the overdue {frequency} record on form {subject} ('{form}') for the period since "
              "{latest}, and put the form on the procedure owner's calendar so that no {period} passes without a "
              "record.",
        "zh-CN": "请{owner}补做表单{subject}（“{form}”）自{latest}以来应{frequency}形成的记录，"
                 "并将该表单列入程序负责人的工作日程，确保每{period}都有记录。",
    },
)
def periodic_form_lapsed(ctx: CheckContext) -> Iterator[Violation]:
    decl, as_of = ctx.declaration, ctx.as_of
    grouped = records_by_form(decl, as_of)
    for form, since, _ in _forms_due(decl, as_of):
        if form.id not in grouped:
            continue
        latest = max(grouped[form.id], key=lambda r: r.date)
        if latest.date >= since:
            continue
        values = _form_values(decl, form, latest=latest.date, record=latest.id, as_of=as_of)
        yield Violation(subject=form.id, path=("frequency",), values=values)


@rule(
    reads=("Manual", "Record"),
    id="IP603",
    title={
        "en": "The system has been operated since the manual was issued",
        "zh-CN": "手册发布后体系已实际运行",
    },
    severity="major",
    stage="operation",
    clauses=("records", "general-requirements"),
    rationale={
        "en": (
            "Operation is evidenced by records made on the forms of the system after the manual "
            "and its procedures came into force. Without any such record the system exists on "
            "paper only: the implementation and operation stage is missing."
        ),
        "zh-CN": (
            "体系运行的证据，是手册及程序文件生效后在体系表单上形成的记录。没有任何此类记录，"
            "体系就只存在于纸面上：实施运行阶段缺失。"
        ),
    },
    fails="""\
kind: Manual
id: MAN-01
title: IP management manual
issued: 2026-03-01
# no Record dated on or after 2026-03-01
""",
    passes="""\
kind: Manual
id: MAN-01
title: IP management manual
issued: 2026-03-01
---
kind: Record
id: R-2026-0001
form: F-02-2
date: 2026-03-27
""",
    messages={
        "default": {
            "en": "No operation record has been made on any record form",
            "zh-CN": "任何记录表单上都没有运行记录",
        },
        "since-manual": {
            "en": "No operation record has been made since Manual {subject} '{manual}' was issued on {issued}",
            "zh-CN": "手册{subject}“{manual}”于{issued}发布以来，没有形成任何运行记录",
        },
        "since-manual-earlier-record": {
            "en": "No operation record has been made since Manual {subject} '{manual}' was issued on {issued}; "
                  "the latest record is dated {latest}",
            "zh-CN": "手册{subject}“{manual}”于{issued}发布以来，没有形成任何运行记录；最近一条记录的日期为{latest}",
        },
    },
    fix={
        "en": "Start operating the system: have every unit fill in the record forms of its procedures as the "
              "activities happen, and declare the records (`kind: Record`).",
        "zh-CN": "请立即运行体系：各部门在活动发生时填写其程序规定的记录表单，并声明这些记录（kind: Record）。",
    },
)
def system_not_operated(ctx: CheckContext) -> Iterator[Violation]:
    decl, as_of = ctx.declaration, ctx.as_of
    manual, issued = manual_issued(decl)
    dates = [r.date for r in decl.of(Record) if r.date <= as_of]
    if manual is None or issued is None:
        if not dates:
            yield Violation()
        return
    if issued > as_of or any(d >= issued for d in dates):
        return
    values: dict[str, object] = {"manual": manual.title, "issued": issued}
    if dates:
        values["latest"] = max(dates)
    yield Violation(subject=manual.id, path=("issued",), values=values,
                    template="since-manual-earlier-record" if dates else "since-manual")


def _spans(gaps: list[tuple[dt.date, dt.date]]) -> list[Words]:
    """Consecutive periods without a record read as one span: "2026-05-25 to 2026-09-24"."""
    spans: list[tuple[dt.date, dt.date]] = []
    for lo, hi in gaps:
        if spans and spans[-1][1] == lo:
            spans[-1] = (spans[-1][0], hi)
        else:
            spans.append((lo, hi))
    shown = []
    for lo, hi in spans:
        first, last = lo.isoformat(), (hi - dt.timedelta(days=1)).isoformat()
        shown.append(Words(Text(f"{first} to {last}", {"zh-CN": f"{first}至{last}"})))
    return shown


@rule(
    reads=("Manual", "Person", "Procedure", "Record", "RecordForm", "Role"),
    id="IP604",
    title={
        "en": "Monitoring forms have a record in every period",
        "zh-CN": "监视表单在每个周期内均有记录",
    },
    severity="minor",
    stage="operation",
    clauses=("monitoring",),
    rationale={
        "en": (
            "Monitoring is regular by definition: a monitoring form (deadline docket, competitor "
            "watch, access inspection) with gaps in its record over the past year means the risks "
            "it watches went unwatched for those periods. The latest period is judged by IP602; "
            "this rule looks at the earlier periods of the last twelve months."
        ),
        "zh-CN": (
            "监视本身就应定期进行：监视表单（期限台账、竞争对手跟踪、出入检查）在过去一年的记录中存在空档，"
            "说明其所监视的风险在这些周期内无人关注。最近一个周期由IP602判断；本规则检查最近十二个月中更早的周期。"
        ),
    },
    fails="""\
kind: RecordForm
id: F-07-2
title: Confidential area and IT access inspection
frequency: monthly
monitoring: true
---
kind: Record
items:   # none from late May to late September 2026
  - {id: R-01, form: F-07-2, date: 2025-11-25}
  - {id: R-02, form: F-07-2, date: 2025-12-25}
  - {id: R-03, form: F-07-2, date: 2026-01-25}
  - {id: R-04, form: F-07-2, date: 2026-02-25}
  - {id: R-05, form: F-07-2, date: 2026-03-25}
  - {id: R-06, form: F-07-2, date: 2026-04-25}
  - {id: R-07, form: F-07-2, date: 2026-09-25}
  - {id: R-08, form: F-07-2, date: 2026-10-25}
""",
    passes="""\
kind: RecordForm
id: F-07-2
title: Confidential area and IT access inspection
frequency: monthly
monitoring: true
---
kind: Record
items:
  - {id: R-01, form: F-07-2, date: 2025-11-25}
  - {id: R-02, form: F-07-2, date: 2025-12-25}
  - {id: R-03, form: F-07-2, date: 2026-01-25}
  - {id: R-04, form: F-07-2, date: 2026-02-25}
  - {id: R-05, form: F-07-2, date: 2026-03-25}
  - {id: R-06, form: F-07-2, date: 2026-04-25}
  - {id: R-07, form: F-07-2, date: 2026-05-25}
  - {id: R-08, form: F-07-2, date: 2026-06-25}
  - {id: R-09, form: F-07-2, date: 2026-07-25}
  - {id: R-10, form: F-07-2, date: 2026-08-25}
  - {id: R-11, form: F-07-2, date: 2026-09-25}
  - {id: R-12, form: F-07-2, date: 2026-10-25}
""",
    messages={
        "default": {
            "en": "Monitoring form {subject} '{form}' ({frequency}) has no record for {missed} of the last twelve "
                  "months ({gaps})",
            "zh-CN": "监视表单{subject}“{form}”（{frequency}）在最近十二个月中有{missed}没有记录（{gaps}）",
        },
    },
    fix={
        "en": "Have {owner} establish why form {subject} ('{form}') was not filled in for {gaps}, record the "
              "monitoring results that can still be established, and assign a deputy for the monitoring so that "
              "no {period} is missed again.",
        "zh-CN": "请{owner}查明表单{subject}（“{form}”）在{gaps}期间未填写的原因，补记仍能确认的监视结果，"
                 "并为该监视指定替补人员，确保不再遗漏任何一个{period}。",
    },
)
def monitoring_gaps(ctx: CheckContext) -> Iterator[Violation]:
    decl, as_of = ctx.declaration, ctx.as_of
    _, issued = manual_issued(decl)
    grouped = records_by_form(decl, as_of)
    year_ago = year_before(as_of)
    for form in decl.of(RecordForm):
        if not form.monitoring or form.frequency not in PERIODS or form.id not in grouped:
            continue
        start = in_force(decl, form, issued)
        window = max(year_ago, start) if start is not None else year_ago
        dates = sorted(r.date for r in grouped[form.id])
        gaps: list[tuple[dt.date, dt.date]] = []
        k = 2  # period 1 (the latest) is IP602's
        while True:
            lo, hi = back(as_of, form.frequency, k), back(as_of, form.frequency, k - 1)
            if lo < window:
                break
            i = bisect.bisect_left(dates, lo)
            if i >= len(dates) or dates[i] >= hi:
                gaps.append((lo, hi))
            k += 1
        if not gaps:
            continue
        gaps.reverse()
        values = _form_values(decl, form, gaps=_spans(gaps),
                              missed=Amount(len(gaps), PERIOD_UNITS[form.frequency]))  # type: ignore[index]
        yield Violation(subject=form.id, path=("monitoring",), values=values)


@rule(
    reads=("RecordForm",),
    id="IP606",
    title={
        "en": "The system is monitored on declared monitoring forms",
        "zh-CN": "体系通过已声明的监视表单进行监视",
    },
    severity="major",
    stage="operation",
    clauses=("monitoring",),
    rationale={
        "en": (
            "Regular monitoring (deadlines and annuities, competitors' patents, conflicting marks, "
            "access to secrets, progress on objectives) is what keeps the system working between "
            "audits. Record forms exist but none is marked as a monitoring form: no monitoring is "
            "planned. (With no record forms at all, the manual stage reports the missing forms.)"
        ),
        "zh-CN": (
            "定期监视（期限和年费、竞争对手专利、近似商标、商业秘密接触、目标进展）使体系在两次审核之间持续运转。"
            "有记录表单却没有一张标记为监视表单，说明没有策划任何监视。（完全没有记录表单时，由文件编制阶段的规则报告。）"
        ),
    },
    fails="""\
kind: RecordForm
id: F-04-1
title: Deadline and annuity docket check
frequency: weekly
""",
    passes="""\
kind: RecordForm
id: F-04-1
title: Deadline and annuity docket check
frequency: weekly
monitoring: true
""",
    messages={
        "default": {
            "en": "None of the {count} record forms is marked as a monitoring form (monitoring: true)",
            "zh-CN": "{count}张记录表单中没有一张标记为监视表单（monitoring: true）",
        },
    },
    fix={
        "en": "Have the IP department decide what is monitored and how often (annuity and deadline docket, patent "
              "and trademark watch, access to trade secrets, IP objectives), mark the forms of that monitoring "
              "`monitoring: true` with their frequency, and start the records.",
        "zh-CN": "请知识产权管理部门确定监视的内容和频次（年费和期限台账、专利和商标跟踪、商业秘密接触、知识产权目标），"
                 "将相应表单标记为monitoring: true并规定其频次，然后开始记录。",
    },
)
def no_monitoring_forms(ctx: CheckContext) -> Iterator[Violation]:
    forms = ctx.declaration.of(RecordForm)
    if forms and not any(f.monitoring for f in forms):
        yield Violation(values={"count": len(forms)})


# --- R&D projects ----------------------------------------------------------------------


def _projects_due(decl: Declaration, as_of: dt.date) -> Iterator[Project]:
    """Projects started by ``as_of`` and, when the manual is issued, on or after its issue."""
    _, issued = manual_issued(decl)
    for project in decl.of(Project):
        if project.start is None or project.start > as_of:
            continue
        if issued is not None and project.start < issued:
            continue
        yield project


@rule(
    reads=("Manual", "Person", "Project", "Record"),
    id="IP607",
    title={
        "en": "The IP work of each R&D project is recorded",
        "zh-CN": "每个研发项目的知识产权工作均有记录",
    },
    severity="minor",
    stage="operation",
    protection="patent",
    clauses=("research-development", "project-initiation", "records"),
    rationale={
        "en": (
            "Projects started since the manual was issued run under the R&D procedure: an IP plan "
            "at initiation, searches, reviews of lab notebooks and disclosures, an IP evaluation at "
            "closure. A project with no operation record about it (Record.about) shows the "
            "procedure was not applied to it. (Whether a patent search preceded the start is IPP004.)"
        ),
        "zh-CN": (
            "手册发布后启动的项目应按研发程序运行：立项时制定知识产权计划，开展检索，评审实验记录和技术交底，"
            "结题时进行知识产权评价。一个项目没有任何相关的运行记录（Record.about），说明程序未在该项目上执行。"
            "（立项前是否开展专利检索，由IPP004判断。）"
        ),
    },
    fails="""\
kind: Manual
id: MAN-01
title: IP management manual
issued: 2025-03-01
---
kind: Project
id: PJ-2026-03
name: Microchannel coil for CO2 heat pumps
leader: li.na
start: 2026-04-01
---
kind: Record                 # records about other items, none about PJ-2026-03
id: R-2026-0201
form: F-02-2
date: 2026-04-10
""",
    passes="""\
kind: Project
id: PJ-2026-03
name: Microchannel coil for CO2 heat pumps
leader: li.na
start: 2026-04-01
---
kind: Record
id: R-2026-0188
form: F-10-1
date: 2026-03-30
about: PJ-2026-03
summary: Project IP plan approved
""",
    messages={
        "default": {
            "en": "Project {subject} '{project}' started on {start} and no operation record is about it",
            "zh-CN": "项目{subject}“{project}”于{start}启动，但没有任何关于该项目的运行记录",
        },
    },
    fix={
        "en": "Have {leader_name} draw up the IP plan of project {subject} '{project}' with the IP department and "
              "record it and the project's IP reviews on the forms of the R&D procedure, each naming the project "
              "(`about: {subject}`).",
        "zh-CN": "请{leader_name}会同知识产权管理部门制定项目{subject}“{project}”的知识产权计划，"
                 "并将该计划及项目的知识产权评审记录在研发程序的表单上，每条记录均注明该项目（about: {subject}）。",
    },
)
def project_without_ip_records(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    if not operated(decl, ctx.as_of):
        return  # IP603
    about = records_about(decl, ctx.as_of)
    for project in _projects_due(decl, ctx.as_of):
        if project.id in about:
            continue
        yield Violation(subject=project.id, path=("start",),
                        values={"project": project.name, "start": project.start,
                                "leader_name": project_leader(decl, project)})


@rule(
    reads=("Manual", "Person", "Project", "Record"),
    id="IP608",
    title={
        "en": "The patent search of a project is backed by its record",
        "zh-CN": "项目的专利检索有相应记录为证",
    },
    severity="minor",
    stage="operation",
    protection="patent",
    clauses=("research-development", "records"),
    rationale={
        "en": (
            "The date of a project's patent search is only evidence when the search report is a "
            "record on the search form, made before the project started. A search with no record, "
            "or whose record is dated after the start, is a claim the auditor cannot verify."
        ),
        "zh-CN": (
            "项目专利检索的日期，只有在检索报告作为检索表单上的记录、且形成于项目启动之前时，才能作为证据。"
            "没有记录的检索，或记录日期晚于项目启动的检索，审核员都无法验证。"
        ),
    },
    fails="""\
kind: Project
id: PJ-2026-03
name: Microchannel coil for CO2 heat pumps
start: 2026-04-01
patent_search: {date: 2026-03-18, result: no blocking patent}
""",
    passes="""\
kind: Project
id: PJ-2026-03
name: Microchannel coil for CO2 heat pumps
start: 2026-04-01
patent_search: {date: 2026-03-18, record: R-2026-0151, result: no blocking patent}
---
kind: Record
id: R-2026-0151
form: F-03-1
date: 2026-03-18
about: PJ-2026-03
""",
    messages={
        "default": {
            "en": "The patent search of Project {subject} '{project}' (dated {searched}) names no record of the "
                  "search report",
            "zh-CN": "项目{subject}“{project}”的专利检索（日期{searched}）未注明检索报告的记录",
        },
        "recorded-after-start": {
            "en": "The patent search of Project {subject} '{project}' is recorded in {record}, dated {recorded}, "
                  "after the project started on {start}",
            "zh-CN": "项目{subject}“{project}”的专利检索记录在{record}中，其日期{recorded}晚于项目启动日期{start}",
        },
    },
    fix={
        "en": "Have {leader_name} file the search report of project {subject} '{project}' as a record on the "
              "patent search form (dated when the search was made) and name it in the project's "
              "patent_search.record; if the record named there is the search report, correct its date or the "
              "project's start.",
        "zh-CN": "请{leader_name}将项目{subject}“{project}”的检索报告作为专利检索表单上的记录归档（日期为检索实施之日），"
                 "并在项目的patent_search.record中注明；如已注明的记录即为检索报告，请更正其日期或项目的启动日期。",
    },
)
def patent_search_unrecorded(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    for project in _projects_due(decl, ctx.as_of):
        search = project.patent_search
        if search is None or search.date is None or project.start is None:
            continue  # no search at all: IPP004
        values: dict[str, object] = {"project": project.name, "leader_name": project_leader(decl, project),
                                     "searched": search.date, "start": project.start}
        if search.record is None:
            yield Violation(subject=project.id, path=("patent_search",), values=values)
            continue
        record = decl.get(search.record, Record)
        if record is None or record.date <= project.start:
            continue  # an unresolved record is IPX001
        yield Violation(subject=project.id, path=("patent_search", "record"), template="recorded-after-start",
                        values={**values, "record": record.id, "recorded": record.date})


# --- entry and exit -----------------------------------------------------------------------

#: Units whose people hold key posts (entry checks are required of them).
KEY_POST_FUNCTIONS: frozenset[str] = frozenset({"research-development", "ip"})


def _without_staff_check(decl: Declaration, as_of: dt.date, kind: str) -> Iterator[tuple[Person, dt.date]]:
    """People who joined (``kind`` entry) or left (exit) in the twelve months up to ``as_of``
    and have no recorded staff check of that kind, each with the date they joined or left."""
    since = year_before(as_of)
    checked = staff_checked(decl, kind)
    for person in decl.of(Person):
        date = person.joined if kind == "entry" else person.left
        if date is None or not since <= date <= as_of or person.id in checked:
            continue
        yield person, date


def who_knows_secrets(decl: Declaration) -> set[str]:
    """Ids of the people with access to a trade secret or in custody of one."""
    knew: set[str] = set()
    for secret in decl.of(TradeSecret):
        knew.update(secret.access)
        if secret.custodian is not None:
            knew.add(secret.custodian)
    return knew


def patent_inventors(patent: Patent) -> tuple[str, ...]:
    """The people a patent names as its inventors."""
    return patent.inventors


INVENTORS = Summary("Patent", patent_inventors)
"""The patents of each inventor, by person id."""


def key_posts(decl: Declaration, inventors: Container[str]) -> dict[str, str]:
    """People in key posts, each with why (glossary ``key-post``): members of an R&D or IP
    unit (by the unit's ``function``), inventors (``inventors``: the ids of the people named
    on a patent), authors and project leaders, and those with access to a trade secret."""
    why: dict[str, str] = {}
    units = {u.id for u in decl.of(Unit) if u.function in KEY_POST_FUNCTIONS}
    for person in decl.of(Person):
        if person.unit in units:
            unit = decl.get(person.unit, Unit)
            why[person.id] = unit.function if unit is not None and unit.function else "ip"
    for person_id in who_knows_secrets(decl):
        why.setdefault(person_id, "trade-secret")
    for person in decl.of(Person):
        if person.id in inventors:
            why.setdefault(person.id, "research-development")
    for work in decl.of(Copyright):
        for author in work.authors:
            why.setdefault(author, "research-development")
    for project in decl.of(Project):
        if project.leader is not None:
            why.setdefault(project.leader, "research-development")
    return why


def hr_owner(decl: Declaration) -> str | Words:
    """Who answers for entry and exit checks: the head of the unit whose function is
    ``human-resources``, that unit, or a phrase naming the function."""
    for unit in decl.of(Unit):
        if unit.function == "human-resources":
            head = decl.get(unit.head, Person)
            if head is None:
                return unit.name
            return Words(Text(f"{head.name}, head of the {unit.name},", {"zh-CN": f"{unit.name}负责人{head.name}"}))
    return phrase("the human resources department", "人力资源部门")


@rule(
    reads=("Copyright", "Patent", "Person", "Project", "StaffCheck", "TradeSecret", "Unit"),
    per_item="Person",
    summary=INVENTORS,
    id="IP609",
    title={
        "en": "Everyone who joined a key post in the last twelve months had an entry IP check",
        "zh-CN": "最近十二个月入职关键岗位的人员均经过入职知识产权审查",
    },
    severity="minor",
    stage="operation",
    systemic=Systemic(by="unit", at_least=3),
    clauses=("entry",),
    rationale={
        "en": (
            "On entry to a key post (R&D, IP, access to trade secrets), a new hire's prior obligations "
            "(confidentiality, non-compete, IP owed to a former employer) are checked and the hire is told of "
            "the enterprise's IP rules. A missing check exposes the enterprise to a former employer's claims. "
            "Key posts are found from the declaration: people of units whose function is research-development "
            "or ip, inventors, authors, project leaders and those with access to a trade secret; other hires "
            "need no entry IP check. Three or more key-post hires of one unit without the check are one "
            "systemic (major) finding."
        ),
        "zh-CN": (
            "人员进入关键岗位（研发、知识产权、接触商业秘密）时，应审查其原有义务（保密、竞业限制、对原单位负有的知识产权义务），"
            "并告知企业的知识产权规定。缺少入职审查，企业将面临原单位主张权利的风险。关键岗位依据声明判断："
            "职能为research-development或ip的部门人员、发明人、作者、项目负责人以及接触商业秘密的人员；其他新员工不要求入职知识产权审查。"
            "同一部门有三名及以上关键岗位新员工未经审查，作为一项系统性（严重）不符合报告。"
        ),
    },
    fails="""\
kind: Unit
id: U-RD
name: R&D Centre
function: research-development
---
kind: Person
id: peng.li
name: Peng Li
unit: U-RD
joined: 2026-09-15
# no StaffCheck of type entry for peng.li
""",
    passes="""\
kind: Unit
id: U-RD
name: R&D Centre
function: research-development
---
kind: Person
id: peng.li
name: Peng Li
unit: U-RD
joined: 2026-09-15
---
kind: StaffCheck
items:
  - {id: SC-2026-031, person: peng.li, type: entry, date: 2026-09-15,
     items: [prior obligations, IP rules briefing]}
""",
    messages={
        "default": {
            "en": "{name} ({subject}) joined a key post ({post}) on {joined} and has no entry IP check",
            "zh-CN": "{name}（{subject}）于{joined}入职关键岗位（{post}），但没有入职知识产权审查",
        },
    },
    fix={
        "en": "Have {hr} carry out the entry IP check of {name} (prior confidentiality and non-compete "
              "obligations, IP brought from former employers, briefing on the IP rules), record it "
              "(`kind: StaffCheck`, type entry), and add the check to the hiring checklist of key posts.",
        "zh-CN": "请{hr}对{name}进行入职知识产权审查（原有的保密和竞业限制义务、从原单位带来的知识产权、知识产权规定告知），"
                 "予以记录（kind: StaffCheck，type: entry），并将该审查列入关键岗位的招聘核对清单。",
    },
)
def key_post_without_entry_check(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    posts = key_posts(decl, ctx.summary(INVENTORS))
    hr = hr_owner(decl)
    for person, joined in _without_staff_check(decl, ctx.as_of, "entry"):
        post = posts.get(person.id)
        if post is None:
            continue
        yield Violation(subject=person.id, path=("joined",),
                        values={"name": person.name, "hr": hr, "joined": joined, "post": Term("key-post", post)})


@rule(
    reads=("Person", "StaffCheck", "TradeSecret", "Unit"),
    id="IP610",
    title={
        "en": "Everyone who left in the last twelve months had an exit IP check",
        "zh-CN": "最近十二个月离职的人员均经过离职知识产权审查",
    },
    severity="minor",
    stage="operation",
    systemic=Systemic(by="unit", at_least=3),
    clauses=("exit",),
    rationale={
        "en": (
            "On exit, materials and access are taken back and the leaver is reminded of continuing "
            "confidentiality and non-compete duties. Without the check, secrets may walk out and the "
            "enterprise has no evidence of the reminder if it must enforce them. Leavers who had "
            "access to a trade secret are reported by IPS009. When three or more leavers of one unit "
            "had no check, the check is not applied in that unit: one systemic (major) finding."
        ),
        "zh-CN": (
            "离职时应收回资料、注销权限，并提醒离职人员继续履行保密和竞业限制义务。缺少离职审查，秘密可能随人流失，"
            "企业在需要主张权利时也没有已作提醒的证据。接触过商业秘密的离职人员由IPS009报告。"
            "同一部门有三名及以上离职人员未经审查，说明该部门未执行离职审查：作为一项系统性（严重）不符合报告。"
        ),
    },
    fails="""\
kind: Person
id: qian.bo
name: Qian Bo
left: 2026-07-31
# no StaffCheck of type exit for qian.bo
""",
    passes="""\
kind: Person
id: qian.bo
name: Qian Bo
left: 2026-07-31
---
kind: StaffCheck
items:
  - {id: SC-2026-044, person: qian.bo, type: exit, date: 2026-07-30,
     items: [materials returned, access revoked, reminder of confidentiality duties]}
""",
    messages={
        "default": {
            "en": "{name} ({subject}) left on {left} and has no exit IP check",
            "zh-CN": "{name}（{subject}）于{left}离职，但没有离职知识产权审查",
        },
    },
    fix={
        "en": "Have {hr} complete the exit IP check of {name} after the fact: confirm materials and access were "
              "returned and revoked, send the written reminder of continuing confidentiality and non-compete "
              "duties, record it (`kind: StaffCheck`, type exit), and make the check a condition of the leaving "
              "formalities.",
        "zh-CN": "请{hr}为{name}补做离职知识产权审查：确认资料已归还、权限已注销，书面提醒其继续履行保密和竞业限制义务，"
                 "予以记录（kind: StaffCheck，type: exit），并将该审查作为办理离职手续的前提条件。",
    },
)
def leaver_without_exit_check(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    knew = who_knows_secrets(decl)
    hr = hr_owner(decl)
    for person, left in _without_staff_check(decl, ctx.as_of, "exit"):
        if person.id in knew:
            continue  # IPS009 reports leavers who knew a trade secret
        yield Violation(subject=person.id, path=("left",), values={"name": person.name, "hr": hr, "left": left})
