"""Every plugin hook ipcheck calls, in one place; each docstring is the hook's documentation.

A plugin is a module (or any object) with functions marked ``@ipcheck.hookimpl`` whose
names match the hooks below. Installed plugins are found through the ``ipcheck`` entry
point group; ``--plugin MODULE_OR_FILE`` and ``plugins:`` in the configuration add more.
The built-in rule sets are registered through these same hooks.

The hook API is versioned by :data:`ipcheck.rules.api.API_VERSION`; hooks and the types in
:mod:`ipcheck.rules.api` are public, everything else in ipcheck is private.

Every hook, like every rule and the plugin's import, runs under the configuration's time
limit (``rule_timeout``): one that hangs is interrupted and reported as its plugin's error.
A plugin may implement hooks a later ipcheck adds: this version warns that it does not call
them (mark them ``@hookimpl(optionalhook=True)``, or declare the ipcheck the plugin needs, so
that a name near a hook of this version is not taken for a misspelling). Plugins are switched
off with ``--disable-plugin NAME``, ``disable_plugins:`` or ``IPCHECK_DISABLE_PLUGIN_AUTOLOAD=1``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from ipcheck.config import Config
    from ipcheck.report.model import Report
    from ipcheck.rules.api import Rule

hookspec = pluggy.HookspecMarker("ipcheck")
hookimpl = pluggy.HookimplMarker("ipcheck")


@hookspec
def ipcheck_configure(config: Config) -> None:
    """Adjust the configuration before any rule runs.

    Called once per run, after ``ipcheck.yaml`` / ``pyproject.toml`` and the command
    line have been read. A plugin may set defaults for its own rule options
    (``config.rule_options["ACME001"] = {...}``) or add severity overrides; it should not
    undo what the user asked for on the command line.
    """


@hookspec
def ipcheck_rules() -> list[Rule]:
    """Return the Python rules this plugin provides.

    Each :class:`~ipcheck.rules.api.Rule` carries its documentation (:class:`RuleMeta`)
    and a ``check(ctx)`` function yielding :class:`Violation` objects. Rule ids carry the
    plugin's own prefix (``ACME001``). Build rules with :func:`ipcheck.rules.api.rule`.

    For ``ipcheck watch`` and ``ipcheck lsp``, which check again after each edit, a rule may
    say what it reads (``reads``, ``per_item``) and what it aggregates over the items of a
    kind (``summary``, a :class:`~ipcheck.rules.api.Summary` read with ``ctx.summary(...)``):
    it then runs again only when, and only on what, an edit changed. All are optional: a
    rule that declares nothing runs again in full on every check.
    """


@hookspec
def ipcheck_rule_packs() -> list[Path]:
    """Return paths of declarative rule packs (YAML files) this plugin provides.

    The format of a pack is described in ``docs/plugins.md`` and validated against
    ``ipcheck schema --rule-pack``; most rules can be written as data this way.
    """


@hookspec
def ipcheck_report_formats() -> dict[str, Callable[[Report], str | bytes]]:
    """Return report formats this plugin adds, as ``{name: render}``.

    ``render`` takes the finished :class:`~ipcheck.report.model.Report` and returns the
    report text; the name becomes a choice of ``--format``. A render marked with
    :func:`ipcheck.report.formats.binary` returns bytes (a document such as ``docx``): its
    format needs ``--output`` and is never written to a terminal. The built-in formats are
    registered through this hook first; their names cannot be replaced (the first plugin
    to name a format keeps it).
    """


@hookspec
def ipcheck_extension_fields() -> dict[str, Any]:
    """Return the extension fields this plugin owns, as ``{"x-name": schema}``.

    A declared item may carry fields whose name starts with ``x-`` (``x-acme: {...}``): data
    the format does not define, owned by a plugin. Each name this hook returns is claimed by
    this plugin (the first plugin to claim a name keeps it); its ``schema`` is a type pydantic
    validates: a pydantic model (``model_config = ConfigDict(frozen=True)``, since rules only
    read it), or a type such as ``str``, ``int``, ``tuple[str, ...]``, ``Literal[...]`` or
    ``datetime.date``. Names start with ``x-`` and, like field names, use letters, digits,
    ``-`` and ``_`` (``x-acme-docket``).

    When the declaration loads, every ``x-`` field of every item is validated against the
    schema of the plugin that claims it: a value of the wrong shape, or an ``x-`` field no
    enabled plugin claims, is an error of the declaration at its line and column (exit 2).
    The validated values are read-only (lists become tuples, mappings read-only mappings)
    and are what rules get from ``ctx.declaration.extension(item, "x-acme")`` (None when the
    item does not carry the field). Any other unknown field stays an error.

    New in this version of the hook API: an ipcheck before it warns that it does not call the
    hook (its ``x-`` fields are then unknown fields there); a plugin that uses it declares the
    ipcheck it needs.
    """
