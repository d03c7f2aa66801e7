"""The export-watch rules, each on the smallest declaration that shows it."""

from __future__ import annotations

import ipcheck_exportwatch
import pytest

from ipcheck.testing import list_rules, run_declaration

# Installed, the plugin also loads through its entry point; naming the module as well is
# harmless (it is registered once) and makes the tests work from a source checkout.
PLUGIN = [ipcheck_exportwatch]

ENTERPRISE = """\
kind: Enterprise
id: acme
name: Acme Thermal Co., Ltd.
markets: [CN, US, EU, JP]
---
kind: Product
id: PRD-HX
name: HX plate heat exchangers
key: true
markets: [CN, US, EU]
---
kind: Product
id: PRD-SPARE
name: Spare gaskets
markets: [CN, US, JP]
"""


def patent(owner: str | None, *, jurisdiction: str = "US", status: str = "granted", product: str = "PRD-HX") -> str:
    lines = ["kind: Patent", "id: PAT-1", "title: Plate pattern", f"jurisdiction: {jurisdiction}",
             f"status: {status}", f"product: {product}"]
    if owner is not None:
        lines.append(f"owner: {owner}")
    return ENTERPRISE + "---\n" + "\n".join(lines) + "\n"


def test_the_plugin_provides_its_rules():
    metas, problems = list_rules(PLUGIN)
    assert problems == []
    ours = {m.id: m for m in metas if m.id.startswith("EXW")}
    assert sorted(ours) == ["EXW001", "EXW002", "EXW101", "EXW102", "EXW103"]
    assert {m.plugin for m in ours.values()} <= {"exportwatch", "ipcheck_exportwatch"}
    assert all(m.clauses and m.rationale and m.fix for m in ours.values())


# -- EXW001 ------------------------------------------------------------------------------


def test_patent_held_by_someone_else_is_reported(ipcheck_run):
    text = patent("Wang Jun")
    result = ipcheck_run(text, select="EXW", plugins=PLUGIN)
    assert result.errors == []
    [finding] = result.findings
    assert finding.rule == "EXW001"
    assert finding.subject == "PAT-1"
    assert finding.severity == "minor"
    assert "'Wang Jun'" in finding.message and "HX plate heat exchangers" in finding.message
    assert finding.corrective_action.startswith("Have Wang Jun assign PAT-1 to Acme Thermal Co., Ltd.")
    owner_line = text.splitlines().index("owner: Wang Jun") + 1
    assert (finding.location.file, finding.location.line, finding.location.column) == ("declaration.yaml", owner_line, 8)
    assert result.exit_code == 1


def test_patent_without_owner_is_reported(ipcheck_run):
    result = ipcheck_run(patent(None), select="EXW001", plugins=PLUGIN)
    assert result.rule_ids == ["EXW001"]
    assert "declares no owner" in result.findings[0].message


@pytest.mark.parametrize("owner", ["Acme Thermal Co., Ltd.", "ACME THERMAL CO LTD", "acme  thermal co., ltd"])
def test_owner_spelled_as_registers_spell_it_passes(ipcheck_run, owner):
    result = ipcheck_run(patent(f'"{owner}"'), select="EXW", plugins=PLUGIN)
    assert result.findings == [] and result.errors == []


@pytest.mark.parametrize("case", [
    {"jurisdiction": "JP"},                     # the key product is not sold in Japan
    {"status": "lapsed"},                       # no longer in force
    {"product": "PRD-SPARE"},                   # not a key product
])
def test_patents_outside_the_watch_pass(ipcheck_run, case):
    result = ipcheck_run(patent("Wang Jun", **case), select="EXW", plugins=PLUGIN)
    assert result.findings == []


def test_european_patent_covers_the_eu_market(ipcheck_run):
    result = ipcheck_run(patent("Wang Jun", jurisdiction="EP"), select="EXW", plugins=PLUGIN)
    assert result.rule_ids == ["EXW001"]


