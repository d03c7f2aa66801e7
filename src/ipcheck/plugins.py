"""Finding and loading plugins, and collecting what they provide.

Three sources, loaded the same way through the hooks of :mod:`ipcheck.hookspecs`: the
built-in rule sets (:mod:`ipcheck.rules.builtin`), installed distributions with an entry
point in group ``ipcheck``, and modules or ``.py`` files named with ``--plugin`` or in the
configuration. A plugin that fails to import, raises in a hook or returns the wrong thing
is recorded as an internal-error :class:`Problem` naming it; the others carry on.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import importlib
import importlib.util
import os
import re
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from os import PathLike
from pathlib import Path
from types import ModuleType
from typing import Any

import pluggy

from ipcheck import __version__, hookspecs
from ipcheck.findings import Location, Problem
from ipcheck.load.extensions import ExtensionField
from ipcheck.timelimit import DEFAULT_SECONDS, time_limit
from ipcheck.rules.api import BUILTIN_PLUGIN, RULE_ID, Rule, RuleMeta

ENTRY_POINT_GROUP = "ipcheck"
BUILTIN = BUILTIN_PLUGIN
RESERVED_PREFIX = "IP"
"""Rule ids of the built-in rules start with it; a plugin's rule that does is refused."""
HELP_URL = re.compile(r"https?://\S+")
HOOKS = tuple(name for name, value in vars(hookspecs).items() if hasattr(value, "ipcheck_spec"))
"""The names of the hooks (pluggy marks each specification with ``ipcheck_spec``)."""


@contextlib.contextmanager
def plugin_code() -> Iterator[None]:
    """Run plugin code (imports, hooks, rules) with what it prints sent to stderr: stdout
    carries the report (JSON, SARIF), which a stray ``print`` would corrupt."""
    with contextlib.redirect_stdout(sys.stderr):
        yield


AUTOLOAD_OFF = "IPCHECK_DISABLE_PLUGIN_AUTOLOAD"
"""Set (to any non-empty value) to load no installed plugin, as ``PYTEST_DISABLE_PLUGIN_AUTOLOAD`` does."""


def autoload_disabled() -> bool:
    """Whether :data:`AUTOLOAD_OFF` turns off the plugins of installed distributions."""
    return bool(os.environ.get(AUTOLOAD_OFF))


@dataclass(frozen=True, slots=True)
class PluginInfo:
    """A plugin as ``ipcheck plugins`` lists it: loaded, failed to load, or disabled."""

    name: str
    version: str
    origin: str  # "built-in", "entry point <dist>", "--plugin", "config"
    location: str
    state: str = "loaded"  # "loaded", "failed" (see the plugin's problems), "disabled"


