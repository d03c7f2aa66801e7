"""Built-in rules' documentation is checked here, once, rather than at each start of ipcheck
(plugins' rules are checked when they are loaded: see test_packs.py and test_isolation.py)."""

from __future__ import annotations

import dataclasses

import pytest

from ipcheck.i18n import Text
from ipcheck.plugins import BUILTIN, _meta_problem, load_plugins
from ipcheck.rules.api import Rule

BUILTIN_RULES = [rule for rule in load_plugins([]).rules() if rule.meta.plugin == BUILTIN]


def test_the_built_in_rules_are_all_there() -> None:
    python_rules = [r for r in BUILTIN_RULES if not r.check.__module__.endswith("declarative")]
    assert len(BUILTIN_RULES) == len({r.id for r in BUILTIN_RULES}) > 190
    assert len(python_rules) > 100


@pytest.mark.parametrize("rule", BUILTIN_RULES, ids=lambda r: r.id)
def test_a_built_in_rule_has_no_documentation_problem(rule: Rule) -> None:
    assert _meta_problem(rule.meta) == ""


def test_the_check_finds_a_built_in_rule_s_placeholder_mismatch() -> None:
    rule = BUILTIN_RULES[0]
    title = Text(f"{rule.meta.title} {{nowhere}}", dict(rule.meta.title.translations))
    broken = dataclasses.replace(rule.meta, title=title)
    assert "nowhere" in _meta_problem(broken)