def test_group_companies_accepted_through_a_rule_option(ipcheck_run):
    files = {
        "declaration.yaml": patent('"Acme Holdings (HK) Ltd."'),
        "ipcheck.yaml": 'rule_options:\n  EXW001:\n    also_owned_by: ["Acme Holdings (HK) Ltd."]\n',
    }
    assert ipcheck_run(files, select="EXW", plugins=PLUGIN).findings == []
    del files["ipcheck.yaml"]
    assert ipcheck_run(files, select="EXW", plugins=PLUGIN).rule_ids == ["EXW001"]


def test_a_misspelt_rule_option_is_a_configuration_error(ipcheck_run):
    files = {
        "declaration.yaml": patent('"Acme Holdings (HK) Ltd."'),
        "ipcheck.yaml": 'rule_options:\n  EXW001:\n    also_owned: ["Acme Holdings (HK) Ltd."]\n',
    }
    result = ipcheck_run(files, select="EXW", plugins=PLUGIN)
    assert result.exit_code == 2
    [error] = result.errors
    assert (error.location.line, error.location.column) == (3, 5)
    assert error.message == "configuration: rule_options.EXW001: rule EXW001 has no option 'also_owned'"
    assert error.hint == "did you mean 'also_owned_by'?"


def test_no_enterprise_profile_no_finding(ipcheck_run):
    text = "kind: Patent\nid: PAT-1\ntitle: T\njurisdiction: US\nstatus: granted\nowner: X\n"
    assert ipcheck_run(text, select="EXW", plugins=PLUGIN).findings == []


# -- EXW002 and the extension field x-exportwatch ---------------------------------------

AGENT_PATENT = """\
kind: Person
id: li.na
name: Li Na
---
kind: Patent
id: PAT-US-1
title: Plate pattern
jurisdiction: US
status: granted
x-exportwatch:
  annuity_agent: Smith & Partners LLP
"""


def test_annuities_paid_by_an_agent_without_a_docket_owner(ipcheck_run):
    result = ipcheck_run(AGENT_PATENT, select="EXW", plugins=PLUGIN)
    assert result.errors == []
    [finding] = result.findings
    assert (finding.rule, finding.subject) == ("EXW002", "PAT-US-1")
    assert (finding.location.file, finding.location.line, finding.location.column) == ("declaration.yaml", 11, 18)
    assert finding.message == ("Patent PAT-US-1 (US): its annuities are paid by Smith & Partners LLP, and no one "
                               "in the enterprise owns the docket")
    assert result.exit_code == 1


def test_a_docket_owner_who_is_a_declared_person_passes(ipcheck_run):
    result = ipcheck_run(AGENT_PATENT + "  docket_owner: li.na\n", select="EXW", plugins=PLUGIN)
    assert (result.errors, result.findings, result.exit_code) == ([], [], 0)


def test_a_docket_owner_who_is_no_declared_person(ipcheck_run):
    [finding] = ipcheck_run(AGENT_PATENT + "  docket_owner: li.ma\n", select="EXW", plugins=PLUGIN).findings
    assert (finding.rule, finding.location.line, finding.location.column) == ("EXW002", 12, 17)
    assert finding.message == "Patent PAT-US-1 (US): docket owner 'li.ma' is no declared person"


def test_the_extension_field_is_validated_at_its_line(ipcheck_run):
    result = ipcheck_run(AGENT_PATENT + "  docket_owner: 42\n  docket_ownr: li.na\n", select="EXW", plugins=PLUGIN)
    assert result.exit_code == 2 and result.findings == []
    # The plugin is named by its entry point when installed, by its module from a source checkout.
    messages = [e.message.replace("'ipcheck_exportwatch'", "'exportwatch'") for e in result.errors]
    assert [(e.location.line, e.location.column) for e in result.errors] == [(12, 17), (13, 3)]
    assert messages == [
        ("Patent 'PAT-US-1': extension field 'x-exportwatch.docket_owner' (plugin 'exportwatch'): "
         "should be text, got 42"),
        ("Patent 'PAT-US-1': extension field 'x-exportwatch.docket_ownr' (plugin 'exportwatch'): "
         "unknown field, got 'li.na'"),
    ]


# -- the trademark pack -----------------------------------------------------------------

