"""The clause map (``rules/clauses.yaml``): topics rules cite, expanded to full citations."""

from __future__ import annotations

import functools
from typing import Any

from ipcheck.rules.packs import packs_dir


@functools.cache
def clause_map() -> dict[str, dict[str, str]]:
    """``{topic: {edition: clause}}`` as shipped."""
    import yaml_rs

    data: Any = yaml_rs.loads((packs_dir() / "clauses.yaml").read_text(encoding="utf-8"))
    return data["topics"]


def cite(topics: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Citations for ``topics``: each known topic expands to '<edition> <clause>' for every edition
    that covers it; anything else is taken as a citation already written out."""
    known = clause_map()
    out: list[str] = []
    for topic in topics:
        if topic in known:
            out += [f"{edition} {clause}" for edition, clause in known[topic].items()]
        else:
            out.append(topic)
    return tuple(dict.fromkeys(out))
