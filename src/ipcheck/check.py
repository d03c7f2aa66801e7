"""The whole pipeline of one check, as a library call: load -> model -> rules -> findings -> report.

``ipcheck check`` is a thin layer over :func:`run_check`; plugin tests call it too
(see :mod:`ipcheck.testing`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import fnmatch
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ipcheck import __version__
from ipcheck.actions import PLAN_READS, action_plan
from ipcheck.config import Config, Waiver
from ipcheck.findings import Finding, Location, Problem, fingerprint, problems_exit_code
from ipcheck.i18n import fill, pick, text
from ipcheck.load import LoadFailed, gc_paused, load
from ipcheck.load.extensions import ExtensionField, check_extensions
from ipcheck.model.declaration import Declaration
from ipcheck.plugins import Plugins, internal_problem, load_plugins, plugin_code
from ipcheck.report.model import BASELINED, Report, Suppressed
from ipcheck.rules.options import option_problems
from ipcheck.rules.same_defect import merge_same_defects
from ipcheck.timelimit import time_limit
from ipcheck.rules.api import CheckContext, Rule, RuleMeta
from ipcheck.rules.incremental import RuleMemo
from ipcheck.vocabulary import PROTECTIONS
from ipcheck.rules.engine import (
    matches,
    applies,
    matching_no_rule,
    no_rule_message,
    protection_scope,
    run_rules,
    select,
)

if TYPE_CHECKING:
    from ipcheck.warm import WarmStart

WAIVER_RULE = RuleMeta(
    id="IPW001",
    title=text({"en": "A waiver has expired", "zh-CN": "豁免已过期"}),
    severity="minor",
    stage=None,
    protection=None,
    clauses=("corrective-action",),
    rationale=text({
        "en": "A waiver accepts a finding for a time, with a justification and an approver. "
              "Once it expires the finding it covered counts again, and the waiver itself needs a decision.",
        "zh-CN": "豁免在一定期限内接受某一发现项，须有理由和批准人。豁免过期后，它所覆盖的发现项重新计入，"
                 "豁免本身也需要重新决定。",
    }),
    fails="waivers:\n  - {rule: IPP004, subject: PAT-0042, justification: Sold, approved_by: CEO, expires: 2025-01-31}",
    passes="waivers:\n  - {rule: IPP004, subject: PAT-0042, justification: Sold, approved_by: CEO, expires: 2027-01-31}",
    fix=text({
        "en": "Renew the waiver of {rule} for {subject} with a new justification and approval, or correct the "
              "finding and remove the waiver.",
        "zh-CN": "以新的理由和批准续期{subject}的{rule}豁免，或纠正该发现项并删除豁免。",
    }),
    messages={"default": text({
        "en": "The waiver of {rule} for {subject} approved by {approver} expired on {expires}",
        "zh-CN": "{approver}批准的{subject}的{rule}豁免已于{expires}过期",
    })},
    source="ipcheck/check.py",
)
"""The expired-waiver rule: reported by :func:`apply_waivers`, not by the rule engine."""
WAIVER_ALL = text({"en": "(all)", "zh-CN": "（全部）"})
"""The subject of a waiver that names neither an item nor a path."""


@dataclass
class CheckOptions:
    """What a run is asked to do (command-line options over the configuration)."""

    paths: list[Path]
    as_of: dt.date
    config: Config = field(default_factory=Config)
    plugins: list[str] = field(default_factory=list)
    baseline: Path | None = None
    entry_point_plugins: bool = True
    jobs: int = 1
    cache_dir: Path | None = None
    repository: Path | None = None
    """The repository root code-scanning paths are relative to (default: ``root:`` of the
    configuration, else the git top level above the checked folder)."""
    progress: Callable[[str, int, int], None] | None = None
    """Told what the run is doing, for a progress line (see :mod:`ipcheck.progress`)."""
    on_stuck: Callable[[Rule, int], None] | None = None
    """Told when a rule goes on after its time limit (see :func:`ipcheck.rules.engine.run_rules`)."""
    audit_date: dt.date | None = None
    """The day of the certification audit (``--audit-date``): time-based rules judge at it."""
    sources: Mapping[str, bytes] | None = None
    """Texts of files as an editor holds them, by path relative to the root (see :func:`ipcheck.load.load`)."""
    memo: dict[str, Any] | None = None
    """Each file's loaded items kept between runs of a long-running front end (see :mod:`ipcheck.live`)."""
    rule_memo: RuleMemo | None = None
    """What each rule reported at the previous run of a long-running front end, with ``memo``:
    rules whose inputs did not change are not run again (see :mod:`ipcheck.rules.incremental`)."""


