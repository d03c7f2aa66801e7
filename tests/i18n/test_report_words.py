"""The fixed words of the reports: every one in both languages, with the same placeholders."""

from __future__ import annotations

import pytest

from ipcheck.i18n import placeholder_mismatch, translated
from ipcheck.report.words import say, severity_counts, words


@pytest.mark.parametrize("key", sorted(words()))
def test_each_report_word_has_its_chinese_text_with_the_english_placeholders(key: str) -> None:
    assert translated(words()[key], "zh-CN")
    assert placeholder_mismatch(words()[key]) == ""


def test_counts_read_as_each_language_writes_them() -> None:
    counts = {"major": 2, "minor": 0, "observation": 1}
    assert severity_counts(counts, "en") == "2 major, 0 minor, 1 observation"
    assert severity_counts(counts, "zh-CN") == "严重2项，一般0项，观察项1项"
    assert severity_counts(counts, "zh-CN", nonzero=True) == "严重2项，观察项1项"
    assert say("section-heading", "zh-CN", title="专利", count=3) == "专利（3）"
