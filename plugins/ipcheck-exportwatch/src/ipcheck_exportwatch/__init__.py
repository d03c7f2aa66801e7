"""Export-market watch rules for ipcheck.

ipcheck finds this module through the entry point ``exportwatch`` in group ``ipcheck``
and calls the hooks below: two Python rules (:mod:`.rules`), one declarative rule pack
(``packs/export-watch.yaml``) and one extension field of the declaration, ``x-exportwatch``
(:mod:`.fields`). Every rule id starts with ``EXW``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ipcheck import hookimpl
from ipcheck.rules.api import API_VERSION, Rule

__version__ = "1.0.0"

if API_VERSION != 1:  # the rule API this plugin is written against
    raise ImportError(f"ipcheck-exportwatch {__version__} needs ipcheck's rule API 1, this ipcheck has {API_VERSION}")

PACKS = Path(__file__).resolve().parent / "packs"


@hookimpl
def ipcheck_rules() -> list[Rule]:
    from ipcheck_exportwatch.rules import RULES

    return RULES


@hookimpl
def ipcheck_rule_packs() -> list[Path]:
    return sorted(PACKS.glob("*.yaml"))


@hookimpl
def ipcheck_extension_fields() -> dict[str, Any]:
    from ipcheck_exportwatch.fields import FIELDS

    return FIELDS