def _covers_rule(waiver: Waiver, finding: Finding, rule: str) -> bool:
    if not rule.startswith(waiver.rule):
        return False
    if waiver.subject is not None and waiver.subject != finding.subject:
        return False
    return waiver.path is None or fnmatch.fnmatchcase(finding.location.file, waiver.path)


def _waiver_of(finding: Finding, active: list[Waiver]) -> Waiver | None:
    """The first waiver in force covering ``finding``; a merged finding is covered only when
    waivers cover every rule that found it."""
    first = next((w for w in active if _covers_rule(w, finding, finding.rule)), None)
    if first is None or not all(any(_covers_rule(w, finding, rule) for w in active) for rule in finding.rules[1:]):
        return None
    return first


def waivers_covering(findings: list[Finding], config: Config, as_of: dt.date) -> list[tuple[Finding, Waiver]]:
    """Each finding a waiver in force covers, with the first such waiver (in the file's order)."""
    active = [w for w in config.waivers if w.expires >= as_of]
    covered = []
    for finding in findings:
        waiver = _waiver_of(finding, active)
        if waiver is not None:
            covered.append((finding, waiver))
    return covered


def expiry_reported(config: Config) -> bool:
    """Whether expired waivers are reported: rule IPW001 is selected as any rule is."""
    return (not config.select or matches(WAIVER_RULE.id, config.select)) and not matches(WAIVER_RULE.id, config.ignore)


def apply_waivers(findings: list[Finding], config: Config, as_of: dt.date, config_file: str,
                  lang: str = "en") -> tuple[list[Finding], int]:
    """Drop findings covered by a waiver in force (through its expiry day); report each expired
    waiver as a finding of IPW001 when that rule is selected, its texts in ``lang``."""
    active = [w for w in config.waivers if w.expires >= as_of]
    kept = [f for f in findings if _waiver_of(f, active) is None]
    waived = len(findings) - len(kept)
    for index, waiver in enumerate(config.waivers):
        if waiver.expires < as_of and expiry_reported(config):
            values = {"rule": waiver.rule, "subject": waiver.subject or waiver.path or WAIVER_ALL,
                      "approver": waiver.approved_by, "expires": waiver.expires}
            kept.append(Finding(
                rule=WAIVER_RULE.id, severity=WAIVER_RULE.severity, title=pick(WAIVER_RULE.title, lang),
                message=fill(WAIVER_RULE.messages["default"], values, lang),
                stage=None, protection=None, clauses=WAIVER_RULE.citations(config.edition), subject=waiver.subject,
                location=Location(config_file, waiver.line, 1),
                corrective_action=fill(WAIVER_RULE.fix, values, lang),
                fingerprint=fingerprint(WAIVER_RULE.id, waiver.subject, (waiver.rule, index), config_file),
            ))
    return kept, waived


def rule_ids(plugins: Plugins) -> list[str]:
    """Every rule id a run can report: the plugins' rules, and the expired-waiver rule."""
    return [r.id for r in plugins.rules()] + [WAIVER_RULE.id]


def _configure(plugins: Plugins, config: Config) -> list[Problem]:
    """Let each plugin adjust the configuration. A hook that fails, or leaves the
    configuration invalid, is its plugin's internal error, and what it changed is undone."""
    problems = []
    for impl in plugins.manager.hook.ipcheck_configure.get_hookimpls():
        before = config.model_copy(deep=True)
        try:
            with plugin_code(), time_limit(plugins.timeout,
                                           plugins.stuck(impl.plugin_name, "hook ipcheck_configure", impl.function)):
                impl.function(config=config)
            _still_valid(config)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # noqa: BLE001 - a plugin's failure of any kind is reported
            problems.append(internal_problem(impl.plugin_name, None, "hook ipcheck_configure failed", exc,
                                             impl.function))
            for name in Config.model_fields:
                setattr(config, name, getattr(before, name))
    return problems


def _still_valid(config: Config) -> None:
    """Raise ValueError, in one line, when a hook left a value the configuration file could not hold."""
    from ipcheck.config import ConfigError, validate_config

    try:
        validate_config({name: getattr(config, name) for name in Config.model_fields})
    except ConfigError as exc:
        raise ValueError("it left the configuration invalid: "
                         + exc.problems[0].message.removeprefix("configuration: ")) from None


def _selection_problems(plugins: Plugins, config: Config) -> list[Problem]:
    """A selection that runs no rule would pass whatever the declaration holds: a
    configuration error, whether ``select`` names no rule or ``ignore`` takes them all."""
    message = selection_error(plugins, config)
    if not message:
        return []
    return [Problem("config", message, Location(config.source or ".", 1, 1),
                    hint="name rule ids or prefixes that `ipcheck rules` lists")]


