"""The ``ipcheck`` command line. Each command imports what it needs when it runs, so that
``ipcheck --version`` and ``--help`` start fast."""

from __future__ import annotations

import datetime as dt
import os
import sys
from typing import TYPE_CHECKING, Any

import click

from ipcheck.report.formats import FORMATS as BUILTIN_FORMATS  # cheap: renderers load when used
from ipcheck.report.formats import is_binary

if TYPE_CHECKING:
    from pathlib import Path

    from ipcheck.findings import Problem
    from ipcheck.report.model import Report

EDITIONS = ("2023", "2013")  # ipcheck.rules.clauses.EDITIONS, without importing it at start-up
FAIL_ON = ("major", "minor", "observation", "never")


def _lang_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """The language ``--lang`` names (``en``, ``zh-CN``; ``zh``, ``zh_CN`` ... are read as zh-CN)."""
    if value is None:
        return None
    from ipcheck.i18n import LANGS, normalise_lang

    lang = normalise_lang(value)
    if lang is None:
        raise click.BadParameter(f"{value!r} is not a language ipcheck speaks; choose {' or '.join(LANGS)}")
    return lang


lang_option = click.option(
    "--lang", callback=_lang_option, metavar="en|zh-CN", is_eager=True,
    help="Language of the output: en or zh-CN (default: `lang:` in the configuration, else the locale).")


def _lang(given: str | None) -> str:
    """The language of a command that reads no configuration: ``--lang``, else the locale's."""
    from ipcheck.i18n import lang_from_environment

    return given or lang_from_environment()


def _date_option(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.datetime | None:
    """A date option written YYYY-MM-DD; one written the Chinese way (2026/05/06, 2026.5.6,
    2026年5月6日) is refused with the date it means, in the language of the command."""
    if value is None:
        return None
    try:
        return dt.datetime.strptime(value, "%Y-%m-%d")
    except ValueError:
        from ipcheck.chinese_input import date_suggestion
        from ipcheck.report.words import say

        lang = _lang(ctx.params.get("lang"))
        suggestion = date_suggestion(value)
        raise click.BadParameter(say("cli-date-suggestion" if suggestion else "cli-date", lang, value=repr(value),
                                     date=suggestion or "")) from None


def _version() -> str:
    from ipcheck import __version__

    return __version__  # a constant: reading installed metadata would slow every start


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip().upper() for value in values for part in value.split(",") if part.strip()]


def _print_problems(problems: list[Problem], lang: str | None = None) -> None:
    """Each problem on stderr, in ``lang`` (default: the locale's)."""
    from ipcheck.report.text import terminal_safe

    for problem in problems:
        click.echo(terminal_safe(problem.render(_lang(lang))), err=True)


PLUGIN_STATES = {"loaded": "", "failed": "  FAILED to load", "disabled": "  disabled"}
"""What ``ipcheck plugins`` adds to a plugin's line, by its state."""


def _load_plugins(specs: list[str], disabled: list[str] | tuple[str, ...], timeout: float | None = None) -> Any:
    """The plugins of a command (see :func:`ipcheck.plugins.load_plugins`), their warnings said
    on stderr; their imports, hooks and report formats run ``timeout`` seconds at most (the
    configuration's ``rule_timeout``; by default that of an empty configuration)."""
    from ipcheck.plugins import load_plugins
    from ipcheck.timelimit import DEFAULT_SECONDS

    loaded = load_plugins(specs, disabled=disabled, timeout=timeout or DEFAULT_SECONDS, on_stuck=_abandon_stuck)
    _print_problems(loaded.warnings)
    return loaded


def _color(stream: Any) -> bool:
    """Colour on a terminal only, unless NO_COLOR is set to a non-empty value: by the
    convention (no-color.org) an empty NO_COLOR does not disable colour."""
    return not os.environ.get("NO_COLOR") and hasattr(stream, "isatty") and stream.isatty()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(version=_version(), prog_name="ipcheck", message="%(prog)s %(version)s")
def cli() -> None:
    """Check an enterprise IP management system (GB/T 29490, ISO 56005) before the auditor does."""


def _path(value: str | None) -> Path | None:
    """A path option as a Path (click gives strings: pathlib is imported only when a command runs)."""
    from pathlib import Path

    return None if value is None else Path(value)


def _refuse_declaration_file(output: Path, targets: list[Path]) -> None:
    """A report is never written as a declaration file of the folder being checked: over a
    YAML file (a slip that would destroy it), or as a spreadsheet there (it would destroy
    a register, or be read as one by the next check)."""
    from ipcheck.load.discover import is_declaration_name

    written = output.resolve()
    if not is_declaration_name(output.name) and not is_declaration_name(written.name):
        return
    for target in targets:
        checked = target.resolve()
        if written == checked or checked in written.parents:
            raise click.BadParameter(f"{output} would be a declaration file of the folder checked at {target}; "
                                     "write the report outside it (e.g. ../report.xlsx)",
                                     param_hint="'-o' / '--output'")


