"""Evidence in the document repository (IPE001): where a declaration points at evidence by
path (the minutes of a meeting or a review, an audit report, and the ``evidence`` of every
kind an auditor asks objective evidence of: records, trainings, audits, nonconformities,
reviews, contracts and agreements, register entries), the file is there.

A reference that is a document number (``HX-IA-2026-02``), not a path, is left alone: the
document is kept elsewhere and the auditor asks for it by number.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath, PureWindowsPath

from ipcheck.model.declaration import Declaration
from ipcheck.model.kinds import (
    Audit,
    AuditProgramme,
    ComplianceEvaluation,
    ConfidentialityAgreement,
    ContextReview,
    Contract,
    Copyright,
    CultureActivity,
    DiagnosisReport,
    Dispute,
    Exploitation,
    InformationAnalysis,
    Item,
    ManagementReview,
    MarketEntry,
    Meeting,
    Nonconformity,
    Patent,
    Promulgation,
    Publication,
    Record,
    Reward,
    StaffCheck,
    Trademark,
    TradeSecret,
    Training,
    TrainingPlan,
)
from ipcheck.rules.api import CheckContext, Violation, rule

EVIDENCE_CONTEXT: dict[type[Item], tuple[str | None, str | None]] = {
    Meeting: ("startup", None),
    Training: ("dissemination", None),
    DiagnosisReport: ("diagnosis", None),
    Promulgation: ("dissemination", None),
    Record: ("operation", None),
    Contract: ("operation", None),
    ConfidentialityAgreement: ("operation", "trade-secret"),
    StaffCheck: ("operation", None),
    Exploitation: ("operation", None),
    Dispute: ("operation", None),
    MarketEntry: ("operation", None),
    Patent: (None, "patent"),
    Trademark: (None, "trademark"),
    Copyright: (None, "copyright"),
    TradeSecret: (None, "trade-secret"),
    AuditProgramme: ("internal-audit", None),
    Audit: ("internal-audit", None),
    Nonconformity: ("internal-audit", None),
    ManagementReview: ("management-review", None),
    ContextReview: ("system", None),
    CultureActivity: ("system", None),
    TrainingPlan: ("operation", None),
    Reward: ("operation", None),
    InformationAnalysis: ("operation", "patent"),
    Publication: ("operation", None),
    ComplianceEvaluation: ("operation", None),
}
"""The kinds an auditor asks objective evidence of (each has an ``evidence`` field: one
reference or a list), with the stage and protection type a missing file concerns; a
training's own stage replaces the one given here."""
DOCUMENT_FIELDS: tuple[tuple[type[Item], str], ...] = (
    (Meeting, "minutes"),
    (Audit, "report"),
    (ManagementReview, "minutes"),
    (Dispute, "file"),
)
"""Fields that name one document each (the minutes, the audit report, the dispute file), besides ``evidence``."""
DOCUMENT_SUFFIXES = frozenset({
    ".pdf", ".ofd", ".doc", ".docx", ".odt", ".rtf", ".txt", ".md", ".html", ".htm", ".xls", ".xlsx", ".ods",
    ".csv", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".zip", ".eml", ".msg",
})
"""The endings of a file name: a reference ending so (or naming folders) is a path."""
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def is_path(reference: str) -> bool:
    """Whether a reference names a file (``minutes/2026-kickoff.pdf``), not a document number
    (``HX-GM-MIN-2024-017``) or a link."""
    text = reference.strip()
    if not text or _SCHEME.match(text):
        return False
    return "/" in text or "\\" in text or PurePosixPath(text).suffix.lower() in DOCUMENT_SUFFIXES


def in_repository(root: Path, reference: str) -> bool:
    """Whether ``reference`` (relative to the repository's root) is a file inside the repository."""
    text = reference.strip().replace("\\", "/")
    if PurePosixPath(text).is_absolute() or PureWindowsPath(reference.strip()).drive:
        return False
    target = root / text
    try:
        return target.resolve().is_relative_to(root.resolve()) and target.is_file()
    except OSError:
        return False


