"""Evidence in the document repository (IPE001): where a declaration points at evidence by
path (the minutes of a meeting or a review, an audit report, a signed agreement or contract),
the file is there.

A reference that is a document number (``HX-IA-2026-02``), not a path, is left alone: the
document is kept elsewhere and the auditor asks for it by number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath, PureWindowsPath

from ipcheck.model.declaration import Declaration
from ipcheck.model.kinds import Audit, ConfidentialityAgreement, Contract, Item, ManagementReview, Meeting
from ipcheck.rules.api import CheckContext, Violation, rule

EVIDENCE_FIELDS: tuple[tuple[type[Item], str, str | None, str | None], ...] = (
    (Meeting, "minutes", "startup", None),
    (Audit, "report", "internal-audit", None),
    (ManagementReview, "minutes", "management-review", None),
    (Contract, "evidence", "operation", None),
    (ConfidentialityAgreement, "evidence", "operation", "trade-secret"),
)
"""The fields that name evidence, with the stage and protection type a missing file concerns."""
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


def evidence_paths(declaration: Declaration) -> Iterator[tuple[Item, str, str, str | None, str | None]]:
    """Every evidence reference that is a path: (item, field, path, stage, protection)."""
    for kind, field, stage, protection in EVIDENCE_FIELDS:
        for item in declaration.of(kind):
            value = getattr(item, field, None)
            if isinstance(value, str) and is_path(value):
                yield item, field, value.strip(), stage, protection


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
    for item, field, path, stage, protection in evidence_paths(ctx.declaration):
        if not in_repository(root, path):
            yield Violation(subject=item.id, path=(field,), stage=stage, protection=protection,
                            values={"kind": type(item).__name__, "field": field, "path": path})


def evidence_of(item: Item) -> tuple[str, ...]:
    """The evidence an item names (paths and document numbers), as ``field: reference``."""
    found = []
    for kind, field, _, _ in EVIDENCE_FIELDS:
        value = getattr(item, field, None) if isinstance(item, kind) else None
        if isinstance(value, str) and value.strip():
            found.append(f"{field}: {value.strip()}")
    return tuple(found)
