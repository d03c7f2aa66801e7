"""Systemic findings: where one rule's lapse repeats across a group (every docket of one
country, every record of one form), the one finding an auditor raises for the group.

A rule opts in with :class:`~ipcheck.rules.api.Systemic` (``systemic: {by: jurisdiction,
at_least: 3}`` in a pack, ``systemic=Systemic(by="jurisdiction")`` in Python). Its findings
are grouped by the field ``by`` of their subject item; a group of at least ``at_least``
becomes one finding (major unless the rule says otherwise) located at the group's first
item, with every item as evidence. Smaller groups, and findings whose subject has no such
field, are reported as they are, with their usual fingerprints.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING

from ipcheck.findings import Finding, fingerprint
from ipcheck.i18n import pick

if TYPE_CHECKING:
    from ipcheck.rules.api import CheckContext, RuleMeta

TEXTS: dict[str, dict[str, str]] = {
    "message": {
        "en": "Systemic: {title} for every one of {count} items with {by} {value} (first: {first})",
        "zh-CN": "系统性问题：{by}为{value}的{count}项均存在“{title}”（首项：{first}）",
    },
    "fix": {
        "en": "Find why the lapse repeats for {by} {value} and correct the process that lets it, then each item: "
              "{first_fix}",
        "zh-CN": "查明{by}为{value}的各项反复出现该问题的原因，纠正相关过程，再逐项整改：{first_fix}",
    },
}
"""The words of a systemic finding, in each language; ``{title}`` is the rule's title."""


def _group_value(finding: Finding, by: str, ctx: CheckContext) -> Hashable | None:
    item = ctx.declaration.get(finding.subject) if finding.subject is not None else None
    value = getattr(item, by, None) if item is not None else None
    if value is None or isinstance(value, (list, dict, set)):
        return None
    return value if isinstance(value, Hashable) else None


def merge_systemic(meta: RuleMeta, findings: list[Finding], ctx: CheckContext, lang: str = "en") -> list[Finding]:
    """``findings`` of one rule with each group of at least ``meta.systemic.at_least`` items
    sharing the value of ``meta.systemic.by`` replaced by one systemic finding."""
    systemic = meta.systemic
    if systemic is None:
        return findings
    groups: dict[Hashable, list[Finding]] = {}
    for finding in findings:
        value = _group_value(finding, systemic.by, ctx)
        if value is not None:
            groups.setdefault(value, []).append(finding)
    merged = {id(f) for group in groups.values() if len(group) >= systemic.at_least for f in group}
    out = [f for f in findings if id(f) not in merged]
    for value, group in groups.items():
        if len(group) < systemic.at_least:
            continue
        group = sorted(group, key=Finding.sort_key)
        first = group[0]
        title = pick(meta.title, lang)
        words = {"title": title, "count": len(group), "by": systemic.by, "value": value,
                 "first": first.message, "first_fix": first.corrective_action}
        out.append(Finding(
            rule=meta.id, severity=systemic.severity, title=title,
            message=TEXTS["message"][lang].format_map(words),
            stage=first.stage, protection=first.protection, clauses=first.clauses, subject=None,
            location=first.location, corrective_action=TEXTS["fix"][lang].format_map(words),
            fingerprint=fingerprint(meta.id, f"systemic:{systemic.by}={value}", (), ""),
            category=first.category,
            evidence=tuple(f"{f.subject} at {f.location}" for f in group),
        ))
    return out
