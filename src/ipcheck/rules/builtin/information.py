"""Rules of information resources (stage ``operation``, 2013 6.4; 2023 7.1): patent information
analysed at its planned interval, and what the enterprise publishes reviewed for IP before it is
released. Whether any analysis is declared is the declarative rule IP620
(``rules/packs/people-resources.yaml``).
"""

from __future__ import annotations

from collections.abc import Iterator

from ipcheck.i18n import Amount, Term
from ipcheck.model.kinds import InformationAnalysis, Person, Publication, Unit
from ipcheck.rules.api import CheckContext, Systemic, Violation, rule
from ipcheck.rules.builtin.common import named_item, phrase, year_before
from ipcheck.rules.builtin.operation import PERIOD_UNITS, PERIODS
from ipcheck.rules.conditions import shift

DEFAULT_REPEAT = "yearly"
"""The interval of an analysis whose repeat is not given."""


@rule(
    id="IP621",
    reads=("InformationAnalysis", "Person"),
    title={"en": "Each kind of patent information analysis is repeated at its planned interval",
           "zh-CN": "各类专利信息分析均按计划周期开展"},
    severity="minor",
    stage="operation",
    protection="patent",
    clauses=("information-resources",),
    rationale={
        "en": ("Patent information ages: competitors file every week. The enterprise plans how often each kind of "
               "analysis is repeated (repeat: monthly ... yearly; yearly when not given), and the auditor compares "
               "the latest analysis of each kind with that interval. An analysis planned per event sets no "
               "interval."),
        "zh-CN": ("专利信息会过时：竞争对手每周都在申请。企业应规定各类分析的重复周期（repeat：monthly至yearly；未填写的"
                  "按yearly），审核员会将每类分析的最近一次与该周期对照。按事件开展（per-event）的分析不设周期。"),
    },
    fails=("kind: InformationAnalysis\nid: IA-2025-01\ntitle: Brazed plate landscape 2025\ntype: landscape\n"
           "date: 2025-06-30\nrepeat: yearly\n"),
    passes=("kind: InformationAnalysis\nid: IA-2026-01\ntitle: Brazed plate landscape 2026\ntype: landscape\n"
            "date: 2026-06-30\nrepeat: yearly\n"),
    messages={
        "default": {
            "en": "The latest {type} analysis, {subject} '{title}', is dated {date}; it is planned every {interval} "
                  "and the next was due by {due}",
            "zh-CN": "最近一次{type}{subject}“{title}”的日期为{date}；计划每{interval}开展一次，下一次应在{due}前完成",
        },
    },
    fix={
        "en": "Have {author} repeat the {type} analysis now (new filings of competitors and in the key "
              "technologies since {date}), report its conclusions to R&D and management, and declare it as kind: "
              "InformationAnalysis; if the interval no longer fits, change it in the plan (repeat).",
        "zh-CN": "请{author}立即重新开展{type}（{date}以来竞争对手和关键技术领域的新申请），将结论报送研发部门和管理层，"
                 "并以 kind: InformationAnalysis 声明；如周期已不合适，在计划中调整（repeat）。",
    },
)
def analyses_repeated(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    latest: dict[str, InformationAnalysis] = {}
    for analysis in decl.of(InformationAnalysis):
        if analysis.date is None or analysis.date > ctx.as_of:
            continue
        held = latest.get(analysis.type)
        if held is None or analysis.date > held.date:  # type: ignore[operator]
            latest[analysis.type] = analysis
    for kind, analysis in latest.items():
        repeat = analysis.repeat or DEFAULT_REPEAT
        if repeat not in PERIODS:
            continue  # per-event: no interval planned
        amount, unit = PERIODS[repeat]
        due = shift(analysis.date, "+", amount, unit)  # type: ignore[arg-type]
        if due < ctx.as_of:
            yield Violation(subject=analysis.id, path=("date",),
                            values={"type": Term("analysis-type", kind), "title": analysis.title,
                                    "date": analysis.date, "due": due,
                                    "interval": Amount(1, PERIOD_UNITS[repeat]),
                                    "author": named_item(decl, analysis.made_by, Person)})


@rule(
    id="IP622",
    reads=("Publication", "Unit"),
    per_item="Publication",
    title={"en": "What the enterprise publishes is reviewed for IP before release",
           "zh-CN": "对外发布的信息在发布前均经过知识产权审查"},
    severity="minor",
    stage="operation",
    clauses=("information-resources",),
    systemic=Systemic(by="unit", at_least=3),
    rationale={
        "en": ("A paper, an exhibit, a web page or a brochure can disclose an invention before it is filed (and "
               "destroy its novelty) or reveal a trade secret; the 2013 edition (6.4) asks for an approval before "
               "information is released. Each publication of the last twelve months is expected to name who "
               "reviewed it and when, on or before the day it was released. Three or more publications of one unit "
               "without review are one systemic (major) finding."),
        "zh-CN": ("论文、展品、网页或宣传册可能在申请前公开发明（破坏新颖性）或泄露商业秘密；2013版6.4要求对外发布信息前"
                  "进行审批。近十二个月内的每项对外发布，应记录审查人和审查日期，且审查不晚于发布当日。"
                  "同一部门有三项及以上发布未经审查，作为一项系统性（严重）不符合报告。"),
    },
    fails=("kind: Publication\nid: PUB-2026-03\ntitle: Paper on microchannel brazing, HVAC&R Research\n"
           "type: paper\npublished: 2026-09-15\n"),
    passes=("kind: Person\nid: he.jing\nname: He Jing\n---\n"
            "kind: Publication\nid: PUB-2026-03\ntitle: Paper on microchannel brazing, HVAC&R Research\n"
            "type: paper\npublished: 2026-09-15\nreviewed_by: he.jing\nreviewed: 2026-08-20\n"),
    messages={
        "default": {
            "en": "{type} {subject} '{title}', released on {published}, was not reviewed for IP before release",
            "zh-CN": "{type}{subject}“{title}”于{published}发布，发布前未经知识产权审查",
        },
        "after": {
            "en": "{type} {subject} '{title}' was released on {published} and reviewed for IP only on {reviewed}",
            "zh-CN": "{type}{subject}“{title}”于{published}发布，直到{reviewed}才经过知识产权审查",
        },
    },
    fix={
        "en": "Have the IP department check {subject} '{title}' now for undisclosed inventions and trade secrets "
              "(file at once what it disclosed, if anything), and make the IP review a step of the release of "
              "papers, exhibits, web pages and literature in {unit}, recorded with reviewer and date (reviewed_by, "
              "reviewed).",
        "zh-CN": "由知识产权管理部门立即核查{subject}“{title}”是否公开了未申请的发明或商业秘密（如有，立即提交申请），"
                 "并将知识产权审查作为{unit}发布论文、展品、网页和资料的必经步骤，记录审查人和审查日期（reviewed_by、"
                 "reviewed）。",
    },
)
def publications_reviewed(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    since = year_before(ctx.as_of)
    for publication in decl.of(Publication):
        published = publication.published
        if published is None or not since <= published <= ctx.as_of:
            continue
        unit = decl.get(publication.unit, Unit)
        values = {"type": Term("publication-type", publication.type), "title": publication.title,
                  "published": published, "unit": unit.name if unit is not None else phrase("every unit", "各部门")}
        if publication.reviewed is None or publication.reviewed_by is None:
            yield Violation(subject=publication.id, path=("reviewed_by" if publication.reviewed_by is None
                                                          else "reviewed",), values=values)
        elif publication.reviewed > published:
            yield Violation(subject=publication.id, path=("reviewed",), template="after",
                            values={**values, "reviewed": publication.reviewed})
