"""Materialise a defect fixture: a copy of the exemplar with the edits of ``fixtures/defects/NAME.yaml``.

A defect file says what it breaks and what ipcheck must find::

    description: The working group has no leader from top management
    edits:
      - {file: startup/working-group.yaml, id: WG-01, set: {leader: P-0042}}
      - {file: registers/patents.yaml, id: PAT-0007, unset: [annuity_due]}
      - {file: manual/procedures.yaml, id: PR-12, remove: true}
      - {file: review/2026.yaml, delete: true}
      - {file: people/new.yaml, write: "kind: Person\\nid: P-9\\nname: X\\n"}
    expected:
      - {rule: IP101, severity: major, stage: startup, protection: null, location: "startup/working-group.yaml:7"}

An optional ``edition: "2013"`` checks the copy against that edition (default 2023), for a
requirement only one edition has.

Edits are made with ruamel.yaml's round-trip mode, so comments and layout of the
exemplar are kept and the line numbers of untouched items do not move.
Run ``python tests/defects/apply.py NAME OUT`` to look at a copy.
"""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[2]
EXEMPLAR = ROOT / "fixtures" / "exemplar"
DEFECTS = ROOT / "fixtures" / "defects"


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def read_defect(name: str) -> dict[str, Any]:
    return YAML(typ="safe").load((DEFECTS / f"{name}.yaml").read_text(encoding="utf-8"))


def _find(docs: list[Any], item_id: str) -> tuple[Any, Any, Any]:
    """(container, key or index, item) of the item with that id."""
    for index, doc in enumerate(docs):
        if not isinstance(doc, dict):
            continue
        if doc.get("id") == item_id:
            return docs, index, doc
        for i, item in enumerate(doc.get("items") or []):
            if isinstance(item, dict) and item.get("id") == item_id:
                return doc["items"], i, item
    raise KeyError(f"no item {item_id!r}")


def apply_edits(folder: Path, edits: list[dict[str, Any]]) -> None:
    """Make the edits in order; a file several edits change is read and written once."""
    yaml = _yaml()
    edited: dict[Path, list[Any]] = {}
    for edit in edits:
        path = folder / edit["file"]
        if edit.get("delete"):
            edited.pop(path, None)
            path.unlink()
            continue
        if "write" in edit:
            edited.pop(path, None)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(edit["write"], encoding="utf-8")
            continue
        if path not in edited:
            edited[path] = list(yaml.load_all(path.read_text(encoding="utf-8")))
        docs = edited[path]
        container, key, item = _find(docs, edit["id"])
        if edit.get("remove"):
            del container[key]
        for field, value in (edit.get("set") or {}).items():
            item[field] = value
        for field in edit.get("unset") or []:
            item.pop(field, None)
    for path, docs in edited.items():
        out = io.StringIO()
        yaml.dump_all([d for d in docs if d is not None], out)
        path.write_text(out.getvalue(), encoding="utf-8")


def materialise(name: str, out: Path) -> Path:
    """Copy the exemplar to ``out`` and apply the defect's edits; return ``out``."""
    shutil.copytree(EXEMPLAR, out)
    apply_edits(out, read_defect(name).get("edits") or [])
    return out


if __name__ == "__main__":
    print(materialise(sys.argv[1], Path(sys.argv[2])))
