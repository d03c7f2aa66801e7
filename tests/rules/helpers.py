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


def check_declaration(tmp_path: Path, text: str, select: Iterable[str], as_of: dt.date = AS_OF,
                      edition: str | None = None) -> list[Finding]:
    """Findings of the selected rules on ``text`` (written to ``decl.yaml``), checked against
    ``edition`` (the default edition when None); loading must succeed."""
    result = run_declaration({"decl.yaml": text}, as_of=as_of, select=list(select), entry_points=False,
                             tmp_path=tmp_path / "decl", edition=edition)
    assert result.errors == [], [e.render() for e in result.errors]
    return result.findings


def only(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def violations(tmp_path: Path, text: str, rule_id: str, as_of: dt.date = AS_OF,
               edition: str = "2023") -> list[tuple[str | None, tuple[str | int, ...], str, dict[str, object]]]:
    """What one built-in rule yields on ``text``: (subject, path, template, values) per violation,
    the values as the rule gives them (dates, lists, Terms, Amounts), before any language."""
    from ipcheck.load import load
    from ipcheck.rules.api import CheckContext

    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "decl.yaml").write_text(text, encoding="utf-8")
    decl = load([tmp_path / "decl.yaml"])
    [found] = rules_with((rule_id,))
    ctx = CheckContext(decl, as_of, edition=edition)
    return [(v.subject, v.path, v.template, dict(v.values)) for v in found.check(ctx)]
