"""ipcheck.testing, the helper plugin authors test with."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import types

import pytest

from ipcheck import hookimpl
from ipcheck.config import ConfigError
from ipcheck.model.kinds import Procedure
from ipcheck.rules.api import Violation, rule
from ipcheck.testing import DEFAULT_AS_OF, list_rules, run_declaration

from .conftest import DECLARATION


@rule(id="TST001", title="Procedures name their steps", severity="minor", stage="manual",
      rationale="r", fails="f", passes="p", fix="Write the steps of {subject}.")
def steps(ctx):
    for procedure in ctx.declaration.of(Procedure):
        if not procedure.steps:
            yield Violation(f"Procedure {procedure.id} has no steps (as of {ctx.as_of})", subject=procedure.id,
                            path=("title",))


PLUGIN = types.ModuleType("tst_plugin")
PLUGIN.ipcheck_rules = hookimpl(lambda: [steps])  # type: ignore[attr-defined]


def test_inline_text_is_dedented_and_checked():
    result = run_declaration("""
        kind: Procedure
        id: PR-01
        title: Patent filing
    """, select="TST", plugins=[PLUGIN])
    assert result.errors == [] and result.exit_code == 1
    [finding] = result.findings
    assert (finding.rule, finding.subject, finding.location.file, finding.location.line) == \
        ("TST001", "PR-01", "declaration.yaml", 3)
    assert finding.corrective_action == "Write the steps of PR-01."
    assert f"as of {DEFAULT_AS_OF}" in finding.message
    assert result.rule_ids == ["TST001"] and result.of("tst") == result.findings
    assert result.files["declaration.yaml"].startswith("kind: Procedure\n")
    assert not result.root.exists()  # a temporary folder, removed


def test_several_files_a_date_and_a_kept_folder(tmp_path):
    files = {"a/one.yaml": "kind: Procedure\nid: PR-01\ntitle: One\n",
             "b/two.yaml": "kind: Procedure\nid: PR-02\ntitle: Two\nsteps: [file]\n"}
    result = run_declaration(files, as_of=dt.date(2030, 1, 1), select=["TST001"], plugins=[PLUGIN],
                             tmp_path=tmp_path / "decl")
    assert [(f.subject, f.location.file) for f in result.findings] == [("PR-01", "a/one.yaml")]
    assert "as of 2030-01-01" in result.findings[0].message
    assert (tmp_path / "decl" / "b" / "two.yaml").is_file()


def test_configuration_from_a_file_from_a_mapping_and_select_over_it():
    files = {"declaration.yaml": DECLARATION, "ipcheck.yaml": "select: [TST]\nseverity: {TST: major}\n"}
    result = run_declaration(files, plugins=[PLUGIN])
    assert {f.rule for f in result.findings} == {"TST001"} and {f.severity for f in result.findings} == {"major"}
    result = run_declaration(DECLARATION, plugins=[PLUGIN], config={"select": ["TST"], "ignore": ["TST001"]})
    assert result.findings == [] and result.exit_code == 2
    assert result.messages() == [(".:1:1: select ['TST'] and ignore ['TST001'] leave no rule to run; see `ipcheck "
                                  "rules`\n  hint: name rule ids or prefixes that `ipcheck rules` lists")]
    result = run_declaration(files, plugins=[PLUGIN], select="IPX")
    assert {f.rule for f in result.findings} == {"IPX001"}
    result = run_declaration(files, plugins=[PLUGIN], ignore="TST")
    assert result.findings == []


def test_a_select_naming_no_rule_is_exit_2_as_on_the_command_line():
    result = run_declaration(DECLARATION, plugins=[PLUGIN], select="TSTT")
    assert result.exit_code == 2
    assert [e.message for e in result.errors] == [("select: 'TSTT' matches no rule (did you mean 'TST001'?); see "
                                                   "`ipcheck rules`")]


def test_an_unusable_configuration_mapping_raises():
    with pytest.raises(ConfigError, match="configuration: rule_timeout: input should be a valid number"):
        run_declaration(DECLARATION, config={"rule_timeout": "soon"})


def test_an_unusable_configuration_raises():
    with pytest.raises(ConfigError, match="unknown key 'selcet'"):
        run_declaration({"declaration.yaml": DECLARATION, "ipcheck.yaml": "selcet: [TST]\n"})


def test_input_that_cannot_be_loaded_is_in_the_errors():
    result = run_declaration("kind: Procedure\nid: PR-01\ntitle: [unclosed\n", select="TST", plugins=[PLUGIN])
    assert result.exit_code == 2 and result.findings == []
    [error] = result.errors
    assert error.kind == "load" and error.location.file == "declaration.yaml"
    assert result.messages()[0].startswith("declaration.yaml:")


def test_failing_plugins_are_in_the_errors(tmp_path):
    broken = tmp_path / "broken.py"
    broken.write_text("import acme_missing\n", encoding="utf-8")
    result = run_declaration(DECLARATION, select="TST", plugins=[PLUGIN, str(broken)])
    assert result.exit_code == 3 and result.rule_ids == ["TST001", "TST001"]
    [error] = result.internal_errors
    assert "plugin 'broken': failed to load: ModuleNotFoundError" in error.message


def test_a_plugin_object_given_twice_is_registered_once():
    result = run_declaration(DECLARATION, select="TST", plugins=[PLUGIN, PLUGIN])
    assert result.errors == [] and len(result.findings) == 2


def test_list_rules():
    metas, problems = list_rules([PLUGIN], entry_points=False)
    assert problems == []
    [meta] = [m for m in metas if m.id == "TST001"]
    assert meta.plugin == "tst_plugin" and meta.stage == "manual"
    assert any(m.id == "IPX001" and m.plugin == "ipcheck" for m in metas)


def test_the_fixture_writes_below_tmp_path(tmp_path):
    """ipcheck_run, as a plugin's test suite gets it from the pytest11 entry point."""
    test = tmp_path / "test_fixture.py"
    test.write_text(
        "def test_it(ipcheck_run, tmp_path):\n"
        "    first = ipcheck_run('kind: Procedure\\nid: PR-01\\ntitle: T\\n', select='IPX')\n"
        "    second = ipcheck_run({'x.yaml': 'kind: Procedure\\nid: PR-02\\ntitle: T\\n'}, select='IPX')\n"
        "    assert first.root == tmp_path / 'declaration-1' and second.root == tmp_path / 'declaration-2'\n"
        "    assert (second.root / 'x.yaml').is_file() and first.errors == [] == first.findings\n",
        encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "ipcheck.testing",
                           str(test)], capture_output=True, text=True, cwd=tmp_path, timeout=120, check=False,
                          env={"PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed" in done.stdout


def test_importing_the_helper_does_not_need_pytest():
    code = ("import sys; sys.modules['pytest'] = None; import ipcheck.testing as t; "
            "assert not hasattr(t, 'ipcheck_run'); print(t.run_declaration('kind: Procedure\\nid: P\\ntitle: T\\n', "
            "select='IPX').exit_code)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "0"