def _refuse_inputs(output: Path, targets: list[Path], config: Any, baseline: Path | None) -> None:
    """A report is never written over a file the run reads: a YAML file of the declaration,
    the configuration in use (``ipcheck.yaml``, ``--config`` or ``pyproject.toml``), or the
    ``--baseline`` file. Each would be destroyed by a slip of ``-o``, silently."""
    from pathlib import Path

    _refuse_linked_output(output, targets)
    _refuse_declaration_file(output, targets)
    if config.source is not None and _same_file(output, Path(config.source)):
        raise click.BadParameter(f"{output} holds the configuration of this run; "
                                 "write the report elsewhere (e.g. report.html)", param_hint="'-o' / '--output'")
    if baseline is not None and _same_file(output, baseline):
        raise click.BadParameter(f"{output} is the baseline of this run (--baseline); write the report elsewhere "
                                 "(e.g. report.json); to record today's findings as the baseline, run "
                                 f"`ipcheck baseline -o {output} --force`", param_hint="'-o' / '--output'")


def _refuse_linked_output(output: Path, targets: list[Path]) -> None:
    """A report is never written through a symbolic link that lies in the checked repository or
    leads into it: a link committed in a pull request would otherwise redirect ``-o`` to any
    file the job can write (a ``.pth`` file runs at the next Python start), and one outside
    could overwrite a declaration file. Links elsewhere (``/dev/stdout``) are followed."""
    from pathlib import Path

    from ipcheck.repository import is_inside, repository_root

    if not output.is_symlink():
        return
    link = Path(os.path.realpath(output.parent)) / output.name
    target = Path(os.path.realpath(output))
    for tree in {repository_root(target_path) for target_path in targets}:
        if is_inside(link.parent, tree) or is_inside(target, tree):
            raise click.BadParameter(f"{output} is a symbolic link to {target}, and the checked repository {tree} "
                                     "holds the link or its target; reports are not written through such links. "
                                     "Write the report to a path that is not a link (remove the link first)",
                                     param_hint="'-o' / '--output'")


def _refuse_cache_in_repository(folder: Path, targets: list[Path]) -> None:
    """End the run (exit 2) when the cache folder lies in the checked repository: a pull request
    could commit entries there. Entries are authenticated anyway; this keeps them out of reach."""
    from ipcheck.repository import is_inside, repository_root

    for tree in {repository_root(target) for target in targets}:
        if is_inside(folder, tree):
            raise click.BadParameter(f"the cache folder {folder} lies in the checked repository {tree}, where a pull "
                                     "request could plant entries; use a folder outside it (the default, "
                                     "$XDG_CACHE_HOME/ipcheck, is), or pass --allow-cache-in-repository",
                                     param_hint="'--cache-dir'")


def _same_file(first: Path, second: Path) -> bool:
    """Whether two paths name one file: through symbolic and hard links (and case-insensitive
    file systems) when both exist, else by their resolved paths."""
    try:
        return os.path.samefile(first, second)
    except OSError:
        return first.resolve() == second.resolve()


def _refuse_unusable_output(output: str, what: str, example: str) -> None:
    """End the run (exit 2) before any work when ``-o`` cannot name a file to write: the
    system's own words for an empty name ("Device or resource busy") or a path under a file
    ("File exists") do not say what is wrong, and would come only after the whole run."""
    if not output:
        raise click.BadParameter(f"-o needs a file name, e.g. -o {example}", param_hint="'-o' / '--output'")
    blocker = _file_in_the_way(output)
    if blocker is not None:
        click.echo(f"ipcheck: cannot write {what} to {output}: {blocker} is not a folder", err=True)
        click.echo(f"  hint: {blocker} is a file; write {what} to a path in a folder", err=True)
        sys.exit(2)


def _refuse_terminal(output: str | None, fmt: str) -> None:
    """End the run (exit 2) before any work when a binary format (docx, xlsx) would go to a
    terminal or to standard output: it needs ``-o`` naming a file."""
    if output is None:
        click.echo(f"ipcheck: the {fmt} format is a binary document and is never written to standard "
                   f"output: name a file with -o", err=True)
        click.echo(f"  hint: ipcheck check -f {fmt} -o report.{fmt}", err=True)
        sys.exit(2)
    try:
        fd = os.open(output, os.O_WRONLY | os.O_NOCTTY)
    except OSError:
        return  # no such file yet (or not writable: the write says so)
    try:
        on_terminal = os.isatty(fd)
    finally:
        os.close(fd)
    if on_terminal:
        click.echo(f"ipcheck: {output} is a terminal; the {fmt} format is a binary document: name a file with -o",
                   err=True)
        sys.exit(2)


