"""The coverage matrix: every clause of each edition, whether a declaration can show
conformity with it, and the rules that check it.

``ipcheck clauses`` prints it for one edition (:func:`render_clauses`); ``docs/clauses.md``
holds both editions side by side, written by :func:`write_clause_doc`
(``python -m ipcheck.rules.coverage``), and a test fails when it drifts.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from ipcheck.rules.api import RuleMeta
from ipcheck.rules.clauses import (
    EDITIONS,
    Clause,
    clause_map,
    clause_title,
    clauses,
    cited_numbers,
    standard_code,
    standard_name,
)

FORMATS = ("text", "json", "markdown")
DOC_PATH = Path("docs") / "clauses.md"

CONFIDENCE_WORDS: dict[str, dict[str, str]] = {
    "confirmed": {"en": "confirmed", "zh-CN": "已确认"},
    "likely": {"en": "likely", "zh-CN": "较可能"},
    "unknown": {"en": "unknown", "zh-CN": "未知"},
}
NOT_CHECKABLE: dict[str, str] = {"en": "not checkable from a declaration", "zh-CN": "无法通过声明检查"}
NO_RULE: dict[str, str] = {"en": "no rule yet", "zh-CN": "尚无规则"}
THROUGH_SUBCLAUSES: dict[str, str] = {"en": "checked through its sub-clauses", "zh-CN": "通过其下级条款检查"}


def rules_of(edition: str, metas: Iterable[RuleMeta]) -> dict[str, list[str]]:
    """``{clause number: [rule ids]}``: the rules that cite each clause of ``edition``."""
    found: dict[str, list[str]] = {}
    for meta in metas:
        if not meta.applies_to(edition) or meta.category == "data":
            continue
        for number in cited_numbers(meta.clauses, edition):
            found.setdefault(number, []).append(meta.id)
    return {number: sorted(set(ids)) for number, ids in found.items()}


def clause_rows(edition: str, metas: Iterable[RuleMeta]) -> list[dict[str, object]]:
    """The JSON of ``ipcheck clauses``: one object per clause of ``edition``."""
    checking = rules_of(edition, metas)
    every = clauses(edition)
    return [_row(c, checking.get(c.number, []), _through_subclauses(c, every, checking)) for c in every]


def _subclauses(parent: Clause, every: tuple[Clause, ...]) -> list[Clause]:
    """The clauses one level below ``parent`` (5.3.1, 5.3.2 and 5.3.3 below 5.3)."""
    depth = parent.number.count(".") + 1
    return [c for c in every if c.number.startswith(parent.number + ".") and c.number.count(".") == depth]


def _covered(clause: Clause, every: tuple[Clause, ...], checking: dict[str, list[str]]) -> bool:
    """Whether ``clause`` is accounted for with everything below it: a declaration cannot show
    conformity with it (its reason says why), or rules check it or its sub-clauses, and each of
    its sub-clauses is accounted for."""
    if not clause.checkable:
        return True
    below = _subclauses(clause, every)
    return bool(checking.get(clause.number) or below) and all(_covered(c, every, checking) for c in below)


def _through_subclauses(clause: Clause, every: tuple[Clause, ...], checking: dict[str, list[str]]) -> bool:
    """Whether ``clause``, checkable and cited by no rule itself, has its requirement wholly in
    sub-clauses that are each accounted for (a parent such as 5.5 Management review, whose
    requirements are 5.5.1-5.5.3)."""
    if not clause.checkable or checking.get(clause.number):
        return False
    below = _subclauses(clause, every)
    return bool(below) and all(_covered(c, every, checking) for c in below)


def _row(clause: Clause, rules: list[str], through_subclauses: bool) -> dict[str, object]:
    return {
        "edition": clause.edition,
        "clause": clause.number,
        "title": dict(clause.title),
        "confidence": clause.confidence,
        "checkable": clause.checkable,
        "reason": dict(clause.reason) if clause.reason else None,
        "rules": rules,
        "through_subclauses": through_subclauses,
    }


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_clauses(edition: str, metas: Iterable[RuleMeta], fmt: str = "text", lang: str = "en") -> str:
    """``ipcheck clauses`` in ``fmt``: the clauses of ``edition``, titles in ``lang``."""
    rows = clause_rows(edition, list(metas))
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return "\n".join([f"# {standard_name(edition, lang)}", "", *_markdown_table(rows, lang), ""])
    lines = [standard_name(edition, lang), ""]
    for row in rows:
        title: dict[str, str] = row["title"]  # type: ignore[assignment]
        depth = str(row["clause"]).count(".")
        lines.append(f"{'  ' * depth}{row['clause']} {title[lang]}  [{CONFIDENCE_WORDS[str(row['confidence'])][lang]}]")
        lines.append(f"{'  ' * depth}    {_rules_text(row, lang)}")
    return "\n".join(lines) + "\n"


def _rules_text(row: dict[str, object], lang: str) -> str:
    if not row["checkable"]:
        reason: dict[str, str] = row["reason"] or {}  # type: ignore[assignment]
        return f"{NOT_CHECKABLE[lang]}: {reason.get(lang, '')}".rstrip(": ")
    rules: list[str] = row["rules"]  # type: ignore[assignment]
    if rules:
        return ", ".join(rules)
    return THROUGH_SUBCLAUSES[lang] if row["through_subclauses"] else NO_RULE[lang]


def _markdown_table(rows: list[dict[str, object]], lang: str) -> list[str]:
    lines = ["| clause | title | 标题 | confidence | rules |", "| --- | --- | --- | --- | --- |"]
    for row in rows:
        title: dict[str, str] = row["title"]  # type: ignore[assignment]
        lines.append(f"| {row['clause']} | {_cell(title['en'])} | {_cell(title['zh-CN'])} | {row['confidence']} | "
                     f"{_cell(_rules_text(row, lang))} |")
    return lines


def clause_doc(metas: list[RuleMeta]) -> str:
    """``docs/clauses.md``: the topics rules cite with their clause in each edition side by
    side, then every clause of each edition with the rules that check it."""
    newer, older = EDITIONS
    lines = [
        "# The clause map and its coverage",
        "",
        "Generated by `python -m ipcheck.rules.coverage` from `rules/clauses.yaml` and the rules; "
        "do not edit by hand.",
        "",
        f"A check audits against one edition (`--edition`, {newer} by default) and cites its clauses only. "
        "Confidence says how sure the number and title are: *confirmed* (the standard's table of contents, or "
        "two independent sources), *likely* (one source, or the harmonised structure of ISO management-system "
        "standards). The numbering inside clause 8 of the 2023 edition is unknown: it is cited as 8. "
        "ISO 56005 is guidance and never the clause a finding breaks.",
        "",
        "## Topics, side by side",
        "",
        f"| topic | {standard_code(newer)} | {standard_code(older)} | rules |",
        "| --- | --- | --- | --- |",
    ]
    for topic, by_edition in clause_map().items():
        cells = []
        for edition in (newer, older):
            number = by_edition.get(edition)
            cells.append(f"{number} {_cell(clause_title(edition, number))}" if number else "—")
        rules = sorted({m.id for m in metas if topic in m.clauses})
        lines.append(f"| `{topic}` | {cells[0]} | {cells[1]} | {', '.join(rules) or '—'} |")
    for edition in (newer, older):
        lines += ["", f"## {standard_name(edition)}", "", f"{standard_name(edition, 'zh-CN')}", "",
                  *_markdown_table(clause_rows(edition, metas), "en")]
    return "\n".join(lines) + "\n"


def write_clause_doc(path: Path = DOC_PATH) -> Path:
    from ipcheck.atomic import write_atomic
    from ipcheck.rules.docs import builtin_metas

    write_atomic(path, clause_doc(builtin_metas()))
    return path


if __name__ == "__main__":
    print(write_clause_doc())