@dataclass
class Plugins:
    """The plugin manager and what loading the plugins produced."""

    manager: pluggy.PluginManager
    info: list[PluginInfo] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    """What a run should say but that fails nothing (a hook this version does not know)."""
    timeout: float = DEFAULT_SECONDS
    """Seconds any one import, hook or report format of a plugin may run (``rule_timeout``)."""
    on_stuck: Callable[[Problem, int], None] | None = None
    """Told when plugin code goes on after its time limit was signalled to it, with the problem
    to report and the number of interruptions (see :func:`~ipcheck.timelimit.time_limit`)."""
    _rules: tuple[frozenset[int], list[Rule]] | None = field(default=None, repr=False)
    """The rules collected, and the plugins registered when they were (see :meth:`rules`)."""

    def stuck(self, plugin: str, what: str, function: Any) -> Callable[[int], None] | None:
        """What to tell :attr:`on_stuck` when ``what`` (a hook, an import, a report format) of
        ``plugin`` goes on after its time limit."""
        if self.on_stuck is None:
            return None
        report = self.on_stuck

        def told(interruptions: int) -> None:
            report(Problem("internal", f"internal error in plugin {plugin!r}: {what} ran past its time limit and did "
                           f"not stop when interrupted {interruptions} times; the run was abandoned and no report "
                           "was written", _hook_location(plugin, function), plugin=plugin,
                           hint="the plugin catches every exception (a bare `except:`); report this to its authors, "
                           f"and run without it with --disable-plugin {plugin}"), interruptions)
        return told

    # -- collecting ----------------------------------------------------------------
    def _each(self, hook_name: str) -> list[tuple[str, Callable[..., Any], Any]]:
        """Call one hook on every plugin separately, so that one failure names its plugin:
        (plugin, hook function, what it returned) for each that did not raise."""
        results: list[tuple[str, Callable[..., Any], Any]] = []
        hook = getattr(self.manager.hook, hook_name)
        for impl in hook.get_hookimpls():  # in registration order: built-in rules first, first id wins
            name = impl.plugin_name
            try:
                with plugin_code(), time_limit(self.timeout, self.stuck(name, f"hook {hook_name}", impl.function)):
                    results.append((name, impl.function, impl.function()))
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # noqa: BLE001 - a plugin's failure of any kind is reported, not raised
                self.problems.append(internal_problem(name, None, f"hook {hook_name} raised", exc, impl.function))
        return results

    def rules(self) -> list[Rule]:
        """Every rule of every plugin (Python rules and declarative packs), ids unique.

        Collected once (rule packs are files to read and validate) and again only after a
        plugin is registered: the command line asks before a check (to check ``--select``)
        and the check asks again."""
        registered = frozenset(map(id, self.manager.get_plugins()))
        if self._rules is None or self._rules[0] != registered:
            self._rules = (registered, self._collect_rules())
        return list(self._rules[1])

    def _collect_rules(self) -> list[Rule]:
        from ipcheck.rules.declarative import PackError

        collected: list[Rule] = []
        for plugin, function, result in self._each("ipcheck_rules"):
            if not isinstance(result, (list, tuple)) or not all(map(_is_rule, result)):
                wrong = result if not isinstance(result, (list, tuple)) else next(r for r in result if not _is_rule(r))
                self.problems.append(Problem("internal", f"plugin {plugin!r}: ipcheck_rules returned "
                                             f"{_describe(wrong)}, not a list of Rule",
                                             _hook_location(plugin, function), plugin=plugin,
                                             hint="build rules with ipcheck.rules.api.rule"))
                continue
            collected += [dataclasses.replace(r, meta=dataclasses.replace(r.meta, plugin=plugin)) for r in result]
        for plugin, function, paths in self._each("ipcheck_rule_packs"):
            if paths is None:
                continue
            if not isinstance(paths, (list, tuple)) or not all(isinstance(p, (str, PathLike)) for p in paths):
                self.problems.append(Problem("internal", f"plugin {plugin!r}: ipcheck_rule_packs returned "
                                             f"{_describe(paths)}, not a list of paths",
                                             _hook_location(plugin, function), plugin=plugin,
                                             hint="return [Path(__file__).parent / 'packs' / 'my-pack.yaml']"))
                continue
            for path in paths:
                try:
                    collected += _load_pack(Path(path), plugin)
                except PackError as exc:
                    self.problems += exc.problems
                except Exception as exc:  # noqa: BLE001 - a pack the checks above let through is still only its plugin's
                    self.problems.append(internal_problem(plugin, None, f"rule pack {path} cannot be compiled", exc,
                                                          source=f"{path}:1"))
        rank = {name: index for index, (name, _) in enumerate(self.manager.list_name_plugin())}
        collected.sort(key=lambda r: rank.get(r.meta.plugin, len(rank)))  # the first plugin's id wins
        unique: dict[str, Rule] = {}
        for rule in collected:
            # Built-in rules are checked by the test suite (tests/plugins/test_rule_meta.py), not at each start.
            if rule.meta.plugin != BUILTIN and (wrong := _meta_problem(rule.meta)):
                self.problems.append(Problem("internal", f"plugin {rule.meta.plugin!r}: {wrong}; the rule is skipped",
                                             rule_location(rule), plugin=rule.meta.plugin, rule=str(rule.id)))
            elif rule.id in unique:
                first = unique[rule.id].meta.plugin
                self.problems.append(Problem("internal", f"plugin {rule.meta.plugin!r}: rule id {rule.id} is "
                                             f"already defined by plugin {first!r}; this one is skipped",
                                             rule_location(rule), plugin=rule.meta.plugin, rule=rule.id))
            else:
                unique[rule.id] = rule
        return sorted(unique.values(), key=lambda r: r.id)

    def extension_fields(self) -> dict[str, ExtensionField]:
        """The extension fields (``x-...``) the plugins claim, by name: the first plugin to
        claim a name keeps it. A claim that is not an ``x-`` name, or whose schema pydantic
        cannot validate with, is its plugin's internal problem."""
        from pydantic import PydanticUserError, TypeAdapter

        from ipcheck.load.extensions import NAME

        found: dict[str, ExtensionField] = {}
        for plugin, function, result in self._each("ipcheck_extension_fields"):
            if result is None:
                continue
            if not isinstance(result, Mapping):
                self.problems.append(Problem("internal", f"plugin {plugin!r}: ipcheck_extension_fields returned "
                                             f"{_describe(result)}, not a mapping of x- names to schemas",
                                             _hook_location(plugin, function), plugin=plugin,
                                             hint='return {"x-acme": AcmeFields}, a pydantic model or type'))
                continue
            for name, schema in result.items():
                wrong = ""
                if not isinstance(name, str) or not NAME.fullmatch(name):
                    wrong = (f"extension field name {name!r:.60} is not x- followed by letters, digits, - and _ "
                             "(x-acme)")
                elif name in found:
                    wrong = f"extension field {name} is already defined by plugin {found[name].plugin!r}"
                else:
                    try:
                        found[name] = ExtensionField(plugin, name, TypeAdapter(schema), function)
                    except (PydanticUserError, TypeError, ValueError) as exc:
                        wrong = f"extension field {name}: pydantic cannot validate with {schema!r:.60}: {exc}"
                if wrong:
                    self.problems.append(Problem("internal", f"plugin {plugin!r}: {wrong}; the field is skipped",
                                                 _hook_location(plugin, function), plugin=plugin,
                                                 hint="claim names of your own (x-<plugin>) with a pydantic model "
                                                      "or type as each one's schema"))
        return found

    def formats(self) -> dict[str, PluginFormat]:
        """Every report format, the built-in ones first: registered through the same hook,
        the first plugin to name a format keeps it."""
        found: dict[str, PluginFormat] = {}
        for plugin, _, result in self._each("ipcheck_report_formats"):
            if not isinstance(result, dict):
                continue
            for name, render in result.items():
                if isinstance(name, str) and name not in found and callable(render):
                    found[name] = PluginFormat(plugin, name, render, self.timeout,
                                               self.stuck(plugin, f"report format {name!r}", render))
        return found