def _file_in_the_way(output: str) -> Path | None:
    """The first folder on the path of ``output`` that exists and is not a folder, if any."""
    from pathlib import Path

    for folder in reversed(Path(output).parents):
        if folder.exists() and not folder.is_dir():
            return folder
    return None


AS_OF_RANGE = (dt.date(1900, 1, 1), dt.date(2999, 12, 31))
"""The --as-of dates accepted: rules add and subtract years and months, which overflow
Python's dates near years 1 and 9999; no declaration is judged at such dates."""


def _as_of_date(value: dt.datetime | None) -> dt.date:
    """The date of ``--as-of`` (default: today); one out of :data:`AS_OF_RANGE` is a usage
    error (exit 2), where the rules would fail on it (exit 3, blamed on plugins)."""
    if value is None:
        return dt.date.today()
    first, last = AS_OF_RANGE
    if not first <= value.date() <= last:
        raise click.BadParameter(f"{value.date().isoformat()} is out of range; use a date from {first.isoformat()} "
                                 f"to {last.isoformat()} (usually today, the default)", param_hint="'--as-of'")
    return value.date()


def _audit_date(value: dt.datetime | None, as_of: dt.date) -> dt.date | None:
    """The date of ``--audit-date``: on or after the check's date (an audit is ahead), in range."""
    if value is None:
        return None
    day = _as_of_date(value)
    if day < as_of:
        raise click.BadParameter(f"{day.isoformat()} is before the check's date {as_of.isoformat()}; give the day "
                                 "of the coming audit (or check as of a past day with --as-of)",
                                 param_hint="'--audit-date'")
    return day


def _check_selectors(config: Any, plugins: Any, select_given: bool) -> None:
    """End the run (exit 2) when a rule selector names no rule: a mistyped --select would
    run no rule at all and pass. An ignore that names no rule is only warned about: a shared
    configuration may ignore the rules of a plugin that is not installed here."""
    if not config.select and not config.ignore:
        return
    from ipcheck.check import rule_ids, selection_error
    from ipcheck.rules.engine import matching_no_rule

    for prefix in matching_no_rule(config.ignore, rule_ids(plugins)):
        click.echo(f"ipcheck: warning: ignore {prefix!r} matches no rule", err=True)
    message = selection_error(plugins, config)
    if not message:
        return
    if select_given:
        raise click.BadParameter(message.removeprefix("select: "), param_hint="'--select'")
    raise click.UsageError(f"{config.source or 'configuration'}: {message}")


ALLOW_CONFIG_PLUGINS_HELP = ("Load the plugins the configuration file names (they are code; also "
                             "IPCHECK_ALLOW_CONFIG_PLUGINS=1). Without it such a configuration is refused.")


def _config_plugins(config: Any, allow: bool) -> list[str]:
    """The plugins of the configuration file, when the run allows them; else end it (exit 2)."""
    from ipcheck.config import ConfigError, config_plugins_allowed, trusted_config_plugins

    try:
        return trusted_config_plugins(config, config_plugins_allowed(allow))
    except ConfigError as exc:
        _print_problems(exc.problems)
        sys.exit(2)


def _config_for(paths: list[Path], explicit: Path | None) -> Any:
    """The configuration for a run; a configuration that cannot be used ends it (exit 2)."""
    from ipcheck.config import ConfigError, find_config, load_config

    first = paths[0]
    try:
        return load_config(explicit if explicit is not None else find_config(first if first.is_dir() else first.parent))
    except ConfigError as exc:
        _print_problems(exc.problems)
        sys.exit(2)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-f", "--format", "fmt", default="text", show_default=True,
              help=f"Report format: {', '.join(BUILTIN_FORMATS)}, or one a plugin adds; "
                   f"{' and '.join(f for f, r in BUILTIN_FORMATS.items() if is_binary(r))} need --output.")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write the report to FILE (atomically); the summary goes to stderr.")
@click.option("--as-of", callback=_date_option, metavar="YYYY-MM-DD",
              help="The date time-based rules judge against (default: today).")
@click.option("--audit-date", callback=_date_option, metavar="YYYY-MM-DD",
              help="The day of the certification audit: time-based rules judge at it (will we be ready then?).")
@click.option("--edition", type=click.Choice(EDITIONS),
              help="The edition of GB/T 29490 audited against (default: 2023, or `edition:` in the configuration).")
