"""Switching plugins off (--disable-plugin, disable_plugins:, IPCHECK_DISABLE_PLUGIN_AUTOLOAD),
listing the ones that failed, and plugins written for a newer ipcheck."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ipcheck import __version__
from ipcheck.testing import run_declaration

from .conftest import AS_OF, GOOD_PLUGIN, run_cli, write

BROKEN = "import acme_missing_dependency\n"


def installed(site: Path, module: str, source: str, *, requires: str = "", entry: str = "acme") -> Path:
    """An installed distribution (a dist-info folder and its module on a path of ``PYTHONPATH``)
    with an entry point in group ``ipcheck``: what ``pip install`` leaves, without a build."""
    write(site, f"{module}.py", source)
    info = site / f"{module}-1.0.dist-info"
    write(info, "METADATA", f"Metadata-Version: 2.1\nName: {module.replace('_', '-')}\nVersion: 1.0\n"
                            + (f"Requires-Dist: {requires}\n" if requires else ""))
    write(info, "entry_points.txt", f"[ipcheck]\n{entry} = {module}\n")
    return site / f"{module}.py"


@pytest.fixture
def broken_site(tmp_path: Path) -> dict[str, str]:
    """The environment of a run where an installed plugin (entry point ``acme``) fails to import."""
    site = tmp_path / "site"
    installed(site, "acme_broken", BROKEN)
    return {"PYTHONPATH": str(site)}


def test_a_broken_installed_plugin_fails_every_check(shared, broken_site):
    run = run_cli("check", shared / "decl", env=broken_site)
    assert run.returncode == 3
    [error] = run.report["errors"]
    assert error["message"].startswith("internal error in plugin 'acme': failed to load: ModuleNotFoundError")


@pytest.mark.parametrize("how", ["option", "distribution", "configuration", "autoload"])
def test_a_broken_installed_plugin_can_be_switched_off(shared, broken_site, tmp_path, how):
    decl = tmp_path / "decl"
    write(decl, "declaration.yaml", (shared / "decl" / "declaration.yaml").read_text(encoding="utf-8"))
    args: list[str | Path] = ["check", decl]
    env = dict(broken_site)
    if how == "option":
        args += ["--disable-plugin", "acme"]
    elif how == "distribution":
        args += ["--disable-plugin", "acme-broken"]
    elif how == "configuration":
        write(decl, "ipcheck.yaml", "disable_plugins: [acme]\n")
    else:
        env["IPCHECK_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    run = run_cli(*args, env=env)
    assert run.returncode == 1, run.stderr
    assert run.report["errors"] == []
    assert "IPX001" in run.rules


def test_a_plugin_named_with_plugin_can_be_switched_off(shared, tmp_path):
    run = run_cli("check", shared / "decl", "--plugin", shared / "good.py", "--disable-plugin", "good")
    assert run.returncode == 1 and run.report["errors"] == []
    assert "GOOD001" not in run.rules


def test_the_built_in_rules_cannot_be_disabled(shared):
    run = run_cli("check", shared / "decl", "--disable-plugin", "ipcheck")
    assert run.returncode == 2
    assert run.report["errors"][0]["message"] == ("plugin 'ipcheck' holds the built-in rules and cannot be disabled "
                                                  "(hint: leave rules out with --ignore (--ignore IPP for the "
                                                  "patent rules))")


def test_the_plugin_list_shows_a_failed_plugin_with_its_error(broken_site):
    run = run_cli("plugins", env=broken_site)
    assert run.returncode == 3
    lines = run.stdout.splitlines()
    assert lines[0].startswith(f"ipcheck                  {__version__}")
    assert lines[1].startswith("acme                     1.0        entry point of acme-broken  (acme_broken)  "
                               "FAILED to load")
    assert lines[2] == ("    error: internal error in plugin 'acme': failed to load: ModuleNotFoundError: "
                        "No module named 'acme_missing_dependency'")


def test_the_plugin_list_shows_a_disabled_plugin(broken_site):
    run = run_cli("plugins", "--disable-plugin", "acme", env=broken_site)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[1] == ("acme                     1.0        entry point of acme-broken  "
                                          "(acme_broken)  disabled")


def test_the_plugin_list_leaves_out_installed_plugins_when_autoload_is_off(broken_site):
    run = run_cli("plugins", env={**broken_site, "IPCHECK_DISABLE_PLUGIN_AUTOLOAD": "1"})
    assert run.returncode == 0, run.stderr
    assert [line.split()[0] for line in run.stdout.splitlines()] == ["ipcheck"]


def test_explain_says_that_a_plugin_failed_even_when_the_rule_is_found(broken_site):
    run = run_cli("explain", "IPX001", env=broken_site)
    assert run.returncode == 0
    assert run.stdout.startswith("# IPX001")
    assert "internal error in plugin 'acme': failed to load: ModuleNotFoundError" in run.stderr


def test_plugin_tests_run_with_autoload_off(broken_site, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", broken_site["PYTHONPATH"])
    monkeypatch.syspath_prepend(broken_site["PYTHONPATH"])
    import importlib

    importlib.invalidate_caches()
    assert run_declaration("kind: Enterprise\nid: e\nname: E\n", select="IPX001").internal_errors != []
    monkeypatch.setenv("IPCHECK_DISABLE_PLUGIN_AUTOLOAD", "1")
    assert run_declaration("kind: Enterprise\nid: e\nname: E\n", select="IPX001").errors == []


# -- plugins written for a newer ipcheck -------------------------------------------------------

NEWER_HOOK = "\n\n@hookimpl{marker}\ndef ipcheck_{name}():\n    return {{}}\n"


@pytest.mark.parametrize(("name", "marker", "declared", "need"), [
    ("annuity_calendar", "", "", ""),                         # near no hook of this version
    ("rule_options", "(optionalhook=True)", "", ""),          # near one, but marked optional
    ("rule_options", "", 'IPCHECK_REQUIRES = "ipcheck>=9.0"\n', "; the plugin needs ipcheck>=9.0"),
])
def test_a_hook_of_a_newer_ipcheck_is_a_warning(shared, baseline, tmp_path, name, marker, declared, need):
    source = declared + GOOD_PLUGIN + NEWER_HOOK.format(marker=marker, name=name)
    plugin = write(tmp_path, "future.py", source)
    run = run_cli("check", shared / "decl", "--plugin", plugin)
    assert run.returncode == 1, run.stderr
    assert run.report["errors"] == []
    assert "GOOD001" in run.rules
    line = source.splitlines().index(f"def ipcheck_{name}():")  # the decorator's line, 1-based
    assert run.stderr.splitlines()[:2] == [
        f"{plugin}:{line}:1: plugin 'future': ipcheck_{name} is a hook ipcheck {__version__} does not know, "
        f"so it is not called{need}",
        "  hint: upgrade ipcheck to get all of the plugin (the rest of it runs)"]


def test_an_installed_plugin_for_a_newer_ipcheck_is_named_with_the_version_it_needs(tmp_path, shared):
    site = tmp_path / "site"
    installed(site, "acme_future", GOOD_PLUGIN + NEWER_HOOK.format(marker="", name="rule_options"),
              requires="ipcheck (>=2.0,<3)")
    run = run_cli("rules", env={"PYTHONPATH": str(site)})
    assert run.returncode == 0, run.stderr
    assert "ipcheck_rule_options is a hook ipcheck" in run.stderr
    assert run.stderr.splitlines()[0].endswith("so it is not called; the plugin needs ipcheck>=2.0,<3")
    assert "GOOD001" in run.stdout


# -- help links --------------------------------------------------------------------------------


def test_a_plugin_rule_has_its_own_help_link_or_none(shared, tmp_path):
    linked = write(tmp_path, "linked.py", GOOD_PLUGIN.replace(
        'id="GOOD001"', 'id="LINK001", help_url="https://acme.example/rules/LINK001"').replace(
        "[steps]", "[steps_linked]").replace("def steps", "def steps_linked"))
    report = tmp_path / "report.sarif"
    done = subprocess.run([sys.executable, "-m", "ipcheck", "check", str(shared / "decl"), "--as-of", AS_OF,
                           "--plugin", str(shared / "good.py"), "--plugin", str(linked), "-f", "sarif",
                           "-o", str(report)], check=False, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stderr
    rules = {r["id"]: r for r in json.loads(report.read_text(encoding="utf-8"))["runs"][0]["tool"]["driver"]["rules"]}
    assert "helpUri" not in rules["GOOD001"]
    assert rules["LINK001"]["helpUri"] == "https://acme.example/rules/LINK001"
    assert rules["IPX001"]["helpUri"] == "https://ipcheck.readthedocs.io/en/latest/rules/ipcheck/IPX001.html"


def test_a_help_link_that_is_no_web_address_is_refused(shared, tmp_path):
    plugin = write(tmp_path, "badlink.py", GOOD_PLUGIN.replace('id="GOOD001"', 'id="GOOD001", help_url="docs/x"'))
    run = run_cli("check", shared / "decl", "--plugin", plugin)
    assert run.returncode == 3
    assert run.report["errors"][0]["message"] == ("plugin 'badlink': rule GOOD001: help_url 'docs/x' is not an "
                                                  "http(s) address; the rule is skipped")
