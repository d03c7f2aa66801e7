"""Running rules: selection, isolation, time limits, and turning violations into findings.

Each rule runs on its own: an exception, a return value that is not violations, or a run
past the time limit becomes an internal-error problem naming the plugin and the rule, and
every other rule still runs.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import functools
import re
from collections import ChainMap
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any, TypeVar

from ipcheck.config import Config
from ipcheck.findings import Finding, Location, Problem, fingerprint
from ipcheck.plugins import internal_problem, plugin_code, rule_location
from ipcheck.rules.api import BUILTIN_PLUGIN, CheckContext, Rule, RuleMeta, Violation
from ipcheck.rules.guard import DeclarationGuard
from ipcheck.rules.incremental import Delta, Made, RuleMemo, merged, on_items
from ipcheck.rules.summary import Filed
from ipcheck.rules.systemic import merge_systemic
from ipcheck.timelimit import time_limit

T = TypeVar("T")


def matches(rule_id: str, prefixes: list[str]) -> bool:
    return any(rule_id.startswith(p) for p in prefixes)


def select(rules: list[Rule], config: Config) -> list[Rule]:
    """The rules ``--select``/``--ignore`` (and the configuration) leave to run."""
    chosen = [r for r in rules if not config.select or matches(r.id, config.select)]
    return [r for r in chosen if not matches(r.id, config.ignore)]


def matching_no_rule(prefixes: list[str], rule_ids: list[str]) -> list[str]:
    """The ids or prefixes of a ``select``/``ignore`` that match none of ``rule_ids``."""
    return [p for p in prefixes if not any(i.startswith(p) for i in rule_ids)]


def no_rule_message(missing: list[str], rule_ids: list[str]) -> str:
    """What to say of a ``select`` naming no rule (a typo there would run nothing and pass)."""
    from ipcheck.load.build import did_you_mean

    hint = did_you_mean(missing[0], rule_ids)
    shown = ", ".join(map(repr, missing[:SHOWN_AT_MOST])) + (
        f" and {len(missing) - SHOWN_AT_MOST} more" if len(missing) > SHOWN_AT_MOST else "")
    return (f"{shown} {'matches' if len(missing) == 1 else 'match'} no rule"
            f"{f' ({hint})' if hint else ''}; see `ipcheck rules`")


SHOWN_AT_MOST = 5
"""Selectors a message names at the most (a generated list may hold thousands)."""


def _severity(meta: RuleMeta, config: Config) -> str:
    best = ""
    for prefix in config.severity:
        if meta.id.startswith(prefix) and len(prefix) > len(best):
            best = prefix
    return config.severity[best] if best else meta.severity


def _fill(meta: RuleMeta, name: str, template: str, values: Mapping[str, Any], lang: str) -> str:
    """One of the rule's templates filled in ``lang``; a name the violation lacks is a rule defect."""
    from ipcheck.i18n import fill

    try:
        return fill(template, values, lang)
    except KeyError as exc:
        raise KeyError(f"the {name} template names {{{exc.args[0]}}} but the violation gives no such value") from None


def _texts(meta: RuleMeta, v: Violation, lang: str) -> tuple[str, str]:
    """The finding's message and corrective action for one violation, in ``lang``: the rule's
    templates filled with the violation's values (or the finished English sentence a rule
    written before templates gives). A message the rule has only in English is followed by
    the note saying so (the glossary's ``english-only``: nothing in English)."""
    from ipcheck.i18n import translated, word

    values = ChainMap({"subject": v.subject or ""}, v.values)  # only the values the templates name are read
    if v.message:
        template, message = v.message, v.message
    elif v.template in meta.messages:
        template = meta.messages[v.template]
        message = _fill(meta, "message", template, values, lang)
    else:
        raise KeyError(f"yielded a Violation for message template {v.template!r}, which the rule does not have "
                       f"(it has {', '.join(map(repr, meta.messages)) or 'none'})")
    if not translated(template, lang):
        message += word("english-only", lang)
    return message, _fill(meta, "fix", meta.fix, values, lang)


