"""The register logic of Chinese IP law: what a CN patent or trademark entry must say, worked
out from the law and CNIPA's numbering, so that a typo or a stale entry in the register is
caught before the auditor (or a lapsed right) finds it.

- CN application numbers since 2003: 12 digits (the year, the type digit, a 7-digit serial),
  a dot and a check digit (the 12 digits weighted 2,3,4,5,6,7,8,9,2,3,4,5, summed, mod 11;
  10 is written X). Older numbers: 8 digits weighted 2 to 9. A granted patent is cited as
  ZL plus its application number.
- Patent terms from the filing date: invention 20 years, utility model 10, design 15 for
  applications filed from 2021-06-01 (10 before). Annuities fall due on each anniversary of
  the filing date. A register may write a term's end, or a due date, as the anniversary or
  as its eve (the last day of the year): both are accepted.
- Trademarks: ten years from registration, renewed ten years at a time; a registration
  expires the day before the anniversary (or on it, as some registers write it).

The register of a patent office other than CNIPA follows other rules: only entries with
``jurisdiction: CN`` are checked here.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from collections.abc import Iterator, Mapping
from types import MappingProxyType

from ipcheck.i18n import Amount, Term
from ipcheck.model.declaration import Declaration
from ipcheck.model.kinds import Patent, Trademark
from ipcheck.rules.api import CheckContext, Violation, rule
from ipcheck.rules.builtin.common import per_declaration
from ipcheck.rules.conditions import shift

WEIGHTS_12 = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
WEIGHTS_8 = (2, 3, 4, 5, 6, 7, 8, 9)
APPLICATION_NUMBER = re.compile(r"(?:CN)?(\d{12}|\d{8})\.([0-9X])")
"""A CN application number as registers write it, with or without the CN prefix."""
DESIGN_TERM_CHANGED = dt.date(2021, 6, 1)
"""Design applications filed from this day have a 15-year term (the Patent Law of 2020)."""
TERM_YEARS = {"invention": 20, "utility-model": 10}
ONE_DAY = dt.timedelta(days=1)
"""Registers write a term's end as the anniversary or as its eve (CNIPA's notices give the
eve as the last day): both are right, and a register may keep either."""


def check_digit(digits: str) -> str:
    """The check digit of a CN application number's 12 (or 8) digits."""
    weights = WEIGHTS_12 if len(digits) == 12 else WEIGHTS_8
    if digits.isascii():  # each digit's character code is ord("0") above its value: taken back once, from the sum
        weighted = sum(map(operator.mul, digits.encode(), weights)) - ord("0") * sum(weights)
    else:  # other digits the number's pattern accepts (full-width ２０１７)
        weighted = sum(map(operator.mul, map(int, digits), weights))
    rest = weighted % 11
    return "X" if rest == 10 else str(rest)


def term_years(patent: Patent) -> int | None:
    """The legal term of a CN patent, in years from its filing date (None without one)."""
    if patent.application_date is None:
        return None
    if patent.type == "design":
        return 15 if patent.application_date >= DESIGN_TERM_CHANGED else 10
    return TERM_YEARS[patent.type]


def legal_annuity_due(patent: Patent) -> dt.date | None:
    """The day a CN patent's next annuity falls due by law when its register writes another day:
    the filing anniversary in the year of the declared due date. None for another jurisdiction,
    without a filing or due date, or when the register's day is the anniversary or its eve."""
    filed, due = patent.application_date, patent.annuity_due
    if patent.jurisdiction.upper() != "CN" or filed is None or due is None:
        return None
    expected = shift(filed, "+", (due.year - filed.year) * 12, "m")
    return None if due in (expected, expected - ONE_DAY) else expected


@per_declaration
def legal_annuity_dues(decl: Declaration) -> Mapping[str, dt.date]:
    """The day the law gives for the next annuity of each CN patent whose register writes another
    day (see :func:`legal_annuity_due`), by patent id: IPP103's findings, and the deadline the
    annuity rules judge those patents by."""
    return MappingProxyType({patent.id: legal for patent in cn_patents(decl)
                             if (legal := legal_annuity_due(patent)) is not None})


