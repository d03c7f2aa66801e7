"""``--lang``, ``lang:`` and the locale choose the language of a check; ids, severities,
fingerprints and exit codes never change with it, and a baseline made in one language
works in the other."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipcheck.cli import cli

ROOT = Path(__file__).resolve().parents[2]
AS_OF = "2026-11-24"


@pytest.fixture
def declaration(tmp_path: Path) -> Path:
    """The exemplar with the defect of IP101 (no working group): one observation."""
    from tests.defects.apply import materialise

    return materialise("ip101-no-working-group", tmp_path / "system")


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _json(*args: str, env: dict[str, str] | None = None) -> dict[str, object]:
    code, out, _ = invoke("check", *args, "--as-of", AS_OF, "-f", "json", "--fail-on", "observation", env=env)
    assert code == 1
    return json.loads(out)


def test_a_chinese_locale_reports_in_chinese(declaration: Path) -> None:
    code, out, _ = invoke("check", str(declaration), "--as-of", AS_OF, "--fail-on", "observation",
                          env={"LANG": "zh_CN.UTF-8"})
    assert code == 1
    assert "汇总\n" in out and "各阶段就绪状态" in out and "观察项     IP101" in out
    assert "Summary" not in out and "Readiness by stage" not in out


def test_lang_overrides_the_locale_and_the_configuration(declaration: Path) -> None:
    (declaration / "ipcheck.yaml").write_text("lang: zh-CN\n", encoding="utf-8")
    assert _json(str(declaration))["lang"] == "zh-CN"
    assert _json(str(declaration), "--lang", "en", env={"LANG": "zh_CN.UTF-8"})["lang"] == "en"
    (declaration / "ipcheck.yaml").unlink()
    assert _json(str(declaration), env={"LC_ALL": "zh_CN.UTF-8"})["lang"] == "zh-CN"
    assert _json(str(declaration), "--lang", "zh", env={"LANG": "en_US.UTF-8"})["lang"] == "zh-CN"


def test_an_unknown_language_is_a_usage_error(declaration: Path) -> None:
    code, _, err = invoke("check", str(declaration), "--lang", "fr")
    assert code == 2
    assert "Invalid value for '--lang': 'fr' is not a language ipcheck speaks; choose en or zh-CN" in err


def test_ids_severities_fingerprints_and_exit_codes_do_not_change_with_the_language(declaration: Path) -> None:
    english = _json(str(declaration), "--lang", "en")
    chinese = _json(str(declaration), "--lang", "zh-CN")
    keep = ("rule", "severity", "stage", "protection", "clauses", "subject", "location", "fingerprint", "category")
    assert [{k: f[k] for k in keep} for f in english["findings"]] == [  # type: ignore[union-attr]
        {k: f[k] for k in keep} for f in chinese["findings"]]  # type: ignore[union-attr]
    assert {**english["summary"], "certification": None} == {  # type: ignore[dict-item]
        **chinese["summary"], "certification": None}  # type: ignore[dict-item]


@pytest.mark.parametrize(("made_in", "checked_in"), [("en", "zh-CN"), ("zh-CN", "en")])
def test_a_baseline_made_in_one_language_works_in_the_other(declaration: Path, tmp_path: Path, made_in: str,
                                                            checked_in: str) -> None:
    baseline = tmp_path / "baseline.json"
    code, _, _ = invoke("baseline", str(declaration), "--as-of", AS_OF, "-o", str(baseline), "--lang", made_in)
    assert code == 0
    code, out, _ = invoke("check", str(declaration), "--as-of", AS_OF, "--baseline", str(baseline),
                          "--lang", checked_in, "-f", "json")
    assert code == 0
    report = json.loads(out)
    assert report["findings"] == [] and report["lang"] == checked_in


def test_the_summary_line_of_a_written_report_is_in_the_language(declaration: Path, tmp_path: Path) -> None:
    code, _, err = invoke("check", str(declaration), "--as-of", AS_OF, "-o", str(tmp_path / "r.txt"),
                          "--lang", "zh-CN", "--fail-on", "observation")
    assert code == 1
    assert err.splitlines()[-1].startswith("ipcheck：严重0项，一般0项，观察项1项；8个阶段中")
    assert err.splitlines()[-1].endswith(f"；未通过；报告已写入 {tmp_path / 'r.txt'}")


def test_explain_rules_clauses_and_init_speak_the_language(tmp_path: Path) -> None:
    code, out, _ = invoke("explain", "IPW001", "--lang", "zh-CN")
    assert code == 0
    assert out.startswith("# IPW001: 豁免已过期\n\n- 不符合性质：**一般不符合**\n- 适用范围：跨阶段\n")
    code, out, _ = invoke("rules", "--lang", "zh-CN")
    assert code == 0
    assert "IPW001   一般不符合  -                 豁免已过期\n" in out
    code, out, _ = invoke("rules", "--json", "--lang", "zh-CN")
    assert {"id": "IPW001", "title": "豁免已过期", "severity": "minor"}.items() <= next(
        r for r in json.loads(out) if r["id"] == "IPW001").items()
    code, out, _ = invoke("clauses", "--lang", "zh-CN")
    assert code == 0 and out.startswith("GB/T 29490-2023 企业知识产权合规管理体系 要求\n")
    code, out, _ = invoke("init", str(tmp_path / "new"), "--lang", "zh-CN")
    assert code == 0 and out.endswith(f"下一步：编辑这些文件，然后运行 `ipcheck check {tmp_path / 'new'}`\n")


def test_an_unknown_rule_is_said_in_the_language() -> None:
    code, _, err = invoke("explain", "IPW01", "--lang", "zh-CN")
    assert code == 2
    assert err == "ipcheck：没有规则 'IPW01'；是否应为 'IPW001'？\n"
