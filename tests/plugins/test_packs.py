"""Declarative rule packs from plugins: errors located in the pack, every check shape and
operator doing what docs/plugins.md says."""

from __future__ import annotations

import types
from pathlib import Path

import pytest

from ipcheck import hookimpl
from ipcheck.testing import list_rules, run_declaration

from .conftest import run_cli, write

RULE = """\
rules:
  - id: ACME101
    title: Granted patents name their inventors
    severity: minor
    protection: patent
    clauses: [maintenance]
    rationale: Inventor remuneration is owed to named inventors.
    fails: "kind: Patent"
    passes: "kind: Patent"
    message: "Patent {id} names no inventor"
    fix: "Declare the inventors of {id}."
    check:
      required:
        kind: Patent
        where: {status: granted}
        fields: [inventors]
"""


def pack_plugin(path: Path) -> types.ModuleType:
    """A plugin object providing one rule pack (what a packaged plugin's hook returns)."""
    module = types.ModuleType(f"pack_{path.stem.replace('-', '_')}")
    module.ipcheck_rule_packs = hookimpl(lambda: [path])  # type: ignore[attr-defined]
    return module


def problems_of(tmp_path: Path, text: str) -> list[str]:
    pack = write(tmp_path, "acme.yaml", text)
    metas, problems = list_rules([pack_plugin(pack)], entry_points=False)
    assert problems, "the pack loaded"
    assert not any(m.id.startswith("ACME") for m in metas)
    for p in problems:
        assert p.kind == "internal" and p.location.file == str(pack)
    return [p.render() for p in problems]


def test_the_valid_pack_loads(tmp_path):
    metas, problems = list_rules([pack_plugin(write(tmp_path, "acme.yaml", RULE))], entry_points=False)
    assert problems == []
    [meta] = [m for m in metas if m.id == "ACME101"]
    assert meta.plugin == "pack_acme" and meta.source == f"{tmp_path / 'acme.yaml'}:2"
    assert meta.clauses == ("maintenance",)
    assert meta.citations("2013") == ("GB/T 29490-2013 7.2",) and meta.citations("2023") == ("GB/T 29490-2023 8",)


@pytest.mark.parametrize(("old", "new", "where", "text"), [
    ("severity: minor", "severity: critical", "4:15", "rules.0.severity: Input should be 'major', 'minor' or 'observation'"),
    ("id: ACME101", "id: acme-101", "2:9", "rules.0.id: String should match pattern"),
    ("    fix: \"Declare the inventors of {id}.\"\n", "", "2:5", "rules.0.fix: Field required"),
    ("protection: patent", "protection: patents", "5:17", "rules.0.protection"),
    ("clauses: [maintenance]", "clauses: []", "6:14", "rules.0.clauses: Value error, an audit rule cites at least one topic"),
    ("where: {status: granted}", "where: {status: {betwen: [a, b]}}", "15:26",
     "rule ACME101: unknown operator 'betwen'"),
    ("where: {status: granted}", "where: {staus: granted}", "15:17", "rule ACME101: unknown field 'staus'"),
    ("kind: Patent\n        where", "kind: Patents\n        where", "14:9", "rule ACME101: unknown kind 'Patents'"),
    ("fields: [inventors]", "fields: [inventor]", "16:18", "rule ACME101: Patent has no field 'inventor'"),
    ("      required:\n", "      exists: {kind: Patent}\n      required:\n", "13:7", "a check has exactly one of"),
    ("    check:", "    chek:", "12:5", "rules.0.chek: Extra inputs are not permitted"),
    ("fields: [inventors]", "fields: [inventors", "16:17", "YAML syntax error: unclosed bracket '['"),
    ("where: {status: granted}", "where: {status: {in: [[granted, pending]]}}", "15:26",
     "rule ACME101: `in` takes a list of values (text, numbers, dates, true/false)"),
    ("where: {status: granted}", "where: {any: [{1: granted}]}", "15:24",
     "rule ACME101: 1 is not a field name: a condition tests fields by name"),
    ("where: {status: granted}", "where: {not: {1: granted}}", "15:23",
     "rule ACME101: 1 is not a field name: a condition tests fields by name"),
    ("where: {status: granted}", "where: {status: {1: granted}}", "15:26",
     "rule ACME101: 1 is not an operator: write one of eq, ne, in"),
    ('"Patent {id} names no inventor"', '"Patent {idd} names no inventor"', "10:14",
     "rule ACME101: message template: {idd} names no value this check gives (did you mean 'id'?)"),
    ('"Declare the inventors of {id}."', '"Declare the inventors of {id} {count}."', "11:10",
     "rule ACME101: fix template: {count} names no value this check gives (the values are "),
    ('"Patent {id} names no inventor"', '"Patent {id names no inventor"', "10:14",
     "rule ACME101: message template: expected '}' before end of string (write a literal brace twice"),
    ('"Patent {id} names no inventor"', '"Patent {0} names no inventor"', "10:14",
     "rule ACME101: message template: {0} is not a named placeholder; name a value, as in {id}"),
    ("    fix:", "    help_url: docs/acme.html\n    fix:", "11:15", "rules.0.help_url: String should match pattern"),
])
def test_pack_errors_name_file_line_and_column(tmp_path, old, new, where, text):
    assert old in RULE
    problems = problems_of(tmp_path, RULE.replace(old, new))
    [problem] = [p for p in problems if text in p] or [problems]
    assert problem.startswith(f"{tmp_path / 'acme.yaml'}:{where}: rule pack of plugin 'pack_acme': "), problem