@click.option("--select", multiple=True, metavar="IDS", help="Rule ids or prefixes to run, comma-separated.")
@click.option("--ignore", multiple=True, metavar="IDS", help="Rule ids or prefixes not to run, comma-separated.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), help="Lowest severity that fails the run (default: minor).")
@click.option("--baseline", type=click.Path(dir_okay=False, exists=True),
              help="Findings recorded in FILE (a JSON report or a baseline file) do not fail the run.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, exists=True),
              help="Configuration file (default: ipcheck.yaml, then [tool.ipcheck] in pyproject.toml).")
@click.option("--plugin", "plugin_specs", multiple=True, metavar="MODULE|FILE.py", help="Load an extra plugin.")
@click.option("--allow-config-plugins", is_flag=True, help=ALLOW_CONFIG_PLUGINS_HELP)
@click.option("--disable-plugin", "disabled", multiple=True, metavar="NAME",
              help="Do not load this plugin (repeatable); IPCHECK_DISABLE_PLUGIN_AUTOLOAD=1 loads no installed one.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Parse and validate files in this many processes (at most one per file and per CPU).")
@click.option("--cache/--no-cache", default=False, show_default=True,
              help="Keep validated files in an on-disk cache keyed by their content.")
@click.option("--cache-dir", type=click.Path(file_okay=False),
              help="Cache folder (implies --cache; default: $XDG_CACHE_HOME/ipcheck). Safe to delete.")
@click.option("--root", "repository", type=click.Path(file_okay=False, exists=True),
              help="Repository root SARIF and Code Climate paths are relative to (default: root: in the "
                   "configuration, else the git top level).")
@click.option("--allow-cache-in-repository", is_flag=True,
              help="Accept a cache folder inside the checked repository (refused by default).")
@lang_option
def check(paths: tuple[str, ...], fmt: str, output: str | None, as_of: dt.datetime | None,
          audit_date: dt.datetime | None, edition: str | None,
          select: tuple[str, ...], ignore: tuple[str, ...], fail_on: str | None, baseline: str | None,
          config_path: str | None, plugin_specs: tuple[str, ...], allow_config_plugins: bool,
          disabled: tuple[str, ...], jobs: int, cache: bool, cache_dir: str | None, repository: str | None,
          allow_cache_in_repository: bool, lang: str | None) -> None:
    """Check the declaration found at each PATH (default: the current folder)."""
    from ipcheck.load import gc_paused

    _stop_on_sigterm()

    with gc_paused(freeze=True):  # through rendering too: millions of objects, no cycles
        from pathlib import Path

        from ipcheck.baseline import BaselineError
        from ipcheck.check import CheckOptions, run_check
        from ipcheck.findings import Problem
        from ipcheck.plugins import BUILTIN
        from ipcheck.report.formats import render

        as_of_date = _as_of_date(as_of)
        audit_day = _audit_date(audit_date, as_of_date)
        if output is not None:
            _refuse_unusable_output(output, "the report", "report.html")
        targets = [Path(p) for p in paths] or [Path(".")]
        config = _config_for(targets, _path(config_path))
        if output is not None:  # once the configuration file is known, before anything is written
            _refuse_inputs(Path(output), targets, config, _path(baseline))
        updates: dict[str, Any] = {}
        if select:
            updates["select"] = _split(select)
        if ignore:
            updates["ignore"] = [*config.ignore, *_split(ignore)]
        if fail_on:
            updates["fail_on"] = fail_on
        if edition:
            updates["edition"] = edition
        if lang:
            updates["lang"] = lang
        config = config.model_copy(update=updates)

        plugins = _load_plugins([*_config_plugins(config, allow_config_plugins), *plugin_specs],
                                [*config.disable_plugins, *disabled], config.rule_timeout)
        _check_selectors(config, plugins, select_given=bool(select))
        formats = plugins.formats()
        if fmt not in formats:
            raise click.BadParameter(f"unknown format {fmt!r}; choose from {', '.join(formats)}",
                                     param_hint="'--format'")
        if formats[fmt].binary:
            _refuse_terminal(output, fmt)
        if cache_dir == "":  # an unset variable in a script: the cache would go to the current folder
            raise click.BadParameter("--cache-dir needs a folder name", param_hint="'--cache-dir'")
        cache_folder = _path(cache_dir)
        if cache and cache_folder is None:
            from ipcheck.load.cache import default_cache_dir

            cache_folder = default_cache_dir()
        if cache_folder is not None and not allow_cache_in_repository:
            _refuse_cache_in_repository(cache_folder, targets)
        from ipcheck.progress import Progress

        progress = Progress(sys.stderr)
        options = CheckOptions(paths=targets, as_of=as_of_date, config=config,
                               baseline=_path(baseline), jobs=jobs, cache_dir=cache_folder, progress=progress,
                               repository=_path(repository),
                               on_stuck=_abandon_stuck_rule, audit_date=audit_day)
        try:
            report = run_check(options, plugins)
        except BaselineError as exc:
            progress.clear()
            click.echo(f"{baseline}: {exc}", err=True)
            sys.exit(2)
        progress.clear()

        if formats[fmt].plugin != BUILTIN:
            text = formats[fmt].render(report)
            if isinstance(text, Problem):  # the plugin's render failed: no report to write
                _print_problems([*report.errors, text])
                sys.exit(3)
        else:
            on_terminal = output is None and fmt == "text" and hasattr(sys.stdout, "isatty") and sys.stdout.isatty()
            text = render(report, fmt, color=on_terminal and _color(sys.stdout),
                          width=_terminal_width() if on_terminal else None, paths_from=os.getcwd())
        if output is not None or fmt != "text":
            _print_problems(report.errors, report.lang)  # the text report on stdout lists them itself
        if fmt == "sarif":
            from ipcheck.report.sarif import results_cut

            if cut := results_cut(report):
                click.echo(f"ipcheck: warning: {cut}", err=True)
        elif report.unlisted and (output is not None or fmt != "text"):  # the text report says it itself
            from ipcheck.report.words import say

            click.echo(f"ipcheck: {say('problem-warning', report.lang)}: {report.unlisted_note()}", err=True)
        if output is not None:
            from ipcheck.atomic import write_atomic

            try:
                write_atomic(output, text)
            except OSError as exc:
                click.echo(f"ipcheck: cannot write the report to {output}: {exc.strerror or exc}", err=True)
                sys.exit(2)
            click.echo(_summary_line(report, output), err=True)
        else:
            click.echo(text, nl=not text.endswith("\n"))
        sys.exit(report.exit_code)


STUCK_AFTER = 3
"""Interruptions a rule may ignore after its time limit before the run is abandoned."""


def _abandon_stuck_rule(rule: Any, interruptions: int) -> None:
    """End the process (exit 3) when a rule ignores its time limit again and again: it
    catches every exception, so nothing else would stop it, and a CI job would hang. No
    report can be written: the rule holds the only thread."""
    if interruptions < STUCK_AFTER:
        return
    from ipcheck.findings import Problem
    from ipcheck.plugins import rule_location

    meta = rule.meta
    _abandon_stuck(Problem(
        "internal", f"internal error in rule {meta.id} of plugin {meta.plugin!r}: it ran past its time limit and did "
        f"not stop when interrupted {interruptions} times; the run was abandoned and no report was written",
        rule_location(rule), hint="the rule catches every exception (a bare `except:`); report this to the "
        f"plugin's authors, and run without it with --ignore {meta.id}", plugin=meta.plugin, rule=meta.id),
        interruptions)


def _abandon_stuck(problem: Problem, interruptions: int) -> None:
    """End the process (exit 3) with ``problem`` when plugin code (a rule, a hook, an import,
    a report format) ignores its time limit :data:`STUCK_AFTER` times."""
    if interruptions < STUCK_AFTER:
        return
    _print_problems([problem])
    _exit_now(3)


def _exit_now(code: int) -> None:
    """Exit at once, not waiting for threads a plugin left running."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


def _terminal_width() -> int:
    """Columns to wrap the text report at on a terminal ($COLUMNS, else the terminal's; at least 60)."""
    import shutil

    return max(60, shutil.get_terminal_size().columns - 1)


def _summary_line(report: Report, output: str) -> str:
    from ipcheck.i18n import Amount
    from ipcheck.report.words import counts_and_stages, say

    lang = report.lang
    verdict = say("verdict-passed" if report.passed else "verdict-failed", lang)
    if not report.checked:
        return say("summary-not-loaded", lang, errors=Amount(len(report.errors), "error"), verdict=verdict,
                   output=output)
    return say("summary-line", lang, **counts_and_stages(report, lang), verdict=verdict, output=output)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the rules as JSON.")
@click.option("--plugin", "plugin_specs", multiple=True, metavar="MODULE|FILE.py", help="Load an extra plugin.")
@click.option("--disable-plugin", "disabled", multiple=True, metavar="NAME",
              help="Do not load this plugin (repeatable); IPCHECK_DISABLE_PLUGIN_AUTOLOAD=1 loads no installed one.")
@lang_option
def rules(as_json: bool, plugin_specs: tuple[str, ...], disabled: tuple[str, ...], lang: str | None) -> None:
    """List every rule: id, severity, stage, protection, title, clauses, plugin."""
    from ipcheck.check import WAIVER_RULE
    from ipcheck.findings import problems_exit_code
    from ipcheck.i18n import Term, pick, show

    language = _lang(lang)
    plugins = _load_plugins(list(plugin_specs), disabled)
    metas = sorted([r.meta for r in plugins.rules()] + [WAIVER_RULE], key=lambda m: m.id)
    if as_json:
        import json

        click.echo(json.dumps([{"id": m.id, "title": pick(m.title, language), "severity": m.severity,
                                "stage": m.stage,
                                "protection": m.protection, "clauses": _both_editions(m), "editions": list(m.editions),
                                "category": m.category, "plugin": m.plugin}
                               for m in metas], indent=2, ensure_ascii=False))
    else:
        from ipcheck.report.text import _columns

        def padded(text: str, width: int) -> str:
            return text + " " * max(width - _columns(text), 0)

        for m in metas:
            scope = (show(Term("stage", m.stage), language) if m.stage and language != "en" else m.stage) or (
                show(Term("protection", m.protection), language) if m.protection and language != "en"
                else m.protection) or "-"
            severity = show(Term("severity", m.severity), language)
            click.echo(f"{m.id:<8} {padded(severity, 11)} {padded(scope, 17)} {pick(m.title, language)}")
            click.echo(f"{'':<8} {'; '.join(_both_editions(m)) or '-'}  [{m.plugin}]")
    _print_problems(plugins.problems, language)
    sys.exit(problems_exit_code(plugins.problems))


def _both_editions(meta: Any) -> list[str]:
    """The clauses a rule cites under every edition it applies to, the newest first."""
    from ipcheck.rules.clauses import EDITIONS

    return list(dict.fromkeys(c for e in EDITIONS if meta.applies_to(e) for c in meta.citations(e)))


@cli.command()
@click.option("--edition", type=click.Choice(EDITIONS), default="2023", show_default=True,
              help="The edition of GB/T 29490 whose clauses to list.")
@click.option("-f", "--format", "fmt", type=click.Choice(("text", "json", "markdown")), default="text",
              show_default=True, help="Output format.")
@click.option("--plugin", "plugin_specs", multiple=True, metavar="MODULE|FILE.py", help="Load an extra plugin.")
@lang_option
def clauses(edition: str, fmt: str, plugin_specs: tuple[str, ...], lang: str | None) -> None:
    """List the clauses of an edition: title, confidence, whether a declaration can show
    conformity with it (and why not), and the rules that check it."""
    from ipcheck.check import WAIVER_RULE
    from ipcheck.findings import problems_exit_code
    from ipcheck.plugins import load_plugins
    from ipcheck.rules.coverage import render_clauses

    plugins = load_plugins(list(plugin_specs))
    metas = [r.meta for r in plugins.rules()] + [WAIVER_RULE]
    click.echo(render_clauses(edition, metas, fmt, _lang(lang)), nl=False)
    _print_problems(plugins.problems, lang)
    sys.exit(problems_exit_code(plugins.problems))


@cli.command()
@click.argument("rule_id")
@click.option("--plugin", "plugin_specs", multiple=True, metavar="MODULE|FILE.py", help="Load an extra plugin.")
@click.option("--disable-plugin", "disabled", multiple=True, metavar="NAME",
              help="Do not load this plugin (repeatable); IPCHECK_DISABLE_PLUGIN_AUTOLOAD=1 loads no installed one.")
@lang_option
def explain(rule_id: str, plugin_specs: tuple[str, ...], disabled: tuple[str, ...], lang: str | None) -> None:
    """Explain one rule: what it checks, why, examples, and the fix."""
    from ipcheck.check import WAIVER_RULE
    from ipcheck.load.build import did_you_mean
    from ipcheck.rules.docs import rule_page

    plugins = _load_plugins(list(plugin_specs), disabled)
    metas = {r.meta.id: r.meta for r in plugins.rules()} | {WAIVER_RULE.id: WAIVER_RULE}
    meta = metas.get(rule_id.upper())
    if meta is None:  # perhaps the plugin that defines it failed to load: say so first
        from ipcheck.findings import problems_exit_code

        from ipcheck.report.words import say

        _print_problems(plugins.problems, lang)
        close = did_you_mean(rule_id.upper(), metas, _lang(lang))
        click.echo(say("cli-no-rule", _lang(lang), rule=repr(rule_id),
                       hint=close or say("cli-see-rules", _lang(lang))), err=True)
        sys.exit(problems_exit_code(plugins.problems) or 2)
    click.echo(rule_page(meta, _lang(lang)))
    _print_problems(plugins.problems, lang)  # another plugin's failure: said, though this rule is explained


@cli.command()
@click.option("--rule-pack", is_flag=True, help="Print the schema of declarative rule packs instead.")
@click.option("--report", "report_schema", is_flag=True, help="Print the schema of the JSON report instead.")
def schema(rule_pack: bool, report_schema: bool) -> None:
    """Print the JSON Schema (Draft 2020-12) of the declaration format."""
    import json

    if report_schema:
        from importlib.resources import files

        click.echo(files("ipcheck.report").joinpath("report.schema.json").read_text(encoding="utf-8"), nl=False)
    elif rule_pack:
        from ipcheck.rules.declarative import pack_schema

        click.echo(json.dumps(pack_schema(), indent=2))
    else:
        from ipcheck.model.schema import declaration_schema

        click.echo(json.dumps(declaration_schema(), indent=2))


@cli.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False))
@lang_option
def init(directory: str, lang: str | None) -> None:
    """Write a starter declaration in DIRECTORY (never overwriting a file)."""
    from ipcheck.atomic import FileExists
    from ipcheck.report.words import say
    from ipcheck.starter import write_starter

    language = _lang(lang)
    try:
        written = write_starter(_path(directory))  # type: ignore[arg-type]
    except FileExists as exc:
        click.echo(say("init-exists", language, path=str(exc)), err=True)
        click.echo(say("init-exists-hint", language), err=True)
        sys.exit(2)
    except OSError as exc:
        click.echo(say("init-cannot-write", language, folder=directory, reason=exc.strerror or str(exc)), err=True)
        sys.exit(2)
    for path in written:
        click.echo(say("init-wrote", language, path=str(path)))
    click.echo(say("init-next", language, folder=directory))


