"""Rules of IP in the business processes (stage ``operation``): what R&D projects leave
behind when they end. (Searches at initiation are IPP004 and IP608, the project's IP
records IP607, contracts of procurement and sales IP630-IP631, the pre-launch review and
new markets IP634-IP635.)
"""

from __future__ import annotations

from collections.abc import Iterator

from ipcheck.i18n import Amount
from ipcheck.model.kinds import Project
from ipcheck.rules.api import CheckContext, Violation, rule
from ipcheck.rules.builtin.common import governed_steps, project_leader
from ipcheck.rules.conditions import shift

#: Months after a project's end in which its closure IP evaluation is expected (and how long
#: before the end it may already be made).
CLOSURE_MONTHS = 1


@rule(
    id="IP640",
    reads=("Manual", "Person", "Project", "Record"),
    per_item="Project",
    title={
        "en": "The IP output of each R&D project is evaluated when it ends",
        "zh-CN": "研发项目结题时对其知识产权成果进行评价",
    },
    severity="minor",
    stage="operation",
    protection="patent",
    clauses=("research-development", "records"),
    rationale={
        "en": (
            "At the end of an R&D project the enterprise evaluates what it produced: inventions disclosed and "
            "filed or kept secret, works and data to register, rights of others met on the way, and what the "
            "next project should protect (2013 8.2). The evaluation is evidenced by a record about the project "
            "(Record.about) dated from one month before its end; a project ended more than a month ago with "
            "none shows the closure step was skipped. Projects started before the manual was issued are "
            "outside the procedure."
        ),
        "zh-CN": (
            "研发项目结题时，企业应评价其成果：已披露并申请专利或作为技术秘密保护的发明、需要登记的作品和数据、"
            "研发中遇到的他人权利，以及后续项目应保护的内容（2013版8.2）。评价以关于该项目的记录（Record.about）为证，"
            "记录日期不早于结题前一个月；项目结题已超过一个月而没有这样的记录，说明结题评价环节被跳过。"
            "手册发布前启动的项目不在程序范围内。"
        ),
    },
    fails="""\
kind: Manual
id: MAN-01
title: IP management manual
issued: 2025-04-01
---
kind: Project
id: PJ-2025-04
name: ThermoLink 4.0 predictive fouling analytics
start: 2025-08-04
end: 2026-06-30
---
kind: Record                 # the IP plan at initiation, nothing at the end
id: R25-0140
form: F-10-1
date: 2025-08-04
about: PJ-2025-04
""",
    passes="""\
kind: Manual
id: MAN-01
title: IP management manual
issued: 2025-04-01
---
kind: Project
id: PJ-2025-04
name: ThermoLink 4.0 predictive fouling analytics
start: 2025-08-04
end: 2026-06-30
---
kind: Record
id: R26-0130
form: F-10-3
date: 2026-07-07
about: PJ-2025-04
summary: Closure IP evaluation; two invention disclosures filed, one algorithm kept as a trade secret
""",
    messages={
        "default": {
            "en": "Project {subject} '{project}' ended on {end} and no IP evaluation of its output is recorded "
                  "(none within {window} before its end or since)",
            "zh-CN": "项目{subject}“{project}”已于{end}结题，但没有对其知识产权成果的评价记录（结题前{window}内及之后均无）",
        },
    },
    fix={
        "en": "Have {leader_name} and the IP department evaluate the output of project {subject} '{project}' now "
              "(inventions to disclose and file or keep secret, works to register, others' rights met), record "
              "the evaluation (`about: {subject}`), and make it a condition of closing a project.",
        "zh-CN": "请{leader_name}会同知识产权管理部门立即对项目{subject}“{project}”的成果进行评价（应披露并申请或作为秘密保护的发明、"
                 "应登记的作品、遇到的他人权利），予以记录（about: {subject}），并将其作为项目结题的条件。",
    },
)
def project_closed_without_evaluation(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    ended = (p for p in decl.of(Project) if p.end is not None)
    for project, records in governed_steps(ctx, ended, lambda p: p.start):
        if shift(project.end, "+", CLOSURE_MONTHS, "m") > ctx.as_of:
            continue  # still within the time allowed for the closure evaluation
        opens = shift(project.end, "-", CLOSURE_MONTHS, "m")
        if any(date >= opens for date in records):
            continue
        yield Violation(subject=project.id, path=("end",),
                        values={"project": project.name, "end": project.end,
                                "window": Amount(CLOSURE_MONTHS, "month"),
                                "leader_name": project_leader(decl, project)})
