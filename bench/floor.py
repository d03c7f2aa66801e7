"""The floor: parse every YAML file of a folder with the fastest parsers reachable from
Python, doing nothing else. ``yaml_rs`` builds Python objects (as ipcheck needs);
``ryml`` (rapidyaml) only builds its own tree, which makes it a lower bound still;
``ryml_json`` is the fastest way found to get Python data out of rapidyaml (its tree
emitted as JSON, read by the standard library's C JSON parser; dates stay strings).

    python bench/floor.py yaml_rs DIR
    python bench/floor.py ryml DIR
    python bench/floor.py ryml_json DIR

Like ``ipcheck check``, every parser runs with the cyclic garbage collector paused (and what
it built frozen, so that the collection Python makes at exit skips it): parsed data has no
cycles, and without the pause yaml-rs alone takes 1.5 s instead of 1.0 s at 100,000 entries.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path


def files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def parse_yaml_rs(root: Path) -> int:
    import yaml_rs

    count = 0
    for path in files(root):
        data = yaml_rs.loads(path.read_bytes().decode("utf-8-sig"), parse_datetime=True)
        count += len(data) if isinstance(data, list) else 1
    return count


def parse_ryml(root: Path) -> int:
    import ryml

    count = 0
    for path in files(root):
        tree = ryml.parse_in_arena(path.read_bytes())
        count += tree.size()
    return count


def parse_ryml_json(root: Path) -> int:
    import json

    import ryml

    count = 0
    for path in files(root):
        tree = ryml.parse_in_arena(path.read_bytes())
        data = json.loads(ryml.emit_json_malloc(tree, tree.root_id()))
        count += len(data) if isinstance(data, list) else 1
    return count


PARSERS = {"yaml_rs": parse_yaml_rs, "ryml": parse_ryml, "ryml_json": parse_ryml_json}


def available() -> list[str]:
    """The parsers installed here."""
    import importlib.util

    return [name for name in PARSERS if importlib.util.find_spec(name.split("_json")[0]) is not None]


if __name__ == "__main__":
    gc.disable()
    PARSERS[sys.argv[1]](Path(sys.argv[2]))
    gc.freeze()