def selection_error(plugins: Plugins, config: Config) -> str:
    """What is wrong with ``select``/``ignore`` (empty when nothing is): a ``select`` naming no
    rule, or a selection that leaves no rule to run."""
    ids = rule_ids(plugins)
    missing = matching_no_rule(config.select, ids)
    if missing:
        return f"select: {no_rule_message(missing, ids)}"
    if not [i for i in ids if (not config.select or matches(i, config.select)) and not matches(i, config.ignore)]:
        return (f"select {config.select or 'everything'} and ignore {config.ignore} leave no rule to run; "
                "see `ipcheck rules`")
    return ""


def _config_file_shown(config: Config, root: str) -> str:
    """The configuration file as reports name files: relative to the checked folder
    (``../ci/x.yaml`` when it lies outside)."""
    import os

    if not config.source:
        return "ipcheck.yaml"
    return Path(os.path.relpath(Path(config.source).resolve(), Path(root).resolve())).as_posix()


def _configuration_files(paths: list[Path], config: Config) -> tuple[str, ...]:
    """Exclude patterns for the configuration files inside the checked folder: its
    ``ipcheck.yaml`` (whichever configuration is used) and the file the configuration was
    read from. They are not declaration files; a file elsewhere of the same name is."""
    import glob

    from ipcheck.config import CONFIG_FILE
    from ipcheck.load.discover import root_of

    files = [CONFIG_FILE]
    if config.source:
        shown = _config_file_shown(config, str(root_of(paths)))
        if not shown.startswith(".."):
            files.append(shown)
    return tuple(glob.escape(f) for f in files)


def run_lang(config: Config) -> str:
    """The language of a run: the configuration's (``--lang`` sets it), else the locale's."""
    from ipcheck.i18n import lang_from_environment

    return config.lang or lang_from_environment()


def _repository(options: CheckOptions, root: str) -> Path:
    """The repository root of the run, absolute (see :attr:`CheckOptions.repository`)."""
    from ipcheck.repository import repository_root

    chosen = options.repository or (Path(options.config.root) if options.config.root else None)
    return chosen.resolve() if chosen is not None else repository_root(Path(root))
def _enterprise_name(declaration: Declaration | None) -> str:
    """The declared enterprise's name, for the audit pack's cover (empty when none is declared)."""
    found = declaration.enterprise if declaration is not None else None
    return found.name if found is not None else ""


def _evidence(findings: list[Finding], declaration: Declaration | None) -> dict[str, tuple[str, ...]]:
    """The evidence the item of each finding names (paths and document numbers), by fingerprint."""
    from ipcheck.rules.builtin.evidence import evidence_of

    by_fingerprint: dict[str, tuple[str, ...]] = {}
    for finding in findings if declaration is not None else ():
        item = declaration.by_id.get(finding.subject) if finding.subject else None
        if item is not None and (found := evidence_of(item)):
            by_fingerprint[finding.fingerprint] = found
    return by_fingerprint


def _check_extensions(plugins: Plugins, declaration: Declaration,
                      fields: dict[str, ExtensionField]) -> list[Problem]:
    """The extension fields of the declaration validated against their plugins' schemas (plugin
    code, run under the plugins' time limit); see :mod:`ipcheck.load.extensions`."""
    if not declaration.extensions:
        return []
    with plugin_code(), time_limit(plugins.timeout):
        return check_extensions(declaration, fields)


def _memo_key(config: Config, ctx: CheckContext, lang: str, root: str) -> object:
    """Everything besides the items that rules' results depend on: kept results are
    reused only under the same key."""
    try:
        settings = config.model_dump_json()
    except ValueError:  # a value a plugin's configure hook left that JSON cannot hold: keep nothing
        return object()
    return (ctx.as_of, ctx.checked_on, ctx.edition, lang, root, settings)


def _warm_start(options: CheckOptions, exclude: tuple[str, ...], plugins: Plugins) -> WarmStart | None:
    """The state the last run with the cache kept (see :mod:`ipcheck.warm`), for a run with
    the cache that is not already a live front end's."""
    if options.cache_dir is None or options.memo is not None or options.rule_memo is not None or options.sources:
        return None
    from ipcheck.warm import warm_start

    return warm_start(options.paths, exclude, options.config.max_file_bytes, options.cache_dir, plugins)


