"""The yamale peer: validate every document of a declaration folder against the yamale
schema of its kind (``yamale_schema/kinds.yaml``), as a yamale user would. Shape only:
no references, no dates in order, no rules.

    python bench/yamale_check.py DIR      # exit 0 if every document is valid, 1 otherwise
"""

from __future__ import annotations

import sys
from pathlib import Path

import yamale

SCHEMA = Path(__file__).parent / "yamale_schema" / "kinds.yaml"


class Schemas:
    """One yamale schema per (kind, form): a list of ``items``, or one item's fields at the root."""

    def __init__(self) -> None:
        documents = SCHEMA.read_text(encoding="utf-8").split("\n---\n")[1:]
        self.includes = "\n---\n".join(documents)
        self.fields: dict[str, list[str]] = {}
        for doc in documents:
            head, *lines = doc.strip("\n").split("\n")
            self.fields[head.rstrip(":")] = [line[2:] for line in lines]
        self.cache: dict[tuple[str, bool], object] = {}

    def get(self, kind: str, many: bool) -> object:
        key = (kind, many)
        if key not in self.cache:
            root = ["apiVersion: str(required=False)", f"kind: enum('{kind}')"]
            root += [f"items: list(include('{kind}'))"] if many else self.fields[kind]
            self.cache[key] = yamale.make_schema(content="\n".join(root) + "\n---\n" + self.includes)
        return self.cache[key]


def check(root: Path) -> int:
    schemas = Schemas()
    errors = 0
    files = sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    for path in files:
        for data, _ in yamale.make_data(str(path)):
            if not data:
                continue
            kind = data.get("kind")
            if kind not in schemas.fields:
                print(f"{path}: unknown kind {kind!r}", file=sys.stderr)
                errors += 1
                continue
            result = schemas.get(kind, "items" in data).validate(data, str(path), True)
            if not result.isValid():
                errors += 1
                print(str(result)[:500], file=sys.stderr)
    return errors


if __name__ == "__main__":
    sys.exit(1 if check(Path(sys.argv[1])) else 0)