@cli.command()
@click.argument("path", default=".", type=click.Path(exists=True, file_okay=False))
@click.option("--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="Judge at this date (default: the day of each check).")
@click.option("--lang", type=click.Choice(["en", "zh-CN"]), default=None,
              help="Language of what is printed (default: the configuration's, else the locale's).")
def watch(path: str, as_of: dt.datetime | None, lang: str | None) -> None:
    """Check PATH, then check it again on every save, printing new and fixed findings."""
    from pathlib import Path

    from ipcheck.live import LiveCheck
    from ipcheck.watch import watch as watch_live

    live = LiveCheck.for_folder(Path(path).resolve(), None if as_of is None else _as_of_date(as_of), lang)
    if live.config_problems:  # a configuration that cannot be used at the start is a usage error; later, the check's
        _print_problems(live.config_problems)
        sys.exit(2)
    watch_live(live, lambda line: click.echo(line))


@cli.command()
def lsp() -> None:
    """Run the language server over stdio (for VS Code, Neovim and other editors; see docs/editors.md)."""
    from ipcheck.lsp import serve

    serve()


@cli.command()
@click.argument("file", metavar="FILE.xlsx")
@click.option("--lang", type=click.Choice(["en", "zh-CN"]), default=None,
              help="Language of the sheet names, headers and notes (default: from the locale).")
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
def template(file: str, lang: str | None, force: bool) -> None:
    """Write an empty register workbook to fill in: a sheet per register kind, its header row,
    drop-down lists for choice fields, date columns and a notes sheet."""
    from ipcheck.atomic import FileExists, write_atomic
    from ipcheck.i18n import lang_from_environment
    from ipcheck.load.sheet_template import workbook_bytes

    if not file.lower().endswith(".xlsx"):
        raise click.BadParameter(f"{file} is not an .xlsx file name; e.g. ipcheck template registers.xlsx",
                                 param_hint="FILE.xlsx")
    _refuse_unusable_output(file, "the workbook", "registers.xlsx")
    try:
        write_atomic(file, workbook_bytes(lang or lang_from_environment()), overwrite=force)
    except FileExists:
        click.echo(f"ipcheck: {file} already exists; nothing was written", err=True)
        click.echo("  hint: pass --force to replace it, or name another file", err=True)
        sys.exit(2)
    except OSError as exc:
        click.echo(f"ipcheck: cannot write {file}: {exc.strerror or exc}", err=True)
        sys.exit(2)
    click.echo(f"wrote {file}")


@cli.command()
@click.option("--plugin", "plugin_specs", multiple=True, metavar="MODULE|FILE.py", help="Load an extra plugin.")
@click.option("--disable-plugin", "disabled", multiple=True, metavar="NAME",
              help="Do not load this plugin (repeatable); IPCHECK_DISABLE_PLUGIN_AUTOLOAD=1 loads no installed one.")
@lang_option
def plugins(plugin_specs: tuple[str, ...], disabled: tuple[str, ...], lang: str | None) -> None:
    """List plugins and their versions: loaded, failed to load (with the error), or disabled."""
    from ipcheck.findings import problems_exit_code
    from ipcheck.i18n import show

    loaded = _load_plugins(list(plugin_specs), disabled)
    loaded.rules()  # surfaces plugins whose rules fail to load
    for info in loaded.info:
        click.echo(f"{info.name:<24} {info.version or '-':<10} {info.origin}  ({info.location})"
                   + PLUGIN_STATES[info.state])
        failures = [p for p in loaded.problems if p.plugin == info.name and p.kind == "internal"]
        for problem in failures if info.state == "failed" or failures else ():
            click.echo(f"{'':<4}error: {show(problem.message, _lang(lang))}")
    _print_problems(loaded.problems, lang)
    sys.exit(problems_exit_code(loaded.problems))


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--output", type=click.Path(dir_okay=False), default="ipcheck-baseline.json",
              show_default=True, help="Baseline file to write.")
