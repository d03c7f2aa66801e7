"""The rule API for plugin authors: what a rule is, what it reports, what it sees.

A rule is a :class:`Rule`: its documentation (:class:`RuleMeta`, the one source for
``ipcheck rules``, ``ipcheck explain``, ``docs/rules/`` and SARIF rule descriptions) and
a ``check`` function that takes a :class:`CheckContext` and yields :class:`Violation`
objects. The engine turns violations into located, fingerprinted findings.

This module is public and versioned with :data:`API_VERSION`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ipcheck.model.declaration import Declaration

API_VERSION = 1

BUILTIN_PLUGIN = "ipcheck"
"""The plugin name of the built-in rules (their rule ids start with ``IP``)."""

RULE_ID = re.compile(r"^[A-Z][A-Z0-9]*[0-9]{3}$")

EXAMPLES_AS_OF = dt.date(2026, 11, 24)
"""The date a rule's ``fails``/``passes`` examples are judged at (their dates are written
for it); rule pages say so, and the tests of the examples use it."""


@dataclass(frozen=True, slots=True)
class RuleMeta:
    """Everything a person needs to know about a rule; nothing here runs.

    ``clauses`` are full citations ("GB/T 29490-2013 9.2"). ``fix`` is the
    corrective-action template: ``{placeholders}`` are filled from the violation's
    ``values`` plus ``subject``. ``fails``/``passes`` are YAML declaration snippets.
    """

    id: str
    title: str
    severity: str
    stage: str | None
    protection: str | None
    clauses: tuple[str, ...]
    rationale: str
    fails: str
    passes: str
    fix: str
    plugin: str = BUILTIN_PLUGIN
    source: str = ""  # "path:line" where the rule is defined, for internal-error reports
    help_url: str | None = None
    """A plugin rule's own documentation page (http or https), shown as SARIF ``helpUri``;
    None for none. Built-in rules have their page on ipcheck's documentation site."""
    options: tuple[tuple[str, str], ...] | None = None
    """The options the rule reads from ``ctx.options``, each with what it means; ``rule_options``
    naming another is a configuration error. None: the rule does not say (anything is passed)."""

    @property
    def option_names(self) -> tuple[str, ...] | None:
        """The names of :attr:`options`, or None when the rule does not declare them."""
        return None if self.options is None else tuple(name for name, _ in self.options)

    @property
    def doc_path(self) -> str:
        """Path of the rule's page below ``docs/rules/``."""
        return f"{self.plugin}/{self.id}.md"


@dataclass(frozen=True, slots=True)
class Violation:
    """What a rule reports: the item concerned, where in it, and the words for the finding.

    ``subject`` is the id of the declared item (None when the finding is about something
    missing altogether). ``path`` is the field path inside that item (``("forms", 2)``)
    for an exact location. ``values`` fill the rule's corrective-action template.
    ``key`` distinguishes several violations of one rule on one item and field (it goes
    into the fingerprint, never the line number).
    """

    message: str
    subject: str | None = None
    path: tuple[str | int, ...] = ()
    values: Mapping[str, Any] = field(default_factory=dict)
    key: str = ""


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What a rule sees: the loaded declaration, the date to judge against, rule options."""

    declaration: Declaration
    as_of: dt.date
    options: Mapping[str, Any] = field(default_factory=dict)


def spoken_path(path: tuple[str | int, ...]) -> str:
    """A field path as a person reads it, entries counted from 1: ("tasks", 5, "done") is
    "tasks entry 6, done"."""
    words: list[str] = []
    for step in path:
        if isinstance(step, int):
            words[-1:] = [f"{words[-1]} entry {step + 1}," if words else f"entry {step + 1},"]
        else:
            words.append(step)
    return " ".join(words).rstrip(",")


CheckFunction = Callable[[CheckContext], Iterable[Violation]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule: its documentation and the function that checks it."""

    meta: RuleMeta
    check: CheckFunction

    @property
    def id(self) -> str:
        return self.meta.id


def rule(
    *,
    id: str,
    title: str,
    severity: str,
    rationale: str,
    fails: str,
    passes: str,
    fix: str,
    stage: str | None = None,
    protection: str | None = None,
    clauses: tuple[str, ...] = (),
    help_url: str | None = None,
    options: Mapping[str, str] | None = None,
) -> Callable[[CheckFunction], Rule]:
    """Decorator that turns a check function into a :class:`Rule`.

    ``clauses`` are topics of the clause map (``"internal-audit"``), expanded to citations
    of both editions of GB/T 29490 and ISO 56005, or full citations written out.
    ``help_url`` is the rule's own documentation page, if it has one. ``options`` names
    each option the rule reads from ``ctx.options`` with what it means
    (``{"also_owned_by": "companies entitled to hold the patents"}``); ``rule_options``
    are then checked against them when the configuration is read.

    >>> @rule(id="ACME001", title="...", severity="minor", rationale="...",
    ...       fails="...", passes="...", fix="...", stage="operation")
    ... def check(ctx):
    ...     yield Violation("...", subject="X")
    """

    if isinstance(clauses, str) or not all(isinstance(c, str) for c in clauses):
        raise TypeError(f"rule {id}: clauses is {clauses!r}; write a tuple of topics or citations, "
                        f"e.g. clauses=({clauses!r},)" if isinstance(clauses, str) else
                        f"rule {id}: clauses is {clauses!r}; write a tuple of topics or citations (text)")

    def wrap(func: CheckFunction) -> Rule:
        code = getattr(func, "__code__", None)
        source = f"{code.co_filename}:{code.co_firstlineno}" if code else ""
        from ipcheck.rules.clauses import cite

        meta = RuleMeta(
            id=id, title=title, severity=severity, stage=stage, protection=protection,
            clauses=cite(clauses), rationale=rationale, fails=fails, passes=passes, fix=fix,
            source=source, help_url=help_url, options=None if options is None else tuple(dict(options).items()),
        )
        return Rule(meta, func)

    return wrap
