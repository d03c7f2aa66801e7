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

from ipcheck.i18n import Text
from ipcheck.rules.summary import Filed, Summary

if TYPE_CHECKING:
    from ipcheck.model.declaration import Declaration

API_VERSION = 1

BUILTIN_PLUGIN = "ipcheck"
"""The plugin name of the built-in rules (their rule ids start with ``IP``)."""

RULE_ID = re.compile(r"^[A-Z][A-Z0-9]*[0-9]{3}$")

EXAMPLES_AS_OF = dt.date(2026, 11, 24)
"""The date a rule's ``fails``/``passes`` examples are judged at (their dates are written
for it); rule pages say so, and the tests of the examples use it."""


CATEGORIES = ("audit", "data")
"""``audit``: a nonconformity with the standard; ``data``: a problem of the declaration itself."""


@dataclass(frozen=True, slots=True)
class Systemic:
    """Where a rule's lapse repeats across a group, one systemic finding an auditor would raise.

    The rule's findings are grouped by the field ``by`` of their subject item (``jurisdiction``
    of a patent, ``form`` of a record); a group of at least ``at_least`` findings becomes one
    finding of ``severity`` (major by default) about the whole group, located at its first
    item, with every item as its evidence. Findings of smaller groups, and those whose subject
    has no such field, are reported one by one, with their usual fingerprints.
    """

    by: str
    at_least: int = 3
    severity: str = "major"


@dataclass(frozen=True, slots=True)
class RuleMeta:
    """Everything a person needs to know about a rule; nothing here runs.

    ``clauses`` are what the rule cites: topics of the clause map (``internal-audit``) or
    citations written out (``"GB/T 29490-2023 9.3"``); :meth:`citations` gives those of one
    edition. ``editions`` are the editions of GB/T 29490 the rule applies to (it runs only
    under them). ``category`` is ``audit`` (a nonconformity an auditor would raise) or
    ``data`` (a problem of the declaration itself: a reference to nothing, a date in the
    future; shown apart, with no clause, still failing the run). ``systemic`` merges the
    rule's findings into one systemic finding where a lapse repeats across a group (see
    :class:`Systemic`). ``title``, ``rationale``, ``fix`` and each of ``messages`` are texts
    in English with their translations (:class:`ipcheck.i18n.Text`; a plain ``str`` is
    English only). ``messages`` are the message templates by name (``"default"`` unless a
    rule has several); ``fix`` is the corrective-action template. Their ``{placeholders}``
    are filled, in the language of the run, from the violation's ``values`` plus
    ``subject``. ``fails``/``passes`` are YAML declaration snippets.
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
    messages: Mapping[str, str] = field(default_factory=dict, hash=False)
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
    editions: tuple[str, ...] = ("2023", "2013")
    category: str = "audit"
    systemic: Systemic | None = None
    reads: tuple[str, ...] | None = None
    """The kinds of items the rule reads (``("Patent", "Person")``), so that a check kept alive
    between edits (``ipcheck watch``, ``ipcheck lsp``) runs the rule again only when items of
    one of them changed, and keeps its findings otherwise. None: the rule does not say, and
    runs on every check. Only what the rule reads through ``ctx.declaration`` counts: a rule
    that reads files or anything else besides declares nothing."""
    per_item: str | None = None
    """A kind among :attr:`reads` whose items the rule judges one at a time: each violation
    concerns one item of that kind (its ``subject``) and depends on that item alone (and on the
    other kinds it reads). After an edit that changed only such items, the rule runs on the
    changed items alone."""
    summary: Summary | None = None
    """What the rule aggregates over the items of one kind among :attr:`reads` (see
    :class:`~ipcheck.rules.summary.Summary`): the keys each item is filed under. The check reads
    the summary of all the items with ``ctx.summary(...)``. A check kept alive between edits
    keeps it and files again only the changed items; with :attr:`per_item`, after an edit
    that changed only items of the per-item kind or of the summary's kind, the rule runs
    again on the changed items of the per-item kind, the items of that kind filed under a
    key the changed items had or have, and the item whose id is such a key (a summary of
    the people each patent names, keyed by person id). Each violation may then depend on
    its item, on the items filed under that item's keys, and on the other kinds it reads."""

    def citations(self, edition: str) -> tuple[str, ...]:
        """The clauses this rule cites under ``edition`` (none for a ``data`` rule)."""
        from ipcheck.rules.clauses import cite

        return () if self.category == "data" else cite(self.clauses, edition)

    def applies_to(self, edition: str) -> bool:
        return edition in self.editions

    @property
    def doc_path(self) -> str:
        """Path of the rule's page below ``docs/rules/``."""
        return f"{self.plugin}/{self.id}.md"


