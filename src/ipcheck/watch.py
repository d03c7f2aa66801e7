"""``ipcheck watch``: check a folder, then check it again on every save of a declaration
file or of its configuration, printing what changed: the findings new since the last check,
those fixed, and the readiness line. Files are watched with watchfiles (the operating
system's notifications, batched: a save that writes several files is one re-check)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ipcheck.findings import Finding
from ipcheck.i18n import term
from ipcheck.live import Changes, LiveCheck
from ipcheck.report.model import Report
from ipcheck.report.words import counts_and_stages, say



def _finding_line(mark: str, finding: Finding, lang: str) -> str:
    return (f"{mark} {finding.location.shown()}: {term('severity', finding.severity, lang)} "
            f"{finding.rule_label} {finding.message}")


def report_lines(report: Report, changed: Changes, lang: str) -> list[str]:
    """What one check printed: each new (+) and fixed (-) finding, or each load error; then
    the counts and how many stages are ready."""
    if not report.checked:
        unusable = report.errors and all(problem.kind == "config" for problem in report.errors)
        return [say("watch-config-unusable" if unusable else "watch-not-loaded", lang),
                *(f"  {problem.render(lang)}" for problem in report.errors)]
    lines = [_finding_line("+", f, lang) for f in changed.new] + [_finding_line("-", f, lang) for f in changed.fixed]
    if not lines:
        lines.append(say("watch-unchanged", lang))
    lines.append(say("watch-summary", lang, **counts_and_stages(report, lang)))
    return lines


def watched(path: str) -> bool:
    """Whether a change of the file at ``path`` calls for a check: a declaration file, or a
    configuration file (``ipcheck.yaml``, ``pyproject.toml``; read again when it changes)."""
    from ipcheck.config import CONFIG_FILES
    from ipcheck.load.discover import is_declaration_name

    name = Path(path).name
    return is_declaration_name(name) or name in CONFIG_FILES


def watch(live: LiveCheck, echo: Callable[[str], None]) -> None:
    """Check the folder of ``live`` (see :meth:`LiveCheck.for_folder`), then again after each
    change of one of its declaration files or of its configuration, until interrupted (Ctrl-C)."""
    import watchfiles

    from ipcheck.check import run_lang

    folder = live.folder
    report, changed = live.run()
    for line in report_lines(report, changed, report.lang):
        echo(line)
    announced = False
    # The watcher is running once the generator first yields: the empty set of a quiet
    # interval says so, and only then is "watching" printed (a save before it would be missed).
    for changes in watchfiles.watch(folder, watch_filter=lambda change, path: watched(path),
                                    raise_interrupt=False, yield_on_timeout=True, rust_timeout=QUIET_MS):
        if not changes:
            if not announced:
                echo(say("watch-watching", live.lang or run_lang(live.config), folder=folder))
                announced = True
            continue
        report, changed = live.run()
        echo("")
        for line in report_lines(report, changed, report.lang):
            echo(line)


QUIET_MS = 300
"""How long without a change the watcher waits before it says it is watching (milliseconds)."""
