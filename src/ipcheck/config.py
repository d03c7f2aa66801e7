"""Configuration: ``ipcheck.yaml`` in the checked folder, or ``[tool.ipcheck]`` in ``pyproject.toml``.

Keys (all optional)::

    select: [IPS, IPP001]          # rule ids or prefixes to run (default: all)
    ignore: [IPO]                  # rule ids or prefixes not to run
    fail_on: minor                 # major | minor | observation | never
    severity: {IPO003: minor}      # per-rule (or prefix) severity overrides
    per_file_ignores: {"registers/legacy/*": [IPP]}   # rules ignored for files matching a glob
    exclude: ["drafts/*"]          # declaration files not to read
    plugins: [my_rules]            # extra plugin modules or .py files
    rule_options: {IPO010: {months: 6}}
    rule_timeout: 20               # seconds before a rule is stopped and reported (at most a day)
    max_file_bytes: 50331648
    waivers:                       # accepted findings, with who approved them and until when
      - {rule: IPP004, subject: PAT-0042, justification: "...", approved_by: "...", expires: 2027-03-31}

Command-line options override the file.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ipcheck.findings import Location, Problem
from ipcheck.load import DEFAULT_MAX_FILE_BYTES
from ipcheck.load.build import did_you_mean, show_value
from ipcheck.load.yamlfile import Position, YamlSyntaxError, load_small
from ipcheck.vocabulary import FailOn, Severity

CONFIG_FILE = "ipcheck.yaml"


class Waiver(BaseModel):
    """An accepted finding: which rule, on which subject or path, why, who approved, until when."""

    model_config = ConfigDict(extra="forbid", strict=True)

    rule: str = Field(min_length=1)
    subject: str | None = None
    path: str | None = None
    """A glob of declaration files the waiver covers, when it names no subject."""
    justification: str = Field(min_length=1)
    approved_by: str = Field(min_length=1)
    expires: dt.date


class Config(BaseModel):
    """Everything that shapes a run; see the module docstring for the file format."""

    model_config = ConfigDict(extra="forbid", strict=True)

    select: list[str] = []
    ignore: list[str] = []
    fail_on: FailOn = "minor"
    severity: dict[str, Severity] = {}
    per_file_ignores: dict[str, list[str]] = {}
    exclude: list[str] = []
    plugins: list[str] = []
    rule_options: dict[str, dict[str, Any]] = {}
    rule_timeout: float = Field(default=20.0, gt=0, le=86400)
    max_file_bytes: int = Field(default=DEFAULT_MAX_FILE_BYTES, gt=0)
    waivers: list[Waiver] = []
    source: str | None = Field(default=None, exclude=True)
    """The file the configuration was read from, if any."""

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
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file() and "[tool.ipcheck" in pyproject.read_text(encoding="utf-8", errors="replace"):
        return pyproject
    return None


def load_config(path: Path | None) -> Config:
    """Read and validate the configuration file (or defaults when ``path`` is None)."""
    if path is None:
        return Config()
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([Problem("config", f"cannot read configuration: {exc}", Location(shown, 1, 1))]) from None
    if path.name == "pyproject.toml":
        data, positions = _from_pyproject(shown, text)
    else:
        data, positions = _from_yaml(shown, text)
    try:
        config = Config.model_validate(data or {})
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            line, column = positions(loc, key=error["type"] == "extra_forbidden")
            field = ".".join(map(str, loc))
            msg = f"configuration: {field}: {error['msg'][0].lower()}{error['msg'][1:]}, got {show_value(error.get('input'))}"
            hint = "see `ipcheck check --help` and docs/configuration.md"
            if error["type"] == "extra_forbidden":
                msg = f"configuration: unknown key {field!r}"
                hint = did_you_mean(str(loc[-1]), Config.model_fields) or hint
            problems.append(Problem("config", msg, Location(shown, line, column), hint=hint))
        raise ConfigError(problems) from None
    # plugin files named in the configuration are relative to it, not to the current folder
    plugins = [str(path.parent / spec) if (spec.endswith(".py") or "/" in spec) and not Path(spec).is_absolute()
               else spec for spec in config.plugins]
    return config.model_copy(update={"source": shown, "plugins": plugins})


def _from_yaml(shown: str, text: str) -> tuple[Any, Position]:
    try:
        return load_small(shown, text)
    except YamlSyntaxError as exc:
        raise ConfigError([Problem("config", f"configuration: {exc}",
                                   Location(shown, exc.line, exc.column), hint=exc.hint)]) from None


def _from_pyproject(shown: str, text: str) -> tuple[Any, Any]:
    try:
        data = tomllib.loads(text).get("tool", {}).get("ipcheck", {})
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([Problem("config", f"pyproject.toml is not valid TOML: {exc}", Location(shown, 1, 1))]) from None
    except RecursionError:  # tomllib reads nested arrays and tables recursively
        raise ConfigError([Problem("config", "pyproject.toml nests too deeply to be read", Location(shown, 1, 1),
                                   hint="a configuration nests a level or two; simplify the file")]) from None
    header = next((i for i, line in enumerate(text.splitlines(), 1) if line.strip().startswith("[tool.ipcheck")), 1)
    return data, lambda loc, key=False: (header, 1)  # tomllib gives no positions: the table's header