@functools.cache
def document_fields(kind: type[Item]) -> tuple[str, ...]:
    """The fields naming one document each (see :data:`DOCUMENT_FIELDS`) that items of ``kind`` have."""
    return tuple(field for owner, field in DOCUMENT_FIELDS if issubclass(kind, owner))


def references(item: Item) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every evidence reference an item names, with its field path: its minutes or report,
    then each entry of ``evidence``."""
    for field in document_fields(type(item)):
        value = getattr(item, field, None)
        if isinstance(value, str) and value.strip():
            yield (field,), value.strip()
    if type(item) in EVIDENCE_CONTEXT:
        for index, value in enumerate(getattr(item, "evidence", ())):
            if value.strip():
                yield ("evidence", index), value.strip()


def evidence_paths(declaration: Declaration) -> Iterator[tuple[Item, tuple[str | int, ...], str, str | None, str | None]]:
    """Every evidence reference that is a path: (item, field path, path, stage, protection)."""
    for kind, (stage, protection) in EVIDENCE_CONTEXT.items():
        items = declaration.of(kind)
        if not document_fields(kind):  # most items name no evidence: no need to walk their references
            items = [item for item in items if item.evidence]  # type: ignore[attr-defined]
        for item in items:
            own_stage = getattr(item, "stage", None) if isinstance(item, Training) else None
            for path, value in references(item):
                if is_path(value):
                    yield item, path, value, own_stage or stage, protection


@rule(
    id="IPE001",
    title={"en": "Evidence named by path is in the document repository",
           "zh-CN": "以路径引用的证据文件在文件库中存在"},
    severity="minor",
    clauses=("records",),
    rationale={
        "en": ("Minutes, audit reports and signed agreements are the records an auditor asks to see. "
               "When the declaration names one by its path in the repository and no file is there, the "
               "evidence of the activity is missing: a lapse of the control of records, graded minor. "
               "A document number is not checked: the document is kept elsewhere."),
        "zh-CN": ("会议纪要、审核报告和已签署的协议是审核员要查看的记录。声明以文件库中的路径引用某份证据，"
                  "而该位置没有文件，说明该活动的证据缺失：属于记录控制的疏漏，判为一般不符合。"
                  "以文件编号引用的文件不作检查，因其保存在别处。"),
    },
    fails="""\
kind: Meeting
id: KO-1
title: Kick-off meeting
type: kickoff
date: 2026-03-02
minutes: evidence/missing-kickoff-minutes.pdf
""",
    passes="""\
kind: Meeting
id: KO-1
title: Kick-off meeting
type: kickoff
date: 2026-03-02
minutes: HX-GM-MIN-2026-004
""",
    messages={"default": {
        "en": "{kind} {subject} names its {field} by the path {path}, but no such file is in the repository",
        "zh-CN": "{kind} {subject} 的{field}引用路径 {path}，但文件库中没有该文件",
    }},
    fix={
        "en": "Add the file {path} ({field} of {subject}) to the document repository, or correct the path; "
              "if the document is kept elsewhere, give its document number instead.",
        "zh-CN": "将文件 {path}（{subject} 的{field}）存入文件库，或更正路径；若文件保存在别处，请改填其文件编号。",
    },
)
def evidence_in_repository(ctx: CheckContext) -> Iterator[Violation]:
    root = Path(ctx.declaration.root)
    for item, at, path, stage, protection in evidence_paths(ctx.declaration):
        if not in_repository(root, path):
            yield Violation(subject=item.id, path=at, stage=stage, protection=protection,
                            values={"kind": type(item).__name__, "field": at[0], "path": path})


def evidence_of(item: Item) -> tuple[str, ...]:
    """The evidence an item names (paths and document numbers), as ``field: reference``."""
    return tuple(f"{path[0]}: {value}" for path, value in references(item))