def legal_expiry(mark: Trademark) -> dt.date | None:
    """The day a CN registration expires by law when its register writes another day: the eve of
    the ten-year anniversary of registration nearest the declared expiry. None for another
    jurisdiction, without the dates, or when the register's day is the anniversary or its eve."""
    if mark.jurisdiction.upper() != "CN" or mark.registered is None or mark.expiry is None:
        return None
    terms = max(1, round((mark.expiry - mark.registered).days / 365.25 / 10))
    anniversary = shift(mark.registered, "+", terms * 120, "m")
    return None if mark.expiry in (anniversary, anniversary - ONE_DAY) else anniversary - ONE_DAY


@per_declaration
def cn_patents(decl: Declaration) -> tuple[Patent, ...]:
    """The patents of the CNIPA register (``jurisdiction: CN``), in declaration order."""
    return tuple(p for p in decl.of(Patent) if p.jurisdiction.upper() == "CN")


_PATENT = """\
kind: Patent
id: HXP-CN-2017-004
title: Plate heat exchanger with a leak-detection groove
type: invention
jurisdiction: CN
application_number: CN201710601862.3
application_date: 2017-05-06
grant_number: ZL201710601862.3
status: granted
annuity_due: 2027-05-06
expiry: 2037-05-06
"""


@rule(
    reads=("Patent",), per_item="Patent",
    id="IPP101",
    title={"en": "CN patent numbers are well formed and consistent",
           "zh-CN": "中国专利申请号、专利号格式正确且相互一致"},
    severity="minor",
    protection="patent",
    clauses=("maintenance", "records"),
    rationale={
        "en": "A CN application number carries its own check digit; a register entry whose check digit does not "
              "match, or whose patent number is not ZL plus the application number, was mistyped. Searches, annuity "
              "payments and evidence in a dispute then point at another patent or at none.",
        "zh-CN": "中国专利申请号自带校验位；校验位不符，或专利号不是“ZL+申请号”的台账条目必有录入错误。"
                 "据此进行的检索、年费缴纳和维权举证都会指向别的专利，或找不到专利。",
    },
    fails=_PATENT.replace("CN201710601862.3", "CN201710601862.5"),
    passes=_PATENT,
    messages={
        "format": {"en": "Patent {subject} has the application number {number}, which is not a CN application "
                         "number (12 digits, a dot and a check digit, e.g. 201710601862.3)",
                   "zh-CN": "专利{subject}的申请号{number}不符合中国专利申请号格式（12位数字、小数点和校验位，"
                            "如201710601862.3）"},
        "check-digit": {"en": "Patent {subject} has the application number {number}, whose check digit should be "
                              "{expected}: the number is mistyped",
                        "zh-CN": "专利{subject}的申请号{number}校验位应为{expected}：申请号录入有误"},
        "grant-number": {"en": "Patent {subject} has the patent number {grant}, which is not ZL plus its application "
                               "number {number}",
                         "zh-CN": "专利{subject}的专利号{grant}与申请号{number}不一致（应为“ZL+申请号”）"},
    },
    fix={"en": "Check the numbers of patent {subject} against the certificate or CNIPA's register and correct the "
               "register entry.",
         "zh-CN": "对照专利证书或国家知识产权局的登记信息核对专利{subject}的号码，并更正台账。"},
)
def cn_patent_numbers(ctx: CheckContext) -> Iterator[Violation]:
    for patent in cn_patents(ctx.declaration):
        number = patent.application_number
        if number is None:
            continue
        written = APPLICATION_NUMBER.fullmatch(number.replace(" ", ""))
        if written is None:
            yield Violation(subject=patent.id, path=("application_number",), values={"number": number},
                            template="format")
            continue
        digits, check = written.groups()
        expected = check_digit(digits)
        if check != expected:
            yield Violation(subject=patent.id, path=("application_number",),
                            values={"number": number, "expected": expected}, template="check-digit")
        elif patent.grant_number is not None and patent.grant_number.replace(" ", "") != f"ZL{digits}.{check}":
            yield Violation(subject=patent.id, path=("grant_number",),
                            values={"number": number, "grant": patent.grant_number}, template="grant-number")


