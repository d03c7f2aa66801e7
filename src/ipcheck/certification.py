"""Certification: what must hold before a certification body audits the system.

A certification body accepts an application only when the system has run for at least three
months with records, at least one complete internal audit and one management review have
been held, and the enterprise has had no IP administrative penalty in the past year; a major
nonconformity open blocks certification until it is closed. :func:`preconditions` judges
the ones the declaration shows, at a date (the audit date when one is given);
:func:`verdict` adds the open majors and gives ``ready``, ``not-ready`` or ``not-assessed``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ipcheck.i18n import Text, fill, text
from ipcheck.model.kinds import Audit, ManagementReview, Record
from ipcheck.rules.conditions import shift

if TYPE_CHECKING:
    from ipcheck.findings import Finding
    from ipcheck.model.declaration import Declaration

RUN_MONTHS = 3
"""Months of records a certification body asks for before it audits."""
PENALTY_FREE_YEARS = 1

PRECONDITIONS = ("system-running", "internal-audit", "management-review", "no-penalty", "no-open-major")
"""The preconditions, in the order reports list them."""

VERDICTS = ("ready", "not-ready", "not-assessed")

_TEXTS: dict[str, dict[str, str]] = {
    "system-running.met": {
        "en": "The system has run with records since {first} ({months} months before {date})",
        "zh-CN": "体系自{first}起运行并有记录（至{date}已{months}个月）",
    },
    "system-running.short": {
        "en": "The first operation record is of {first}: the system has not run {need} months with records by {date}",
        "zh-CN": "最早的运行记录为{first}：至{date}体系运行并有记录未满{need}个月",
    },
    "system-running.none": {
        "en": "No operation record is dated on or before {date}: the system must run {need} months with records",
        "zh-CN": "{date}前没有运行记录：体系须运行并有记录满{need}个月",
    },
    "internal-audit.met": {
        "en": "Internal audit {audit} was held on {held}, with its report",
        "zh-CN": "已于{held}完成内部审核{audit}并形成报告",
    },
    "internal-audit.none": {
        "en": "No complete internal audit (dated on or before {date}, with its report) is declared",
        "zh-CN": "未声明{date}前完成并形成报告的内部审核",
    },
    "management-review.met": {
        "en": "Management review {review} was held on {held}",
        "zh-CN": "已于{held}进行管理评审{review}",
    },
    "management-review.none": {
        "en": "No management review dated on or before {date} is declared",
        "zh-CN": "未声明{date}前进行的管理评审",
    },
    "no-penalty.met": {
        "en": "No IP administrative penalty in the year before {date}",
        "zh-CN": "{date}前一年内无知识产权行政处罚",
    },
    "no-penalty.unmet": {
        "en": "An IP administrative penalty was imposed on {penalty} ({authority}), less than a year before {date}",
        "zh-CN": "{penalty}受到知识产权行政处罚（{authority}），距{date}不足一年",
    },
    "no-open-major.met": {
        "en": "No major nonconformity is open",
        "zh-CN": "无未关闭的严重不符合项",
    },
    "no-open-major.unmet": {
        "en": "Major nonconformities open: {count}; each must be closed before the audit",
        "zh-CN": "有{count}项严重不符合未关闭，须在审核前关闭",
    },
    "no-open-major.unassessed": {
        "en": "Not every rule ran, so open major nonconformities may be missing from this report",
        "zh-CN": "并非所有规则都已运行，本报告可能遗漏未关闭的严重不符合项",
    },
    "not-loaded": {
        "en": "Not assessed: the declaration could not be loaded",
        "zh-CN": "未评估：声明无法加载",
    },
}
TEXTS: dict[str, Text] = {key: text(versions) for key, versions in _TEXTS.items()}
"""Every message of the certification verdict, in each language."""


@dataclass(frozen=True, slots=True)
class Precondition:
    """One precondition of certification, met or not (``None``: not assessed), with its message."""

    id: str
    met: bool | None
    message: str

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "met": self.met, "message": self.message}


def _text(key: str, lang: str, **values: object) -> str:
    return fill(TEXTS[key], values, lang)


def _months_between(first: dt.date, last: dt.date) -> int:
    months = (last.year - first.year) * 12 + last.month - first.month
    return months - (1 if last.day < first.day else 0)


def _system_running(declaration: Declaration, date: dt.date, lang: str) -> Precondition:
    dates = [r.date for r in declaration.of(Record) if r.date <= date]
    if not dates:
        return Precondition("system-running", False, _text("system-running.none", lang, date=date, need=RUN_MONTHS))
    first = min(dates)
    if first > shift(date, "-", RUN_MONTHS, "m"):
        return Precondition("system-running", False,
                            _text("system-running.short", lang, first=first, date=date, need=RUN_MONTHS))
    return Precondition("system-running", True, _text("system-running.met", lang, first=first, date=date,
                                                       months=_months_between(first, date)))


def _internal_audit(declaration: Declaration, date: dt.date, lang: str) -> Precondition:
    held = sorted((a for a in declaration.of(Audit) if a.date is not None and a.date <= date and a.report),
                  key=lambda a: (a.date, a.id))
    if not held:
        return Precondition("internal-audit", False, _text("internal-audit.none", lang, date=date))
    last = held[-1]
    return Precondition("internal-audit", True, _text("internal-audit.met", lang, audit=last.id, held=last.date))


def _management_review(declaration: Declaration, date: dt.date, lang: str) -> Precondition:
    held = sorted((r for r in declaration.of(ManagementReview) if r.date is not None and r.date <= date),
                  key=lambda r: (r.date, r.id))
    if not held:
        return Precondition("management-review", False, _text("management-review.none", lang, date=date))
    last = held[-1]
    return Precondition("management-review", True,
                        _text("management-review.met", lang, review=last.id, held=last.date))


def _no_penalty(declaration: Declaration, date: dt.date, lang: str) -> Precondition:
    enterprise = declaration.enterprise
    since = shift(date, "-", PENALTY_FREE_YEARS, "y")
    recent = sorted((p for p in (enterprise.penalties if enterprise else []) if since < p.date <= date),
                    key=lambda p: p.date)
    if recent:
        last = recent[-1]
        return Precondition("no-penalty", False, _text("no-penalty.unmet", lang, penalty=last.date,
                                                       authority=last.authority or "-", date=date))
    return Precondition("no-penalty", True, _text("no-penalty.met", lang, date=date))


def preconditions(declaration: Declaration, date: dt.date, lang: str = "en") -> list[Precondition]:
    """The preconditions the declaration shows, judged at ``date`` (all but the open majors)."""
    return [check(declaration, date, lang) for check in (_system_running, _internal_audit, _management_review,
                                                          _no_penalty)]


def open_majors(findings: list[Finding], complete: bool, lang: str = "en") -> Precondition:
    """No major nonconformity open (data problems of the declaration are no nonconformity);
    not assessed when not every rule ran and none is found."""
    majors = sum(1 for f in findings if f.severity == "major" and f.category == "audit")
    if majors:
        return Precondition("no-open-major", False, _text("no-open-major.unmet", lang, count=majors))
    if not complete:
        return Precondition("no-open-major", None, _text("no-open-major.unassessed", lang))
    return Precondition("no-open-major", True, _text("no-open-major.met", lang))


def verdict(checks: list[Precondition], loaded: bool) -> str:
    """``not-ready`` when a precondition is not met; else ``not-assessed`` when the declaration
    could not be loaded or a precondition could not be assessed; else ``ready``."""
    if any(c.met is False for c in checks):
        return "not-ready"
    if not loaded or any(c.met is None for c in checks):
        return "not-assessed"
    return "ready"
