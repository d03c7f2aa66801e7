"""The register logic of Chinese IP law: check digits, terms, anniversaries."""

from __future__ import annotations

import datetime as dt

import pytest

from ipcheck.model.kinds import Patent, Trademark
from ipcheck.rules.builtin.china_register_law import check_digit, legal_annuity_due, legal_expiry, term_years
from ipcheck.rules.builtin.patent import annuity_deadline
from ipcheck.rules.builtin.trademark import renewal_deadline


@pytest.mark.parametrize(("digits", "expected"), [
    ("201710601862", "3"),   # DOMAIN.md's example, 201710601862.3
    ("201611477436", "5"),   # the exemplar's clip-on gasket patent
    ("201611567296", "0"),
    ("200510000006", "X"),   # 2*2 + 5*5 + 1*6 + 6*5 = 65, 65 mod 11 = 10: written X
    ("93100410", "1"),       # before 2003, 8 digits weighted 2 to 9: 18 + 9 + 4 + 28 + 8 = 67, mod 11 = 1
])
def test_the_check_digit_of_a_cn_application_number(digits: str, expected: str) -> None:
    assert check_digit(digits) == expected


def _patent(type_: str, filed: dt.date) -> Patent:
    return Patent(id="P", title="t", type=type_, jurisdiction="CN", status="granted", application_date=filed)


@pytest.mark.parametrize(("type_", "filed", "years"), [
    ("invention", dt.date(2016, 3, 17), 20),
    ("utility-model", dt.date(2016, 3, 17), 10),
    ("design", dt.date(2021, 5, 31), 10),   # the day before the Patent Law of 2020 took effect
    ("design", dt.date(2021, 6, 1), 15),    # and the day it did
])
def test_the_legal_term_of_a_cn_patent(type_: str, filed: dt.date, years: int) -> None:
    assert term_years(_patent(type_, filed)) == years


@pytest.mark.parametrize(("jurisdiction", "due", "legal", "judged_by"), [
    ("CN", dt.date(2027, 3, 17), None, dt.date(2027, 3, 17)),                           # on the anniversary
    ("CN", dt.date(2027, 3, 16), None, dt.date(2027, 3, 16)),                           # on its eve
    ("CN", dt.date(2026, 12, 17), dt.date(2026, 3, 17), dt.date(2026, 3, 17)),          # later: the law's day
    ("CN", dt.date(2026, 1, 17), dt.date(2026, 3, 17), dt.date(2026, 1, 17)),           # earlier: the register's
    ("US", dt.date(2026, 12, 17), None, dt.date(2026, 12, 17)),                         # another office's rules
])
def test_an_annuity_is_judged_by_the_earlier_of_the_register_and_the_law(
        jurisdiction: str, due: dt.date, legal: dt.date | None, judged_by: dt.date) -> None:
    patent = Patent(id="P", title="t", jurisdiction=jurisdiction, status="granted",
                    application_date=dt.date(2016, 3, 17), annuity_due=due)
    assert legal_annuity_due(patent) == legal
    assert annuity_deadline(patent, legal_annuity_due(patent)) == judged_by


@pytest.mark.parametrize(("registered", "expiry", "legal", "judged_by"), [
    (dt.date(2008, 6, 14), dt.date(2028, 6, 13), None, dt.date(2028, 6, 13)),                    # renewed once
    (dt.date(2016, 6, 7), dt.date(2029, 6, 6), dt.date(2026, 6, 6), dt.date(2026, 6, 6)),        # later: the law's
    (dt.date(2008, 6, 14), dt.date(2028, 3, 13), dt.date(2028, 6, 13), dt.date(2028, 3, 13)),    # earlier: the register's
])
def test_a_renewal_is_judged_by_the_earlier_of_the_register_and_the_law(
        registered: dt.date, expiry: dt.date, legal: dt.date | None, judged_by: dt.date) -> None:
    mark = Trademark(id="TM", mark="HUAXIN", jurisdiction="CN", classes=(11,), status="registered",
                     registered=registered, expiry=expiry)
    assert legal_expiry(mark) == legal
    assert renewal_deadline(mark) == judged_by