@rule(
    reads=("Patent",), per_item="Patent",
    id="IPP102",
    title={"en": "A CN patent's expiry is the end of its legal term",
           "zh-CN": "中国专利的届满日与法定保护期限一致"},
    severity="minor",
    protection="patent",
    clauses=("maintenance", "records"),
    rationale={
        "en": "A CN patent's term runs from its filing date: 20 years for an invention, 10 for a utility model, 15 "
              "for a design filed from 2021-06-01 (10 before). A register whose expiry differs plans annuities and "
              "product protection against the wrong date, and may keep a patent past its term as if in force.",
        "zh-CN": "中国专利的保护期限自申请日起计算：发明专利20年，实用新型10年，外观设计2021年6月1日起申请的为15年"
                 "（此前为10年）。台账届满日与此不符，年费安排和产品保护都以错误日期为准，"
                 "还可能把已届满的专利当作有效专利。",
    },
    fails=_PATENT.replace("expiry: 2037-05-06", "expiry: 2027-05-06"),
    passes=_PATENT,
    messages={
        "differs": {"en": "Patent {subject} ({type}, filed {filed}) is declared to expire on {declared}; its legal "
                          "term of {term} ends on {legal}",
                    "zh-CN": "专利{subject}（{type}，申请日{filed}）台账届满日为{declared}，但其{term}的法定保护期限"
                             "届满于{legal}"},
        "past-term": {"en": "Patent {subject} ({type}, filed {filed}) is declared {status}, but its legal term of "
                            "{term} ended on {legal}",
                      "zh-CN": "专利{subject}（{type}，申请日{filed}）台账状态为“{status}”，但其{term}的法定保护期限"
                               "已于{legal}届满"},
    },
    fix={"en": "Correct the expiry of patent {subject} to {legal} (and its status, if its term has ended) in the "
               "register.",
         "zh-CN": "在台账中将专利{subject}的届满日更正为{legal}（保护期限已届满的，一并更正法律状态）。"},
)
def cn_patent_term(ctx: CheckContext) -> Iterator[Violation]:
    for patent in cn_patents(ctx.declaration):
        years = term_years(patent)
        if years is None or patent.application_date is None:
            continue
        legal = shift(patent.application_date, "+", years * 12, "m")
        if patent.expiry is not None and patent.expiry not in (legal, legal - ONE_DAY):
            yield Violation(subject=patent.id, path=("expiry",),
                            values={**term_values(patent, years, legal), "declared": patent.expiry},
                            template="differs")
        elif patent.expiry is None and legal <= ctx.as_of and patent.status in ("granted", "pending"):
            yield Violation(subject=patent.id, path=("status",), values=term_values(patent, years, legal),
                            template="past-term")


def term_values(patent: Patent, years: int, legal: dt.date) -> dict[str, object]:
    """The values of a finding on a CN patent's term (its type, filing, term and legal expiry)."""
    return {"type": Term("patent-type", patent.type), "filed": patent.application_date,
            "term": Amount(years, "year"), "legal": legal, "status": Term("patent-status", patent.status)}