@click.option("--as-of", callback=_date_option, metavar="YYYY-MM-DD")
@click.option("--force", is_flag=True, help="Overwrite an existing baseline file.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, exists=True))
@click.option("--allow-config-plugins", is_flag=True, help=ALLOW_CONFIG_PLUGINS_HELP)
@click.option("--disable-plugin", "disabled", multiple=True, metavar="NAME",
              help="Do not load this plugin (repeatable); IPCHECK_DISABLE_PLUGIN_AUTOLOAD=1 loads no installed one.")
@lang_option
def baseline(paths: tuple[str, ...], output: str, as_of: dt.datetime | None, force: bool,
             config_path: str | None, allow_config_plugins: bool, disabled: tuple[str, ...], lang: str | None) -> None:
    """Record today's findings so that only new ones fail later runs (`check --baseline FILE`)."""
    _stop_on_sigterm()
    from pathlib import Path

    from ipcheck.atomic import FileExists, write_atomic
    from ipcheck.baseline import write_baseline
    from ipcheck.check import CheckOptions, run_check
    from ipcheck.load import gc_paused

    as_of_date = _as_of_date(as_of)
    _refuse_unusable_output(output, "the baseline", "ipcheck-baseline.json")
    targets = [Path(p) for p in paths] or [Path(".")]
    config = _config_for(targets, _path(config_path))
    _refuse_inputs(Path(output), targets, config, None)
    if lang:
        config = config.model_copy(update={"lang": lang})
    plugins = _load_plugins(_config_plugins(config, allow_config_plugins), [*config.disable_plugins, *disabled],
                            config.rule_timeout)
    _check_selectors(config, plugins, select_given=False)
    with gc_paused(freeze=True):  # as in `check`
        report = run_check(CheckOptions(paths=targets, as_of=as_of_date, config=config), plugins)
    _print_problems(report.errors, report.lang)
    if report.exit_code in (2, 3):
        sys.exit(report.exit_code)
    try:
        write_atomic(output, write_baseline(report), overwrite=force)
    except FileExists:
        click.echo(f"ipcheck: {output} exists; pass --force to replace it", err=True)
        sys.exit(2)
    except OSError as exc:
        click.echo(f"ipcheck: cannot write the baseline to {output}: {exc.strerror or exc}", err=True)
        sys.exit(2)
    click.echo(f"ipcheck: {len(report.findings)} finding(s) recorded in {output}", err=True)


class Terminated(KeyboardInterrupt):
    """SIGTERM (``kill``, a cancelled CI job, ``docker stop``): stopped as Ctrl-C stops a run,
    worker processes included, then exit 143."""


def _terminate(signum: int, frame: Any) -> None:
    raise Terminated()


def _stop_on_sigterm() -> None:
    """Make SIGTERM stop the run as Ctrl-C does (set by the commands that run a check, so that
    ``--help`` does not import :mod:`signal`)."""
    import signal

    signal.signal(signal.SIGTERM, _terminate)


def main() -> None:
    """Entry point: no traceback reaches the terminal unless IPCHECK_DEBUG is set."""
    try:
        code = cli.main(prog_name="ipcheck", standalone_mode=False)  # standalone mode makes Ctrl-C exit 1
    except click.ClickException as exc:
        exc.show()
        code = exc.exit_code
    except (click.Abort, KeyboardInterrupt) as exc:
        terminated = isinstance(exc, Terminated) or isinstance(exc.__cause__, Terminated)
        click.echo(f"ipcheck: {'terminated' if terminated else 'interrupted'}", err=True)
        code = 143 if terminated else 130
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except Exception as exc:
        if os.environ.get("IPCHECK_DEBUG"):
            raise
        click.echo(f"ipcheck: internal error: {type(exc).__name__}: {exc}", err=True)
        click.echo("  hint: this is a defect of ipcheck; rerun with IPCHECK_DEBUG=1 and report the traceback", err=True)
        code = 3
    code = code if isinstance(code, int) else 0
    import threading

    if any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.main_thread()):
        _exit_now(code)  # a thread a plugin started would keep the process alive after the report
    sys.exit(code)
