"""Every built-in rule is documented the way `ipcheck explain` shows it, cites both editions
of GB/T 29490, belongs to the stage or protection type its id says, and its own `fails`
example breaks it while its `passes` example does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipcheck.rules.api import Rule
from ipcheck.rules.clauses import unknown_entries
from tests.rules.helpers import check_declaration, only, rules_with

# What a rule id's prefix fixes about the rule: (stage, protection); None leaves it free
# (a stage rule may also concern one protection type, a cross-cutting rule one stage).
SCOPE = {
    "IP1": ("startup", None), "IP2": ("diagnosis", None), "IP3": ("system", None), "IP4": ("manual", None),
    "IP5": ("dissemination", None), "IP6": ("operation", None), "IP7": ("internal-audit", None),
    "IP8": ("management-review", None), "IPX": (None, None),
    "IPP": (None, "patent"), "IPT": (None, "trademark"), "IPC": (None, "copyright"), "IPS": (None, "trade-secret"),
}
RULES = rules_with(tuple(SCOPE))


def test_every_stage_and_protection_type_has_several_rules() -> None:
    for prefix in SCOPE:
        assert len([r for r in RULES if r.id.startswith(prefix)]) >= 4, prefix


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_is_documented_and_cites_topics_of_the_clause_map(rule: Rule) -> None:
    meta = rule.meta
    stage, protection = SCOPE[meta.id[:3]]
    assert stage is None or meta.stage == stage
    assert protection is None or meta.protection == protection
    assert meta.severity in ("major", "minor", "observation")
    assert meta.rationale and meta.fix and meta.fails and meta.passes
    assert not unknown_entries(meta.clauses), meta.clauses
    for edition in meta.editions:  # a check under one edition cites that edition only
        cited = meta.citations(edition)
        assert all(c.startswith(f"GB/T 29490-{edition} ") for c in cited), cited
        if meta.category == "audit" and meta.stage not in ("startup", "diagnosis"):
            assert cited, f"{meta.id} cites no clause of the {edition} edition"


@pytest.mark.parametrize("rule", [r for r in RULES if r.id != "IPX001"], ids=lambda r: r.id)
def test_fails_example_fails_and_passes_example_passes(rule: Rule, tmp_path: Path) -> None:
    edition = rule.meta.editions[0]  # an edition the rule applies to
    failing = only(check_declaration(tmp_path / "fails", rule.meta.fails, [rule.id], edition=edition), rule.id)
    assert failing, f"{rule.id}: its `fails` example gives no finding"
    assert all("{" not in f.message and "{" not in f.corrective_action for f in failing)
    passing = only(check_declaration(tmp_path / "passes", rule.meta.passes, [rule.id], edition=edition), rule.id)
    assert passing == [], [f.message for f in passing]
