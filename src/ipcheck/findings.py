"""What a check produces: findings against the declaration, and problems that stopped a part of it.

These are plain frozen dataclasses: cheap to make by the thousand, easy to compare in
tests, and serialised in one place (:meth:`Finding.to_dict`) for every report format.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Literal

from ipcheck.i18n import pick, word

MAX_TEXT_CHARS = 400
"""Longest message, corrective action, subject or hint a report carries: declaration values
quoted in them are cut beyond it, so that one huge value aliased many times cannot blow a
report up to hundreds of megabytes."""
MAX_FINDINGS = 10_000
"""Findings a report lists at the most (``max_findings:`` of the configuration): the most
severe are listed, and the report says how many it leaves out, so that no declaration can
make a report of hundreds of megabytes. Counts, readiness and the verdict count them all."""


def cut(text: str, limit: int = MAX_TEXT_CHARS, lang: str = "en") -> str:
    """``text`` itself when it is at most ``limit`` characters, else its start, an ellipsis and
    how much was cut, said in ``lang``."""
    if len(text) <= limit:
        return text
    return text[:limit] + word("more-characters-cut", lang).format(count=len(text) - limit)


def _bounded(item: Finding | Problem, names: tuple[str, ...], lang: str) -> Finding | Problem:
    values = {name: getattr(item, name) for name in names}
    long = {name: cut(value, lang=lang) for name, value in values.items() if isinstance(value, str) and len(value) > MAX_TEXT_CHARS}
    return dataclasses.replace(item, **long) if long else item


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A place in a declaration file; ``file`` is relative to the checked root, line and column 1-based."""

    file: str
    line: int = 1
    column: int = 1
    cell: str | None = field(default=None, compare=False)
    """A spreadsheet cell as Excel names it (``专利台账!D12``: sheet and A1 reference), for a
    place in a register kept as a spreadsheet; there ``line`` is the row and ``column`` the
    column's number. Not part of comparisons: the file, row and column say where."""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    def shown(self, file: str | None = None) -> str:
        """The place as a reader looks for it: ``file:line:column``, or for a spreadsheet cell
        the file and the cell as Excel names it (``registers/patents.xlsx 专利台账!D12``);
        ``file`` replaces the file's path (a path relative to another folder)."""
        file = self.file if file is None else file
        return f"{file} {self.cell}" if self.cell else f"{file}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Finding:
    """One nonconformity (or observation) raised by a rule, as the reports show it.

    ``category`` is ``audit`` (a nonconformity with the standard) or ``data`` (a problem of
    the declaration itself, shown apart and citing no clause). ``evidence`` lists the items
    a systemic finding stands for (``"PAT-0042 at registers/patents.yaml:12:5"``).
    """

    rule: str
    severity: str
    title: str
    message: str
    stage: str | None
    protection: str | None
    clauses: tuple[str, ...]
    subject: str | None
    location: Location
    corrective_action: str
    fingerprint: str
    category: str = "audit"
    evidence: tuple[str, ...] = ()
    field: str = ""
    """The field path inside the subject (``annuities.2``), as the rule reported it; not part
    of the JSON report (its location says where), but a name that survives moved lines."""
    also: tuple[tuple[str, str], ...] = ()
    """The rule id and fingerprint of each finding merged into this one because it reported
    the same defect of the same item (see :mod:`ipcheck.rules.same_defect`)."""

    @property
    def rules(self) -> tuple[str, ...]:
        """Every rule that found this defect: its own, then those merged into it."""
        return (self.rule, *(rule for rule, _ in self.also))

    @property
    def rule_label(self) -> str:
        """The rule ids as reports show them (``IP602, IP604`` for a merged finding)."""
        return ", ".join(self.rules)

    @property
    def fingerprints(self) -> tuple[str, ...]:
        """Its own fingerprint, then those of the findings merged into it."""
        return (self.fingerprint, *(fp for _, fp in self.also))

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.file, loc.line, loc.column, self.rule, self.fingerprint)

    def bounded(self, lang: str = "en") -> Finding:
        """The finding with its texts cut to :data:`MAX_TEXT_CHARS` (see :func:`cut`), the note
        of what was cut in ``lang``, the language its texts are in."""
        if (len(self.message) <= MAX_TEXT_CHARS and len(self.corrective_action) <= MAX_TEXT_CHARS
                and len(self.title) <= MAX_TEXT_CHARS and len(self.subject or "") <= MAX_TEXT_CHARS):
            return self  # nearly always: no copy
        return _bounded(self, ("title", "message", "subject", "corrective_action"), lang)  # type: ignore[return-value]

    def to_dict(self) -> dict[str, object]:
        """The finding as it appears in the JSON report (see ``report/report.schema.json``)."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "title": self.title,
            "message": self.message,
            "stage": self.stage,
            "protection": self.protection,
            "clauses": list(self.clauses),
            "subject": self.subject,
            "location": {
                "file": self.location.file,
                "line": self.location.line,
                "column": self.location.column,
            },
            "corrective_action": self.corrective_action,
            "fingerprint": self.fingerprint,
            "category": self.category,
            "evidence": list(self.evidence),
            "also": [{"rule": rule, "fingerprint": fp} for rule, fp in self.also],
        }


def fingerprint(rule: str, subject: str | None, path: tuple[str | int, ...], file: str, key: str = "") -> str:
    """A fingerprint that survives unrelated edits.

    It hashes what the finding is about (rule, declared item id, field path, and the
    rule's own discriminating ``key``), never line numbers. Findings about no item
    (``subject`` is None) also hash the file they point at.
    """
    parts = [rule, subject or f"file:{file}", "/".join(map(str, path)), key]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


ProblemKind = Literal["load", "internal", "config", "warning"]
USAGE_KINDS = ("load", "config")
"""Problems with what the user gave (exit 2); ``internal`` is a failing plugin (exit 3); a
``warning`` (a plugin hook of a newer ipcheck) is said on stderr and fails nothing."""


@dataclass(frozen=True, slots=True)
class Problem:
    """Something that stopped part of the check: input that cannot be loaded (exit 2),
    or a rule/plugin that failed internally (exit 3)."""

    kind: ProblemKind
    message: str
    location: Location
    hint: str = ""
    plugin: str | None = None
    rule: str | None = None
    value: str | None = field(default=None)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.location.file, self.location.line, self.location.column, self.message)

    def bounded(self) -> Problem:
        """The problem with its texts cut (a plugin's exception text can be any size)."""
        return _bounded(self, ("message", "hint", "value"), "en")  # type: ignore[return-value]

    def full_message(self, lang: str = "en") -> str:
        """Message with the hint appended (after the cell, for a place in a spreadsheet), as the
        JSON report's ``message`` carries it, in ``lang``
        (a message or hint is a :class:`~ipcheck.i18n.Text` when it exists in several languages)."""
        message, hint = pick(self.message, lang), pick(self.hint, lang)
        if self.location.cell:
            message = f"{self.location.cell}: {message}"
        return word("with-hint", lang).format(message=message, hint=hint) if hint else message

    def to_dict(self, lang: str = "en") -> dict[str, object]:
        return {
            "file": self.location.file,
            "line": self.location.line,
            "column": self.location.column,
            "message": self.full_message(lang),
        }

    def render(self, lang: str = "en") -> str:
        """One-line-plus-hint form for the terminal: ``file:line:col: message`` then the hint, in ``lang``."""
        cell = f"{self.location.cell}: " if self.location.cell else ""
        text = f"{self.location}: {cell}{pick(self.message, lang)}"
        if self.hint:
            text += "\n  " + word("hint", lang) + pick(self.hint, lang)
        return text


def problems_exit_code(problems: list[Problem]) -> int:
    """The contract's exit code for problems: 2 when input or configuration cannot be used,
    else 3 when a rule or plugin failed, else 0."""
    if any(p.kind in USAGE_KINDS for p in problems):
        return 2
    return 3 if any(p.kind == "internal" for p in problems) else 0
