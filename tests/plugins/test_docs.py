"""docs/plugins.md stays true: its packs load and their examples behave, its Python rule
works, and it names every check shape, shape option and condition operator ipcheck has."""

from __future__ import annotations

import re
import types
from pathlib import Path

import pytest

from ipcheck import hookimpl
from ipcheck.rules.conditions import OPERATORS
from ipcheck.rules.declarative import Check
from ipcheck.testing import list_rules, run_declaration

DOC = Path(__file__).resolve().parents[2] / "docs" / "plugins.md"
TEXT = DOC.read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", TEXT, flags=re.DOTALL | re.MULTILINE)


PACKS = [b for b in blocks("yaml") if re.search(r"^rules:\n  - id:", b, flags=re.MULTILINE)]


def pack_plugin(path: Path) -> types.ModuleType:
    module = types.ModuleType("docs_pack")
    module.ipcheck_rule_packs = hookimpl(lambda: [path])  # type: ignore[attr-defined]
    return module


def assert_examples(plugin: object, prefix: str = "ACME") -> list[str]:
    metas, problems = list_rules([plugin], entry_points=False)
    assert [p.render() for p in problems] == []
    ours = [m for m in metas if m.id.startswith(prefix)]
    assert ours
    for meta in ours:
        failing = run_declaration(meta.fails, select=meta.id, plugins=[plugin], entry_points=False)
        passing = run_declaration(meta.passes, select=meta.id, plugins=[plugin], entry_points=False)
        assert failing.errors == [] and passing.errors == [], (meta.id, failing.messages(), passing.messages())
        assert set(failing.rule_ids) == {meta.id}, (meta.id, meta.fails)
        assert passing.findings == [], (meta.id, [f.message for f in passing.findings])
    return [m.id for m in ours]


def test_the_doc_has_packs():
    assert len(PACKS) >= 3


@pytest.mark.parametrize("index", range(len(PACKS)))
def test_each_pack_of_the_doc_loads_and_its_examples_behave(tmp_path, index):
    pack = tmp_path / "pack.yaml"
    pack.write_text(PACKS[index], encoding="utf-8")
    assert assert_examples(pack_plugin(pack))


def test_the_python_rule_of_the_doc(tmp_path):
    [source] = [b for b in blocks("python") if "@rule(" in b and "def ipcheck_rules" in b and "Summary(" not in b]
    plugin = tmp_path / "acme_rules.py"
    plugin.write_text(source, encoding="utf-8")
    assert assert_examples(str(plugin)) == ["ACME001"]
    result = run_declaration("""
        kind: Patent
        id: PAT-1
        title: Valve
        jurisdiction: CN
        status: granted
    """, select="ACME001", plugins=[str(plugin)], entry_points=False)
    [finding] = result.findings
    assert finding.location.line == 1 and result.exit_code == 1  # as the Testing section says
    assert finding.corrective_action == "Declare the inventors of PAT-1 (Valve) from the grant certificate."


def test_the_summary_rule_of_the_doc(tmp_path):
    """The rule that aggregates with a kept summary gives, in a live check after each edit,
    what a check from scratch gives."""
    import datetime as dt

    from ipcheck.check import CheckOptions, run_check
    from ipcheck.live import LiveCheck
    from ipcheck.plugins import load_plugins

    [source] = [b for b in blocks("python") if "Summary(" in b and "def ipcheck_rules" in b]
    plugin = tmp_path / "acme_summary.py"
    plugin.write_text(source, encoding="utf-8")
    assert assert_examples(str(plugin)) == ["ACME003"]
    folder = tmp_path / "decl"
    folder.mkdir()
    marks = folder / "marks.yaml"
    marks.write_text("kind: Trademark\nitems:\n" + "".join(
        f"  - {{id: TM-{n}, mark: ACME, jurisdiction: CN, status: registered, registration_number: '55{n:05}'}}\n"
        for n in range(6)), encoding="utf-8")
    plugins = load_plugins([str(plugin)], entry_point_plugins=False)
    live = LiveCheck(folder, dt.date(2026, 11, 24))
    live._plugins = plugins
    live.run()
    for old, new, found in (("'5500004'", "'5500001'", [("TM-4", "marks.yaml:7:87")]),
                            ("'5500002'", "'55 00001'", [("TM-2", "marks.yaml:5:87"), ("TM-4", "marks.yaml:7:87")]),
                            ("'55 00001'", "'5500002'", [("TM-4", "marks.yaml:7:87")]),
                            ("'5500001'}", "'5500009'}", [])):
        marks.write_text(marks.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
        report, _ = live.run()
        assert report == run_check(CheckOptions(paths=[folder], as_of=dt.date(2026, 11, 24),
                                                entry_point_plugins=False), plugins)
        assert [(f.subject, str(f.location)) for f in report.findings if f.rule == "ACME003"] == found


def test_the_doc_names_every_shape_option_and_operator():
    for shape, model in ((name, Check.model_fields[name].annotation) for name in Check.model_fields):
        assert f"`{shape}: {{" in TEXT, shape
        inner = next(a for a in model.__args__ if a is not type(None))  # type: ignore[union-attr]
        for option in inner.model_fields:
            assert re.search(rf"`{shape}: \{{[^`]*\b{option}\b", TEXT), (shape, option)
    for op in [*OPERATORS, "any", "not"]:
        assert f"`{op}`" in TEXT or f"`{op}:" in TEXT, op
    assert "ipcheck schema --rule-pack" in TEXT and "API_VERSION" in TEXT


def test_the_hooks_of_the_doc_are_the_hooks_of_ipcheck():
    from ipcheck import hookspecs

    names = {n for n in dir(hookspecs) if n.startswith("ipcheck_")}
    documented = set(re.findall(r"^\| `(ipcheck_\w+)\(", TEXT, flags=re.MULTILINE))
    assert documented == names
