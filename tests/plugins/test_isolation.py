"""A plugin that misbehaves is reported (exit 3, located, no traceback) and takes nothing else down."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from .conftest import AS_OF, GOOD_PLUGIN, run_cli, write

RULE_HEADER = '''\
from ipcheck import hookimpl
from ipcheck.model.kinds import Procedure
from ipcheck.rules.api import Violation, rule


@rule(id="BAD002", title="A sound rule of the same plugin", severity="observation",
      rationale="r", fails="f", passes="p", fix="x")
def sound(ctx):
    for procedure in ctx.declaration.of(Procedure):
        yield Violation(f"seen {procedure.id}", subject=procedure.id)


@rule(id="BAD001", title="The rule that misbehaves", severity="major",
      rationale="r", fails="f", passes="p", fix="x")
def check(ctx):
'''
RULES_HOOK = '''

@hookimpl
def ipcheck_rules():
    return [check, sound]
'''


def bad_rule(body: str) -> str:
    return RULE_HEADER + "".join(f"    {line}\n" for line in body.splitlines()) + RULES_HOOK


RULE_CASES = {
    "raises": (bad_rule('raise RuntimeError("annuity table not loaded")'),
               "RuntimeError: annuity table not loaded", "raise RuntimeError"),
    "raises-deep": (bad_rule("return [Violation(str(1 / len(ctx.options)))]"), "ZeroDivisionError", "1 / len"),
    "hangs": (bad_rule("while True:\n    try:\n        pass\n    except Exception:\n        pass"),
              "ran longer than 1 s", None),
    "returns-int": (bad_rule("return 5"), "returned int 5, not an iterable of Violation", None),
    "returns-str": (bad_rule('return "PR-01"'), "returned str 'PR-01', not an iterable of Violation", None),
    "exits": (bad_rule("import sys\nsys.exit(0)"), "SystemExit: 0", "sys.exit(0)"),
    "violation-message-int": (bad_rule("yield Violation(5)"), "yielded a Violation whose message is int 5, not text",
                              None),
    "violation-path-str": (bad_rule('yield Violation("m", subject="PR-01", path="owner")'),
                           "yielded a Violation whose path is str 'owner'", None),
    "yields-ints": (bad_rule("yield 1\nyield 2"), "yielded int 1, not a Violation", None),
    "yields-dict": (bad_rule('yield {"message": "m"}'), "yielded dict", None),
    "bad-template": (bad_rule('yield Violation("m", subject="PR-01")').replace('fix="x")\ndef check',
                                                                            'fix="Fix {owner}")\ndef check'),
                     "KeyError", None),
}


def assert_reported(run, baseline_findings, plugin: str, *texts: str, rule: str | None = None):
    """Exit 3; stderr names the plugin (and rule) in one located line; every other finding is reported."""
    assert run.returncode == 3, (run.returncode, run.stderr)
    lines = [line for line in run.stderr.splitlines() if "internal error" in line or f"plugin '{plugin}'" in line]
    assert lines, run.stderr
    line = lines[0]
    assert f"'{plugin}'" in line
    if rule is not None:
        assert f"rule {rule} of plugin '{plugin}'" in line
    for text in texts:
        assert text in run.stderr, run.stderr
    if "internal error" in line:
        assert "hint: report this to the plugin's authors; the other rules ran" in run.stderr
    errors = run.report["errors"]
    assert len(errors) == 1, errors
    assert f"'{plugin}'" in errors[0]["message"]
    assert errors[0]["line"] >= 1 and errors[0]["column"] >= 1
    others = [f for f in run.findings if not f["rule"].startswith("BAD")]
    assert others == baseline_findings
    assert run.report["summary"]["passed"] is False


@pytest.mark.parametrize("case", sorted(RULE_CASES))
def test_misbehaving_rule(shared, baseline, tmp_path, case):
    source, text, line = RULE_CASES[case]
    plugin = write(tmp_path, "bad_rule.py", source)
    config = write(tmp_path, "ipcheck.yaml", "rule_timeout: 1\n")
    start = time.perf_counter()
    run = run_cli("check", shared / "decl", "--config", config, "--plugin", shared / "good.py", "--plugin", plugin)
    assert time.perf_counter() - start < 20
    assert_reported(run, baseline, "bad_rule", text, rule="BAD001")
    # the sound rule of the same plugin still ran
    assert [f["subject"] for f in run.findings if f["rule"] == "BAD002"] == ["PR-01", "PR-02"]
    [error] = run.report["errors"]
    assert error["file"] == str(plugin)
    if line is not None:  # located at the line that raised
        assert line in source.splitlines()[error["line"] - 1], error


PLUGIN_CASES = {
    "import-error": ("import acme_docketing_client\n", "ModuleNotFoundError: No module named 'acme_docketing_client'",
                     (1, 1)),
    "raises-at-import": ("from ipcheck import hookimpl\n\nraise ImportError('needs the licence key file')\n",
                         "ImportError: needs the licence key file", (3, 1)),
    "exits-at-import": ("import sys\n\nsys.exit('needs a licence key')\n", "SystemExit: needs a licence key", (3, 1)),
    "syntax-error": ("from ipcheck import hookimpl\n\ndef ipcheck_rules(:\n    return []\n",
                     "SyntaxError", (3, 19)),
    "rules-hook-raises": (("from ipcheck import hookimpl\n\n@hookimpl\ndef ipcheck_rules():\n"
                          "    raise RuntimeError('rule server unreachable')\n"),
                          "hook ipcheck_rules raised: RuntimeError: rule server unreachable", (5, 5)),
    "packs-hook-raises": (("from ipcheck import hookimpl\n\n@hookimpl\ndef ipcheck_rule_packs():\n"
                          "    raise OSError('packs folder missing')\n"),
                          "hook ipcheck_rule_packs raised: OSError: packs folder missing", (5, 5)),
    "configure-hook-raises": (("from ipcheck import hookimpl\n\n@hookimpl\ndef ipcheck_configure(config):\n"
                              "    config.rule_options['X'] = {}\n    raise KeyError('EXW001')\n"),
                              "hook ipcheck_configure raised: KeyError", (6, 5)),
    "rules-hook-returns-int": ("from ipcheck import hookimpl\n\n@hookimpl\ndef ipcheck_rules():\n    return 5\n",
                               "ipcheck_rules returned int, not a list of Rule", None),
    "packs-hook-returns-int": (("from ipcheck import hookimpl\n\n@hookimpl\ndef ipcheck_rule_packs():\n"
                               "    return 5\n"), "ipcheck_rule_packs returned int, not a list of paths", None),
    "packs-hook-returns-str": (("from ipcheck import hookimpl\n\n@hookimpl\ndef ipcheck_rule_packs():\n"
                               "    return 'packs/watch.yaml'\n"),
                               "ipcheck_rule_packs returned str, not a list of paths", None),
    "pack-missing": (("from pathlib import Path\nfrom ipcheck import hookimpl\n\n@hookimpl\n"
                     "def ipcheck_rule_packs():\n    return [Path(__file__).parent / 'no-such-pack.yaml']\n"),
                     "rule pack of plugin 'bad_plugin': cannot read", None),
}


@pytest.mark.parametrize("case", sorted(PLUGIN_CASES))
def test_misbehaving_plugin(shared, baseline, tmp_path, case):
    source, text, where = PLUGIN_CASES[case]
    plugin = write(tmp_path, "bad_plugin.py", source)
    run = run_cli("check", shared / "decl", "--plugin", shared / "good.py", "--plugin", plugin)
    assert_reported(run, baseline, "bad_plugin", text)
    if where is not None:
        [error] = run.report["errors"]
        assert (error["file"], error["line"], error["column"]) == (str(plugin), *where)
        assert f"{plugin}:{where[0]}:{where[1]}: " in run.stderr


def test_failures_of_several_plugins_are_each_reported(shared, baseline, tmp_path):
    write(tmp_path, "broken_a.py", "import acme_missing_dependency\n")
    write(tmp_path, "broken_b.py", bad_rule("raise ValueError('b')"))
    run = run_cli("check", shared / "decl", "--plugin", tmp_path / "broken_a.py", "--plugin", shared / "good.py",
                  "--plugin", tmp_path / "broken_b.py")
    assert run.returncode == 3
    messages = sorted(e["message"] for e in run.report["errors"])
    assert len(messages) == 2
    assert "plugin 'broken_a'" in messages[0] and "rule BAD001 of plugin 'broken_b'" in messages[1]
    assert [f for f in run.findings if not f["rule"].startswith("BAD")] == baseline


@pytest.mark.parametrize("command", ["rules", "plugins"])
def test_listing_commands_report_a_broken_plugin(shared, tmp_path, command):
    write(tmp_path, "bad_plugin.py", "import acme_missing_dependency\n")
    run = run_cli(command, "--plugin", shared / "good.py", "--plugin", tmp_path / "bad_plugin.py")
    assert run.returncode == 3
    assert "internal error in plugin 'bad_plugin': failed to load: ModuleNotFoundError" in run.stderr
    assert ("GOOD001" if command == "rules" else "good") in run.stdout


def test_duplicate_rule_id_is_reported_and_the_first_kept(shared, tmp_path):
    write(tmp_path, "twin.py", GOOD_PLUGIN.replace('title="Procedures name their steps"', 'title="A twin"'))
    run = run_cli("rules", "--plugin", shared / "good.py", "--plugin", tmp_path / "twin.py")
    assert run.returncode == 3
    assert "rule id GOOD001 is already defined by plugin 'good'" in run.stderr
    assert "Procedures name their steps" in run.stdout and "A twin" not in run.stdout


def test_bad_rule_id_is_reported(shared, tmp_path):
    write(tmp_path, "lower.py", GOOD_PLUGIN.replace('id="GOOD001"', 'id="good1"'))
    run = run_cli("check", shared / "decl", "--plugin", tmp_path / "lower.py")
    assert run.returncode == 3
    assert "rule id 'good1' is not a prefix of capital letters followed by three digits" in run.stderr


def test_a_plugin_named_twice_is_loaded_once(shared, baseline):
    run = run_cli("check", shared / "decl", "--plugin", shared / "good.py", "--plugin", shared / "good.py")
    assert run.returncode == 1, run.stderr
    assert run.report["errors"] == []
    assert run.findings == baseline


def test_a_plugin_cannot_replace_a_built_in_rule(shared, baseline, tmp_path):
    write(tmp_path, "usurper.py", GOOD_PLUGIN.replace('id="GOOD001"', 'id="IPX001"'))
    run = run_cli("check", shared / "decl", "--plugin", shared / "good.py", "--plugin", tmp_path / "usurper.py")
    assert run.returncode == 3
    assert "plugin 'usurper': rule id IPX001 is already defined by plugin 'ipcheck'; this one is skipped" in run.stderr
    assert run.findings == baseline


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "markdown", "html"])
def test_every_report_format_survives_a_garbage_violation(shared, tmp_path, fmt):
    plugin = write(tmp_path, "bad_rule.py", bad_rule("yield Violation(5, subject=7)"))
    done = subprocess.run([sys.executable, "-m", "ipcheck", "check", str(shared / "decl"), "--as-of", AS_OF,
                           "-f", fmt, "--plugin", str(plugin)], capture_output=True, text=True, timeout=60,
                          check=False, env={**os.environ, "NO_COLOR": "1"})
    assert done.returncode == 3, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert "defect of ipcheck" not in done.stderr
    assert "rule BAD001 of plugin 'bad_rule'" in done.stdout + done.stderr


@pytest.mark.parametrize(("change", "text"), [
    ('severity="minor"', "rule GOOD001: severity 'critical' is not one of major, minor, observation"),
    ('stage="manual"', "rule GOOD001: stage 'audit' is not one of startup,"),
    ('stage="manual"', "rule GOOD001: protection 'patents' is not one of patent,"),
    ('title="Procedures name their steps"', "rule GOOD001: title is NoneType, not text"),
])
def test_a_rule_documented_with_values_outside_the_vocabulary_is_skipped(shared, baseline, tmp_path, change, text):
    wrong = {"severity 'critical'": 'severity="critical"', "stage 'audit'": 'stage="audit"',
             "protection 'patents'": 'stage="manual", protection="patents"', "title is": "title=None"}
    [replacement] = [v for k, v in wrong.items() if k in text]
    write(tmp_path, "odd.py", GOOD_PLUGIN.replace(change, replacement).replace('id="GOOD001"', 'id="ODD001"')
          .replace("rule GOOD001", "rule ODD001"))
    run = run_cli("check", shared / "decl", "--plugin", shared / "good.py", "--plugin", tmp_path / "odd.py")
    assert run.returncode == 3, run.stderr
    assert f"plugin 'odd': {text.replace('GOOD001', 'ODD001')}" in run.stderr
    assert "the rule is skipped" in run.stderr
    assert run.findings == baseline


@pytest.mark.parametrize(("spec", "is_path", "what"), [
    ("acme_not_installed", False, "no module named 'acme_not_installed' in this environment"),
    ("acme_not_installed.rules", False, "no module named 'acme_not_installed' in this environment"),
    ("missing/rules.py", True, "no such file"),
    ("notes.txt", True, "not a Python file (*.py)"),
])
def test_a_plugin_that_does_not_exist_is_a_usage_error(shared, tmp_path, spec, is_path, what):
    """A misspelt --plugin is the user's slip (exit 2), not a failure of the plugin (exit 3)."""
    write(tmp_path, "notes.txt", "not a plugin\n")
    given = str(tmp_path / spec) if is_path else spec
    for command in ("check", "rules", "plugins"):
        args = (shared / "decl",) if command == "check" else ()
        run = run_cli(command, *args, "--plugin", given, cwd=tmp_path)
        assert run.returncode == 2, (command, run.stderr)
        assert f"{given}:1:1: plugin {given!r} cannot be loaded: {what}" in run.stderr
        assert "hint: name a module installed here (pip install the plugin's distribution) or a path to a .py file" \
            in run.stderr
