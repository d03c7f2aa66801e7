"""A check kept alive between edits, for the long-running front ends ``ipcheck watch`` and
``ipcheck lsp``: plugins are loaded once, each file's validated items are kept, and an edit
re-reads only the file it changed (see the ``memo`` of :func:`ipcheck.load.load`). The
folder's configuration is read again when its file changes (a waiver added, a rule
ignored); one that cannot be used is the check's error, located in it, until it is mended.

What changed between two checks is compared by fingerprint, which does not depend on line
numbers: a finding that moved with an edit above it is neither new nor fixed.

Rules run again only when what they read changed (see :mod:`ipcheck.rules.incremental`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ipcheck import __version__
from ipcheck.check import CheckOptions, run_check, run_lang
from ipcheck.config import Config, ConfigError, find_config, load_config
from ipcheck.findings import Finding, Problem
from ipcheck.load import LoadMemo
from ipcheck.report.model import Report
from ipcheck.rules.incremental import RuleMemo


@dataclass
class Changes:
    """What one re-check changed: findings new since the last check, and findings gone."""

    new: list[Finding]
    fixed: list[Finding]


def changes(before: Report | None, after: Report) -> Changes:
    """The findings of ``after`` that ``before`` did not have, and those it had that are gone."""
    if before is None:
        return Changes(list(after.findings), [])
    old = {f.fingerprint: f for f in before.findings}
    now = {f.fingerprint: f for f in after.findings}
    return Changes([f for k, f in now.items() if k not in old], [f for k, f in old.items() if k not in now])


@dataclass
class LiveCheck:
    """Checks of one folder, again and again, reusing what did not change."""

    folder: Path
    as_of: dt.date | None = None
    """The date to judge at; None: the day of each check."""
    config: Config = field(default_factory=Config)
    memo: LoadMemo = field(default_factory=LoadMemo)
    rule_memo: RuleMemo = field(default_factory=RuleMemo)
    last: Report | None = None
    lang: str | None = None
    """The language asked for (``--lang``, the editor's option), over the configuration's."""
    follows_config: bool = False
    """Whether the folder's configuration file is read again when it changes (see :meth:`for_folder`)."""
    config_problems: list[Problem] = field(default_factory=list)
    """Why the configuration file as it is now cannot be used (none when it can)."""
    _config_seen: object = None
    _plugins: Any = None

    @classmethod
    def for_folder(cls, folder: Path, as_of: dt.date | None = None, lang: str | None = None) -> LiveCheck:
        """A live check of ``folder`` with its own configuration (``ipcheck.yaml`` or
        ``pyproject.toml``), read again whenever that file changes. Plugins named in it are
        not loaded: a live front end runs on whatever a document author opens (see
        docs/ci.md on trusted plugins)."""
        live = cls(folder, as_of, lang=lang, follows_config=True)
        live.read_config()
        return live

    def read_config(self) -> None:
        """Read the folder's configuration file again when it changed (or appeared, or went)
        since it was last read; when it cannot be used, say why in ``config_problems``."""
        path = find_config(self.folder)
        seen = (path, None if path is None else _bytes_of(path))  # a small file: its bytes tell a change exactly
        if seen == self._config_seen:
            return
        self._config_seen = seen
        try:
            config = load_config(path)
        except ConfigError as exc:
            self.config_problems = exc.problems
            return
        if self.lang is not None:
            config.lang = self.lang  # type: ignore[assignment]
        self.config, self.config_problems = config, []

    def run(self, sources: Mapping[str, bytes] | None = None) -> tuple[Report, Changes]:
        """Check now (with ``sources``: the texts an editor holds, by path relative to the
        folder); the report and what changed since the previous check."""
        from ipcheck.plugins import load_plugins

        if self.follows_config:
            self.read_config()
        if self.config_problems:  # no check until the configuration is mended
            report = Report(version=__version__, as_of=self.as_of or dt.date.today(), root=str(self.folder),
                            findings=[], errors=list(self.config_problems), checked=False,
                            lang=self.lang or run_lang(self.config))
        else:
            if self._plugins is None:
                self._plugins = load_plugins([], entry_point_plugins=True)
            config = self.config.model_copy(deep=True)  # plugins' configure hooks change their copy
            options = CheckOptions(paths=[self.folder], as_of=self.as_of or dt.date.today(), config=config,
                                   sources=sources, memo=self.memo, rule_memo=self.rule_memo)
            report = run_check(options, self._plugins)
        changed = changes(self.last, report)
        self.last = report
        return report, changed


def _bytes_of(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None