def _finding(meta: RuleMeta, v: Violation, texts: tuple[str, str], ctx: CheckContext, severity: str,
             lang: str, clauses: tuple[str, ...]) -> Finding:
    from ipcheck.i18n import pick

    decl = ctx.declaration
    location = decl.locate(v.subject, v.path) if v.subject is not None or decl.files else Location(".", 1, 1)
    message, action = texts
    if v.topics:
        clauses = _topic_citations(meta, v.topics, ctx.edition)
    return Finding(
        rule=meta.id,
        severity=severity,
        title=pick(meta.title, lang),
        message=message,
        stage=v.stage or meta.stage,
        protection=v.protection or meta.protection,
        clauses=clauses,
        subject=v.subject,
        location=location,
        corrective_action=action,
        fingerprint=fingerprint(meta.id, v.subject, v.path, location.file, v.key),
        category=meta.category,
        field=".".join(map(str, v.path)),
    )


def _topic_citations(meta: RuleMeta, topics: tuple[str, ...], edition: str) -> tuple[str, ...]:
    """The citations of ``edition`` for the topics one violation names; each must be one of the
    rule's clauses (so that the clause coverage, built from the rules' clauses, stays true)."""
    from ipcheck.rules.clauses import cite

    foreign = [t for t in topics if t not in meta.clauses]
    if foreign:
        raise ValueError(f"yielded a Violation citing {', '.join(map(repr, foreign))}, which the rule's clauses "
                         f"{meta.clauses!r} do not name")
    return cite(topics, edition)


def protection_scope(ctx: CheckContext) -> tuple[str, ...]:
    """The protection types the enterprise declares its system covers (all four when it
    declares none, or no enterprise)."""
    from ipcheck.vocabulary import PROTECTIONS

    enterprise = ctx.declaration.enterprise
    return tuple(enterprise.protection_scope) if enterprise is not None else PROTECTIONS


def applies(rule: Rule, edition: str, scope: tuple[str, ...]) -> bool:
    """Whether ``rule`` runs in a check: it applies to the edition audited against, and its
    protection type (if it has one) is in the enterprise's scope."""
    meta = rule.meta
    return meta.applies_to(edition) and (meta.protection is None or meta.protection in scope)


def _ignored_for_file(rule_id: str, file: str, config: Config) -> bool:
    return any(fnmatch.fnmatchcase(file, pattern) and matches(rule_id, prefixes)
               for pattern, prefixes in config.per_file_ignores.items())


def _check_violation(v: Violation) -> None:
    """A violation's fields have the types the reports need (a rule may build one from anything)."""
    checks = (
        ("message", isinstance(v.message, str), "text"),
        ("subject", v.subject is None or isinstance(v.subject, str), "an item id (text) or None"),
        ("path", isinstance(v.path, tuple) and all(isinstance(p, (str, int)) for p in v.path),
         "a tuple of field names and indexes"),
        ("values", isinstance(v.values, Mapping), "a mapping"),
        ("key", isinstance(v.key, str), "text"),
        ("template", isinstance(v.template, str), "the name of one of the rule's messages"),
    )
    for name, ok, expected in checks:
        if not ok:
            value = getattr(v, name)
            raise TypeError(f"yielded a Violation whose {name} is {type(value).__name__} {value!r:.60}, "
                            f"not {expected}")