def test_the_command_line_reports_a_broken_pack_and_runs_the_rest(shared, baseline, tmp_path):
    pack = write(tmp_path, "packs/acme.yaml", RULE.replace("severity: minor", "severity: critical"))
    plugin = write(tmp_path, "acme_pack.py", f"""\
        from ipcheck import hookimpl

        @hookimpl
        def ipcheck_rule_packs():
            return [{str(pack)!r}]
    """)
    run = run_cli("check", shared / "decl", "--plugin", shared / "good.py", "--plugin", plugin)
    assert run.returncode == 3
    assert f"{pack}:4:15: rule pack of plugin 'acme_pack': rules.0.severity" in run.stderr
    assert "hint: see docs/plugins.md for the rule-pack format" in run.stderr
    assert run.findings == baseline


# -- what each shape and operator does --------------------------------------------------

DECLARATION = """\
kind: Enterprise
id: acme
name: Acme Ltd
---
kind: Person
id: wang
name: Wang Jun
---
apiVersion: ipcheck/v1
kind: Patent
items:
  - {id: P-GRANTED, title: A, jurisdiction: CN, status: granted, inventors: [wang], annuity_due: 2026-12-10, owner: Acme Ltd}
  - {id: P-NOINV, title: B, jurisdiction: US, status: granted, annuity_due: 2027-06-01}
  - {id: P-PENDING, title: C, jurisdiction: EP, status: pending, type: utility-model}
  - {id: P-LAPSED, title: D, jurisdiction: CN, status: lapsed, grant_date: 2015-01-01}
---
kind: Training
id: T-1
topic: Patent basics
date: 2026-03-01
attendees: [wang, ghost]
"""


def fire(tmp_path: Path, check: str, message: str = "found") -> list[str | None]:
    """Subjects of the findings of a one-rule pack with this check (YAML of the ``check:`` value)."""
    body = "\n".join("      " + line for line in check.strip().splitlines())
    pack = write(tmp_path, "pack.yaml", RULE.split("    message:")[0]
                 + f"    message: \"{message}\"\n    fix: \"Fix it.\"\n    check:\n{body}\n")
    result = run_declaration(DECLARATION, select="ACME", plugins=[pack_plugin(pack)], entry_points=False,
                             tmp_path=tmp_path / "decl")
    assert result.errors == [], result.messages()
    return [f.subject for f in result.findings]


@pytest.mark.parametrize(("check", "subjects"), [
    ("required: {kind: Patent, where: {status: granted}, fields: [inventors]}", ["P-NOINV"]),
    ("required: {kind: Patent, fields: [owner]}", ["P-NOINV", "P-PENDING", "P-LAPSED"]),
    ("forbidden: {kind: Patent, where: {status: lapsed}, at: status}", ["P-LAPSED"]),
    ("exists: {kind: Patent, where: {status: granted}, min: 3}", [None]),
    ("exists: {kind: Patent, where: {status: granted}, min: 2}", []),
    ("recent: {kind: Training, field: date, within: 6 months}", [None]),
    ("recent: {kind: Training, field: date, within: 12 months}", []),
    ("covered: {kind: Person, by: Training, via: attendees}", []),
    ("covered: {kind: Patent, by: Patent, via: inventors}", ["P-GRANTED", "P-NOINV", "P-PENDING", "P-LAPSED"]),
    ("resolves: {kinds: [Training]}", ["T-1"]),
    ("resolves: {kinds: [Patent]}", []),
])
def test_check_shapes(tmp_path, check, subjects):
    assert fire(tmp_path, check) == subjects


