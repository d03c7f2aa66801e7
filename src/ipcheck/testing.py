"""Testing rules and plugins: run a declaration written inline and look at what came out.

For plugin authors (and ipcheck's own tests)::

    from ipcheck.testing import run_declaration

    def test_foreign_owner_is_reported():
        result = run_declaration('''
            kind: Enterprise
            id: acme
            name: Acme Ltd
            ---
            kind: Patent
            id: PAT-1
            title: Valve
            jurisdiction: US
            status: granted
            owner: Someone Else
        ''', select="LAW", plugins=["ipcheck_lawfirm"])
        assert result.rule_ids == ["LAW001"]
        assert result.errors == []

With pytest, the ``ipcheck_run`` fixture (registered through the ``pytest11`` entry point
when ipcheck is installed) is the same function writing below the test's ``tmp_path``.

Nothing here imports pytest unless pytest is installed, and nothing here is needed at run
time: ipcheck does not depend on pytest.
"""

from __future__ import annotations

import datetime as dt
import itertools
import tempfile
import textwrap
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ipcheck.findings import Finding, Problem
    from ipcheck.plugins import Plugins
    from ipcheck.report.model import Report
    from ipcheck.rules.api import RuleMeta

__all__ = ["Result", "list_rules", "run_declaration"]

DEFAULT_AS_OF = "2026-11-24"
"""The date tests judge against unless they say otherwise (a fixed date keeps results stable):
the date rule examples are written for (:data:`ipcheck.rules.api.EXAMPLES_AS_OF`)."""

DECLARATION_FILE = "declaration.yaml"
"""The file name inline YAML text is written to."""


@dataclass
class Result:
    """What one check produced: its findings, its errors (load, config and internal
    problems), the exit code ``ipcheck check`` would give, and the whole report."""

    findings: list[Finding]
    errors: list[Problem]
    exit_code: int
    report: Report
    root: Path
    """The folder the declaration was written to (gone when the helper made it itself)."""
    files: dict[str, str] = field(default_factory=dict)

    @property
    def rule_ids(self) -> list[str]:
        """The rule id of each finding, in report order (duplicates kept)."""
        return [f.rule for f in self.findings]

    def of(self, rule: str) -> list[Finding]:
        """The findings of one rule, or of every rule whose id starts with ``rule``."""
        return [f for f in self.findings if f.rule.startswith(rule.upper())]

    @property
    def internal_errors(self) -> list[Problem]:
        """Errors of rules or plugins that failed (the cause of exit 3)."""
        return [e for e in self.errors if e.kind == "internal"]

    def messages(self) -> list[str]:
        """Every error as the terminal shows it (``file:line:column: message``)."""
        return [e.render() for e in self.errors]