TRADEMARK = """\
kind: Trademark
id: TM-1
mark: ACME
jurisdiction: {jurisdiction}
status: registered
"""


def test_us_registration_without_number_and_date(ipcheck_run):
    result = ipcheck_run(TRADEMARK.format(jurisdiction="US"), select="EXW", plugins=PLUGIN)
    assert result.rule_ids == ["EXW101"]  # one finding naming both empty fields
    assert [f.message for f in result.findings] == [
        "US trademark ACME (TM-1) is registered but does not declare its registration_number and registered",
    ]


@pytest.mark.parametrize(("jurisdiction", "expiry", "expected"), [
    ("JP", "2027-05-23", ["EXW102"]),   # due within six months of 2026-11-24
    ("JP", "2026-10-01", ["EXW102"]),   # already past: renew in the grace period, now
    ("JP", "2027-05-25", []),           # more than six months ahead
    ("CN", "2027-01-01", []),           # the home market is watched by the core rules
])
def test_export_market_renewal(ipcheck_run, jurisdiction, expiry, expected):
    text = TRADEMARK.format(jurisdiction=jurisdiction) + f"expiry: {expiry}\n"
    result = ipcheck_run(text, select="EXW102", plugins=PLUGIN)
    assert result.rule_ids == expected


@pytest.mark.parametrize(("registered", "expected"), [
    ("2021-03-02", ["EXW103"]),   # between the 5th and 6th anniversary on 2026-11-24
    ("2020-11-24", []),           # six years ago today: the window has closed
    ("2021-11-24", ["EXW103"]),   # five years ago today: the window opens
    ("2023-03-02", []),           # too early
])
def test_declaration_of_use_window(ipcheck_run, registered, expected):
    text = TRADEMARK.format(jurisdiction="US") + f'registration_number: "6123456"\nregistered: {registered}\n'
    result = ipcheck_run(text, select="EXW103", plugins=PLUGIN)
    assert result.rule_ids == expected
    assert all(f.severity == "observation" for f in result.findings)


def test_severity_can_be_raised_in_the_configuration(ipcheck_run):
    files = {"declaration.yaml": TRADEMARK.format(jurisdiction="US") + 'registration_number: "1"\nregistered: 2021-03-02\n',
             "ipcheck.yaml": "severity: {EXW103: minor}\n"}
    [finding] = ipcheck_run(files, select="EXW", plugins=PLUGIN).findings
    assert finding.severity == "minor"


def test_every_rule_example_behaves_as_documented():
    """Each rule's ``fails`` snippet gives a finding of that rule, its ``passes`` snippet none."""
    metas, _ = list_rules(PLUGIN)
    for meta in (m for m in metas if m.id.startswith("EXW")):
        failing = run_declaration(meta.fails, select=meta.id, plugins=PLUGIN)
        passing = run_declaration(meta.passes, select=meta.id, plugins=PLUGIN)
        assert failing.rule_ids and set(failing.rule_ids) == {meta.id}, meta.id
        assert passing.findings == [], meta.id
        assert failing.errors == passing.errors == [], meta.id


def test_every_rule_speaks_english_and_chinese():
    """Titles, rationales, fixes and message templates in both languages, naming the same placeholders."""
    from ipcheck.i18n import placeholder_mismatch, translated

    metas, _ = list_rules(PLUGIN)
    for meta in (m for m in metas if m.id.startswith("EXW")):
        texts = [meta.title, meta.rationale, meta.fix, *meta.messages.values()]
        assert all(translated(t, "zh-CN") for t in texts), meta.id
        assert not any(placeholder_mismatch(t) for t in texts), meta.id


def test_a_finding_reads_in_chinese(ipcheck_run):
    files = {"declaration.yaml": patent("Wang Jun"), "ipcheck.yaml": "lang: zh-CN\n"}
    result = ipcheck_run(files, select="EXW", plugins=PLUGIN)
    [finding] = result.findings
    assert finding.message == ("专利PAT-1（US）在关键产品HX plate heat exchangers的销售市场保护该产品，"
                               "但其权利人为“Wang Jun”，而不是“Acme Thermal Co., Ltd.”")
