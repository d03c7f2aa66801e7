"""Patent rules that a declarative pack cannot say: searches before R&D projects, annuities
past due (graded by the grace period and the product the right covers) and coming due on
the deadline docket, decisions to drop a right, numbers registered twice. The simple
register checks are in ``rules/packs/patent.yaml``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ipcheck.i18n import Amount, Term, Text, Words
from ipcheck.model.declaration import Declaration
from ipcheck.model.kinds import Patent, Product, Project, Record, RecordForm
from ipcheck.rules.api import CheckContext, Summary, Systemic, Violation, rule
from ipcheck.rules.builtin.china_register_law import legal_annuity_dues
from ipcheck.rules.builtin.common import labelled, per_declaration
from ipcheck.rules.builtin.operation import records_by_form
from ipcheck.rules.builtin.protection_system import governing, person_or_nobody, responsible
from ipcheck.rules.conditions import shift

GRACE_MONTHS = 6
"""The grace period after an annuity deadline (China: six months, with a surcharge)."""

DOCKET_WINDOW = 90
"""Days ahead in which a coming annuity must be watched on the deadline docket."""

DOCKET_RECENT = 31
"""Days within which a deadline check must have been recorded on the docket."""


THE_PROJECT_LEADER = Words(Text("the project leader", {"zh-CN": "项目负责人"}))


# -- searches before R&D ------------------------------------------------------------------


def _search_date(decl: Declaration, project: Project) -> dt.date | None:
    search = project.patent_search
    if search is None:
        return None
    if search.date is None and search.record:
        record = decl.get(search.record, Record)
        return record.date if record is not None else None
    return search.date


@rule(
    id="IPP004",
    reads=("Project", "Record", "Procedure", "Role", "Person"), per_item="Project",
    title={"en": "A patent search is made before an R&D project starts",
           "zh-CN": "研发项目立项前进行了专利检索"},
    severity="minor",
    stage="operation",
    protection="patent",
    clauses=("project-initiation", "research-development", "information-resources"),
    rationale={
        "en": ("A state-of-the-art and freedom-to-operate search before a project starts keeps the enterprise from "
               "re-inventing what is known and from designing into someone else's patent. A project started "
               "without one (or searched only after it started) is a lapse of the project-initiation control."),
        "zh-CN": ("项目启动前进行现有技术检索和自由实施（FTO）检索，可避免企业重复研发已知技术，或在设计中落入他人专利的"
                  "保护范围。项目启动时未进行检索（或启动后才检索），属于立项控制的疏漏。"),
    },
    fails="kind: Project\nid: PJ-1\nname: Microchannel coil\nstart: 2026-03-01\n",
    passes=("kind: Project\nid: PJ-1\nname: Microchannel coil\nstart: 2026-03-01\n"
            "patent_search: {date: 2026-02-10, result: no blocking patent}\n"),
    messages={
        "none": {"en": "R&D project {subject} '{name}' started on {start} with no patent search recorded",
                 "zh-CN": "研发项目{subject}“{name}”于{start}启动，没有专利检索记录"},
        "late": {"en": "R&D project {subject} '{name}' started on {start} but its patent search is dated {searched}, "
                       "after the start",
                 "zh-CN": "研发项目{subject}“{name}”于{start}启动，但其专利检索日期为{searched}，晚于项目启动"},
    },
    fix={
        "en": ("Have {leader}, leader of project {subject} '{name}', get a state-of-the-art and freedom-to-operate "
               "search from {responsible} now and record it in patent_search; make the search report a condition "
               "of approving a project before it starts."),
        "zh-CN": ("请项目{subject}“{name}”的负责人{leader}立即委托{responsible}进行现有技术检索和自由实施检索，"
                  "并记录在patent_search中；将检索报告作为项目立项审批的前提条件。"),
    },
)
def patent_search_before_start(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    who = None
    for project in decl.of(Project):
        start = project.start
        if start is None or start > ctx.as_of:
            continue
        searched = _search_date(decl, project)
        if searched is not None and searched <= start:
            continue
        if who is None:
            who = responsible(decl, "patent")
        leader = person_or_nobody(decl, project.leader) if project.leader else THE_PROJECT_LEADER
        values = {"leader": leader, "name": project.name, "start": start,
                  "searched": searched, "responsible": who}
        if searched is None:
            path: tuple[str | int, ...] = ("patent_search",) if project.patent_search is not None else ("start",)
            yield Violation(subject=project.id, path=path, values=values, template="none")
        else:
            yield Violation(subject=project.id, path=("patent_search", "date"), values=values, template="late")


# -- annuities past due ---------------------------------------------------------------------


def annuity_deadline(patent: Patent, legal: dt.date | None) -> dt.date | None:
    """The deadline a patent's annuity is judged by: its ``annuity_due``, or ``legal``, the day the
    law gives when a CN register writes the due date off the filing anniversary (IPP103; see
    :func:`~ipcheck.rules.builtin.china_register_law.legal_annuity_due`), when that is earlier."""
    due = patent.annuity_due
    return legal if legal is not None and due is not None and legal < due else due


Overdue = tuple[Patent, dt.date, bool, Product | None]
"""A patent whose annuity deadline has passed, that deadline, whether the grace period is over
too, and the key product the patent covers (None when it covers none)."""


@per_declaration
def overdue_annuities(decl: Declaration, as_of: dt.date) -> tuple[Overdue, ...]:
    """Patents in force whose annuity deadline has passed by ``as_of`` (IPP005 and IPP015 grade them)."""
    overdue: list[Overdue] = []
    legal_dues = legal_annuity_dues(decl)
    for patent in decl.of(Patent):
        if patent.status not in ("granted", "pending") or patent.annuity_due is None:
            continue  # no deadline to judge (annuity_deadline is None without annuity_due)
        due = annuity_deadline(patent, legal_dues.get(patent.id))
        if due is None or due >= as_of:
            continue
        if patent.expiry is not None and patent.expiry < as_of:
            continue  # IPP012: the term ran out
        product = decl.get(patent.product, Product) if patent.product else None
        grace_over = shift(due, "+", GRACE_MONTHS, "m") < as_of
        overdue.append((patent, due, grace_over, product if product and product.key else None))
    return tuple(overdue)


_ANNUITY_FIX = {
    "en": ("Check with the patent agency at once whether the annuity of {subject} '{title}' was paid; if not, pay it "
           "with the surcharge within the grace period (until {grace_end}) or request restoration, set annuity_due "
           "to the next deadline, and find out with {responsible} why the annuity docket missed it."),
    "zh-CN": ("立即向专利代理机构核实{subject}“{title}”的年费是否已缴纳；如未缴纳，在宽限期内（{grace_end}之前）"
              "连同滞纳金补缴，或请求恢复权利；将annuity_due更新为下一次缴费期限，并与{responsible}一起查明"
              "年费监控为何遗漏。"),
}


def _annuity_values(decl: Declaration, patent: Patent, due: dt.date, product: Product | None) -> dict[str, object]:
    return {"title": patent.title, "jurisdiction": patent.jurisdiction, "status": Term("patent-status", patent.status),
            "annuity_due": due, "grace": Amount(GRACE_MONTHS, "month"),
            "grace_end": shift(due, "+", GRACE_MONTHS, "m"),
            "product": labelled(product.id, product) if product is not None else None,
            "responsible": responsible(decl, "patent")}


@rule(
    id="IPP005",
    reads=("Patent", "Product", "Procedure", "Role", "Person"), per_item="Patent",
    title={"en": "No patent in force is left past its annuity deadline",
           "zh-CN": "有效专利均未超过年费缴纳期限"},
    severity="minor",
    protection="patent",
    clauses=("maintenance",),
    systemic=Systemic(by="jurisdiction"),
    rationale={
        "en": ("A patent whose annuity (maintenance fee) is not paid by its deadline lapses at the end of the grace "
               "period (six months in China, with a surcharge). An annuity past its deadline but inside the grace "
               "period is a lapse to correct now; a right lost after the grace period is graded minor when it covers "
               "no key product (IPP015 grades the loss of a key product's patent major). Where annuities of three "
               "or more patents of one jurisdiction are past due, the docket of that country is unmanaged: one "
               "systemic finding, graded major. A patent whose term has expired is IPP012's finding."),
        "zh-CN": ("专利年费未在期限内缴纳，宽限期（在中国为六个月，需缴纳滞纳金）届满后专利权即终止。年费已过期限但仍在"
                  "宽限期内，属于应立即纠正的一般疏漏；宽限期届满后丧失的权利若不涉及关键产品，判为一般不符合"
                  "（关键产品专利的丧失由IPP015判为严重不符合）。同一法域有三件以上专利年费逾期，说明该国的期限监控"
                  "失控：作为一项系统性问题，判为严重不符合。保护期届满的专利由IPP012报告。"),
    },
    fails=("kind: Patent\nid: PAT-1\ntitle: Plate pack with asymmetric channels\njurisdiction: CN\n"
           "grant_number: ZL201910123456.7\nstatus: granted\nannuity_due: 2026-09-30\n"),
    passes=("kind: Patent\nid: PAT-1\ntitle: Plate pack with asymmetric channels\njurisdiction: CN\n"
            "grant_number: ZL201910123456.7\nstatus: granted\nannuity_due: 2027-05-30\n"),
    messages={
        "in-grace": {
            "en": "The annuity of patent {subject} '{title}' ({jurisdiction}, {status}) was due on {annuity_due}: it is "
                  "inside its grace period of {grace}, which ends on {grace_end}",
            "zh-CN": "专利{subject}“{title}”（{jurisdiction}，{status}）的年费应于{annuity_due}缴纳："
                     "目前处于{grace}的宽限期内，宽限期至{grace_end}届满",
        },
        "lost": {
            "en": "The annuity of patent {subject} '{title}' ({jurisdiction}, {status}) was due on {annuity_due} and its "
                  "grace period of {grace} ended on {grace_end}: the right has lapsed unless the fee was paid",
            "zh-CN": "专利{subject}“{title}”（{jurisdiction}，{status}）的年费应于{annuity_due}缴纳，"
                     "其{grace}的宽限期已于{grace_end}届满：除非已缴费，该专利权已终止",
        },
    },
    fix=_ANNUITY_FIX,
)
def annuity_past_due(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    for patent, due, grace_over, key_product in overdue_annuities(decl, ctx.as_of):
        if grace_over and key_product is not None:
            continue  # IPP015
        yield Violation(subject=patent.id, path=("annuity_due",), values=_annuity_values(decl, patent, due, None),
                        template="lost" if grace_over else "in-grace")


@rule(
    id="IPP015",
    reads=("Patent", "Product", "Procedure", "Role", "Person"), per_item="Patent",
    title={"en": "No patent covering a key product is lost past its annuity grace period",
           "zh-CN": "关键产品的专利未因超过年费宽限期而丧失"},
    severity="major",
    protection="patent",
    clauses=("maintenance",),
    rationale={
        "en": ("A patent that covers a key product and whose annuity was not paid by the end of the grace period is "
               "a key right lost through neglect: the maintenance control failed where it mattered most, which "
               "auditors grade major. An annuity still inside its grace period, or a lapsed right covering no key "
               "product, is IPP005's minor finding."),
        "zh-CN": ("覆盖关键产品的专利在宽限期届满时仍未缴纳年费，属于因疏于管理而丧失关键权利：维持控制在最要紧之处"
                  "失效，审核员判为严重不符合。仍在宽限期内的年费，或不涉及关键产品的失效权利，由IPP005判为一般不符合。"),
    },
    fails=("kind: Product\nid: PRD-1\nname: Brazed plate heat exchangers\nkey: true\n---\n"
           "kind: Patent\nid: PAT-1\ntitle: Plate pack with asymmetric channels\njurisdiction: CN\n"
           "status: granted\nproduct: PRD-1\nannuity_due: 2026-03-30\n"),
    passes=("kind: Product\nid: PRD-1\nname: Brazed plate heat exchangers\nkey: true\n---\n"
            "kind: Patent\nid: PAT-1\ntitle: Plate pack with asymmetric channels\njurisdiction: CN\n"
            "status: granted\nproduct: PRD-1\nannuity_due: 2027-03-30\n"),
    messages={
        "default": {
            "en": "Patent {subject} '{title}' ({jurisdiction}), which covers key product {product}, had its annuity due "
                  "on {annuity_due} and its grace period of {grace} ended on {grace_end}: the right has lapsed unless "
                  "the fee was paid",
            "zh-CN": "覆盖关键产品{product}的专利{subject}“{title}”（{jurisdiction}）年费应于{annuity_due}缴纳，"
                     "其{grace}的宽限期已于{grace_end}届满：除非已缴费，该专利权已终止",
        },
    },
    fix={
        "en": ("Ask the patent agency at once whether {subject} '{title}' can still be restored (request restoration "
               "with the fee and surcharge), assess with {responsible} what the loss means for key product {product}, "
               "set annuity_due or the status accordingly, and find out why the annuity docket missed it."),
        "zh-CN": ("立即向专利代理机构确认{subject}“{title}”能否请求恢复权利（连同年费和滞纳金），与{responsible}"
                  "评估权利丧失对关键产品{product}的影响，相应更新annuity_due或法律状态，并查明年费监控为何遗漏。"),
    },
)
def key_patent_lost(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    for patent, due, grace_over, key_product in overdue_annuities(decl, ctx.as_of):
        if grace_over and key_product is not None:
            yield Violation(subject=patent.id, path=("annuity_due",),
                            values=_annuity_values(decl, patent, due, key_product))


# -- annuities coming due: the deadline docket ---------------------------------------------


MAINTENANCE_FORM = Words(Text("a form of the maintenance procedure declared with purpose: docket",
                              {"zh-CN": "维持程序中声明purpose为docket的表单"}))


def docket_forms(decl: Declaration) -> dict[str, RecordForm]:
    """The forms of the deadline docket: those declared with ``purpose: docket``; when none is,
    the monitoring forms of the procedures governing patents."""
    docket = {f.id: f for f in decl.of(RecordForm) if f.purpose == "docket"}
    if docket:
        return docket
    procedures = {p.id for p in governing(decl, "patent")}
    return {f.id: f for f in decl.of(RecordForm) if f.monitoring and f.procedure in procedures}


@rule(
    id="IPP006",
    reads=("Patent", "RecordForm", "Record", "Procedure", "Role", "Person"), per_item="Patent",
    title={"en": "Annuities falling due within 90 days are watched on the deadline docket",
           "zh-CN": "90天内到期的年费已纳入期限监控"},
    severity="observation",
    protection="patent",
    clauses=("maintenance", "monitoring"),
    rationale={
        "en": ("Annuities coming due are where patents are lost. With a deadline docket that is checked (records in "
               "the last month on the forms declared with purpose: docket, or, when no form is, on the monitoring "
               "forms of the patent procedures), a coming annuity is in hand and auditors say nothing. Without such a "
               "check, each annuity due within 90 days is pointed out so that its payment is confirmed in time: an "
               "observation, since nothing has lapsed yet."),
        "zh-CN": ("专利往往就丢在即将到期的年费上。期限监控表有人检查（近一个月内在purpose为docket的表单上有记录；"
                  "若没有这样的表单，则看专利程序的监控表单），即将到期的年费就在掌控之中，审核员不会提出问题。"
                  "若无此类检查，则逐件提示90天内到期的年费，以便及时确认缴费：由于尚无权利失效，列为观察项。"),
    },
    fails=("kind: Patent\nid: PAT-1\ntitle: Plate pack with asymmetric channels\njurisdiction: CN\n"
           "status: granted\nannuity_due: 2026-12-20\n"),
    passes=("kind: Patent\nid: PAT-1\ntitle: Plate pack with asymmetric channels\njurisdiction: CN\n"
            "status: granted\nannuity_due: 2026-12-20\n---\nkind: Procedure\nid: PR-04\n"
            "title: Maintenance of rights\nprotection: [patent]\n---\nkind: RecordForm\nid: F-04-1\n"
            "title: Deadline docket check\nprocedure: PR-04\nfrequency: weekly\nmonitoring: true\npurpose: docket\n"
            "---\nkind: Record\nid: R-1\nform: F-04-1\ndate: 2026-11-16\n"),
    messages={
        "no-docket": {
            "en": "The annuity of patent {subject} '{title}' ({jurisdiction}) falls due on {annuity_due}, within "
                  "{window}, and no form is declared for a deadline docket",
            "zh-CN": "专利{subject}“{title}”（{jurisdiction}）的年费将于{annuity_due}到期（{window}以内），"
                     "但没有声明用于期限监控的表单",
        },
        "never-checked": {
            "en": "The annuity of patent {subject} '{title}' ({jurisdiction}) falls due on {annuity_due}, within "
                  "{window}, and no deadline check is recorded on {forms}",
            "zh-CN": "专利{subject}“{title}”（{jurisdiction}）的年费将于{annuity_due}到期（{window}以内），"
                     "但{forms}上没有任何期限检查记录",
        },
        "checked-long-ago": {
            "en": "The annuity of patent {subject} '{title}' ({jurisdiction}) falls due on {annuity_due}, within "
                  "{window}, and the last check recorded on {forms} is of {latest}",
            "zh-CN": "专利{subject}“{title}”（{jurisdiction}）的年费将于{annuity_due}到期（{window}以内），"
                     "而{forms}上最近一次检查记录的日期为{latest}",
        },
    },
    fix={
        "en": ("Confirm with {responsible} that the annuity of {subject} '{title}' due on {annuity_due} is on the "
               "payment list, and record the deadline docket check on {docket} at its planned frequency."),
        "zh-CN": ("与{responsible}确认{subject}“{title}”将于{annuity_due}到期的年费已列入缴费清单，"
                  "并按规定频次在{docket}上记录期限监控检查。"),
    },
)
def annuity_coming_due(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    as_of = ctx.as_of
    horizon = as_of + dt.timedelta(days=DOCKET_WINDOW)
    coming = [p for p in decl.of(Patent)
              if p.status in ("granted", "pending") and p.annuity_due is not None
              and as_of <= p.annuity_due <= horizon and not (p.expiry is not None and p.expiry < as_of)]
    if not coming:
        return
    forms = docket_forms(decl)
    recorded = records_by_form(decl, as_of)
    dates = [record.date for form in forms for record in recorded.get(form, ())]
    latest = max(dates, default=None)
    if latest is not None and (as_of - latest).days <= DOCKET_RECENT:
        return
    template = "no-docket" if not forms else "never-checked" if latest is None else "checked-long-ago"
    shared = {"forms": [labelled(f.id, f) for f in forms.values()], "latest": latest,
              "docket": list(forms) or MAINTENANCE_FORM, "window": Amount(DOCKET_WINDOW, "day"),
              "responsible": responsible(decl, "patent")}
    for patent in coming:
        yield Violation(subject=patent.id, path=("annuity_due",), template=template,
                        values={**shared, "title": patent.title, "jurisdiction": patent.jurisdiction,
                                "annuity_due": patent.annuity_due})


# -- dropping a right, numbers twice ---------------------------------------------------------


@rule(
    id="IPP008",
    reads=("Patent", "Record", "Procedure", "Role", "Person"), per_item="Patent",
    title={"en": "A patent is let lapse or abandoned only on a recorded decision",
           "zh-CN": "专利仅凭有记录的决策才放弃或任其失效"},
    severity="minor",
    protection="patent",
    clauses=("maintenance", "records"),
    rationale={
        "en": ("Dropping a patent or an application is a decision: someone weighs its use, licensing value and cost "
               "and decides. A right in the register as lapsed or abandoned with no record about it (any Record "
               "whose `about` names it) cannot be told apart from a right lost by a missed deadline. One such right "
               "is a lapse; a pattern of them would show the maintenance control does not work."),
        "zh-CN": ("放弃专利或申请是一项决策：需要有人权衡其实施情况、许可价值和费用后作出决定。台账中状态为失效或已放弃、"
                  "却没有相关记录（没有任何Record的`about`指向它）的权利，无法与因错过期限而丧失的权利区分开来。"
                  "个别一件属于一般疏漏；多件则说明维持控制没有发挥作用。"),
    },
    fails="kind: Patent\nid: PAT-7\ntitle: Gasket clip\njurisdiction: CN\nstatus: lapsed\n",
    passes=("kind: Patent\nid: PAT-7\ntitle: Gasket clip\njurisdiction: CN\nstatus: lapsed\n---\n"
            "kind: RecordForm\nid: F-04-3\ntitle: Decision to abandon a right\n---\n"
            "kind: Record\nid: R-1\nform: F-04-3\ndate: 2026-02-01\nabout: PAT-7\n"
            "summary: no product uses it; R&D Director agreed to stop paying annuities\n"),
    messages={
        "default": {
            "en": "Patent {subject} '{title}' ({jurisdiction} {number}) is {status} and no record of the decision to "
                  "drop it is declared",
            "zh-CN": "专利{subject}“{title}”（{jurisdiction} {number}）的状态为{status}，但没有声明放弃该权利的决策记录",
        },
        "no-number": {
            "en": "Patent {subject} '{title}' ({jurisdiction}) is {status} and no record of the decision to drop it "
                  "is declared",
            "zh-CN": "专利{subject}“{title}”（{jurisdiction}）的状态为{status}，但没有声明放弃该权利的决策记录",
        },
    },
    fix={
        "en": ("Find out why {subject} '{title}' is {status}; if it was a decision, record it (who decided, when and "
               "why) as a Record about {subject}; if the right was lost by a missed deadline, ask {responsible} to "
               "check for restoration and correct the docket."),
        "zh-CN": ("查明{subject}“{title}”为何处于{status}状态：如属主动决策，以about为{subject}的Record记录该决策"
                  "（决策人、时间和理由）；如因错过期限而丧失，请{responsible}核查能否恢复权利并纠正期限监控。"),
    },
)
def lapsed_patent_decision(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    dropped = [p for p in decl.of(Patent) if p.status in ("lapsed", "abandoned")]
    if not dropped:
        return
    about = {r.about for r in decl.of(Record) if r.about is not None}
    who = responsible(decl, "patent")
    for patent in dropped:
        if patent.id in about:
            continue
        number = patent.grant_number or patent.application_number
        yield Violation(subject=patent.id, path=("status",), template="default" if number else "no-number",
                        values={"title": patent.title, "jurisdiction": patent.jurisdiction, "number": number,
                                "status": Term("patent-status", patent.status), "responsible": who})


NUMBER_FIELDS = {
    "application_number": Text("application number", {"zh-CN": "申请号"}),
    "grant_number": Text("grant number", {"zh-CN": "授权号"}),
}


def patent_numbers(patent: Patent) -> list[tuple[str, str, str]]:
    """The numbers a patent is registered under: (field, jurisdiction, number written without
    spaces, in capitals), one for each of its numbers (a bare number may recur abroad)."""
    found = []
    for field in NUMBER_FIELDS:
        number = getattr(patent, field)
        if number:
            found.append((field, patent.jurisdiction, "".join(number.split()).upper()))
    return found


PATENT_NUMBERS = Summary("Patent", patent_numbers)
"""The patents registered under each number (see :func:`patent_numbers`)."""


@rule(
    id="IPP014",
    reads=("Patent",),
    per_item="Patent",
    summary=PATENT_NUMBERS,
    title={"en": "Each patent is registered once", "zh-CN": "每件专利只登记一次"},
    severity="minor",
    protection="patent",
    clauses=("maintenance", "information-resources"),
    rationale={
        "en": ("The patent register is what annuities, renewals and the portfolio count are taken from. An "
               "application or grant number on two entries counts one right twice: its annuity may be docketed twice "
               "or, when one entry is corrected and the other not, missed."),
        "zh-CN": ("年费、续展和专利数量统计都以专利台账为依据。同一申请号或授权号出现在两个条目上，就把一项权利算了两次："
                  "其年费可能被重复监控，或者一条更正了而另一条没有更正，导致漏缴。"),
    },
    fails=("kind: Patent\nitems:\n  - {id: PAT-1, title: Valve, jurisdiction: CN, status: pending,\n"
           "     application_number: CN202410001234.5}\n  - {id: PAT-1b, title: Valve, jurisdiction: CN, "
           "status: pending,\n     application_number: CN202410001234.5}\n"),
    passes=("kind: Patent\nitems:\n  - {id: PAT-1, title: Valve, jurisdiction: CN, status: pending,\n"
            "     application_number: CN202410001234.5}\n  - {id: PAT-2, title: Valve seat, jurisdiction: CN, "
            "status: pending,\n     application_number: CN202410001235.0}\n"),
    messages={
        "default": {"en": "Patent {subject} has {field} {number}, as {first} has: one patent registered twice?",
                    "zh-CN": "专利{subject}的{field}为{number}，与{first}相同：同一件专利登记了两次？"},
    },
    fix={
        "en": ("Check whether {subject} and {first} are one patent ({field} {number}); if so, remove {subject} from the "
               "register and keep its dates on {first}; if not, correct the number."),
        "zh-CN": ("核实{subject}与{first}是否为同一件专利（{field}{number}）：如是，从台账中删除{subject}，"
                  "将其日期保留在{first}上；如不是，更正号码。"),
    },
)
def patent_registered_once(ctx: CheckContext) -> Iterator[Violation]:
    registered = ctx.summary(PATENT_NUMBERS)
    later = {item_id for key in registered.shared() for item_id in registered[key][1:]}  # not the first of a number
    for patent in ctx.declaration.of(Patent):
        if patent.id not in later:
            continue
        for key in registered.keys_of(patent.id):
            first = registered[key][0]
            if first != patent.id:
                field = key[0]
                yield Violation(subject=patent.id, path=(field,), key=field,
                                values={"first": first, "field": NUMBER_FIELDS[field], "number": getattr(patent, field)})
