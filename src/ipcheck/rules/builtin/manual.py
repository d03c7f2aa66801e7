"""Rules of manual preparation (IP4xx) that a declarative pack cannot express: approval and
issue of the manual, document control of procedures and system documents, the order of
approval and issue, and where the scope of the system is written. The declarative rules of
the stage are in ``rules/packs/stages-plan.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterator

from ipcheck.i18n import Text
from ipcheck.model.kinds import Enterprise, Manual, Procedure, SystemDocument
from ipcheck.rules.api import CheckContext, Violation, rule
from ipcheck.rules.builtin.common import below_top, document_kind, named_item, top_management

CONTROL_FIELDS: dict[str, Text] = {
    "version": Text("version (version)", {"zh-CN": "版本号（version）"}),
    "approved_by": Text("approver (approved_by)", {"zh-CN": "批准人（approved_by）"}),
    "approved": Text("approval date (approved)", {"zh-CN": "批准日期（approved）"}),
    "issued": Text("issue date (issued)", {"zh-CN": "发布日期（issued）"}),
}
"""The fields of document control, as messages name them."""


def _missing(document: Manual | Procedure | SystemDocument, fields: tuple[str, ...]) -> list[str]:
    return [name for name in fields if getattr(document, name) is None]


@rule(
    reads=("Manual", "Person"),
    id="IP402",
    title={"en": "The manual is approved and issued", "zh-CN": "知识产权手册已批准并发布"},
    severity="major",
    stage="manual",
    clauses=("manual", "document-control"),
    rationale={
        "en": ("An IP management manual comes into force when it is approved and issued; a draft with "
               "no approval or issue date is not yet the enterprise's system, whatever it says."),
        "zh-CN": "知识产权管理手册经批准并发布后才生效；没有批准或发布日期的草稿，无论内容如何，都还不是企业的体系。",
    },
    fails="kind: Manual\nid: MANUAL\ntitle: IP management manual\nversion: A/0\n",
    passes=(
        "kind: Person\nid: p.gm\nname: Wang Gang\ntop_management: true\n---\n"
        "kind: Manual\nid: MANUAL\ntitle: IP management manual\nversion: A/0\n"
        "approved_by: p.gm\napproved: 2025-04-20\nissued: 2025-05-01\n"
    ),
    messages={
        "default": {
            "en": "Manual {subject} '{title}' has no {missing}",
            "zh-CN": "手册{subject}“{title}”未填写{missing}",
        },
    },
    fix={
        "en": "Have top management ({top_management}) approve manual {subject} and issue it, and record the "
              "{missing}.",
        "zh-CN": "请最高管理者（{top_management}）批准并发布手册{subject}，并记录{missing}。",
    },
)
def manual_approved_and_issued(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    for manual in decl.of(Manual):
        if missing := _missing(manual, ("approved_by", "approved", "issued")):
            yield Violation(subject=manual.id, path=(missing[0],),
                            values={"title": manual.title, "missing": [CONTROL_FIELDS[f] for f in missing],
                                    "top_management": top_management(decl)})


@rule(
    reads=("Manual", "Person"),
    id="IP403",
    title={"en": "The manual is approved by top management", "zh-CN": "知识产权手册经最高管理者批准"},
    severity="minor",
    stage="manual",
    clauses=("manual", "commitment"),
    rationale={
        "en": ("The manual states the policy and the functional structure for the whole enterprise; "
               "it is approved by top management, not by the department that wrote it."),
        "zh-CN": "手册为整个企业规定方针和职能结构，应由最高管理者批准，而不是由编写手册的部门批准。",
    },
    fails=(
        "kind: Person\nid: p.ip\nname: Zhao Lin\n---\n"
        "kind: Manual\nid: MANUAL\ntitle: IP management manual\napproved_by: p.ip\napproved: 2025-04-20\n"
    ),
    passes=(
        "kind: Person\nid: p.gm\nname: Wang Gang\ntop_management: true\n---\n"
        "kind: Manual\nid: MANUAL\ntitle: IP management manual\napproved_by: p.gm\napproved: 2025-04-20\n"
    ),
    messages={
        "default": {
            "en": "Manual {subject} '{title}' was approved by {approver_name} ({approver}), who is not a member of "
                  "top management",
            "zh-CN": "手册{subject}“{title}”由{approver_name}（{approver}）批准，其不是最高管理者成员",
        },
    },
    fix={
        "en": "Have top management ({top_management}) approve manual {subject} and record the approval.",
        "zh-CN": "请最高管理者（{top_management}）批准手册{subject}，并记录批准情况。",
    },
)
def manual_approved_by_top_management(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    for manual in decl.of(Manual):
        if (approver := below_top(decl, manual.approved_by)) is not None:
            yield Violation(subject=manual.id, path=("approved_by",),
                            values={"title": manual.title, "approver": approver.id, "approver_name": approver.name,
                                    "top_management": top_management(decl)})


@rule(
    reads=("Enterprise", "Manual"),
    id="IP405",
    title={"en": "The scope of the system is documented", "zh-CN": "体系范围已形成文件"},
    severity="major",
    stage="manual",
    clauses=("scope", "manual"),
    rationale={
        "en": ("The scope (sites, products, processes, and any exclusion with its justification) says what "
               "the system and its certification cover, and an auditor plans the audit from it (2013 4.1; "
               "2023 4.3: the scope is available as documented information). It may be stated in the "
               "manual or on the Enterprise; stated nowhere, the requirement is not addressed."),
        "zh-CN": ("范围（场所、产品、过程以及任何删减及其理由）界定体系及其认证所覆盖的内容，审核员据此策划审核（2013版4.1；"
                  "2023版4.3：范围应作为成文信息予以保持）。范围可在手册中或在Enterprise中说明；两处都没有，即未满足该要求。"),
    },
    fails="kind: Manual\nid: MANUAL\ntitle: IP management manual\n",
    passes=(
        "kind: Manual\nid: MANUAL\ntitle: IP management manual\n"
        "scope: Design and manufacture of industrial valves at the Wenzhou plant\n"
    ),
    messages={
        "default": {
            "en": "The scope of the IP management system is stated neither in manual {subject} '{title}' nor on "
                  "the Enterprise",
            "zh-CN": "手册{subject}“{title}”和Enterprise中均未说明知识产权管理体系的范围",
        },
        "no-manual": {
            "en": "The scope of the IP management system is not stated (Enterprise {subject} has no scope)",
            "zh-CN": "未说明知识产权管理体系的范围（Enterprise {subject}未填写scope）",
        },
    },
    fix={
        "en": "Determine the scope of the IP management system (sites, products, processes, and any exclusion "
              "with its justification), have top management approve it, and state it in the manual's scope "
              "(or the Enterprise's scope).",
        "zh-CN": "确定知识产权管理体系的范围（场所、产品、过程以及任何删减及其理由），经最高管理者批准，"
                 "并在手册的scope（或Enterprise的scope）中说明。",
    },
)
def scope_documented(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    manuals, enterprises = decl.of(Manual), decl.of(Enterprise)
    if any(m.scope for m in manuals) or any(e.scope for e in enterprises):
        return
    if manuals:
        yield Violation(subject=manuals[0].id, path=("scope",), values={"title": manuals[0].title})
    elif enterprises:
        yield Violation(subject=enterprises[0].id, path=("scope",), template="no-manual")


@rule(
    reads=("Procedure", "Role", "SystemDocument"),
    id="IP409",
    title={"en": "Procedures and system documents are under document control",
           "zh-CN": "程序文件和制度文件受控"},
    severity="minor",
    stage="manual",
    clauses=("document-control",),
    rationale={
        "en": ("Document control means each document has a version, an approval and an issue date, so "
               "that only the approved current version is in use; auditors check it document by document."),
        "zh-CN": "文件控制要求每份文件都有版本号、批准记录和发布日期，确保只使用经批准的现行版本；审核员会逐份检查。",
    },
    fails="kind: Procedure\nid: PR-05\ntitle: Trademark management\nversion: '1.0'\n",
    passes=(
        "kind: Person\nid: p.mr\nname: Li Ping\ntop_management: true\n---\n"
        "kind: Procedure\nid: PR-05\ntitle: Trademark management\nversion: '1.0'\n"
        "approved_by: p.mr\napproved: 2025-04-20\nissued: 2025-05-01\n"
    ),
    messages={
        "default": {
            "en": "{document_kind} {subject} '{title}' has no {missing}",
            "zh-CN": "{document_kind}{subject}“{title}”未填写{missing}",
        },
    },
    fix={
        "en": "Bring {document_kind} {subject} '{title}' under document control with its owner ({owner}): "
              "record its {missing}, so that only the approved current version is in use.",
        "zh-CN": "会同文件负责人（{owner}）将{document_kind}{subject}“{title}”纳入文件控制：补充{missing}，"
                 "确保只使用经批准的现行版本。",
    },
)
def documents_under_control(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    docs: list[Procedure | SystemDocument] = [*decl.of(Procedure), *decl.of(SystemDocument)]
    for doc in docs:
        if missing := _missing(doc, tuple(CONTROL_FIELDS)):
            yield Violation(subject=doc.id, path=(missing[0],),
                            values={"document_kind": document_kind(doc), "title": doc.title,
                                    "missing": [CONTROL_FIELDS[f] for f in missing],
                                    "owner": named_item(decl, doc.owner)})


@rule(
    reads=("Manual", "Procedure", "SystemDocument"),
    id="IP412",
    title={"en": "No document is issued before it is approved", "zh-CN": "文件未经批准不得发布"},
    severity="minor",
    stage="manual",
    clauses=("document-control",),
    rationale={
        "en": ("A document issued before its approval was in use without authority; either the dates "
               "are wrong or the approval was given after the fact."),
        "zh-CN": "在批准之前发布的文件是在未经授权的情况下使用的；要么日期有误，要么是事后补批。",
    },
    fails=(
        "kind: Procedure\nid: PR-05\ntitle: Trademark management\napproved: 2025-05-10\nissued: 2025-05-01\n"
    ),
    passes=(
        "kind: Procedure\nid: PR-05\ntitle: Trademark management\napproved: 2025-04-20\nissued: 2025-05-01\n"
    ),
    messages={
        "default": {
            "en": "{document_kind} {subject} '{title}' was issued on {issued}, before it was approved on {approved}",
            "zh-CN": "{document_kind}{subject}“{title}”于{issued}发布，早于其批准日期{approved}",
        },
    },
    fix={
        "en": "Check the approval and issue records of {subject}; correct the dates, or withdraw the issued copies "
              "and issue them again after approval.",
        "zh-CN": "核查{subject}的批准和发布记录；如日期有误应予更正，否则收回已发放的文件，批准后重新发布。",
    },
)
def issued_after_approval(ctx: CheckContext) -> Iterator[Violation]:
    for kind in (Manual, SystemDocument, Procedure):
        for doc in ctx.declaration.of(kind):
            if doc.approved is not None and doc.issued is not None and doc.issued < doc.approved:
                yield Violation(subject=doc.id, path=("issued",),
                                values={"document_kind": document_kind(doc), "title": doc.title,
                                        "issued": doc.issued, "approved": doc.approved})