@dataclass(frozen=True, slots=True)
class Violation:
    """What a rule reports: the item concerned, where in it, and the values for its texts.

    ``subject`` is the id of the declared item (None when the finding is about something
    missing altogether). ``path`` is the field path inside that item (``("forms", 2)``)
    for an exact location. ``values`` fill the rule's message template ``template`` (a
    name of its ``messages``) and its corrective-action template, in the language of the
    run: give values, never prose (see :func:`ipcheck.i18n.show` for how lists, dates,
    :class:`~ipcheck.i18n.Term` and :class:`~ipcheck.i18n.Amount` read in each language).
    ``key`` distinguishes several violations of one rule on one item and field (it goes
    into the fingerprint, never the line number). ``stage`` and ``protection``, when given,
    replace the rule's own for this finding (a register rule may name the protection type
    of the item concerned); a finding may carry both. ``topics``, when given, are the topics
    of the rule's ``clauses`` this finding cites.

    ``message`` is for rules written before templates: a finished English sentence, shown
    as written in every language.
    """

    message: str = ""
    subject: str | None = None
    path: tuple[str | int, ...] = ()
    values: Mapping[str, Any] = field(default_factory=dict)
    key: str = ""
    stage: str | None = None
    protection: str | None = None
    template: str = "default"
    topics: tuple[str, ...] = ()
    """The clause-map topics this finding cites when it cites only some of its rule's ``clauses``
    (a licence 2013 7.3.1, a merger 7.3.3); each is one of them. Empty: the rule's own."""


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What a rule sees: the loaded declaration, the date to judge against, rule options, the
    edition of GB/T 29490 audited against, and the day the check is made.

    ``as_of`` is the date time-based rules judge at: the audit date when ``--audit-date`` is
    given ("will we be ready on the audit date?"), else ``--as-of``. ``checked_on`` is the
    ``--as-of`` date itself: a date after it is in the future (a data problem), even when it
    falls before the audit.
    """

    declaration: Declaration
    as_of: dt.date
    options: Mapping[str, Any] = field(default_factory=dict)
    edition: str = "2023"
    checked_on: dt.date | None = None
    summaries: Mapping[Summary, Filed] = field(default_factory=dict)
    """The summaries the engine keeps for the rule (see :meth:`summary`)."""

    def summary(self, of: Summary) -> Filed:
        """The summary ``of`` of all the items of its kind: the one a check kept alive between
        edits keeps up to date for the rule that declares it, else built from the declaration."""
        found = self.summaries.get(of)
        return found if found is not None else of.of(self.declaration)

    @property
    def today(self) -> dt.date:
        """The day the check is made (``--as-of``), for "is this date in the future?"."""
        return self.checked_on or self.as_of


def spoken_path(path: tuple[str | int, ...]) -> Text:
    """A field path as a person reads it in each language, entries counted from 1:
    ("tasks", 5, "done") is "tasks entry 6, done" / "tasks第6项的done"."""
    words: list[str] = []
    chinese = ""
    for step in path:
        if isinstance(step, int):
            words[-1:] = [f"{words[-1]} entry {step + 1}," if words else f"entry {step + 1},"]
            chinese += f"第{step + 1}项"
        else:
            words.append(step)
            chinese += f"的{step}" if chinese else step
    return Text(" ".join(words).rstrip(","), {"zh-CN": chinese})


CheckFunction = Callable[[CheckContext], Iterable[Violation]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule: its documentation and the function that checks it."""

    meta: RuleMeta
    check: CheckFunction

    @property
    def id(self) -> str:
        return self.meta.id


LangText = str | Mapping[str, str]
"""A text as a rule is written: English alone, or ``{"en": "...", "zh-CN": "..."}``."""