@dataclass(frozen=True, slots=True)
class PluginFormat:
    """A report format a plugin adds: its render function, run as plugin code."""

    plugin: str
    name: str
    function: Callable[..., Any]
    timeout: float = DEFAULT_SECONDS
    on_stuck: Callable[[int], None] | None = None

    @property
    def binary(self) -> bool:
        """A document (bytes) that needs ``--output``, not text."""
        from ipcheck.report.formats import is_binary

        return is_binary(self.function)

    def render(self, report: Any) -> str | bytes | Problem:
        """The report as text (bytes for a binary format), or the internal problem of a render
        that fails, runs past its time limit or returns something else."""
        try:
            with plugin_code(), time_limit(self.timeout, self.on_stuck):
                text = self.function(report)
            if not isinstance(text, bytes if self.binary else str):
                raise TypeError(f"returned {_describe(text)}, not {'bytes' if self.binary else 'text'}")
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # noqa: BLE001 - a plugin's failure is reported, not raised
            return internal_problem(self.plugin, None, f"report format {self.name!r} failed", exc, self.function)
        return text


def _is_rule(value: Any) -> bool:
    """A :class:`Rule` made the documented way: its meta a :class:`RuleMeta`, its check callable."""
    return isinstance(value, Rule) and isinstance(value.meta, RuleMeta) and callable(value.check)


