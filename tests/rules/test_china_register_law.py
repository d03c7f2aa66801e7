"""The register logic of Chinese IP law: check digits, terms, anniversaries."""

from __future__ import annotations

import datetime as dt

import pytest

from ipcheck.model.kinds import Patent
from ipcheck.rules.builtin.china_register_law import check_digit, term_years


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