def run_rules(rules: list[Rule], ctx: CheckContext, config: Config,
              progress: Callable[[str, int, int], None] | None = None,
              on_stuck: Callable[[Rule, int], None] | None = None,
              lang: str = "en", memo: RuleMemo | None = None,
              delta: Delta | None = None) -> tuple[list[Finding], list[Problem]]:
    """Run every rule in isolation; return the findings (their texts in ``lang``) and the
    internal problems.

    ``progress`` is told how many rules have run; ``on_stuck`` is told when a rule goes on
    after its time limit was signalled to it (see :func:`ipcheck.timelimit.time_limit`). What rules print goes
    to stderr (see :func:`~ipcheck.plugins.plugin_code`). With a ``memo`` of the previous
    check and the ``delta`` since, a rule whose inputs did not change is not run again (see
    :mod:`ipcheck.rules.incremental`)."""
    findings: list[Finding] = []
    problems: list[Problem] = []
    scope = protection_scope(ctx)
    guard = DeclarationGuard(ctx.declaration)
    if memo is not None:
        memo.retain({rule.id for rule in rules})
    with plugin_code():
        for number, rule in enumerate(rules):
            if progress is not None:
                progress("running rules", number, len(rules))
            meta = rule.meta
            rule_ctx = CheckContext(ctx.declaration, ctx.as_of, config.rule_options.get(meta.id, {}), ctx.edition,
                                    ctx.checked_on)
            severity = _severity(meta, config)
            try:
                summary = _summary(rule, memo, delta, config, on_stuck, guard)
                if isinstance(summary, Problem):
                    problems.append(summary)
                    memo.forget(meta)  # type: ignore[union-attr]
                    continue
                if summary is not None:
                    rule_ctx = dataclasses.replace(rule_ctx, summaries={meta.summary: summary[0]})
                kept, ids = memo.plan(meta, delta, summary) if memo is not None and delta is not None else (None, None)
                if kept is not None and ids is None:  # nothing it reads changed
                    pairs: list[tuple[Made, Finding | None]] = list(zip(kept.violations, kept.findings))
                else:
                    ran = _run_watched(rule, on_items(rule_ctx, meta.per_item, ids, delta.positions(meta.per_item))  # type: ignore[arg-type, union-attr]
                                       if kept is not None and ids is not None else rule_ctx, config, on_stuck, guard, lang)
                    if isinstance(ran, Problem):
                        problems.append(ran)
                        if memo is not None:
                            memo.forget(meta)
                        continue
                    if kept is not None and ids is not None and all(v.subject in ids for v, _ in ran):
                        pairs = merged(kept, ran, ids, delta.positions(meta.per_item))  # type: ignore[union-attr, arg-type]
                    elif kept is not None and ids is not None:  # not item by item after all: run it in full
                        ran = _run_watched(rule, rule_ctx, config, on_stuck, guard, lang)
                        if isinstance(ran, Problem):
                            problems.append(ran)
                            memo.forget(meta)  # type: ignore[union-attr]
                            continue
                        pairs = [(made, None) for made in ran]
                    else:
                        pairs = [(made, None) for made in ran]
                # Locating findings is ipcheck's work, not the rule's: it runs outside the time limit.
                clauses = meta.citations(ctx.edition)
                made = [found if kept_finding is not None and delta is not None
                        and (found := delta.kept(kept_finding)) is not None
                        else _finding(meta, v, texts, rule_ctx, severity, lang, clauses)
                        for (v, texts), kept_finding in pairs]
                if memo is not None and (kept is None or ids is not None
                                         or any(a is not b for a, b in zip(made, kept.findings))):
                    memo.keep(meta, [pair[0] for pair in pairs], made, delta)  # type: ignore[arg-type]
                made = [f for f in made if f.protection is None or f.protection in scope]
                if meta.systemic is not None:
                    made = merge_systemic(meta, made, rule_ctx, lang)
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # noqa: BLE001 - a rule's failure of any kind (sys.exit too) is reported
                problem = internal_problem(meta.plugin, meta.id, "the rule failed", exc, rule.check, meta.source)
                if isinstance(exc, (TypeError, AttributeError)) and ON_A_TUPLE.search(str(exc)):
                    problem = dataclasses.replace(problem, hint=TUPLE_HINT)
                problems.append(problem)
                if memo is not None:
                    memo.forget(meta)
                continue
            findings += [f for f in made if not _ignored_for_file(meta.id, f.location.file, config)]
    return findings, problems


def _summary(rule: Rule, memo: RuleMemo | None, delta: Delta | None, config: Config,
             on_stuck: Callable[[Rule, int], None] | None, guard: DeclarationGuard
             ) -> tuple[Filed, set[Hashable] | None] | Problem | None:
    """The summary a rule declares, kept up to date in ``memo`` (see
    :meth:`~ipcheck.rules.incremental.RuleMemo.summarised`), with the keys an edit touched;
    None without a memo (the rule builds it, see :meth:`~ipcheck.rules.api.CheckContext.summary`)
    or a summary. Its keys are the rule's own code, run as its check is."""
    if memo is None or delta is None or rule.meta.summary is None:
        return None
    return _watched_call(rule, config, on_stuck, guard, functools.partial(memo.summarised, rule.meta, delta))


