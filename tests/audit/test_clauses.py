"""`ipcheck clauses` and docs/clauses.md: the clause map of each edition, with titles in both
languages, confidence, whether a declaration can show conformity, and the rules that check it."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from ipcheck.cli import cli
from ipcheck.rules.coverage import clause_doc
from ipcheck.rules.docs import builtin_metas

ROOT = Path(__file__).resolve().parents[2]


def _clauses(*args: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(cli, ["clauses", "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_json_lists_every_clause_of_the_edition_with_both_titles() -> None:
    newer = _clauses()
    older = _clauses("--edition", "2013")
    assert {c["edition"] for c in newer} == {"2023"} and {c["edition"] for c in older} == {"2013"}
    assert len(older) == 58 and len(newer) == 34
    for row in newer + older:
        assert set(row) == {"edition", "clause", "title", "confidence", "checkable", "reason", "rules",
                            "through_subclauses"}
        assert set(row["title"]) == {"en", "zh-CN"} and all(row["title"].values())  # type: ignore[union-attr]
        assert row["confidence"] in ("confirmed", "likely", "unknown")
        assert (row["reason"] is None) == row["checkable"]
    by_clause = {c["clause"]: c for c in newer}
    assert by_clause["9.3"]["title"] == {"en": "Internal audit", "zh-CN": "内部审核"}
    assert by_clause["9.3"]["confidence"] == "likely"
    assert "IP701" in by_clause["9.3"]["rules"]  # type: ignore[operator]
    assert by_clause["7.3"]["checkable"] is False and by_clause["7.3"]["rules"] == []
    assert "8.3" not in by_clause  # the numbering inside clause 8 is unknown: never invented
    assert {c["clause"]: c for c in older}["6.1.2"]["title"]["zh-CN"] == "教育与培训"  # type: ignore[index]


def test_text_and_markdown_name_the_standard() -> None:
    text = CliRunner().invoke(cli, ["clauses", "--edition", "2013"]).stdout
    assert text.splitlines()[0] == "GB/T 29490-2013 Enterprise intellectual property management"
    assert "  9.2 Internal audit  [confirmed]" in text.splitlines()
    markdown = CliRunner().invoke(cli, ["clauses", "-f", "markdown"]).stdout
    assert markdown.startswith("# GB/T 29490-2023 Enterprise intellectual property compliance management system")
    assert "| 10.3 | Continual improvement | 持续改进 | confirmed |" in markdown


def test_docs_clauses_md_is_up_to_date() -> None:
    committed = (ROOT / "docs" / "clauses.md").read_text(encoding="utf-8")
    assert committed == clause_doc(builtin_metas()), "run `python -m ipcheck.rules.coverage` and commit docs/clauses.md"


def test_titles_in_the_selected_language() -> None:
    text = CliRunner().invoke(cli, ["clauses", "--edition", "2013", "--lang", "zh-CN"]).stdout
    assert text.splitlines()[0] == "GB/T 29490-2013 企业知识产权管理规范"
    assert "    6.1.2 教育与培训  [已确认]" in text.splitlines()


def test_every_clause_is_checked_explained_or_checked_through_its_sub_clauses() -> None:
    for edition in ("2023", "2013"):
        for row in _clauses("--edition", edition):
            assert row["rules"] or not row["checkable"] or row["through_subclauses"], (edition, row["clause"])
            assert not (row["rules"] and row["through_subclauses"])
    older = {c["clause"]: c for c in _clauses("--edition", "2013")}
    assert older["5.5"]["through_subclauses"] is True and older["5.5"]["rules"] == []
    assert older["5.3.1"]["checkable"] is False  # top management's planning: judged in interview
    assert older["6.2"]["through_subclauses"] is False  # not checkable: its reason is shown instead
    newer = {c["clause"]: c for c in _clauses()}
    assert newer["5.1.1"]["rules"] == ["IP328"]
    assert "IP802" in newer["5.1.2"]["rules"]  # type: ignore[operator]
    assert newer["5.1"]["through_subclauses"] is True and newer["10.1"]["checkable"] is False


def test_a_parent_is_checked_through_its_sub_clauses_only_when_each_is_accounted_for() -> None:
    from ipcheck.rules.coverage import clause_rows

    metas = [m for m in builtin_metas() if m.id != "IP322"]  # the only rule of 2023 5.1.3
    rows = {r["clause"]: r for r in clause_rows("2023", metas)}
    assert rows["5.1.3"]["rules"] == [] and rows["5.1"]["through_subclauses"] is False
    assert rows["5"]["through_subclauses"] is False  # 5.1 is not accounted for, so neither is 5
    text = CliRunner().invoke(cli, ["clauses", "--lang", "zh-CN"]).stdout.splitlines()
    assert text[text.index("  5.1 领导作用和承诺  [已确认]") + 1] == "      通过其下级条款检查"
    english = CliRunner().invoke(cli, ["clauses", "--edition", "2013"]).stdout.splitlines()
    assert english[english.index("  5.5 Management review  [confirmed]") + 1] == "      checked through its sub-clauses"