@pytest.mark.parametrize(("where", "subjects"), [
    ("{status: granted}", ["P-GRANTED", "P-NOINV"]),
    ("{status: {eq: pending}}", ["P-PENDING"]),
    ("{status: {ne: granted}}", ["P-PENDING", "P-LAPSED"]),
    ("{jurisdiction: {in: [US, EP]}}", ["P-NOINV", "P-PENDING"]),
    ("{jurisdiction: {not_in: [CN]}}", ["P-NOINV", "P-PENDING"]),
    ("{inventors: {empty: true}}", ["P-NOINV", "P-PENDING", "P-LAPSED"]),
    ("{owner: {empty: false}}", ["P-GRANTED"]),
    ("{inventors: {contains: wang}}", ["P-GRANTED"]),
    ("{annuity_due: {before: as_of + 90d}}", ["P-GRANTED"]),
    ("{annuity_due: {after: 2027-01-01}}", ["P-NOINV"]),
    ("{annuity_due: {on_or_before: 2026-12-10}}", ["P-GRANTED"]),
    ("{annuity_due: {on_or_after: as_of + 6m}}", ["P-NOINV"]),
    ("{grant_date: {before: as_of - 10y}}", ["P-LAPSED"]),
    ("{annuity_due: {on_or_after: as_of, before: as_of + 1y}}", ["P-GRANTED", "P-NOINV"]),
    ("{any: [{status: pending}, {status: lapsed}]}", ["P-PENDING", "P-LAPSED"]),
    ("{not: {status: granted}}", ["P-PENDING", "P-LAPSED"]),
    ("{status: granted, jurisdiction: US}", ["P-NOINV"]),
    ("{type: utility-model}", ["P-PENDING"]),
])
def test_condition_operators(tmp_path, where, subjects):
    assert fire(tmp_path, f"forbidden: {{kind: Patent, where: {where}}}") == subjects


def test_number_operators(tmp_path):
    text = DECLARATION.replace("name: Acme Ltd", "name: Acme Ltd\nemployees: 120")
    assert "employees: 120" in text
    for where, expected in [("{employees: {gt: 100}}", ["acme"]), ("{employees: {le: 100}}", []),
                            ("{employees: {ge: 120, lt: 121}}", ["acme"])]:
        pack = write(tmp_path, "pack.yaml", RULE.replace(
            "      required:\n        kind: Patent\n        where: {status: granted}\n        fields: [inventors]\n",
            f"      forbidden: {{kind: Enterprise, where: {where}}}\n"))
        result = run_declaration(text, select="ACME", plugins=[pack_plugin(pack)], entry_points=False)
        assert result.errors == [] and [f.subject for f in result.findings] == expected, where


@pytest.mark.parametrize(("check", "message", "expected"), [
    ("required: {kind: Patent, where: {status: granted}, fields: [inventors]}",
     "{kind} {id} ({jurisdiction}): {field} missing", "Patent P-NOINV (US): inventors missing"),
    ("exists: {kind: Patent, where: {status: granted}, min: 3}", "{count} of {min} {kind}", "2 of 3 Patent"),
    ("recent: {kind: Training, field: date, within: 6 months}", "last {kind} {latest}, need {within}",
     "last Training 2026-03-01, need 6 months"),
    ("resolves: {kinds: [Training]}", "{kind} {id}: {path} -> {target} ({expected})",
     "Training T-1: attendees entry 2 -> ghost (Person)"),
])
def test_message_placeholders(tmp_path, check, message, expected):
    body = "\n".join("      " + line for line in check.strip().splitlines())
    pack = write(tmp_path, "pack.yaml", RULE.split("    message:")[0]
                 + f"    message: \"{message}\"\n    fix: \"Fix it.\"\n    check:\n{body}\n")
    result = run_declaration(DECLARATION, select="ACME", plugins=[pack_plugin(pack)], entry_points=False)
    assert [f.message for f in result.findings] == [expected]


def test_a_name_placeholder_of_an_undeclared_reference_shows_the_id(tmp_path):
    pack = write(tmp_path, "pack.yaml", RULE.split("    message:")[0]
                 + '    message: "{id} owned by {owner_name}"\n    fix: "Have {owner_name} act."\n    check:\n'
                 "      required: {kind: Nonconformity, fields: [due]}\n")
    declaration = ("kind: Person\nid: wang.wu\nname: Wang Wu\n---\nkind: Nonconformity\nitems:\n"
                   "  - {id: NC-1, description: d, owner: wang.wo}\n  - {id: NC-2, description: d, owner: wang.wu}\n"
                   "  - {id: NC-3, description: d}\n")
    result = run_declaration(declaration, select="ACME", plugins=[pack_plugin(pack)], entry_points=False)
    assert [(f.message, f.corrective_action) for f in result.findings] == [
        ("NC-1 owned by wang.wo (not declared)", "Have wang.wo (not declared) act."),
        ("NC-2 owned by Wang Wu", "Have Wang Wu act."),
        ("NC-3 owned by (unassigned)", "Have (unassigned) act."),
    ]


def test_a_reference_to_nothing_suggests_the_nearest_id_of_its_kind():
    result = run_declaration("kind: Person\nid: chen.qi\nname: Chen Qi\n---\nkind: TradeSecret\nid: TS-1\n"
                             "title: Formula\naccess: [wang.wu, chen.qui]\n", select="IPX001", entry_points=False)
    assert [f.message for f in result.findings] == [
        "TradeSecret TS-1: access entry 1 names 'wang.wu', which is not declared (expected a Person)",
        "TradeSecret TS-1: access entry 2 names 'chen.qui', which is not declared (expected a Person); "
        "did you mean 'chen.qi'?",
    ]
