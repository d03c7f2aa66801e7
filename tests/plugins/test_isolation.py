"""A plugin that misbehaves is reported (exit 3, located, no traceback) and takes nothing else down."""

from __future__ import annotations

import json
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
    "empties-a-kind": (bad_rule("todo = ctx.declaration.of(Procedure)\nwhile todo:\n    todo.pop()"),
                       "AttributeError: 'tuple' object has no attribute 'pop'", "todo.pop()"),
    "clears-the-index": (bad_rule("ctx.declaration.by_id.clear()"),
                         "AttributeError: 'mappingproxy' object has no attribute 'clear'", "by_id.clear()"),
    "cancelled": (bad_rule("import asyncio\nraise asyncio.CancelledError()"), "CancelledError", "raise asyncio"),
    "retries-after-its-time-limit": (bad_rule("import time\nwhile True:\n    try:\n        time.sleep(0.2)\n"
                                              "    except BaseException:\n        time.sleep(5)"),
                                     "ran longer than 1 s", None),
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
                              "hook ipcheck_configure failed: KeyError", (6, 5)),
    "rules-hook-returns-int": ("from ipcheck import hookimpl\n\n@hookimpl\ndef ipcheck_rules():\n    return 5\n",
                               "ipcheck_rules returned int 5, not a list of Rule", (3, 1)),
    "packs-hook-returns-int": (("from ipcheck import hookimpl\n\n@hookimpl\ndef ipcheck_rule_packs():\n"
                               "    return 5\n"), "ipcheck_rule_packs returned int 5, not a list of paths", (3, 1)),
    "packs-hook-returns-str": (("from ipcheck import hookimpl\n\n@hookimpl\ndef ipcheck_rule_packs():\n"
                               "    return 'packs/watch.yaml'\n"),
                               "ipcheck_rule_packs returned str 'packs/watch.yaml', not a list of paths", (3, 1)),
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


@pytest.mark.parametrize("rule_id", ["IPX001", "IPZ900"])
def test_a_plugin_cannot_claim_the_prefix_of_the_built_in_rules(shared, baseline, tmp_path, rule_id):
    plugin = write(tmp_path, "usurper.py", GOOD_PLUGIN.replace('id="GOOD001"', f'id="{rule_id}"'))
    run = run_cli("check", shared / "decl", "--plugin", shared / "good.py", "--plugin", plugin)
    assert run.returncode == 3
    [error] = run.report["errors"]
    assert (error["file"], error["line"]) == (str(plugin), 6)
    assert error["message"] == (f"plugin 'usurper': rule id {rule_id} starts with 'IP', a prefix reserved for "
                                "ipcheck's built-in rules; give the plugin's rules a prefix of its own (ACME001); "
                                "the rule is skipped")
    assert run.findings == baseline


def test_two_plugins_defining_one_id_keep_the_first(shared, tmp_path):
    second = write(tmp_path, "second.py", GOOD_PLUGIN)
    run = run_cli("check", shared / "decl", "--plugin", shared / "good.py", "--plugin", second)
    assert run.returncode == 3
    assert "plugin 'second': rule id GOOD001 is already defined by plugin 'good'; this one is skipped" in run.stderr
    assert run.rules.count("GOOD001") == 2  # both procedures, once each: the first plugin's rule


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


def test_a_hook_returning_a_malformed_rule_is_reported(shared, baseline, tmp_path):
    write(tmp_path, "swap.py", """\
        from ipcheck import hookimpl
        from ipcheck.rules.api import Rule, RuleMeta


        def check(ctx):
            return []


        META = RuleMeta("SWP001", "t", "minor", None, None, (), "r", "x", "y", "f")


        @hookimpl
        def ipcheck_rules():
            return [Rule(check, META)]
        """)
    run = run_cli("check", shared / "decl", "--plugin", shared / "good.py", "--plugin", tmp_path / "swap.py")
    assert run.returncode == 3, run.stderr
    [error] = run.report["errors"]
    assert error["message"].startswith("plugin 'swap': ipcheck_rules returned Rule Rule(meta=<function check")
    assert (error["line"], error["column"]) == (12, 1)
    assert run.findings == baseline