def _as_list(value: str | Iterable[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(",")
    return [v.strip().upper() for v in value if v.strip()]


def _write(folder: Path, files: Mapping[str, str]) -> dict[str, str]:
    written: dict[str, str] = {}
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        content = textwrap.dedent(text).lstrip("\n")
        path.write_text(content, encoding="utf-8")
        written[name] = content
    return written


def _plugins(specs: Iterable[Any], entry_points: bool, disabled: Iterable[str] = ()) -> Plugins:
    """Load the plugins: names and ``.py`` paths as ``--plugin`` does, objects registered as they are."""
    from ipcheck.plugins import PluginInfo, internal_problem, load_plugins

    specs = list(specs)
    names = [str(s) for s in specs if isinstance(s, (str, Path))]
    objects = [s for s in specs if not isinstance(s, (str, Path))]
    plugins = load_plugins(names, entry_point_plugins=entry_points, disabled=disabled)
    for obj in objects:
        name = getattr(obj, "__name__", None) or type(obj).__name__
        try:
            if not plugins.manager.is_registered(obj):
                plugins.manager.register(obj, name=name)
        except Exception as exc:  # noqa: BLE001 - reported like any plugin that fails to load
            plugins.problems.append(internal_problem(name, None, "failed to load", exc))
            continue
        plugins.info.append(PluginInfo(name, str(getattr(obj, "__version__", "")), "test", repr(obj)))
    return plugins


def run_declaration(
    yaml_text_or_files: str | Mapping[str, str],
    *,
    as_of: str | dt.date = DEFAULT_AS_OF,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
    plugins: Iterable[Any] = (),
    config: Mapping[str, Any] | None = None,
    entry_points: bool = True,
    tmp_path: Path | None = None,
    edition: str | None = None,
    audit_date: str | dt.date | None = None,
    lang: str | None = None,
) -> Result:
    """Write a declaration to a folder, check it as ``ipcheck check`` would, and return the result.

    ``yaml_text_or_files`` is the YAML text of one file (written to ``declaration.yaml``)
    or ``{relative path: text}`` for several; text is dedented, so it can be indented in
    the test. A file named ``ipcheck.yaml`` (or a ``pyproject.toml`` with
    ``[tool.ipcheck]``) in the folder is the configuration, as on the command line;
    ``config`` (a mapping of the same keys) replaces it. ``select``/``ignore`` are rule
    ids or prefixes (a comma-separated string or a list) and override the configuration.
    ``edition`` (``"2023"`` or ``"2013"``) and ``audit_date`` are ``--edition`` and
    ``--audit-date``; ``lang`` (``"en"`` or ``"zh-CN"``) is ``--lang``: a plugin's texts are
    tested in each language it ships.

    ``plugins`` are what ``--plugin`` takes (module names, ``.py`` paths) or objects with
    ``@ipcheck.hookimpl`` functions (a module, a class, an instance), registered as they
    are. Installed plugins (entry points in group ``ipcheck``) load too unless
    ``entry_points=False``.

    The files go to ``tmp_path`` when given (it must be empty or not exist), otherwise to
    a temporary folder removed before returning. A configuration that cannot be used
    raises :class:`ipcheck.config.ConfigError`; everything else, failing plugins included,
    is in the result.
    """
    if tmp_path is None:
        with tempfile.TemporaryDirectory(prefix="ipcheck-test-") as folder:
            return run_declaration(yaml_text_or_files, as_of=as_of, select=select, ignore=ignore, plugins=plugins,
                                   config=config, entry_points=entry_points, tmp_path=Path(folder), edition=edition,
                                   audit_date=audit_date, lang=lang)

    from ipcheck.check import CheckOptions, run_check
    from ipcheck.config import find_config, load_config, validate_config

    root = Path(tmp_path)
    root.mkdir(parents=True, exist_ok=True)
    files = {DECLARATION_FILE: yaml_text_or_files} if isinstance(yaml_text_or_files, str) else yaml_text_or_files
    written = _write(root, files)

    if config is not None:
        settings = validate_config(dict(config), "config=")
    else:
        settings = load_config(find_config(root))
    updates: dict[str, Any] = {}
    if select is not None:
        updates["select"] = _as_list(select)
    if ignore is not None:
        updates["ignore"] = [*settings.ignore, *_as_list(ignore)]
    if edition is not None:
        updates["edition"] = edition
    if lang is not None:
        updates["lang"] = lang
    settings = settings.model_copy(update=updates)

    date = dt.date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
    audit_day = dt.date.fromisoformat(audit_date) if isinstance(audit_date, str) else audit_date
    loaded = _plugins([*settings.plugins, *plugins], entry_points, settings.disable_plugins)
    report = run_check(CheckOptions(paths=[root], as_of=date, config=settings, audit_date=audit_day), loaded)
    return Result(findings=list(report.findings), errors=list(report.errors), exit_code=report.exit_code,
                  report=report, root=root, files=written)


def list_rules(plugins: Iterable[Any] = (), *, entry_points: bool = True) -> tuple[list[RuleMeta], list[Problem]]:
    """The rules ``ipcheck rules`` would list with these plugins, and the problems loading them."""
    loaded = _plugins(plugins, entry_points)
    metas = [r.meta for r in loaded.rules()]
    return metas, list(loaded.problems)


# -- pytest --------------------------------------------------------------------------------

try:  # pytest is optional: the fixture exists only where pytest is installed
    import pytest
except ImportError:  # pragma: no cover - ipcheck without its test extras
    pytest = None  # type: ignore[assignment]

if pytest is not None:

    @pytest.fixture
    def ipcheck_run(tmp_path: Path) -> Iterator[Any]:
        """:func:`run_declaration`, writing each call's files to a new folder below ``tmp_path``::

            def test_my_rule(ipcheck_run):
                result = ipcheck_run("kind: Enterprise\\nid: e\\nname: E\\n", select="LAW")
                assert not result.findings
        """
        counter = itertools.count(1)

        def run(yaml_text_or_files: str | Mapping[str, str], **options: Any) -> Result:
            options.setdefault("tmp_path", tmp_path / f"declaration-{next(counter)}")
            return run_declaration(yaml_text_or_files, **options)

        yield run
