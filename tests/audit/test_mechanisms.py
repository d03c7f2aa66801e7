"""What rule authors build on: protection scope, a finding with a stage and a protection type,
data problems apart from nonconformities, and systemic findings."""

from __future__ import annotations

import types

from ipcheck import hookimpl
from ipcheck.findings import fingerprint
from ipcheck.model.kinds import Patent
from ipcheck.report.text import render_text
from ipcheck.rules.api import CheckContext, Systemic, Violation, rule
from ipcheck.testing import run_declaration

PATENTS = """\
kind: Enterprise
id: acme
name: Acme Ltd
{scope}
---
kind: Patent
items:
  - {{id: P-1, title: Valve, jurisdiction: US, status: granted}}
  - {{id: P-2, title: Seal, jurisdiction: US, status: granted}}
  - {{id: P-3, title: Pump, jurisdiction: US, status: granted}}
  - {{id: P-4, title: Gear, jurisdiction: DE, status: granted}}
"""


def _plugin(**options: object) -> types.ModuleType:
    @rule(id="ACME001", title="Patents are docketed", severity="minor", stage="operation", protection="patent",
          clauses=("maintenance",), rationale="r", fails="f", passes="p", fix="Docket {subject}.", **options)
    def undocketed(ctx: CheckContext):
        for patent in ctx.declaration.of(Patent):
            yield Violation(f"{patent.id} is not docketed", subject=patent.id, path=("title",))

    module = types.ModuleType("acme_rules")
    module.ipcheck_rules = hookimpl(lambda: [undocketed])  # type: ignore[attr-defined]
    return module


def _run(scope: str = "", **options: object):
    return run_declaration(PATENTS.format(scope=scope), select="ACME", plugins=[_plugin(**options)],
                           entry_points=False, as_of="2026-11-24")


def test_a_finding_carries_its_stage_and_protection_together() -> None:
    result = _run()
    assert {(f.stage, f.protection) for f in result.findings} == {("operation", "patent")}
    summary = result.report.summary()
    assert summary["by_stage"]["operation"]["minor"] == 4  # type: ignore[index]
    assert summary["by_protection"]["patent"]["minor"] == 4  # type: ignore[index]


def test_rules_of_a_protection_type_out_of_scope_do_not_run() -> None:
    result = _run("protection_scope: [trademark, trade-secret]")
    assert result.findings == [] and result.report.rules == []
    assert result.report.protection_readiness("patent") == "out-of-scope"
    assert result.report.protection_readiness("trademark") == "not-assessed"


def test_a_systemic_lapse_is_one_major_with_its_items_as_evidence() -> None:
    plain = _run()
    merged = _run(systemic=Systemic(by="jurisdiction", at_least=3))
    [systemic] = [f for f in merged.findings if f.severity == "major"]
    [single] = [f for f in merged.findings if f.severity == "minor"]
    assert systemic.subject is None and systemic.location == plain.findings[0].location
    assert systemic.message == ("Systemic: Patents are docketed for every one of 3 items with jurisdiction US "
                                "(first: P-1 is not docketed)")
    assert systemic.evidence == ("P-1 at declaration.yaml:8:22", "P-2 at declaration.yaml:9:22",
                                 "P-3 at declaration.yaml:10:22")
    assert systemic.fingerprint == fingerprint("ACME001", "systemic:jurisdiction=US", (), "")
    # the finding left alone keeps the fingerprint it has without the systemic merge
    assert single.subject == "P-4" and single.fingerprint == [f for f in plain.findings if f.subject == "P-4"][0].fingerprint
    assert systemic.to_dict()["evidence"] == list(systemic.evidence)


def test_a_data_problem_cites_no_clause_is_shown_apart_and_still_fails() -> None:
    result = _run(category="data")
    assert result.exit_code == 1
    assert {(f.category, f.clauses) for f in result.findings} == {("data", ())}
    text = render_text(result.report)
    assert "Problems of the declaration data (no clause; correct the declaration) (4)" in text
    assert "Implementation and operation (" not in text
    assert result.report.certification_checks()[-1].met is not False  # no nonconformity


def test_counts_in_headings_add_up_to_the_readiness_lines() -> None:
    @rule(id="ACME002", title="Patents have an owner", severity="minor", protection="patent",
          clauses=("maintenance",), rationale="r", fails="f", passes="p", fix="Name the owner of {subject}.")
    def ownerless(ctx: CheckContext):
        yield Violation("P-4 has no owner", subject="P-4", path=("title",))

    module = _plugin()
    rules = [*module.ipcheck_rules(), ownerless]  # type: ignore[attr-defined]
    module.ipcheck_rules = hookimpl(lambda: rules)  # type: ignore[attr-defined]
    result = run_declaration(PATENTS.format(scope=""), select="ACME", plugins=[module], entry_points=False,
                             as_of="2026-11-24")
    lines = render_text(result.report).splitlines()
    assert "Implementation and operation (4)" in lines
    assert "Patents (1; 4 more under their stage)" in lines
    # select leaves the built-in rules out: not assessed, with the counts of what ran
    assert "    Implementation and operation  not assessed (4 minor)" in lines
    assert "    Patents        not assessed (5 minor)" in lines
