"""JSON Schema (Draft 2020-12) of the declaration format, for ``ipcheck schema`` and editors.

Generated from the pydantic models, so it cannot drift from what the loader accepts. A
document is selected by its ``kind`` (if/then), then is either one item or ``items:``.
"""

from __future__ import annotations

import copy
from typing import Any

from pydantic.json_schema import models_json_schema

from ipcheck.model.kinds import KINDS

API_VERSION = "ipcheck/v1"
SCHEMA_ID = "https://ipcheck.readthedocs.io/schema/declaration-v1.json"


EXTENSION_FIELDS = {"^x-": {"description": "An extension field, owned and validated by a plugin (see docs/plugins.md)."}}
"""Fields of any item whose name starts with ``x-``: their shape is their plugin's to say."""


def declaration_schema() -> dict[str, Any]:
    """The schema one YAML document of a declaration must satisfy."""
    _, top = models_json_schema([(model, "validation") for model in KINDS.values()], ref_template="#/$defs/{model}")
    defs: dict[str, Any] = top["$defs"]
    envelope = {"apiVersion": {"const": API_VERSION, "description": "Format version (optional)."}}
    branches = []
    for name in KINDS:
        model_schema = defs[name]
        model_schema["patternProperties"] = EXTENSION_FIELDS
        single = copy.deepcopy(model_schema)
        single["properties"] = {"kind": {"const": name}, **envelope, **single["properties"]}
        single["required"] = ["kind", *single.get("required", [])]
        single["additionalProperties"] = False
        many = {
            "type": "object",
            "properties": {"kind": {"const": name}, **envelope,
                           "items": {"type": "array", "items": {"$ref": f"#/$defs/{name}"},
                                     "description": f"A list of {name} items."}},
            "required": ["kind", "items"],
            "additionalProperties": False,
        }
        branches.append({
            "if": {"properties": {"kind": {"const": name}}, "required": ["kind"]},
            "then": {"oneOf": [single, many], "description": model_schema.get("description", "")},
        })
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "ipcheck declaration document",
        "description": "One YAML document of an enterprise's declared IP management system: "
        "a `kind` and either one item's fields or `items:`, a list of items of that kind.",
        "type": "object",
        "required": ["kind"],
        "properties": {"kind": {"enum": list(KINDS)}},
        "allOf": branches,
        "$defs": defs,
    }
