"""Configuration: ``ipcheck.yaml`` in the checked folder, or ``[tool.ipcheck]`` in ``pyproject.toml``.

Keys (all optional)::

    select: [IPS, IPP001]          # rule ids or prefixes to run (default: all)
    ignore: [IPO]                  # rule ids or prefixes not to run
    fail_on: minor                 # major | minor | observation | never
    edition: "2023"                # the edition of GB/T 29490 audited against: 2023 (default) | 2013
    severity: {IPO003: minor}      # per-rule (or prefix) severity overrides
    per_file_ignores: {"registers/legacy/*": [IPP]}   # rules ignored for files matching a glob
    exclude: ["drafts/*"]          # declaration files not to read
    plugins: [my_rules]            # extra plugin modules or .py files
    disable_plugins: [acme]        # plugins not to load (installed ones by entry-point name)
    rule_options: {IPO010: {months: 6}}
    lang: zh-CN                    # en | zh-CN: the language of reports (default: from the locale)
    rule_timeout: 20               # seconds before a rule is stopped and reported (at most a day)
    max_file_bytes: 50331648
    max_findings: 10000            # findings a report lists at the most (the most severe; counts include all)
    root: ..                       # repository root for SARIF/Code Climate paths (default: git top level)
    waivers:                       # accepted findings, with who approved them and until when
      - {rule: IPP004, subject: PAT-0042, justification: "...", approved_by: "...", expires: 2027-03-31}

Command-line options override the file.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ipcheck.findings import MAX_FINDINGS, Location, Problem
from ipcheck.timelimit import DEFAULT_SECONDS
from ipcheck.i18n import Lang
from ipcheck.load import DEFAULT_MAX_FILE_BYTES
from ipcheck.load.build import did_you_mean, show_value
from ipcheck.load.yamlfile import Position, YamlSyntaxError, load_small
from ipcheck.vocabulary import FailOn, Severity

CONFIG_FILE = "ipcheck.yaml"
PYPROJECT = "pyproject.toml"
CONFIG_FILES = (CONFIG_FILE, PYPROJECT)
"""The files a folder's configuration is read from, the first found (see :func:`find_config`)."""
MAX_CONFIG_BYTES = 256 * 1024
"""Larger configuration files are refused: a configuration is a few KB, and reading megabytes
of it, or a device such as /dev/zero, would only hang the run (locating an error in a file of
this size already takes ruamel.yaml seconds)."""