@rule(
    reads=("Patent",), per_item="Patent",
    id="IPP103",
    title={"en": "CN annuities fall due on the filing anniversary",
           "zh-CN": "中国专利年费缴纳日为申请日的周年日"},
    severity="minor",
    protection="patent",
    clauses=("maintenance",),
    rationale={
        "en": "A CN patent's annuity falls due on each anniversary of its filing date, with six months' grace (and "
              "a surcharge) after it. A due date on another day was mistyped or worked out wrongly: a docket that "
              "watches it may warn after the real deadline has passed. Once the day the law gives has passed, the "
              "annuity is graded as any annuity past due (IPP005 inside the grace period, IPP015 for a key "
              "product's patent lost after it).",
        "zh-CN": "中国专利年费应在每年申请日的对应日缴纳，期满后有六个月的滞纳期（需缴纳滞纳金）。"
                 "台账年费缴纳日不在申请日的周年日，说明录入或推算有误：按此监控的期限提醒可能晚于真实期限。"
                 "法定缴纳日已过的，按年费逾期评定（宽限期内由IPP005报告，宽限期届满后丧失关键产品专利的由IPP015报告）。",
    },
    fails=_PATENT.replace("annuity_due: 2027-05-06", "annuity_due: 2027-06-05"),
    passes=_PATENT,
    messages={
        "default": {"en": "Patent {subject} was filed on {filed}, but its next annuity is declared due on {declared}, "
                          "not on an anniversary of the filing date ({expected})",
                    "zh-CN": "专利{subject}的申请日为{filed}，但台账下次年费缴纳日为{declared}，"
                             "不在申请日的周年日（应为{expected}）"},
    },
    fix={"en": "Correct the next annuity due date of patent {subject} to {expected} and check the docket entry "
               "that watches it.",
         "zh-CN": "将专利{subject}的下次年费缴纳日更正为{expected}，并核对期限监控中的对应条目。"},
)
def cn_annuity_on_anniversary(ctx: CheckContext) -> Iterator[Violation]:
    legal_dues = legal_annuity_dues(ctx.declaration)
    for patent in cn_patents(ctx.declaration):
        expected = legal_dues.get(patent.id)
        if expected is not None:
            yield Violation(subject=patent.id, path=("annuity_due",),
                            values={"filed": patent.application_date, "declared": patent.annuity_due,
                                    "expected": expected})


_MARK = """\
kind: Trademark
id: TM-CN-01
mark: HUAXIN
jurisdiction: CN
classes: [11]
registration_number: "4765432"
registered: 2008-06-14
expiry: 2028-06-13
status: registered
"""


@rule(
    reads=("Trademark",), per_item="Trademark",
    id="IPT101",
    title={"en": "A CN trademark's expiry follows its ten-year terms",
           "zh-CN": "中国注册商标的有效期届满日符合十年有效期"},
    severity="minor",
    protection="trademark",
    clauses=("maintenance", "records"),
    rationale={
        "en": "A CN registration is valid for ten years from the day it was approved and is renewed ten years at a "
              "time; renewal may be filed in the twelve months before expiry, with six months' grace after it. An "
              "expiry that is no ten-year step from the registration date was mistyped, and the renewal window "
              "watched for it is wrong. Once the expiry the law gives has passed, the renewal is graded as any "
              "renewal past due (IPT006 inside the grace period, IPT010 for a key product's mark lost after it).",
        "zh-CN": "注册商标的有效期为十年，自核准注册之日起计算，每次续展注册的有效期为十年；"
                 "应在期满前十二个月内申请续展，期满后有六个月的宽展期。届满日与注册日不是十年整的倍数，"
                 "说明录入有误，据此监控的续展期限也随之出错。法定届满日已过的，按续展逾期评定"
                 "（宽展期内由IPT006报告，宽展期届满后丧失关键产品商标的由IPT010报告）。",
    },
    fails=_MARK.replace("expiry: 2028-06-13", "expiry: 2028-03-13"),
    passes=_MARK,
    messages={
        "default": {"en": "Trademark {subject} was registered on {registered} but is declared to expire on {declared}, "
                          "which is no ten-year term from registration (expected {expected})",
                    "zh-CN": "商标{subject}的注册日为{registered}，台账有效期届满日为{declared}，"
                             "不符合十年有效期（应为{expected}）"},
    },
    fix={"en": "Check the registration and renewal dates of trademark {subject} against the certificate and "
               "correct its expiry (expected {expected}).",
         "zh-CN": "对照商标注册证及续展证明核对商标{subject}的日期，并更正有效期届满日（应为{expected}）。"},
)
def cn_trademark_term(ctx: CheckContext) -> Iterator[Violation]:
    for mark in ctx.declaration.of(Trademark):
        expected = legal_expiry(mark)
        if expected is not None:
            yield Violation(subject=mark.id, path=("expiry",),
                            values={"registered": mark.registered, "declared": mark.expiry, "expected": expected})
