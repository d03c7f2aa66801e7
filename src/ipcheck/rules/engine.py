"""Running rules: selection, isolation, time limits, and turning violations into findings.

Each rule runs on its own: an exception, a return value that is not violations, or a run
past the time limit becomes an internal-error problem naming the plugin and the rule, and
every other rule still runs.
"""

from __future__ import annotations

import contextlib
import fnmatch
import signal
import threading
from collections import ChainMap
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from ipcheck.config import Config
from ipcheck.findings import Finding, Location, Problem, fingerprint
from ipcheck.plugins import internal_problem
from ipcheck.rules.api import CheckContext, Rule, RuleMeta, Violation


class RuleTimeout(BaseException):
    """A rule ran past the configured time limit (a BaseException, so that a rule's own
    ``except Exception`` cannot swallow it)."""


def matches(rule_id: str, prefixes: list[str]) -> bool:
    return any(rule_id.startswith(p) for p in prefixes)


def select(rules: list[Rule], config: Config) -> list[Rule]:
    """The rules ``--select``/``--ignore`` (and the configuration) leave to run."""
    chosen = [r for r in rules if not config.select or matches(r.id, config.select)]
    return [r for r in chosen if not matches(r.id, config.ignore)]


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block after ``seconds`` (on the main thread; elsewhere no limit)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise RuleTimeout(f"ran longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _severity(meta: RuleMeta, config: Config) -> str:
    best = ""
    for prefix in config.severity:
        if meta.id.startswith(prefix) and len(prefix) > len(best):
            best = prefix
    return config.severity[best] if best else meta.severity


def _fill(template: str, values: ChainMap[str, Any]) -> str:
    """The corrective-action template filled in; a name the violation lacks is a rule defect."""
    try:
        return template.format_map(values)
    except KeyError as exc:
        raise KeyError(f"the fix template names {{{exc.args[0]}}} but the violation gives no such value") from None


def _finding(meta: RuleMeta, v: Violation, ctx: CheckContext, severity: str) -> Finding:
    decl = ctx.declaration
    location = decl.locate(v.subject, v.path) if v.subject is not None or decl.files else Location(".", 1, 1)
    values = ChainMap(v.values, {"subject": v.subject or ""})  # lazy: templates read few names
    return Finding(
        rule=meta.id,
        severity=severity,
        title=meta.title,
        message=v.message,
        stage=meta.stage,
        protection=meta.protection,
        clauses=meta.clauses,
        subject=v.subject,
        location=location,
        corrective_action=_fill(meta.fix, values),
        fingerprint=fingerprint(meta.id, v.subject, v.path, location.file, v.key),
    )


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
    )
    for name, ok, expected in checks:
        if not ok:
            value = getattr(v, name)
            raise TypeError(f"yielded a Violation whose {name} is {type(value).__name__} {value!r:.60}, "
                            f"not {expected}")


def run_rules(rules: list[Rule], ctx: CheckContext, config: Config,
              progress: Callable[[str, int, int], None] | None = None) -> tuple[list[Finding], list[Problem]]:
    """Run every rule in isolation; return the findings and the internal problems.
    ``progress`` is told how many rules have run."""
    findings: list[Finding] = []
    problems: list[Problem] = []
    for number, rule in enumerate(rules):
        if progress is not None:
            progress("running rules", number, len(rules))
        meta = rule.meta
        rule_ctx = CheckContext(ctx.declaration, ctx.as_of, config.rule_options.get(meta.id, {}))
        severity = _severity(meta, config)
        try:
            with _time_limit(config.rule_timeout):
                produced = rule.check(rule_ctx)
                if produced is None:
                    produced = ()
                elif not isinstance(produced, Iterable) or isinstance(produced, (str, bytes, Violation)):
                    raise TypeError(f"returned {type(produced).__name__} {produced!r:.60}, not an iterable of "
                                    "Violation")
                violations = list(produced)
            # Locating findings is ipcheck's work, not the rule's: it runs outside the time limit.
            made = []
            for v in violations:
                if not isinstance(v, Violation):
                    raise TypeError(f"yielded {type(v).__name__} {v!r:.60}, not a Violation")
                _check_violation(v)
                made.append(_finding(meta, v, rule_ctx, severity))
        except (Exception, RuleTimeout, SystemExit) as exc:  # noqa: BLE001 - a rule's failure (sys.exit too) is reported, never raised
            problems.append(internal_problem(meta.plugin, meta.id, "the rule failed", exc, rule.check, meta.source))
            continue
        findings += [f for f in made if not _ignored_for_file(meta.id, f.location.file, config)]
    return findings, problems
