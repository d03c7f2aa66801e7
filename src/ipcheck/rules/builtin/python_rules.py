"""Built-in Python rules: checks that need more than a declarative pack can say.

Each module of this package (one per stage or protection type) defines its rules with
:func:`ipcheck.rules.api.rule`; every :class:`~ipcheck.rules.api.Rule` a module defines is
collected here, ordered by id, with no list kept by hand. (A module that builds rules with
a factory lists them in a module-level ``RULES``; those are collected too.)
"""

from __future__ import annotations

import importlib
import pkgutil

from ipcheck.rules import builtin
from ipcheck.rules.api import Rule


def _collect() -> list[Rule]:
    rules: list[Rule] = []
    for module_info in pkgutil.iter_modules(builtin.__path__):
        if module_info.name == "python_rules":
            continue
        module = importlib.import_module(f"{builtin.__name__}.{module_info.name}")
        found = vars(module).values()
        rules += [value for value in found if isinstance(value, Rule)]
        rules += [r for r in getattr(module, "RULES", []) if isinstance(r, Rule)]
    return sorted({id(r): r for r in rules}.values(), key=lambda r: r.id)


RULES: list[Rule] = _collect()