def _plugin_name(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("plugin_name", "a plugin is a module name or a .py file, not an empty string")
    return value


PluginName = Annotated[str, AfterValidator(_plugin_name)]


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank_text", "is only white space; write it out")
    return value


NonBlank = Annotated[str, AfterValidator(_not_blank)]


class Waiver(BaseModel):
    """An accepted finding: which rule, on which subject or path, why, who approved, until when.

    A waiver that names neither a subject nor a path silences every finding of its rule (or
    prefix): it must say so with ``rule_wide: true``."""

    model_config = ConfigDict(extra="forbid", strict=True)

    rule: str = Field(min_length=1)
    subject: str | None = None
    path: str | None = None
    """A glob of declaration files the waiver covers, when it names no subject."""
    rule_wide: bool = False
    """Set to waive every finding of ``rule``, when the waiver names neither subject nor path."""
    justification: NonBlank = Field(min_length=1)
    approved_by: NonBlank = Field(min_length=1)
    expires: dt.date

    @model_validator(mode="after")
    def _scoped(self) -> Waiver:
        if self.subject is None and self.path is None and not self.rule_wide:
            raise PydanticCustomError("waiver_scope", "waiver of {rule} names neither a subject nor a path, so it "
                                      "would waive every finding of {rule}", {"rule": self.rule})
        return self
    _line: int = PrivateAttr(default=1)
    """The line of the configuration file the waiver is written at (where an expired one is reported)."""

    @property
    def line(self) -> int:
        return self._line


class Config(BaseModel):
    """Everything that shapes a run; see the module docstring for the file format."""

    model_config = ConfigDict(extra="forbid", strict=True)

    select: list[str] = []
    ignore: list[str] = []
    fail_on: FailOn = "minor"
    edition: Literal["2023", "2013"] = "2023"
    severity: dict[str, Severity] = {}
    per_file_ignores: dict[str, list[str]] = {}
    exclude: list[str] = []
    plugins: list[PluginName] = []
    disable_plugins: list[PluginName] = []
    rule_options: dict[str, dict[str, Any]] = {}
    rule_timeout: float = Field(default=DEFAULT_SECONDS, gt=0, le=86400)
    max_file_bytes: int = Field(default=DEFAULT_MAX_FILE_BYTES, gt=0)
    max_findings: int = Field(default=MAX_FINDINGS, gt=0)
    """Findings every report format lists at the most: the most severe; the report says how
    many it leaves out (see :data:`ipcheck.findings.MAX_FINDINGS`)."""
    waivers: list[Waiver] = []
    lang: Lang | None = None
    """The language of every text the run shows; None: the user's locale decides (see
    :func:`ipcheck.i18n.lang_from_environment`)."""
    root: str | None = None
    """The repository root that SARIF and Code Climate paths are relative to (relative to this
    file; default: the git top level above the checked folder)."""
    source: str | None = Field(default=None, exclude=True)
    """The file the configuration was read from, if any."""
    _plugin_positions: list[tuple[int, int]] = PrivateAttr(default_factory=list)
    """Line and column of each ``plugins`` entry in :attr:`source` (where a refusal points)."""
    _option_positions: dict[tuple[str, ...], tuple[int, int]] = PrivateAttr(default_factory=dict)

    @property
    def option_positions(self) -> dict[tuple[str, ...], tuple[int, int]]:
        """Line and column in :attr:`source` of each ``rule_options`` key: ``(rule,)`` and
        ``(rule, option)`` (where :mod:`ipcheck.rules.options` points a mistake)."""
        return self._option_positions

    @field_validator("edition", mode="before")
    @classmethod
    def _edition_text(cls, value: Any) -> Any:
        """``edition: 2023`` is read as a number: it names the edition all the same."""
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @field_validator("select", "ignore")
    @classmethod
    def _upper(cls, value: list[str]) -> list[str]:
        return [v.strip().upper() for v in value if v.strip()]


class ConfigError(Exception):
    """The configuration cannot be used (exit 2); ``problems`` are located."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


def find_config(folder: Path) -> Path | None:
    """``ipcheck.yaml`` in the folder, else a ``pyproject.toml`` with ``[tool.ipcheck]``."""
    candidate = folder / CONFIG_FILE
    if candidate.is_file():
        return candidate
    pyproject = folder / PYPROJECT
    if pyproject.is_file():
        try:
            with pyproject.open("rb") as file:
                head = file.read(MAX_CONFIG_BYTES + 1)
        except OSError:
            return pyproject  # load_config says why it cannot be read
        # one over the limit is returned too, for load_config to refuse rather than skip unread
        if b"[tool.ipcheck" in head or len(head) > MAX_CONFIG_BYTES:
            return pyproject
    return None


def _read_config(path: Path, shown: str) -> str:
    """The text of a configuration file: a regular file of at most :data:`MAX_CONFIG_BYTES`,
    of which at most one byte more is read, so that /dev/zero or a huge file is refused at once."""
    def refuse(message: str, hint: str = "") -> ConfigError:
        return ConfigError([Problem("config", message, Location(shown, 1, 1), hint=hint)])

    try:  # opened without blocking: opening a FIFO would otherwise wait for a writer
        with os.fdopen(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)),
                       "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                raise refuse("configuration file is not a regular file",
                             hint="give the path of an ipcheck.yaml or pyproject.toml file")
            raw = file.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise refuse(f"cannot read configuration: {exc}") from None
    if len(raw) > MAX_CONFIG_BYTES:
        limit = f"{MAX_CONFIG_BYTES // 1024} KB"
        raise refuse(f"configuration file is larger than {limit}",
                     hint=f"a configuration is a few KB, far under the {limit} limit: check that this is the right file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise refuse(f"cannot read configuration: {exc}") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")  # as text mode reads it


def load_config(path: Path | None) -> Config:
    """Read and validate the configuration file (or defaults when ``path`` is None)."""
    if path is None:
        return Config()
    shown = str(path)
    text = _read_config(path, shown)
    if path.name == PYPROJECT:
        data, positions = _from_pyproject(shown, text)
    else:
        data, positions = _from_yaml(shown, text)
    config = validate_config(data, shown, positions)
    for index, waiver in enumerate(config.waivers):
        waiver._line = positions(("waivers", index))[0]
    # plugin files named in the configuration are relative to it, not to the current folder
    plugins = [str(path.parent / spec) if is_plugin_file(spec) and not Path(spec).is_absolute()
               else spec for spec in config.plugins]
    root = str(path.parent / config.root) if config.root is not None else None
    loaded = config.model_copy(update={"source": shown, "plugins": plugins, "root": root})
    loaded._plugin_positions = [positions(("plugins", index)) for index in range(len(plugins))]
    loaded._option_positions = {
        path: positions(("rule_options", *path), key=True)
        for rule, options in config.rule_options.items() for path in [(rule,), *((rule, name) for name in options)]}
    return loaded


def is_plugin_file(spec: str) -> bool:
    """Whether a plugin is named by its file (``./rules.py``, ``lib/rules``) rather than its module."""
    return spec.endswith(".py") or "/" in spec or "\\" in spec


ALLOW_CONFIG_PLUGINS_ENV = "IPCHECK_ALLOW_CONFIG_PLUGINS"
"""Set to ``1`` by a pipeline that trusts the configuration it checks, as ``--allow-config-plugins``."""


def config_plugins_allowed(flag: bool) -> bool:
    """Whether plugins named in a configuration file may load: ``--allow-config-plugins``
    or :data:`ALLOW_CONFIG_PLUGINS_ENV` set to ``1``, ``true`` or ``yes``."""
    return flag or os.environ.get(ALLOW_CONFIG_PLUGINS_ENV, "").strip().lower() in ("1", "true", "yes")


def trusted_config_plugins(config: Config, allowed: bool) -> list[str]:
    """The plugins the configuration file names, once it is established that they may load.

    A configuration file arrives with the declaration (a pull request may change it), and
    a plugin is code: it loads only when the run allows it (``allowed``). A plugin file
    outside the repository of the configuration file is refused even then. Raise
    :class:`ConfigError`, located at each refused entry."""
    from ipcheck.repository import is_inside, repository_root

    if not config.plugins or config.source is None:
        return list(config.plugins)
    source = Path(config.source)
    repository = repository_root(source.parent)
    positions = config._plugin_positions or [(1, 1)] * len(config.plugins)
    problems = []
    for spec, (line, column) in zip(config.plugins, positions, strict=True):
        where = Location(config.source, line, column)
        if is_plugin_file(spec) and not is_inside(Path(spec), repository):
            problems.append(Problem("config", f"configuration: plugins: {spec} lies outside the repository "
                                    f"{repository}; it is not loaded", where,
                                    hint="keep plugin files in the repository, or install the plugin and name "
                                    "its module"))
        elif not allowed:
            problems.append(Problem("config", f"configuration: plugins: {spec!r} is code named in a configuration "
                                    "file, which a pull request can change; it is loaded only when the run "
                                    "allows it", where,
                                    hint=f"pass --allow-config-plugins (or set {ALLOW_CONFIG_PLUGINS_ENV}=1) where "
                                    "the configuration is trusted, or name the plugin with --plugin"))
    if problems:
        raise ConfigError(problems)
    return list(config.plugins)


def validate_config(data: Any, shown: str = "configuration", positions: Position | None = None) -> Config:
    """The configuration from its keys and values (as read from ``shown``); raise :class:`ConfigError`,
    located by ``positions`` (line and column of a key path) when given."""
    try:
        return Config.model_validate(data or {})
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            line, column = positions(loc, key=error["type"] == "extra_forbidden") if positions else (1, 1)
            field = ".".join(map(str, loc))
            msg = f"configuration: {field}: {error['msg'][0].lower()}{error['msg'][1:]}, got {show_value(error.get('input'))}"
            hint = "see `ipcheck check --help` and docs/configuration.md"
            if error["type"].startswith("date"):
                hint = "write dates as YYYY-MM-DD, with a real month and day"
            if error["type"] == "plugin_name":
                msg = f"configuration: {field}: {error['msg']}"
                hint = "name a plugin module (acme_rules) or file (./local_rules.py), or remove the empty entry"
            if error["type"] == "blank_text":
                msg = f"configuration: {field}: {error['msg']}"
                hint = "a waiver says why the finding is accepted and who approved it"
            if error["type"] == "waiver_scope":
                msg = f"configuration: {field}: {error['msg']}"
                hint = "name the item (subject: PAT-0042) or the files (path: \"registers/legacy/*\"), or write " \
                       "rule_wide: true if the whole rule is meant"
            if error["type"] == "extra_forbidden":
                msg = f"configuration: unknown key {field!r}"
                hint = did_you_mean(str(loc[-1]), Config.model_fields) or hint
            problems.append(Problem("config", msg, Location(shown, line, column), hint=hint))
        raise ConfigError(problems) from None


def _from_yaml(shown: str, text: str) -> tuple[Any, Position]:
    try:
        return load_small(shown, text)
    except YamlSyntaxError as exc:
        raise ConfigError([Problem("config", f"configuration: {exc}",
                                   Location(shown, exc.line, exc.column), hint=exc.hint)]) from None


def _from_pyproject(shown: str, text: str) -> tuple[Any, Any]:
    try:
        document = tomllib.loads(text)
    except ValueError as exc:
        if not isinstance(exc, tomllib.TOMLDecodeError):  # tomllib turns digits into int(): 4,300 at most
            digits = next((m for m in re.finditer(r"[0-9][0-9_]*", text) if len(m.group()) > 4300), None)
            line, column = _line_column(text, digits.start()) if digits else (1, 1)
            raise ConfigError([Problem("config", "pyproject.toml holds an integer of more than 4,300 digits",
                                       Location(shown, line, column),
                                       hint="a configuration value is a few digits at most; write a number in range")]) from None
        raise ConfigError([Problem("config", f"pyproject.toml is not valid TOML: {exc}", Location(shown, 1, 1))]) from None
    except RecursionError:  # tomllib reads nested arrays and tables recursively
        raise ConfigError([Problem("config", "pyproject.toml nests too deeply to be read", Location(shown, 1, 1),
                                   hint="a configuration nests a level or two; simplify the file")]) from None
    tool = document.get("tool", {})
    data = tool.get("ipcheck", {}) if isinstance(tool, dict) else None
    if not isinstance(data, dict):  # `tool = 1`, `[tool]` with `ipcheck = 5`, `[[tool.ipcheck]]`
        written = re.compile(r'\s*(\[\[\s*tool\s*\.\s*ipcheck\b|[^#]*\bipcheck"?\s*=)' if isinstance(tool, dict)
                             else r'\s*"?tool"?\s*=')
        line = next((i for i, row in enumerate(text.splitlines(), 1) if written.match(row)), 1)
        raise ConfigError([Problem("config", "[tool.ipcheck] is not a table", Location(shown, line, 1),
                                   hint="write the configuration as keys under a [tool.ipcheck] header")])
    header = next((i for i, line in enumerate(text.splitlines(), 1) if line.strip().startswith("[tool.ipcheck")), 1)
    return data, lambda loc, key=False: (header, 1)  # tomllib gives no positions: the table's header


def _line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset in ``text``."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1