def _describe(value: Any) -> str:
    text = repr(value)
    return f"{type(value).__name__} {text[:60]}{'...' if len(text) > 60 else ''}"


_PACKS: dict[tuple[str, str, int, int], list[Rule]] = {}


def _load_pack(path: Path, plugin: str) -> list[Rule]:
    """A rule pack, compiled once per process while the file is unchanged (rules are immutable):
    a program or test suite that checks many declarations does not parse the packs each time."""
    from ipcheck.rules.declarative import load_pack

    try:
        stat = path.stat()
    except OSError:
        return load_pack(path, plugin)  # raises the located PackError
    key = (str(path.resolve()), plugin, stat.st_mtime_ns, stat.st_size)
    if key not in _PACKS:
        _PACKS[key] = load_pack(path, plugin)
    return _PACKS[key]


def _text_problem(value: object) -> str:
    """Why a rule's text is not one: the reason a mapping of languages was refused, or its type."""
    from ipcheck.i18n import text

    if isinstance(value, Mapping):
        try:
            text(value)  # type: ignore[arg-type]
        except (ValueError, TypeError, AttributeError) as exc:
            return f"{dict(value)!r:.60}: {exc}"
    return f"{type(value).__name__}, not text"


def _meta_problem(meta: RuleMeta) -> str:
    """What is wrong with a rule's documentation, if anything (reports rely on these values)."""
    from ipcheck.i18n import placeholder_mismatch
    from ipcheck.vocabulary import PROTECTIONS, SEVERITIES, STAGES

    if not isinstance(meta.id, str) or not RULE_ID.fullmatch(meta.id):
        return f"rule id {meta.id!r} is not a prefix of capital letters followed by three digits"
    if meta.plugin != BUILTIN and meta.id.startswith(RESERVED_PREFIX):
        return (f"rule id {meta.id} starts with {RESERVED_PREFIX!r}, a prefix reserved for ipcheck's built-in rules; "
                "give the plugin's rules a prefix of its own (ACME001)")
    if meta.help_url is not None and not (isinstance(meta.help_url, str) and HELP_URL.fullmatch(meta.help_url)):
        return f"rule {meta.id}: help_url {meta.help_url!r} is not an http(s) address"
    for name in ("title", "rationale", "fails", "passes", "fix", "source"):
        if not isinstance(getattr(meta, name), str):
            return f"rule {meta.id}: {name} is {_text_problem(getattr(meta, name))}"
    if not isinstance(meta.messages, Mapping) or not all(isinstance(m, str) for m in meta.messages.values()):
        return f"rule {meta.id}: messages are not a mapping of names to texts"
    for name, value in (("title", meta.title), ("fix", meta.fix), *meta.messages.items()):
        mismatch = placeholder_mismatch(value)
        if mismatch:
            return f"rule {meta.id}: {name}: {mismatch}"
    if meta.severity not in SEVERITIES:
        return f"rule {meta.id}: severity {meta.severity!r} is not one of {', '.join(SEVERITIES)}"
    if meta.stage is not None and meta.stage not in STAGES:
        return f"rule {meta.id}: stage {meta.stage!r} is not one of {', '.join(STAGES)} (or None)"
    if meta.protection is not None and meta.protection not in PROTECTIONS:
        return f"rule {meta.id}: protection {meta.protection!r} is not one of {', '.join(PROTECTIONS)} (or None)"
    if not isinstance(meta.clauses, tuple) or not all(isinstance(c, str) for c in meta.clauses):
        return f"rule {meta.id}: clauses are not a tuple of citations"
    from ipcheck.rules.api import CATEGORIES
    from ipcheck.rules.clauses import EDITIONS

    if not isinstance(meta.editions, tuple) or not meta.editions or not set(meta.editions) <= set(EDITIONS):
        return f"rule {meta.id}: editions {meta.editions!r} are not a tuple of {', '.join(EDITIONS)}"
    if meta.category not in CATEGORIES:
        return f"rule {meta.id}: category {meta.category!r} is not one of {', '.join(CATEGORIES)}"
    return ""