@pytest.mark.parametrize(("body", "text"), [
    ('config.severity.setdefault("GOOD", "warning")',
     ("it left the configuration invalid: severity.GOOD: input should be 'major', 'minor' or 'observation', "
      "got 'warning'")),
    ('config.rule_timeout = "20"', ("it left the configuration invalid: rule_timeout: input should be a valid number, "
                                    "got '20'")),
    ('config.waivers = ["junk"]', "it left the configuration invalid: waivers.0: input should be a valid dictionary"),
])
def test_a_configure_hook_leaving_invalid_values_is_reported_and_undone(shared, baseline, tmp_path, body, text):
    write(tmp_path, "conf.py", f"from ipcheck import hookimpl\n\n@hookimpl\ndef ipcheck_configure(config):\n"
                               f"    {body}\n")
    run = run_cli("check", shared / "decl", "--plugin", shared / "good.py", "--plugin", tmp_path / "conf.py")
    assert run.returncode == 3, run.stderr
    [error] = run.report["errors"]
    assert "internal error in plugin 'conf': hook ipcheck_configure failed: ValueError: " + text in error["message"]
    assert (error["file"], error["line"]) == (str(tmp_path / "conf.py"), 3)
    assert run.findings == baseline  # the configuration the rules saw is the one before the hook


def test_what_a_rule_prints_goes_to_stderr_not_into_the_report(shared, tmp_path):
    plugin = write(tmp_path, "chatty.py", GOOD_PLUGIN.replace("    for procedure in", "    print('checking')\n"
                                                              "    for procedure in")
                   .replace("from ipcheck import hookimpl", "from ipcheck import hookimpl\nprint('imported')"))
    done = subprocess.run([sys.executable, "-m", "ipcheck", "check", str(shared / "decl"), "--as-of", AS_OF,
                           "-f", "json", "--plugin", str(plugin)], capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 1, done.stderr
    assert [f["rule"] for f in json.loads(done.stdout)["findings"]].count("GOOD001") == 2
    assert done.stderr.splitlines()[:2] == ["imported", "checking"]


def test_a_rule_that_will_not_stop_ends_the_run_with_exit_3(shared, tmp_path):
    """A rule that catches the interruption of its time limit every time cannot be stopped
    from inside the process: the run is abandoned, naming the rule, rather than hanging."""
    plugin = write(tmp_path, "stubborn.py", bad_rule("import time\nwhile True:\n    try:\n        time.sleep(100)\n"
                                                     "    except BaseException:\n        pass"))
    config = write(tmp_path, "ipcheck.yaml", "rule_timeout: 0.5\n")
    started = time.monotonic()
    run = run_cli("check", shared / "decl", "--plugin", plugin, "--config", config)
    assert time.monotonic() - started < 30
    assert run.returncode == 3
    assert run.report is None
    assert (f"{plugin}:13:1: internal error in rule BAD001 of plugin 'stubborn': it ran past its time limit and did not "
            "stop when interrupted 3 times; the run was abandoned and no report was written") in run.stderr
    assert "--ignore BAD001" in run.stderr


def test_a_test_runners_timer_survives_the_rules_time_limit(shared):
    """The rules' time limit sets the interval timer; one set before (pytest-timeout's) is set again."""
    import signal

    from ipcheck.testing import run_declaration

    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda *args: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 5)
        run_declaration((shared / "decl" / "declaration.yaml").read_text(encoding="utf-8"), entry_points=False)
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 0 < left < 5
        signal.setitimer(signal.ITIMER_REAL, 0.05)
        time.sleep(0.2)
        assert fired == [1]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_two_plugin_files_of_one_name_both_load(shared, tmp_path):
    write(tmp_path, "a/rules.py", GOOD_PLUGIN.replace("GOOD001", "AAA001"))
    write(tmp_path, "b/rules.py", GOOD_PLUGIN.replace("GOOD001", "BBB001"))
    run = run_cli("check", shared / "decl", "--plugin", tmp_path / "a/rules.py", "--plugin", tmp_path / "b/rules.py")
    assert run.returncode == 1, run.stderr
    assert run.report["errors"] == []
    assert run.rules.count("AAA001") == 2 and run.rules.count("BBB001") == 2


def test_a_hook_with_wrong_arguments_is_located_at_the_hook(shared, tmp_path):
    plugin = write(tmp_path, "wrongargs.py", "from ipcheck import hookimpl\n\n\n@hookimpl\ndef ipcheck_configure(cfg):\n"
                                             "    pass\n")
    run = run_cli("check", shared / "decl", "--plugin", plugin)
    assert run.returncode == 3
    [error] = run.report["errors"]
    assert (error["file"], error["line"]) == (str(plugin), 4)
    assert error["message"].startswith("internal error in plugin 'wrongargs': failed to load: Plugin 'wrongargs' "
                                       "for hook 'ipcheck_configure'")
    assert "\n" not in error["message"]
    assert "hookspec" in error["message"]


