"""The language layer: texts, the glossary, and how values read in each language."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

from ipcheck.i18n import (
    LANGS,
    Amount,
    Term,
    Text,
    fill,
    glossary,
    join_list,
    lang_from_environment,
    pick,
    placeholder_mismatch,
    show,
    term_ids,
    text,
)


def test_a_text_is_its_english_and_picks_its_translation() -> None:
    title = text({"en": "Patents", "zh-CN": "专利"})
    assert title == "Patents"
    assert pick(title, "zh-CN") == "专利"
    assert pick(title, "en") == "Patents"
    assert pick("English only", "zh-CN") == "English only"


def test_a_text_survives_pickling_with_its_translations() -> None:
    title = text({"en": "Patents", "zh-CN": "专利"})
    assert pick(pickle.loads(pickle.dumps(title)), "zh-CN") == "专利"


@pytest.mark.parametrize(("value", "error"), [
    ({"zh-CN": "专利"}, "the English text (en) is missing; every text has one"),
    ({"en": "Patents", "fr": "Brevets"}, "unknown language 'fr'; write one of en, zh-CN"),
])
def test_a_text_without_english_or_in_an_unknown_language_is_refused(value: dict[str, str], error: str) -> None:
    with pytest.raises(ValueError) as raised:
        text(value)
    assert str(raised.value) == error


@pytest.mark.parametrize(("lang", "items", "shown"), [
    ("en", ["a"], "a"),
    ("en", ["a", "b"], "a and b"),
    ("en", ["a", "b", "c"], "a, b and c"),
    ("en", list("abcdefgh"), "a, b, c, d, e, f and 2 more"),
    ("zh-CN", ["a"], "a"),
    ("zh-CN", ["a", "b"], "a和b"),
    ("zh-CN", ["a", "b", "c"], "a、b和c"),
    ("zh-CN", list("abcdefgh"), "a、b、c、d、e、f等8项"),
    ("en", [], ""),
])
def test_lists_are_joined_as_each_language_writes_them(lang: str, items: list[str], shown: str) -> None:
    assert join_list(items, lang) == shown


@pytest.mark.parametrize(("value", "en", "zh"), [
    (Term("patent-status", "lapsed"), "lapsed", "失效"),
    (Term("severity", "major"), "major", "严重不符合"),
    (Term("frequency", "half-yearly"), "half-yearly", "每半年"),
    (Term("plugin-group", "own-value"), "own-value", "own-value"),
    (Amount(1, "month"), "1 month", "1个月"),
    (Amount(3, "month"), "3 months", "3个月"),
    (dt.date(2026, 5, 6), "2026-05-06", "2026-05-06"),
    (None, "(none)", "（无）"),
    (7, "7", "7"),
])
def test_values_read_in_each_language(value: object, en: str, zh: str) -> None:
    assert (show(value, "en"), show(value, "zh-CN")) == (en, zh)


def test_a_template_is_filled_in_the_language_with_values_shown_in_it() -> None:
    template = text({"en": "{form} has {count} records of {people}", "zh-CN": "{form}有{count}条记录，涉及{people}"})
    values = {"form": "F-1", "count": 3, "people": ["王刚", "李娜"]}
    assert fill(template, values, "en") == "F-1 has 3 records of 王刚 and 李娜"
    assert fill(template, values, "zh-CN") == "F-1有3条记录，涉及王刚和李娜"


def test_a_placeholder_without_a_value_names_it() -> None:
    with pytest.raises(KeyError) as raised:
        fill("{missing}", {}, "en")
    assert raised.value.args == ("missing",)


def test_translations_must_name_the_placeholders_of_the_english_text() -> None:
    assert placeholder_mismatch(text({"en": "{a} and {b}", "zh-CN": "{a}和{b}"})) == ""
    assert placeholder_mismatch(text({"en": "{a} and {b}", "zh-CN": "{a}和{c}"})) == (
        "the zh-CN text lacks {b} and adds {c} of the English one")


@pytest.mark.parametrize(("environ", "lang"), [
    ({}, "en"),
    ({"LANG": "zh_CN.UTF-8"}, "zh-CN"),
    ({"LANG": "zh_TW.UTF-8"}, "zh-CN"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "zh_CN.UTF-8", "LC_ALL": "C"}, "en"),
    ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, "zh-CN"),
])
def test_the_locale_chooses_the_language(environ: dict[str, str], lang: str) -> None:
    assert lang_from_environment(environ) == lang


def test_every_glossary_word_exists_in_every_language() -> None:
    for group, words in glossary().items():
        for id, versions in words.items():
            for lang in LANGS:
                assert versions.get(lang) is not None, (group, id, lang)


def test_a_chinese_word_of_a_choice_field_names_its_id() -> None:
    assert term_ids("patent-status", "审查中") == ["pending"]
    assert term_ids("patent-status", "pending") == ["pending"]
    assert term_ids("patent-status", "悬而未决") == []


def test_text_is_a_str_for_code_that_only_knows_english() -> None:
    assert isinstance(Text("x", {"zh-CN": "叉"}), str)


def test_every_kind_has_its_chinese_name() -> None:
    from ipcheck.model.kinds import KINDS

    missing = sorted(set(KINDS) - set(glossary()["kind"]))
    assert missing == [], f"add each kind to the group 'kind' of src/ipcheck/glossary.yaml: {missing}"
