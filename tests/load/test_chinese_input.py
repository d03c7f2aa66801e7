"""What a Chinese input method types by habit gets a precise, located message with the fix,
in English and in Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from ipcheck.cli import cli
from ipcheck.load import LoadFailed, load
from ipcheck.model.kinds import Patent, Person, Unit

ENTERPRISE = "kind: Enterprise\nid: E-1\nname: 示例阀门有限公司\n"


def _problems(folder: Path, lang: str = "en") -> list[str]:
    with pytest.raises(LoadFailed) as failed:
        load([folder])
    return [p.render(lang) for p in failed.value.problems]


def _write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return folder


COLON = ("full-width colon '：' (U+FF1A) where YAML needs the ASCII ':'\n"
         "  hint: retype it as ':' with the input method in half-width (English) punctuation mode")
SPACE = ("ideographic (full-width) space '\\u3000' (U+3000) where YAML needs the ASCII ' '\n"
         "  hint: retype it as ' ' with the input method in half-width (English) punctuation mode")


@pytest.mark.parametrize(("content", "problem"), [
    ("kind: Enterprise\nid：E-1\nname: x\n", "2:3: " + COLON),
    ("kind: Enterprise\nid: E-1\nname： x\n", "3:5: " + COLON),
    ("kind: Enterprise\nid: E-1\nname: x\nmarkets: [CN, US）\n",
     "4:17: full-width parenthesis '）' (U+FF09) where YAML needs the ASCII ')'\n"
     "  hint: retype it as ')' with the input method in half-width (English) punctuation mode"),
    ("kind: Enterprise\nid: E-1\nname: x\nmarkets:\n\u3000\u3000- CN\n", "5:1: " + SPACE),
    ("kind: Enterprise\nid: E-1\nname: x\n\u3000description: y\n", "4:1: " + SPACE),
    ("kind: Enterprise\nid: E-1\nname: x\nmarkets: 【CN, US]\n",
     "4:10: Enterprise 'E-1': field 'markets': input should be a valid list, got '【CN, US]'\n"
     "  hint: retype it as '[' with the input method in half-width (English) punctuation mode"),
])
def test_full_width_punctuation_is_named_at_its_own_line_and_column(tmp_path: Path, content: str,
                                                                    problem: str) -> None:
    _write(tmp_path, "enterprise.yaml", content)
    assert _problems(tmp_path) == ["enterprise.yaml:" + problem]


def test_a_full_width_colon_is_named_in_chinese(tmp_path: Path) -> None:
    _write(tmp_path, "enterprise.yaml", "kind: Enterprise\nid：E-1\nname: x\n")
    assert _problems(tmp_path, "zh-CN") == [
        "enterprise.yaml:2:3: 此处 YAML 需要半角 ':'，却写了全角冒号 '：'（U+FF1A）\n"
        "  提示：将输入法切换为半角（英文）标点后重新输入 ':'"]


def test_full_width_punctuation_in_a_chinese_value_is_no_error(tmp_path: Path) -> None:
    _write(tmp_path, "enterprise.yaml", "kind: Enterprise\nid: E-1\nname: 示例（中国）有限公司：阀门，泵；【总部】\n")
    assert load([tmp_path]).enterprise.name == "示例（中国）有限公司：阀门，泵；【总部】"  # type: ignore[union-attr]


def test_a_full_width_semicolon_in_a_code_list_is_caught(tmp_path: Path) -> None:
    _write(tmp_path, "enterprise.yaml", "kind: Enterprise\nid: E-1\nname: x\nmarkets: [CN；US]\n")
    assert _problems(tmp_path) == [
        "enterprise.yaml:4:11: Enterprise 'E-1': field 'markets.0': 'CN；US' holds a full-width semicolon '；' "
        "(U+FF1B) where a list separates its entries with the ASCII ','\n  hint: write [CN, US]"]


def test_a_full_width_comma_in_a_code_list_is_caught(tmp_path: Path) -> None:
    _write(tmp_path, "enterprise.yaml", "kind: Enterprise\nid: E-1\nname: x\nmarkets: [CN，US]\n")
    assert _problems(tmp_path) == [
        "enterprise.yaml:4:11: Enterprise 'E-1': field 'markets.0': 'CN，US' holds a full-width comma '，' (U+FF0C) "
        "where a list separates its entries with the ASCII ','\n  hint: write [CN, US]"]
    assert _problems(tmp_path, "zh-CN") == [
        "enterprise.yaml:4:11: Enterprise 'E-1'：字段 'markets.0'：'CN，US' 中有全角逗号 '，'（U+FF0C），"
        "列表须以半角 ',' 分隔各项\n  提示：写作 [CN, US]"]


@pytest.mark.parametrize(("code", "hint"), [
    ("XX", "write the two-letter code in capitals, e.g. CN, US, JP, EP"),
    ("cn", "did you mean CN?"),
    ("中国", "did you mean CN?"),
])
def test_codes_are_iso_3166_countries_or_documented_regions(tmp_path: Path, code: str, hint: str) -> None:
    _write(tmp_path, "enterprise.yaml", f"kind: Enterprise\nid: E-1\nname: x\nmarkets: [CN, EP, EU, WO, {code}]\n")
    assert _problems(tmp_path) == [
        f"enterprise.yaml:4:27: Enterprise 'E-1': field 'markets.4': {code!r} is neither an ISO 3166-1 country code "
        f"nor a regional code (EP, EU, EM, WO, EA, AP, OA, GC, BX)\n  hint: {hint}"]


def test_a_file_saved_as_gb18030_is_named_with_its_conversion(tmp_path: Path) -> None:
    _write(tmp_path, "enterprise.yaml", ENTERPRISE.encode("gb18030"))
    assert _problems(tmp_path) == [
        "enterprise.yaml:3:7: file is encoded as GBK/GB18030 (a Chinese Windows default), not UTF-8\n"
        "  hint: convert it to UTF-8: iconv -f GB18030 -t UTF-8 enterprise.yaml > enterprise.yaml.utf8 "
        "&& mv enterprise.yaml.utf8 enterprise.yaml"]
    assert _problems(tmp_path, "zh-CN")[0].startswith(
        "enterprise.yaml:3:7: 文件编码为 GBK/GB18030（中文 Windows 的默认编码），而非 UTF-8\n"
        "  提示：转换为 UTF-8：iconv -f GB18030 -t UTF-8 enterprise.yaml")


@pytest.mark.parametrize("written", ["2026/05/06", "2026.5.6", "2026年5月6日", "2026-5-6"])
def test_a_date_written_the_chinese_way_gets_the_iso_date(tmp_path: Path, written: str) -> None:
    _write(tmp_path, "people.yaml", f"kind: Person\nid: P-1\nname: 王刚\njoined: {written}\n")
    assert _problems(tmp_path) == [
        f"people.yaml:4:9: Person 'P-1': field 'joined': not a valid date, got {written!r}\n"
        "  hint: did you mean 2026-05-06? Dates are written YYYY-MM-DD"]
    assert _problems(tmp_path, "zh-CN") == [
        f"people.yaml:4:9: Person 'P-1'：字段 'joined'：不是有效日期，实为 {written!r}\n"
        "  提示：是否应为 2026-05-06？日期请写作 YYYY-MM-DD"]


@pytest.mark.parametrize(("written", "message"), [
    ("2026/05/06", "Invalid value for '--as-of': '2026/05/06' is not a date in YYYY-MM-DD form; did you mean "
                   "2026-05-06?"),
    ("2026年5月6日", "Invalid value for '--as-of': '2026年5月6日' is not a date in YYYY-MM-DD form; did you mean "
                    "2026-05-06?"),
    ("soon", "Invalid value for '--as-of': 'soon' is not a date in YYYY-MM-DD form"),
])
def test_as_of_written_the_chinese_way_gets_the_iso_date(tmp_path: Path, written: str, message: str) -> None:
    result = CliRunner().invoke(cli, ["check", str(tmp_path), "--as-of", written])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: {message}"


def test_as_of_in_chinese(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(tmp_path), "--as-of", "2026.5.6", "--lang", "zh-CN"])
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--as-of': '2026.5.6' 不是 YYYY-MM-DD 格式的日期；是否应为 2026-05-06？")


def test_ids_may_be_chinese() -> None:
    assert Person(id="销售部-王刚", name="王刚").id == "销售部-王刚"
    assert Person(id="P-1.a/b_c", name="x").id == "P-1.a/b_c"
    with pytest.raises(ValueError):
        Person(id="-销售部", name="x")


def test_a_choice_field_takes_its_chinese_term_and_reports_show_the_language(tmp_path: Path) -> None:
    patent = Patent(id="PAT-1", title="阀门", jurisdiction="CN", status="审查中", type="实用新型")
    assert (patent.status, patent.type) == ("pending", "utility-model")
    from ipcheck.i18n import Term, show

    assert (show(Term("patent-status", patent.status), "zh-CN"), show(Term("patent-status", patent.status), "en")) == (
        "审查中", "pending")



def test_a_choice_looks_up_the_glossary_only_for_a_value_that_is_no_id(monkeypatch) -> None:
    """pydantic checks an id itself; the words of the glossary group are looked up (a call
    into Python) only for a value that is not one, and a value that is neither fails with the
    error of the values' own check (the loader's message and did-you-mean are made from it)."""
    from pydantic import ValidationError

    from ipcheck.model.kinds import ChoiceWords

    looked_up: list[object] = []
    look_up = ChoiceWords.__call__
    monkeypatch.setattr(ChoiceWords, "__call__", lambda self, value: looked_up.append(value) or look_up(self, value))
    assert Patent(id="PAT-1", title="x", jurisdiction="CN", status="granted", type="design").status == "granted"
    assert looked_up == []
    assert Patent(id="PAT-1", title="x", jurisdiction="CN", status="审查中").status == "pending"
    assert looked_up == ["审查中"]
    for written in ("grantd", "审核中", 5):
        with pytest.raises(ValidationError) as refused:
            Patent(id="PAT-1", title="x", jurisdiction="CN", status=written)
        expected = "'pending', 'granted', 'lapsed', 'abandoned', 'expired' or 'transferred'"
        assert refused.value.errors(include_url=False) == [{
            "type": "literal_error", "loc": ("status",), "msg": f"Input should be {expected}",
            "input": written, "ctx": {"expected": expected}}]


def test_a_declaration_written_in_chinese_loads(tmp_path: Path) -> None:
    _write(tmp_path, "registers.yaml", "kind: Unit\nid: 销售部\nname: 销售部\n---\n"
           "kind: Patent\nid: 专利-1\ntitle: 阀门\njurisdiction: CN\nstatus: 已授权\ntype: 发明\n")
    declaration = load([tmp_path])
    assert [u.id for u in declaration.of(Unit)] == ["销售部"]
    assert [(p.id, p.status, p.type) for p in declaration.of(Patent)] == [("专利-1", "granted", "invention")]
