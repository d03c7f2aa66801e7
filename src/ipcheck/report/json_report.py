"""The JSON report: :meth:`Report.to_dict`, the shape fixed in the contract, as text.

Its JSON Schema is published beside this module as ``report.schema.json``.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from ipcheck.report.model import Report
from ipcheck.report.text import visible_json

SCHEMA_FILE = "report.schema.json"


def render_json(report: Report) -> str:
    """The report as indented JSON, keys in contract order, non-ASCII kept as is (but for
    the characters :func:`~ipcheck.report.text.visible` escapes)."""
    return visible_json(report.to_dict(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def report_schema() -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) that every JSON report validates against."""
    text = resources.files("ipcheck.report").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