def rule(
    *,
    id: str,
    title: LangText,
    severity: str,
    rationale: LangText,
    fails: str,
    passes: str,
    fix: LangText,
    stage: str | None = None,
    protection: str | None = None,
    clauses: tuple[str, ...] = (),
    help_url: str | None = None,
    options: Mapping[str, str] | None = None,
    editions: tuple[str, ...] = ("2023", "2013"),
    category: str = "audit",
    systemic: Systemic | None = None,
    messages: Mapping[str, LangText] | None = None,
    reads: tuple[str, ...] | None = None,
    per_item: str | None = None,
    summary: Summary | None = None,
) -> Callable[[CheckFunction], Rule]:
    """Decorator that turns a check function into a :class:`Rule`.

    ``clauses`` are topics of the clause map (``"internal-audit"``), cited as the clause of
    the edition a check audits against, or full citations written out. ``editions`` limits
    the rule to the editions that require it (``editions=("2013",)``). ``category="data"``
    marks a problem of the declaration itself (no clause). ``systemic`` merges repeated
    lapses into one systemic finding (:class:`Systemic`).
    ``reads`` names the kinds the check reads (``reads=("Patent", "Person")``) and
    ``per_item`` the kind it judges item by item, if any (see :attr:`RuleMeta.reads` and
    :attr:`RuleMeta.per_item`): a check kept alive between edits then re-runs the rule only
    when those items change. A rule that declares nothing runs on every check.
    ``summary`` is what the rule aggregates over the items of one kind it reads
    (:class:`~ipcheck.rules.summary.Summary`, read with ``ctx.summary(...)``; see
    :attr:`RuleMeta.summary`).
    ``help_url`` is the rule's own documentation page, if it has one. ``options`` names
    each option the rule reads from ``ctx.options`` with what it means
    (``{"also_owned_by": "companies entitled to hold the patents"}``); ``rule_options``
    are then checked against them when the configuration is read.
    ``title``, ``rationale``, ``fix`` and each of ``messages`` are written in both languages
    side by side (English alone stays valid); the check yields values, and the engine fills
    the templates in the language of the run. A translation that names other placeholders
    than the English text is reported when the plugin loads, and the rule is skipped.

    >>> @rule(id="ACME001", severity="minor", stage="operation",
    ...       title={"en": "Every form is used", "zh-CN": "每张表单均有记录"},
    ...       messages={"default": {"en": "Form {form} has no record",
    ...                             "zh-CN": "表单{form}没有任何记录"}},
    ...       fix={"en": "Record on form {form}.", "zh-CN": "在表单{form}上作记录。"},
    ...       rationale="...", fails="...", passes="...")
    ... def check(ctx):
    ...     yield Violation(subject="F-1", values={"form": "F-1"})
    """

    _check_reads(id, reads, per_item, summary)
    if isinstance(clauses, str) or not all(isinstance(c, str) for c in clauses):
        raise TypeError(f"rule {id}: clauses is {clauses!r}; write a tuple of topics or citations, "
                        f"e.g. clauses=({clauses!r},)" if isinstance(clauses, str) else
                        f"rule {id}: clauses is {clauses!r}; write a tuple of topics or citations (text)")

    def wrap(func: CheckFunction) -> Rule:
        code = getattr(func, "__code__", None)
        source = f"{code.co_filename}:{code.co_firstlineno}" if code else ""
        meta = RuleMeta(
            id=id, title=_text(id, "title", title), severity=severity, stage=stage, protection=protection,
            clauses=tuple(clauses), rationale=_text(id, "rationale", rationale), fails=fails, passes=passes,
            fix=_text(id, "fix", fix), source=source, help_url=help_url,
            options=None if options is None else tuple(
                (name, _text(id, f"options.{name}", meaning)) for name, meaning in dict(options).items()),
            editions=tuple(editions), category=category, systemic=systemic,
            messages={name: _text(id, f"messages[{name!r}]", m) for name, m in (messages or {}).items()},
            reads=None if reads is None else tuple(reads), per_item=per_item, summary=summary,
        )
        return Rule(meta, func)

    return wrap


def _check_reads(rule_id: str, reads: tuple[str, ...] | None, per_item: str | None,
                 summary: Summary | None = None) -> None:
    """``reads`` names kinds of items, and ``per_item`` and the kind of ``summary`` one of them;
    raise TypeError otherwise."""
    from ipcheck.i18n import did_you_mean
    from ipcheck.model.kinds import KINDS

    if summary is not None and not isinstance(summary, Summary):
        raise TypeError(f"rule {rule_id}: summary is {summary!r:.60}; write a Summary(kind, keys)")
    if reads is None:
        for name, value in (("per_item", per_item), ("summary", summary)):
            if value is not None:
                raise TypeError(f"rule {rule_id}: {name}={value!r:.60} needs reads naming the kinds the rule reads")
        return
    if isinstance(reads, str) or not all(isinstance(k, str) for k in reads):
        raise TypeError(f"rule {rule_id}: reads is {reads!r}; write a tuple of kinds, e.g. reads=(\"Patent\",)")
    for kind in reads:
        if kind not in KINDS:
            hint = did_you_mean(kind, KINDS) or "`ipcheck schema` lists the kinds"
            raise TypeError(f"rule {rule_id}: reads names {kind!r}, which is no kind ({hint})")
    if per_item is not None and per_item not in reads:
        raise TypeError(f"rule {rule_id}: per_item={per_item!r} is not among the kinds it reads {tuple(reads)!r}")
    if summary is not None and summary.kind not in reads:
        raise TypeError(f"rule {rule_id}: its summary is of {summary.kind!r}, which is not among the kinds it reads "
                        f"{tuple(reads)!r}")


def _text(rule_id: str, name: str, value: Any) -> Any:
    """One of a rule's texts as a :class:`~ipcheck.i18n.Text`. A value that is no text is
    kept as it is: loading the plugin reports it and skips the rule (see ``ipcheck.plugins``)."""
    from ipcheck.i18n import text

    if not isinstance(value, (str, Mapping)):
        return value
    try:
        return text(value)
    except (ValueError, AttributeError, TypeError):
        return value
