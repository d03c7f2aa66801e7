"""What the office documents (docx, xlsx) share: reproducible archives, fixed document
properties, and the words of the report's language."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from ipcheck.i18n import term
from ipcheck.report.model import PRECONDITION_MARKS, Report

ARCHIVE_TIME = (1980, 1, 1, 0, 0, 0)
"""The time stamp of every member of the archive: the earliest a zip file can hold, so that the
same report gives the same bytes whenever it is written."""


def reproducible_zip(data: bytes) -> bytes:
    """The zip archive ``data`` rewritten with every member stamped :data:`ARCHIVE_TIME`, in the
    same order, compressed the same way for every run."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=ARCHIVE_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(member), compresslevel=6)
    return out.getvalue()


def document_time(report: Report) -> dt.datetime:
    """The creation time written into a document's properties: the check date at midnight UTC,
    not the moment it was written."""
    return dt.datetime.combine(report.as_of, dt.time(), tzinfo=dt.timezone.utc)


def severity_word(severity: str, lang: str) -> str:
    return term("severity", severity, lang)


def stage_word(stage: str | None, lang: str) -> str:
    return term("stage", stage, lang) if stage else ""


def protection_word(protection: str | None, lang: str) -> str:
    return term("protection", protection, lang) if protection else ""


def readiness_word(state: str, lang: str) -> str:
    return term("readiness", state, lang)


def verdict_word(report: Report) -> str:
    return term("verdict", report.certification_verdict(), report.lang)


def precondition_mark(met: bool | None, lang: str) -> str:
    return term("precondition-mark", PRECONDITION_MARKS[met], lang)


def as_text(value: str) -> str:
    """A value from the declaration for a document cell, shown as written: control characters
    and bidirectional overrides made visible (see :func:`ipcheck.report.text.visible`)."""
    from ipcheck.report.text import visible

    return visible(value)