def run_check(options: CheckOptions, plugins: Plugins | None = None) -> Report:
    """Run one check and return its report (never raises for bad input or failing plugins)."""
    config = options.config
    if plugins is None:
        plugins = load_plugins([*config.plugins, *options.plugins], entry_point_plugins=options.entry_point_plugins,
                               disabled=config.disable_plugins)
    problems: list[Problem] = list(plugins.problems) + _configure(plugins, config)
    problems += option_problems([*(r.meta for r in plugins.rules()), WAIVER_RULE], config)
    selected = select(plugins.rules(), config)
    rules = [r for r in selected if r.meta.applies_to(config.edition)]
    extension_fields = plugins.extension_fields()
    problems += [p for p in plugins.problems if p not in problems]
    problems += _selection_problems(plugins, config)

    exclude = tuple(config.exclude) + _configuration_files(options.paths, config)
    findings: list[Finding] = []
    root = "."
    checked = False
    actions: dict[str, dict[str, str]] = {}
    scope: tuple[str, ...] = PROTECTIONS
    declaration: Declaration | None = None
    judged_at = options.audit_date or options.as_of
    lang = run_lang(config)
    with gc_paused():  # many objects, no cycles: the collector would only slow the run
        if options.progress is not None:
            options.progress("loading the declaration", 0, 0)
        warm = _warm_start(options, exclude, plugins)
        if warm is not None:  # the last run's state: re-check only what changed since, as a live check does
            options = dataclasses.replace(options, memo=warm.memo, rule_memo=warm.rule_memo, sources=warm.sources)
        try:
            declaration = load(options.paths, exclude=exclude, max_file_bytes=config.max_file_bytes,
                               jobs=options.jobs, cache_dir=options.cache_dir, sources=options.sources,
                               memo=options.memo)
        except LoadFailed as failed:
            problems += failed.problems
        else:
            root = declaration.root
            extension_problems = _check_extensions(plugins, declaration, extension_fields)
            problems += extension_problems
            if problems_exit_code(extension_problems) == 2:  # the declaration's data is wrong: as a load error
                declaration = None
        if declaration is not None:
            root = declaration.root
            checked = True
            ctx = CheckContext(declaration, judged_at, edition=config.edition, checked_on=options.as_of)
            scope = protection_scope(ctx)
            rules = [r for r in rules if applies(r, config.edition, scope)]
            memo, delta = options.rule_memo, None
            if memo is not None and options.memo is not None:
                delta = memo.begin(_memo_key(config, ctx, lang, root), declaration,
                                   {rel: options.memo[rel] for rel in declaration.files if rel in options.memo})
            found, rule_problems = run_rules(rules, ctx, config, options.progress, options.on_stuck, lang=lang,
                                             memo=memo if delta is not None else None, delta=delta)
            findings, problems = merge_same_defects(found, lang), problems + rule_problems
            known = memo.known_actions(delta, PLAN_READS) if memo is not None and delta is not None else None
            actions = action_plan(findings, declaration, options.as_of, options.audit_date, known)
            if memo is not None and delta is not None:
                memo.actions = {f.fingerprint: (f, actions[f.fingerprint]) for f in findings if f.fingerprint in actions}
                if warm is not None:
                    from ipcheck.warm import keep

                    keep(warm, declaration)

        config_file = _config_file_shown(config, root)
        before_waivers = {fp for f in findings for fp in f.fingerprints}
        selected_ids = {r.id for r in selected}
        covered = waivers_covering(findings, config, options.as_of)
        findings, waived = apply_waivers(findings, config, options.as_of, config_file, lang)
        report = Report(
            version=__version__, as_of=options.as_of, root=str(Path(root).resolve()), findings=findings,
            errors=problems, rules=[r.meta for r in rules] + ([WAIVER_RULE] if config.waivers and expiry_reported(config) else []),
            fail_on=config.fail_on, waived=waived, checked=checked, actions=actions,
            deselected=len(plugins.rules()) - len(selected), edition=config.edition,
            audit_date=options.audit_date, protection_scope=scope or PROTECTIONS,
            enterprise=_enterprise_name(declaration), evidence=_evidence(findings, declaration),
            left_out=[r.meta for r in plugins.rules() if r.id not in selected_ids and applies(r, config.edition, scope)],
            repository=str(_repository(options, root)),
            waived_findings=[Suppressed(f, "waiver", w.justification, config_file, w.line) for f, w in covered],
            lang=lang, max_findings=config.max_findings,
        )
        if declaration is not None:
            from ipcheck.certification import preconditions

            report.preconditions = preconditions(declaration, judged_at, lang)
        if options.baseline is not None:
            from ipcheck.baseline import apply_baseline, read_baseline, rules_run

            ran, every_rule = rules_run(report, [r.id for r in plugins.rules() if r.meta.applies_to(config.edition)])
            kept, baselined, fixed = apply_baseline(report.findings, read_baseline(options.baseline), ran=ran,
                                                    every_rule=every_rule,
                                                    waived=before_waivers - {fp for f in findings for fp in f.fingerprints})
            kept_ids = {id(f) for f in kept}
            report.baselined_findings = [Suppressed(f, "baseline", BASELINED, str(options.baseline))
                                         for f in report.findings if id(f) not in kept_ids]
            report.findings, report.baselined, report.fixed = kept, baselined, fixed
        return report