def rule_location(rule: Rule) -> Location:
    """Where a rule is defined (its pack entry or its decorator), for problems about it."""
    file, _, line = str(rule.meta.source).rpartition(":")
    return Location(file or rule.meta.plugin, int(line) if line.isdigit() else 1, 1)


_MACHINERY = ("plugins.py", "check.py", "timelimit.py", "rules/engine.py", "rules/declarative.py",
              "rules/conditions.py")


def _machinery(filename: str) -> bool:
    """Frames of the import system and of ipcheck's own rule-running code, never the culprit."""
    if filename.startswith("<"):
        return True
    path = Path(filename).as_posix()
    here = Path(__file__).resolve().parent.as_posix()
    return any(path == f"{here}/{name}" for name in _MACHINERY)


def internal_problem(plugin: str, rule: str | None, what: str, exc: BaseException,
                     func: Callable[..., Any] | None = None, source: str = "") -> Problem:
    """An internal-error problem for an exception raised by plugin code, located in that code:
    the line of a syntax error, else the innermost frame in the file of ``func``, else
    ``source`` ("path:line", where the rule is defined), else the innermost frame outside
    ipcheck's machinery, else where ``func`` is defined."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if not _machinery(f.filename)]
    code = getattr(func, "__code__", None)
    own = [f for f in frames if code is not None and f.filename == code.co_filename]
    if isinstance(exc, SyntaxError) and exc.filename:
        location = Location(exc.filename, exc.lineno or 1, exc.offset or 1)
    elif own:
        location = Location(own[-1].filename, own[-1].lineno or 1, (own[-1].colno or 0) + 1)
    elif source and source.rpartition(":")[2].isdigit():
        file, _, line = source.rpartition(":")
        location = Location(file, int(line), 1)
    elif frames:
        location = Location(frames[-1].filename, frames[-1].lineno or 1, (frames[-1].colno or 0) + 1)
    else:
        location = _hook_location(plugin, func)
    subject = f"rule {rule} of plugin {plugin!r}" if rule else f"plugin {plugin!r}"
    return Problem("internal", f"internal error in {subject}: {what}: {type(exc).__name__}: {exc}", location,
                   hint="report this to the plugin's authors; the other rules ran", plugin=plugin, rule=rule)


def _not_found(spec: str, exc: BaseException) -> Problem | None:
    """A plugin named with ``--plugin`` (or in the configuration) that does not exist: a
    usage error (exit 2), not a failure of the plugin's code (exit 3)."""
    if spec.endswith(".py") or "/" in spec:
        path = Path(spec)
        if path.is_file() and path.suffix == ".py":
            return None
        what = "not a Python file (*.py)" if path.exists() else "no such file"
    elif isinstance(exc, ModuleNotFoundError) and exc.name and (spec == exc.name or spec.startswith(exc.name + ".")):
        what = f"no module named {exc.name!r} in this environment"
    else:
        return None  # the module exists and failed: the plugin's own error
    return Problem("config", f"plugin {spec!r} cannot be loaded: {what}", Location(spec, 1, 1),
                   hint="name a module installed here (pip install the plugin's distribution) or a path to a .py file")


