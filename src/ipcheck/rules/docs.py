"""Rule documentation, from the one source every rule carries (:class:`RuleMeta`).

``ipcheck explain`` prints :func:`rule_page`; ``docs/rules/`` (English) and
``docs/zh-CN/rules/`` (Chinese) hold the same pages, written by :func:`write_rule_docs`
(``python -m ipcheck.rules.docs``), and a test fails when they drift.
"""

from __future__ import annotations

import string
from pathlib import Path

from ipcheck.i18n import Term, show
from ipcheck.rules.api import EXAMPLES_AS_OF, RuleMeta


def rule_page(meta: RuleMeta, lang: str = "en") -> str:
    """The rule's page in Markdown, in ``lang``: what it checks, why, a failing and a passing
    example, the fix. A text the rule gives in English only is shown so, with a note."""
    from ipcheck.i18n import pick, translated, word
    from ipcheck.report.words import say

    scope = say("page-scope-separator", lang).join(filter(None, [
        say("page-stage", lang, id=meta.stage, title=Term("stage", meta.stage)) if meta.stage else "",
        say("page-protection", lang, id=meta.protection, title=Term("protection", meta.protection))
        if meta.protection else ""])) or say("page-cross-cutting", lang)
    english_only = [t for t in (meta.title, meta.rationale, meta.fix) if not translated(t, lang)]
    lines = [
        f"# {meta.id}: {pick(meta.title, lang)}",
        "",
        *([word("english-only", lang), ""] if english_only else []),
        say("page-severity", lang, severity=Term("severity", meta.severity)),
        say("page-applies-to", lang, scope=scope),
        *_clause_lines(meta, lang),
        say("page-plugin", lang, plugin=meta.plugin),
        "",
        say("page-why", lang),
        "",
        pick(meta.rationale, lang).strip(),
        "",
        say("page-fails", lang),
        "",
        say("page-checked-as-of", lang, date=EXAMPLES_AS_OF),
        "",
        "```yaml",
        meta.fails.rstrip(),
        "```",
        "",
        say("page-passes", lang),
        "",
        "```yaml",
        meta.passes.rstrip(),
        "```",
        "",
        say("page-fix", lang),
        "",
        *_fix_lines(pick(meta.fix, lang).strip(), lang),
        "",
        *_option_lines(meta, lang),
    ]
    return "\n".join(lines)


def _option_lines(meta: RuleMeta, lang: str = "en") -> list[str]:
    """The options the rule declares (``rule_options``), and its own documentation page."""
    from ipcheck.report.words import say

    lines = []
    if meta.options:
        lines += [say("page-options", lang), "", *(f"- `{name}`: {meaning}" for name, meaning in meta.options), ""]
    if meta.help_url:
        lines += [say("page-more", lang, url=meta.help_url), ""]
    return lines


def _clause_lines(meta: RuleMeta, lang: str) -> list[str]:
    """The clauses the rule cites under each edition it applies to (a data rule cites none)."""
    from ipcheck.report.words import say
    from ipcheck.rules.clauses import EDITIONS

    if meta.category == "data":
        return [say("page-no-clause-data", lang)]
    lines = []
    for edition in EDITIONS:
        if not meta.applies_to(edition):
            lines.append(say("page-edition-not-applied", lang, edition=edition))
            continue
        cited = "; ".join(meta.citations(edition)) or say("page-no-clause", lang)
        lines.append(say("page-edition-clauses", lang, edition=edition, clauses=cited))
    return lines


def _fix_lines(fix: str, lang: str) -> list[str]:
    """The corrective action; a template's ``{names}`` are said to be filled from each finding."""
    from ipcheck.report.words import say

    names = sorted({name for _, name, _, _ in string.Formatter().parse(fix) if name})
    if not names:
        return [fix]
    shown = say("page-name-separator", lang).join(f"`{{{n}}}`" for n in names)
    return [say("page-fix-fills", lang, names=shown), "", f"> {fix}"]


def rule_index(metas: list[RuleMeta], lang: str = "en") -> str:
    """``README.md`` of the rule pages: every rule in one table, in ``lang``."""
    from ipcheck.i18n import pick
    from ipcheck.report.words import say

    lines = [say("index-title", lang), "", say("index-generated", lang), "",
             say("index-columns", lang), "| --- | --- | --- | --- | --- | --- |"]
    for m in sorted(metas, key=lambda m: m.id):
        severity = show(Term("severity", m.severity), lang)
        lines.append(f"| [{m.id}]({m.doc_path}) | {pick(m.title, lang)} | {severity} | {m.stage or ''} | "
                     f"{m.protection or ''} | {m.plugin} |")
    return "\n".join(lines) + "\n"


DOC_FOLDERS: dict[str, Path] = {"en": Path("docs/rules"), "zh-CN": Path("docs/zh-CN/rules")}
"""Where the rule pages of each language are committed."""


def expected_docs(metas: list[RuleMeta], lang: str = "en") -> dict[str, str]:
    """Every file of the rule pages in ``lang`` as it should be: ``{relative path: text}``."""
    pages = {m.doc_path: rule_page(m, lang) for m in metas}
    pages["README.md"] = rule_index(metas, lang)
    return pages


def builtin_metas() -> list[RuleMeta]:
    from ipcheck.check import WAIVER_RULE
    from ipcheck.plugins import load_plugins

    plugins = load_plugins(entry_point_plugins=False)
    return [r.meta for r in plugins.rules()] + [WAIVER_RULE]


def write_rule_docs(folder: Path, lang: str = "en") -> list[Path]:
    """Write the built-in rules' pages in ``lang`` under ``folder`` (removing pages of rules that are gone)."""
    from ipcheck.atomic import write_atomic

    wanted = expected_docs(builtin_metas(), lang)
    for old in folder.rglob("*.md"):
        if old.relative_to(folder).as_posix() not in wanted:
            old.unlink()
    written = []
    for rel, text in sorted(wanted.items()):
        write_atomic(folder / rel, text)
        written.append(folder / rel)
    return written


if __name__ == "__main__":
    for language, doc_folder in DOC_FOLDERS.items():
        for path in write_rule_docs(doc_folder, language):
            print(path)
