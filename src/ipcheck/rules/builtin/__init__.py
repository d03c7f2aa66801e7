"""The built-in rule sets, registered through the same hooks as any third-party plugin.

Declarative packs are the YAML files of ``rules/packs/`` (shipped in the wheel); Python
rules, for checks that are not a common shape, live in the modules of this package.
"""

from __future__ import annotations

from pathlib import Path

from ipcheck.hookspecs import hookimpl
from ipcheck.rules.api import Rule
from ipcheck.rules.packs import packs_dir


@hookimpl
def ipcheck_rules() -> list[Rule]:
    from ipcheck.rules.builtin import python_rules

    return python_rules.RULES


@hookimpl
def ipcheck_rule_packs() -> list[Path]:
    return sorted((packs_dir() / "packs").glob("*.yaml"))