def _import_path(spec: str) -> ModuleType:
    if spec.endswith(".py") or "/" in spec:
        path = Path(spec).resolve()
        # Two files of one name in different folders are two plugins: the module name says which.
        name = f"ipcheck_plugin_{path.stem}_{hashlib.sha1(str(path).encode()).hexdigest()[:8]}"
        module_spec = importlib.util.spec_from_file_location(name, path)
        if module_spec is None or module_spec.loader is None:
            raise ImportError(f"cannot import {spec}")
        module = importlib.util.module_from_spec(module_spec)
        sys.modules[name] = module
        module_spec.loader.exec_module(module)
        return module
    return importlib.import_module(spec)


def load_plugins(extra: list[str] = (), *, entry_point_plugins: bool = True,  # type: ignore[assignment]
                 disabled: Iterable[str] = (), timeout: float = DEFAULT_SECONDS,
                 on_stuck: Callable[[Problem, int], None] | None = None) -> Plugins:
    """Create the plugin manager and register the built-in rules, installed plugins and ``extra``.

    ``disabled`` names plugins not to load (``--disable-plugin``, ``disable_plugins:``): an
    entry point or its distribution, or a plugin of ``extra`` by its name or as written.
    Installed plugins are not loaded at all when ``entry_point_plugins`` is False or
    :data:`AUTOLOAD_OFF` is set. Each import, and later each hook and report format, may run
    ``timeout`` seconds (``on_stuck``: see :attr:`Plugins.on_stuck`)."""
    manager = pluggy.PluginManager("ipcheck")
    manager.add_hookspecs(hookspecs)
    plugins = Plugins(manager, timeout=timeout, on_stuck=on_stuck)
    off = set(disabled)

    from ipcheck.rules import builtin

    manager.register(builtin, name=BUILTIN)
    plugins.info.append(PluginInfo(BUILTIN, __version__, "built-in", builtin.__name__))
    if BUILTIN in off:
        plugins.problems.append(Problem("config", f"plugin {BUILTIN!r} holds the built-in rules and cannot be "
                                        "disabled", Location(BUILTIN, 1, 1),
                                        hint="leave rules out with --ignore (--ignore IPP for the patent rules)"))

    if entry_point_plugins and not autoload_disabled():
        for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
            dist = ep.dist
            version = dist.version if dist is not None else ""
            origin = f"entry point of {dist.metadata['Name']}" if dist is not None else "entry point"
            if off & {ep.name, dist.metadata["Name"] if dist is not None else ep.name}:
                plugins.info.append(PluginInfo(ep.name, version, origin, ep.value, state="disabled"))
                continue
            _register(plugins, ep.name, version, origin, ep.value, ep.load, _declared_need(dist))

    seen: set[str] = set()
    for spec in extra:
        is_file = spec.endswith(".py") or "/" in spec
        key = str(Path(spec).resolve()) if is_file else spec
        if key in seen:  # named twice (configuration and command line): loaded once
            continue
        seen.add(key)
        name = Path(spec).stem if spec.endswith(".py") else spec
        if off & {name, spec}:
            plugins.info.append(PluginInfo(name, "", "--plugin", spec, state="disabled"))
            continue
        if manager.has_plugin(name):  # two files of one name: the second is known by its path
            name = spec
        _register(plugins, name, "", "--plugin", spec, lambda spec=spec: _import_path(spec))
    return plugins


def _declared_need(dist: Any) -> str:
    """The ipcheck versions an installed plugin says it needs (``ipcheck>=0.3`` from its
    distribution's requirements), or empty."""
    for requirement in (getattr(dist, "requires", None) or []) if dist is not None else []:
        match = re.match(r"\s*ipcheck\s*(\(?\s*[<>=!~][^;]*)", requirement, re.IGNORECASE)
        if match:
            return "ipcheck" + match.group(1).strip().strip("()").replace(" ", "")
    return ""


