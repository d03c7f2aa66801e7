"""Shared by the rule tests: the built-in rules of an id range, and a check of an inline
declaration through :func:`ipcheck.testing.run_declaration`, the helper plugin authors use."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from ipcheck.findings import Finding
from ipcheck.plugins import load_plugins
from ipcheck.rules.api import EXAMPLES_AS_OF, Rule
from ipcheck.testing import run_declaration

AS_OF = EXAMPLES_AS_OF


def rules_with(prefixes: tuple[str, ...]) -> list[Rule]:
    """The built-in rules whose ids start with one of ``prefixes``, by id."""
    return sorted((r for r in load_plugins(entry_point_plugins=False).rules() if r.id.startswith(prefixes)),
                  key=lambda r: r.id)


def check_declaration(tmp_path: Path, text: str, select: Iterable[str], as_of: dt.date = AS_OF) -> list[Finding]:
    """Findings of the selected rules on ``text`` (written to ``decl.yaml``); loading must succeed."""
    result = run_declaration({"decl.yaml": text}, as_of=as_of, select=list(select), entry_points=False,
                             tmp_path=tmp_path / "decl")
    assert result.errors == [], [e.render() for e in result.errors]
    return result.findings


def only(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]
