"""Rules of the investigation and diagnosis (IP2xx) that a declarative pack cannot express:
the order of the diagnosis and the manual.

The diagnosis is how an enterprise implements GB/T 29490 (贯标), not a clause of it: these
rules are readiness guidance, graded as observations and citing no clause. The declarative
diagnosis rules are in ``rules/packs/stages-plan.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterator

from ipcheck.model.kinds import DiagnosisReport
from ipcheck.rules.api import CheckContext, Violation, rule
from ipcheck.rules.builtin.common import manual_issued

DIAGNOSIS = ("implementation-diagnosis",)
"""The clause-map topic of the diagnosis step: no clause in either edition."""


@rule(
    reads=("DiagnosisReport", "Manual"),
    id="IP205",
    title={"en": "The diagnosis comes before the manual", "zh-CN": "调查诊断先于手册编制"},
    severity="observation",
    stage="diagnosis",
    clauses=DIAGNOSIS,
    rationale={
        "en": ("The manual and procedures are meant to answer the gaps and risks the diagnosis found. "
               "A diagnosis dated after the manual was issued could not have shaped it: either the "
               "dates are wrong or the system was written before the enterprise was surveyed."),
        "zh-CN": ("手册和程序文件应针对诊断发现的差距和风险。诊断报告的日期晚于手册发布日期，诊断就不可能影响手册："
                  "要么日期有误，要么体系文件是在调查企业之前编写的。"),
    },
    fails=(
        "kind: DiagnosisReport\nid: DIAG-01\ntitle: Diagnosis\ndate: 2025-06-01\n---\n"
        "kind: Manual\nid: MANUAL\ntitle: IP manual\nissued: 2025-04-01\n"
    ),
    passes=(
        "kind: DiagnosisReport\nid: DIAG-01\ntitle: Diagnosis\ndate: 2025-01-20\n---\n"
        "kind: Manual\nid: MANUAL\ntitle: IP manual\nissued: 2025-04-01\n"
    ),
    messages={
        "default": {
            "en": "Diagnosis report {subject} is dated {date}, after manual {manual} was issued on {issued}",
            "zh-CN": "诊断报告{subject}的日期为{date}，晚于手册{manual}的发布日期{issued}",
        },
    },
    fix={
        "en": "Check the date of diagnosis report {subject}; if the diagnosis really came after the manual, "
              "review manual {manual} against its gaps and risks and revise the manual where they are not answered.",
        "zh-CN": "核实诊断报告{subject}的日期；如诊断确实晚于手册，应对照诊断发现的差距和风险评审手册{manual}，"
                 "对未予应对之处修订手册。",
    },
)
def diagnosis_before_manual(ctx: CheckContext) -> Iterator[Violation]:
    manual, first_issue = manual_issued(ctx.declaration)
    if manual is None or first_issue is None:
        return
    for report in ctx.declaration.of(DiagnosisReport):
        if report.date is not None and report.date > first_issue:
            yield Violation(subject=report.id, path=("date",),
                            values={"date": report.date, "manual": manual.id, "issued": first_issue})