def _register(plugins: Plugins, name: str, version: str, origin: str, location: str,
              importer: Callable[[], Any], needs: str = "") -> None:
    module = None
    try:
        with plugin_code(), time_limit(plugins.timeout, plugins.stuck(name, "its import", None)):
            module = importer()
        if plugins.manager.is_registered(module):  # e.g. an installed plugin also named with --plugin
            return
        plugins.manager.register(module, name=name)
    except KeyboardInterrupt:
        raise
    except pluggy.PluginValidationError as exc:  # a hook whose arguments are not the hook's
        plugins.problems.append(_invalid_hook(name, module, exc))
        plugins.info.append(PluginInfo(name, version, origin, location, state="failed"))
        return
    except BaseException as exc:  # noqa: BLE001 - a plugin that fails to import, however, is reported
        missing = _not_found(location, exc) if origin == "--plugin" else None
        plugins.problems.append(missing or internal_problem(name, None, "failed to load", exc))
        plugins.info.append(PluginInfo(name, version, origin, location, state="failed"))
        return
    misspelt, newer = _unknown_hooks(name, module, needs or str(getattr(module, "IPCHECK_REQUIRES", "")))
    plugins.problems += misspelt
    plugins.warnings += newer
    version = version or str(getattr(module, "__version__", ""))
    plugins.info.append(PluginInfo(name, version, origin, location))


def _hook_location(plugin: str, function: Any) -> Location:
    """Where a plugin's function is defined (its decorator line), else the plugin's name."""
    code = getattr(function, "__code__", None)
    return Location(code.co_filename, code.co_firstlineno, 1) if code is not None else Location(plugin, 1, 1)


def _invalid_hook(name: str, module: Any, exc: pluggy.PluginValidationError) -> Problem:
    """A hook implementation pluggy refuses, located at the function and said in one line."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    hook = next((h for h in HOOKS if h in str(exc)), None)
    function = getattr(module, hook, None) if hook else None
    return Problem("internal", f"internal error in plugin {name!r}: failed to load: {lines[0] if lines else exc}"
                   f"{': ' + lines[-1] if len(lines) > 1 else ''}",
                   _hook_location(name, function), plugin=name,
                   hint="declare the hook with the arguments of its specification (see ipcheck.hookspecs), or fewer")


def _unknown_hooks(name: str, module: Any, needs: str) -> tuple[list[Problem], list[Problem]]:
    """Functions marked ``@ipcheck.hookimpl`` whose name is no hook of this version: (misspelt
    hooks, which never run: internal errors; hooks of a newer ipcheck: warnings).

    A hook is taken for a newer version's when the plugin says so: marked
    ``@hookimpl(optionalhook=True)``, or the plugin declares the ipcheck it needs (``needs``:
    its distribution's requirement, or ``IPCHECK_REQUIRES`` in the module); or when its name is
    near no hook this version has."""
    from ipcheck.load.build import did_you_mean

    misspelt, newer = [], []
    for attribute in sorted(vars(module) if hasattr(module, "__dict__") else ()):
        function = getattr(module, attribute, None)
        marker = getattr(function, "ipcheck_impl", None)
        if marker is None or attribute in HOOKS:
            continue
        near = did_you_mean(attribute, HOOKS)
        location = _hook_location(name, function)
        if near and not needs and not marker.get("optionalhook"):
            misspelt.append(Problem("internal", f"plugin {name!r}: {attribute} is marked @hookimpl but is no "
                                    "ipcheck hook, so it never runs", location, plugin=name, hint=near))
            continue
        need = f"; the plugin needs {needs}" if needs else ""
        newer.append(Problem("warning", f"plugin {name!r}: {attribute} is a hook ipcheck {__version__} does not know, "
                             f"so it is not called{need}", location, plugin=name,
                             hint="upgrade ipcheck to get all of the plugin (the rest of it runs)"))
    return misspelt, newer