def test_a_misspelt_hook_is_reported(shared, tmp_path):
    plugin = write(tmp_path, "typo.py", GOOD_PLUGIN.replace("def ipcheck_rules", "def ipcheck_rulez"))
    run = run_cli("check", shared / "decl", "--plugin", plugin)
    assert run.returncode == 3
    [error] = run.report["errors"]
    assert error["message"] == ("plugin 'typo': ipcheck_rulez is marked @hookimpl but is no ipcheck hook, "
                                "so it never runs (hint: did you mean 'ipcheck_rules'?)")
    assert "GOOD001" not in run.rules


@pytest.mark.parametrize(("returned", "shown"), [("None", "NoneType None"), ("b'x'", "bytes b'x'")])
def test_a_report_format_that_returns_no_text_is_its_plugins_error(shared, tmp_path, returned, shown):
    plugin = write(tmp_path, "fmt.py", "from ipcheck import hookimpl\n\n\ndef render(report):\n"
                                       f"    return {returned}\n\n\n@hookimpl\n"
                                       "def ipcheck_report_formats():\n    return {'odd': render}\n")
    done = subprocess.run([sys.executable, "-m", "ipcheck", "check", str(shared / "decl"), "--as-of", AS_OF,
                           "-f", "odd", "--plugin", str(plugin)], capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 3
    assert done.stdout == ""
    assert (f"{plugin}:4:1: internal error in plugin 'fmt': report format 'odd' failed: TypeError: returned "
            f"{shown}, not text") in done.stderr
    assert "defect of ipcheck" not in done.stderr


@pytest.mark.parametrize(("change", "text"), [
    ('id="GOOD001"', "rule id 'GOOD001\\n' is not a prefix of capital letters followed by three digits"),
    ('stage="manual"', ("failed to load: TypeError: rule GOOD001: clauses is 'maintenance'; write a tuple of topics "
                        "or citations, e.g. clauses=('maintenance',)")),
])
def test_rule_documentation_is_checked_exactly(shared, tmp_path, change, text):
    replacement = 'id="GOOD001\\n"' if "id=" in change else 'stage="manual", clauses="maintenance"'
    plugin = write(tmp_path, "loose.py", GOOD_PLUGIN.replace(change, replacement))
    run = run_cli("check", shared / "decl", "--plugin", plugin)
    assert run.returncode == 3
    assert text in run.stderr, run.stderr


def test_ctrl_c_exits_130(shared, tmp_path):
    plugin = write(tmp_path, "slow.py", bad_rule("import time\ntime.sleep(30)"))
    process = subprocess.Popen([sys.executable, "-m", "ipcheck", "check", str(shared / "decl"), "--as-of", AS_OF,
                                "--plugin", str(plugin)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(3)
    process.send_signal(2)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert stderr.strip() == "ipcheck: interrupted"


def test_a_thread_a_rule_leaves_running_does_not_keep_ipcheck_alive(shared, tmp_path):
    plugin = write(tmp_path, "threads.py", bad_rule("import threading, time\n"
                                                    "threading.Thread(target=time.sleep, args=(60,)).start()\n"
                                                    "return []"))
    started = time.monotonic()
    run = run_cli("check", shared / "decl", "--plugin", plugin)
    assert time.monotonic() - started < 30
    assert run.returncode == 1


def test_explaining_a_rule_of_a_plugin_that_failed_to_load_says_why(tmp_path):
    plugin = write(tmp_path, "broken.py", GOOD_PLUGIN.replace("from ipcheck import hookimpl",
                                                              "import acme_missing_dependency"))
    run = run_cli("explain", "GOOD001", "--plugin", plugin)
    assert run.returncode == 3
    assert run.stderr.splitlines()[0] == (f"{plugin}:1:1: internal error in plugin 'broken': failed to load: "
                                          "ModuleNotFoundError: No module named 'acme_missing_dependency'")
    assert run.stderr.splitlines()[-1].startswith("ipcheck: no rule 'GOOD001'")


def test_a_report_format_a_plugin_adds_is_written(shared, tmp_path):
    plugin = write(tmp_path, "fmt_ok.py", "from ipcheck import hookimpl\n\n\ndef render(report):\n"
                                          "    return f'{len(report.findings)} findings\\n'\n\n\n@hookimpl\n"
                                          "def ipcheck_report_formats():\n    return {'count': render}\n")
    done = subprocess.run([sys.executable, "-m", "ipcheck", "check", str(shared / "decl"), "--as-of", AS_OF,
                           "-f", "count", "--plugin", str(plugin)], capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 1 and done.stdout.endswith(" findings\n")
    assert int(done.stdout.split()[0]) > 0
    assert "Traceback" not in done.stderr
