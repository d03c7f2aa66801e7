"""The built-in rule sets and report formats, registered through the same hooks as any
third-party plugin.

Declarative packs are the YAML files of ``rules/packs/`` (shipped in the wheel); Python
rules, for checks that are not a common shape, live in the modules of this package.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

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


@hookimpl
def ipcheck_report_formats() -> dict[str, Callable[..., Any]]:
    from ipcheck.report.formats import FORMATS

    return dict(FORMATS)
