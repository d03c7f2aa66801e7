"""No rule can change what another rule sees: the declaration is immutable all the way down,
and a plugin rule that forces a change anyway is caught, undone and reported."""

from __future__ import annotations

import pytest

from .conftest import run_cli, write

TAMPER_HEADER = '''\
from ipcheck import hookimpl
from ipcheck.model.kinds import Procedure
from ipcheck.rules.api import Violation, rule


@rule(id="AAA001", title="Runs before the others (ids in order) and tampers", severity="observation",
      rationale="r", fails="f", passes="p", fix="x")
def tamper(ctx):
    procedure = ctx.declaration.get("PR-01")
'''
TAMPER_HOOK = '''    return []


@hookimpl
def ipcheck_rules():
    return [tamper]
'''

ROUTES = {
    # route: (the tampering lines, what the report says of AAA001)
    "append": ("procedure.steps.append('File the application')",
               "the rule failed: AttributeError: 'tuple' object has no attribute 'append'"),
    "assignment": ("procedure.steps = ('File the application',)", "the rule failed: ValidationError"),
    "object.__setattr__": ("object.__setattr__(procedure, 'steps', ['File the application'])",
                           "the rule changed the declaration (PR-01)"),
    "__dict__": ("procedure.__dict__['steps'] = ['File the application']", "the rule changed the declaration (PR-01)"),
    "__dict__ replaced": ("object.__setattr__(procedure, '__dict__', {**procedure.__dict__, 'steps': ['x']})",
                          "the rule changed the declaration (PR-01)"),
    "__dict__ emptied": ("procedure.__dict__.clear()", "the rule changed the declaration (PR-01)"),
    "declaration": ("ctx.declaration.items = {**ctx.declaration.items, 'Procedure': ()}",
                    "the rule changed the declaration ((declaration))"),
    "declaration __dict__": ("vars(ctx.declaration)['by_id'] = {}", "the rule changed the declaration ((declaration))"),
    "every procedure": ("for p in ctx.declaration.of(Procedure):\n    object.__setattr__(p, 'title', 'x')\n"
                        "    object.__setattr__(p, 'steps', ('x',))",
                        "the rule changed the declaration (PR-01, PR-02)"),
}


def tamper_plugin(lines: str) -> str:
    return TAMPER_HEADER + "".join(f"    {line}\n" for line in lines.splitlines()) + TAMPER_HOOK


@pytest.mark.parametrize("how", ["", "--jobs", "--cache"])
@pytest.mark.parametrize("route", list(ROUTES))
def test_a_rule_cannot_change_what_later_rules_see(shared, baseline, tmp_path, route, how):
    lines, said = ROUTES[route]
    plugin = write(tmp_path, "tamper.py", tamper_plugin(lines))
    decl = tmp_path / "decl"  # in two files, so that --jobs loads them in two processes
    text = (shared / "decl" / "declaration.yaml").read_text(encoding="utf-8")
    first, second = text.split("---\nkind: Procedure\nid: PR-02")
    write(decl, "a.yaml", first)
    write(decl, "b.yaml", "kind: Procedure\nid: PR-02" + second)
    options = {"": [], "--jobs": ["--jobs", "2"], "--cache": ["--cache-dir", tmp_path / "cache"]}[how]
    if how == "--cache":  # the second run takes the items from the cache
        run_cli("check", decl, "--plugin", shared / "good.py", *options)
    run = run_cli("check", decl, "--plugin", shared / "good.py", "--plugin", plugin, *options)
    assert run.returncode == 3, run.stderr
    [error] = run.report["errors"]
    assert error["message"].startswith(f"internal error in rule AAA001 of plugin 'tamper': {said}"), error
    assert error["file"] == str(plugin)
    # GOOD001 still sees procedures without steps, and every built-in finding is there
    expected = [(f["rule"], f["subject"], f["message"]) for f in baseline]
    assert [(f["rule"], f["subject"], f["message"]) for f in run.findings] == expected


def test_a_rule_that_reads_only_is_not_reported(shared, baseline, tmp_path):
    plugin = write(tmp_path, "reader.py", tamper_plugin("assert sorted(procedure.steps) == []\n"
                                                        "assert procedure.steps + ('x',) == ('x',)"))
    run = run_cli("check", shared / "decl", "--plugin", shared / "good.py", "--plugin", plugin)
    assert run.returncode == 1, run.stderr
    assert run.report["errors"] == []
    assert run.findings == baseline


@pytest.mark.parametrize(("lines", "error"), [
    ("procedure.steps.append('x')", "AttributeError: 'tuple' object has no attribute 'append'"),
    ("steps = procedure.steps + ['x']", 'TypeError: can only concatenate tuple (not "list") to tuple'),
])
def test_a_rule_written_for_lists_is_told_what_to_change(shared, tmp_path, lines, error):
    plugin = write(tmp_path, "lists.py", tamper_plugin(lines))
    run = run_cli("check", shared / "decl", "--plugin", plugin)
    assert run.returncode == 3
    [problem] = run.report["errors"]
    assert (problem["file"], problem["line"]) == (str(plugin), 10)
    assert problem["message"] == (
        f"internal error in rule AAA001 of plugin 'lists': the rule failed: {error} (hint: report this to the "
        "plugin's authors; the other rules ran. The lists of the declaration are tuples, which no rule can change: build a new value (list(patent.inventors) + [...], "
        "sorted(...)) instead of changing the one given)")