def _run_watched(rule: Rule, ctx: CheckContext, config: Config, on_stuck: Callable[[Rule, int], None] | None,
                 guard: DeclarationGuard, lang: str) -> list[Made] | Problem:
    """One rule's violations, run within its time limit (a plugin's rule watched for changing
    the declaration: the internal error that it did, when it did)."""
    return _watched_call(rule, config, on_stuck, guard, functools.partial(_violations, rule, ctx, lang))


def _watched_call(rule: Rule, config: Config, on_stuck: Callable[[Rule, int], None] | None,
                  guard: DeclarationGuard, work: Callable[[], T]) -> T | Problem:
    """``work`` (a rule's own code: its check, or the keys of its summary) within the rule's
    time limit, a plugin's rule watched for changing the declaration."""
    stuck = None if on_stuck is None else functools.partial(on_stuck, rule)
    watched = _watched(rule)
    if watched:
        guard.watch()
    try:
        with time_limit(config.rule_timeout, stuck):
            done = work()
    finally:
        changed = guard.restore() if watched else []
    if changed:
        return _changed_declaration(rule, changed)
    return done


def _watched(rule: Rule) -> bool:
    """Whether a rule is a plugin's own Python code, watched for changing the declaration
    (see :mod:`ipcheck.rules.guard`); built-in rules and rule packs are ipcheck's code."""
    return rule.meta.plugin != BUILTIN_PLUGIN and getattr(rule.check, "__module__", "") != "ipcheck.rules.declarative"


TUPLE_HINT = ("report this to the plugin's authors; the other rules ran. The lists of the declaration are tuples, "
              "which no rule can change: build a new value (list(patent.inventors) + [...], sorted(...)) instead of "
              "changing the one given")
ON_A_TUPLE = re.compile(r"'tuple' object|concatenate tuple")
"""What Python says of a list operation (``append``, ``+ [...]``, ``x[0] = ...``) done on a tuple;
TUPLE_HINT is the hint for a rule written when they were lists (``.append``, ``+ [...]``) that now fails on a tuple."""

CHANGED_SHOWN = 3
"""Items a message about a rule that changed the declaration names at the most."""


def _changed_declaration(rule: Rule, changed: list[str]) -> Problem:
    """The internal error of a rule that changed the declaration (it was put back)."""
    meta = rule.meta
    shown = ", ".join(changed[:CHANGED_SHOWN]) + (f" and {len(changed) - CHANGED_SHOWN} more"
                                                  if len(changed) > CHANGED_SHOWN else "")
    return Problem("internal", f"internal error in rule {meta.id} of plugin {meta.plugin!r}: the rule changed the "
                   f"declaration ({shown}), which rules only read; the change was undone for the other rules, and "
                   "this rule's findings are not reported", rule_location(rule),
                   hint="report this to the plugin's authors: a rule builds new values (sorted(), tuple + (x,)) "
                   "instead of changing the items it is given", plugin=meta.plugin, rule=meta.id)


def _violations(rule: Rule, ctx: CheckContext, lang: str) -> list[tuple[Violation, tuple[str, str]]]:
    """What one rule reports, checked, each with its message and corrective action (the
    templates are the rule's own texts: they are filled within the rule's time limit)."""
    produced = rule.check(ctx)
    if produced is None:
        return []
    if not isinstance(produced, Iterable) or isinstance(produced, (str, bytes, Violation)):
        raise TypeError(f"returned {type(produced).__name__} {produced!r:.60}, not an iterable of Violation")
    checked = []
    for v in produced:
        if not isinstance(v, Violation):
            raise TypeError(f"yielded {type(v).__name__} {v!r:.60}, not a Violation")
        _check_violation(v)
        checked.append((v, _texts(rule.meta, v, lang)))
    return checked
