"""Rules declare the options they read; rule_options naming another option, or no rule, is
a configuration error at its line (exit 2). Rules that declare nothing accept anything."""

from __future__ import annotations

from .conftest import GOOD_PLUGIN, run_cli, write

DECLARING = GOOD_PLUGIN.replace(
    'fix="Write the steps of {subject}.")',
    'fix="Write the steps of {subject}.",\n      options={"exempt": "ids of procedures that need no steps", '
    '"min_steps": {"en": "the fewest steps a procedure lists", "zh-CN": "程序至少列出的步骤数"}})')


def run_with(shared, tmp_path, plugin_source: str, options: str):
    plugin = write(tmp_path, "opts.py", plugin_source)
    config = write(tmp_path, "ipcheck.yaml", "rule_options:\n" + options)
    return run_cli("check", shared / "decl", "--config", config, "--plugin", plugin), config


def test_a_misspelt_option_and_an_unknown_rule_are_located_usage_errors(shared, tmp_path):
    run, config = run_with(shared, tmp_path, DECLARING,
                           "  GOOD001:\n    exempt: [PR-02]\n    min_step: 2\n  GOOD01:\n    exempt: []\n")
    assert run.returncode == 2, run.stderr
    assert [(e["file"], e["line"], e["column"], e["message"]) for e in run.report["errors"]] == [
        (str(config), 4, 5, "configuration: rule_options.GOOD001: rule GOOD001 has no option 'min_step' "
                            "(hint: did you mean 'min_steps'?)"),
        (str(config), 5, 3, "configuration: rule_options: 'GOOD01' names no rule (hint: did you mean 'GOOD001'?)"),
    ]


def test_declared_options_pass(shared, tmp_path):
    run, _ = run_with(shared, tmp_path, DECLARING, "  GOOD001: {exempt: [PR-02], min_steps: 2}\n")
    assert run.returncode == 1, run.stderr
    assert run.report["errors"] == []


def test_a_rule_that_declares_no_options_accepts_any(shared, tmp_path):
    run, _ = run_with(shared, tmp_path, GOOD_PLUGIN, "  GOOD001: {anything: 1}\n")
    assert run.returncode == 1, run.stderr
    assert run.report["errors"] == []


def test_a_rule_that_declares_it_takes_none_refuses_any(shared, tmp_path):
    source = GOOD_PLUGIN.replace('fix="Write the steps of {subject}.")', 'fix="Write the steps of {subject}.", options={})')
    run, config = run_with(shared, tmp_path, source, "  GOOD001: {exempt: [PR-02]}\n")
    assert run.returncode == 2
    [error] = run.report["errors"]
    assert error["message"] == ("configuration: rule_options.GOOD001: rule GOOD001 has no option 'exempt' "
                                "(hint: rule GOOD001 takes no options; remove the entry)")


def test_explain_lists_a_rules_options(tmp_path):
    plugin = write(tmp_path, "opts.py", DECLARING)
    run = run_cli("explain", "GOOD001", "--plugin", plugin)
    assert run.returncode == 0, run.stderr
    assert "## Options\n\n- `exempt`: ids of procedures that need no steps\n" \
           "- `min_steps`: the fewest steps a procedure lists\n" in run.stdout
