"""Rules of dissemination and publicity (IP5xx) that a declarative pack cannot express: who
signed the promulgation, whether it put only approved documents into force, and which units
the dissemination training reached. The declarative dissemination rules are in
``rules/packs/stages-plan.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterator

from ipcheck.model.kinds import KINDS, Promulgation, Training, Unit
from ipcheck.rules.api import CheckContext, Violation, rule
from ipcheck.rules.builtin.common import below_top, document_kind, name_of, top_management, units_not_reached


@rule(
    reads=("Person", "Promulgation"),
    id="IP503",
    title={"en": "The promulgation is signed by top management", "zh-CN": "发布通知由最高管理者签发"},
    severity="minor",
    stage="dissemination",
    clauses=("commitment", "communication"),
    rationale={
        "en": ("Promulgation puts the system into force with top management's authority; a notice "
               "signed below top management does not carry it."),
        "zh-CN": "发文使体系借最高管理者的权威生效；由最高管理者以下人员签发的通知不具备这种权威。",
    },
    fails=(
        "kind: Person\nid: p.ip\nname: Zhao Lin\n---\n"
        "kind: Promulgation\nid: PROM-01\ndate: 2025-05-01\nsigned_by: p.ip\n"
    ),
    passes=(
        "kind: Person\nid: p.gm\nname: Wang Gang\ntop_management: true\n---\n"
        "kind: Promulgation\nid: PROM-01\ndate: 2025-05-01\nsigned_by: p.gm\n"
    ),
    messages={
        "default": {
            "en": "Promulgation {subject} was signed by {signer_name} ({signer}), who is not a member of top management",
            "zh-CN": "发布通知{subject}由{signer_name}（{signer}）签发，其不是最高管理者成员",
        },
    },
    fix={
        "en": "Have top management ({top_management}) sign promulgation notice {subject} and record the signatory.",
        "zh-CN": "请最高管理者（{top_management}）签发发布通知{subject}，并记录签发人。",
    },
)
def promulgation_signed_by_top_management(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    for prom in decl.of(Promulgation):
        if (signer := below_top(decl, prom.signed_by)) is not None:
            yield Violation(subject=prom.id, path=("signed_by",),
                            values={"signer": signer.id, "signer_name": signer.name,
                                    "top_management": top_management(decl)})


@rule(
    reads=tuple(KINDS),
    id="IP508",
    title={"en": "No document is promulgated before it is approved", "zh-CN": "文件未经批准不得发布"},
    severity="minor",
    stage="dissemination",
    clauses=("document-control",),
    rationale={
        "en": ("A promulgation puts approved documents into force; promulgating a document before its "
               "approval put an unapproved draft into force."),
        "zh-CN": "发文使已批准的文件生效；在批准之前发布文件，等于让未经批准的草稿生效。",
    },
    fails=(
        "kind: Procedure\nid: PR-05\ntitle: Trademark management\napproved: 2025-05-10\n---\n"
        "kind: Promulgation\nid: PROM-01\ndate: 2025-05-01\ndocuments: [PR-05]\n"
    ),
    passes=(
        "kind: Procedure\nid: PR-05\ntitle: Trademark management\napproved: 2025-04-20\n---\n"
        "kind: Promulgation\nid: PROM-01\ndate: 2025-05-01\ndocuments: [PR-05]\n"
    ),
    messages={
        "default": {
            "en": "Promulgation {subject} of {date} includes {document_kind} {document} '{title}', "
                  "approved only on {approved}",
            "zh-CN": "{date}的发布通知{subject}包含{document_kind}{document}“{title}”，而该文件直到{approved}才批准",
        },
    },
    fix={
        "en": "Check the dates of {document} and of promulgation {subject}; correct them, or promulgate "
              "{document} again now that it is approved.",
        "zh-CN": "核实{document}和发布通知{subject}的日期；如有误应予更正，否则在{document}已批准后重新发布。",
    },
)
def promulgated_after_approval(ctx: CheckContext) -> Iterator[Violation]:
    for prom in ctx.declaration.of(Promulgation):
        if prom.date is None:
            continue
        for index, doc_id in enumerate(prom.documents):
            doc = ctx.declaration.get(doc_id)
            approved = getattr(doc, "approved", None)
            if doc is not None and approved is not None and approved > prom.date:
                yield Violation(subject=prom.id, path=("documents", index), key=doc.id,
                                values={"date": prom.date, "document": doc.id, "document_kind": document_kind(doc),
                                        "title": name_of(doc), "approved": approved})


@rule(
    reads=("Person", "Training", "Unit"),
    id="IP511",
    title={"en": "The dissemination training reached every unit", "zh-CN": "宣贯培训覆盖每个部门"},
    severity="minor",
    stage="dissemination",
    clauses=("training", "communication"),
    rationale={
        "en": ("Every department and person must understand the system to apply it; a unit that no "
               "dissemination training was meant for, or from which nobody attended, works without "
               "knowing the procedures."),
        "zh-CN": "每个部门和人员都必须理解体系才能执行；没有任何宣贯培训面向的部门、或无人参加培训的部门，"
                 "是在不了解程序文件的情况下开展工作。",
    },
    fails=(
        "kind: Unit\nitems:\n  - {id: U-RD, name: R&D Centre}\n  - {id: U-QA, name: Quality}\n---\n"
        "kind: Person\nid: p.rd\nname: Li Na\nunit: U-RD\n---\n"
        "kind: Training\nid: TR-02\ntopic: The IP manual\nstage: dissemination\naudience: [U-RD, U-QA]\n"
        "attendees: [p.rd]\n"
    ),
    passes=(
        "kind: Unit\nitems:\n  - {id: U-RD, name: R&D Centre}\n  - {id: U-QA, name: Quality}\n---\n"
        "kind: Person\nitems:\n  - {id: p.rd, name: Li Na, unit: U-RD}\n  - {id: p.qa, name: Hu Bin, unit: U-QA}\n"
        "---\nkind: Training\nid: TR-02\ntopic: The IP manual\nstage: dissemination\naudience: [U-RD, U-QA]\n"
        "attendees: [p.rd, p.qa]\n"
    ),
    messages={
        "default": {
            "en": "Unit {unit} '{unit_name}' is not in the audience of any dissemination training",
            "zh-CN": "部门{unit}“{unit_name}”不在任何宣贯培训的培训对象中",
        },
        "nobody-attended": {
            "en": "No one from unit {unit} '{unit_name}' attended a dissemination training meant for it",
            "zh-CN": "部门{unit}“{unit_name}”无人参加面向该部门的宣贯培训",
        },
    },
    fix={
        "en": "Train unit {unit} '{unit_name}' (head: {unit_head}) on the manual and the procedures it applies, "
              "and record the unit in the audience and its people in the attendees.",
        "zh-CN": "对部门{unit}“{unit_name}”（负责人：{unit_head}）开展手册及其执行的程序文件的培训，"
                 "并在audience中记录该部门、在attendees中记录参训人员。",
    },
)
def dissemination_training_reached_every_unit(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    trainings: list[Training] = [t for t in decl.of(Training) if t.stage == "dissemination"]
    if trainings:
        yield from units_not_reached(decl, trainings, decl.of(Unit))
