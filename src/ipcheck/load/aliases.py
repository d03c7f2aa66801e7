"""How much a file's aliases expand to, before the fast parser builds it.

yaml-rs limits alias expansion by *events* (:data:`ipcheck.load.parse._ALIAS_LIMITS`): a
billion-laughs file of short scalars is refused. But one event may be a long scalar: a
100 KB file anchoring a 100 KB scalar and nesting six levels of five aliases expands to
1.5 GB of text (measured: 5.4 GB of memory). So a file that uses aliases is first composed
by ruamel.yaml, which keeps an alias as a reference to its anchored node (no copy), and the
text the file stands for is counted once per node (memoized): linear in the file. Over
:data:`EXPANDED_TEXT_LIMIT` it is refused, located at the anchor that weighs most.

Composing is pure Python (about 1 s per MB), so it is done only for files that contain an
alias, up to :data:`COMPOSED_AT_MOST`; a larger file with aliases is refused, with a hint.
"""

from __future__ import annotations

import re
from typing import Any

ALIAS = re.compile(r"\*(?<=[\s\[{,:]\*)([^\s\[\]{},]+)")
"""A possible alias (``*name`` where a node may start, ``"k":*a`` in JSON style too);
literal first, so the scan is fast."""
ANCHOR = re.compile(r"&(?<=[\s\[{,:]&)([^\s\[\]{},]+)")
"""A possible anchor (``&name``)."""

EXPANDED_TEXT_LIMIT = 64 * 1024 * 1024
"""Characters of scalar text a file may stand for once its aliases are expanded."""

COMPOSED_AT_MOST = 2 * 1024 * 1024
"""Largest file that uses aliases which is composed to weigh them."""


def alias_problem(text: str) -> tuple[str, int, int, str] | None:
    """``(message, line, column, hint)`` when the aliases of ``text`` expand too far, or
    cannot be weighed; None when the file has no alias or expands within the limit."""
    aliases = set(ALIAS.findall(text)) if "*" in text else set()
    if not aliases or not aliases & set(ANCHOR.findall(text)):  # "a *bold* word" is text, not an alias
        return None
    if len(text) > COMPOSED_AT_MOST:
        return ((f"this file uses aliases (*name) and is over {COMPOSED_AT_MOST // (1024 * 1024)} MB: their "
                 "expansion cannot be bounded cheaply"), 1, 1,
                "write the aliased values out, or split the file into smaller ones")
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        documents = list(YAML(typ="rt", pure=True).compose_all(text))
    except RecursionError:
        return ("anchors and aliases in a file nested this deeply cannot be weighed", 1, 1,
                "flatten the file or write the aliased values out")
    except Exception as exc:  # noqa: BLE001 - any text ruamel.yaml cannot compose cannot be weighed
        # yaml-rs may still read it (a tab after an anchor, a %YAML 2.0 directive): refused,
        # since its aliases could expand without bound; a plain syntax error is located.
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) if isinstance(exc, YAMLError) else None
        return ("this file uses aliases (*name) in a form whose expansion cannot be weighed"
                + (f": {problem}" if problem else ""),
                (mark.line + 1) if mark else 1, (mark.column + 1) if mark else 1,
                "write the aliased values out, or write the file in plain block style")
    weight: dict[int, int] = {}
    anchored: list[Any] = []
    total = sum(_weigh(doc, weight, anchored) for doc in documents if doc is not None)
    if total <= EXPANDED_TEXT_LIMIT:
        return None
    heaviest = max(anchored, key=lambda node: weight[id(node)], default=None)
    mark = heaviest.start_mark if heaviest is not None else None
    return (f"aliases expand this file to {total:,} characters of text, over the limit of {EXPANDED_TEXT_LIMIT:,}",
            (mark.line + 1) if mark else 1, (mark.column + 1) if mark else 1,
            "the file expands anchors and aliases far beyond its size; write the values out")


def _weigh(root: Any, weight: dict[int, int], anchored: list[Any]) -> int:
    """Characters of scalar text under ``root`` with every alias expanded, each node weighed
    once (a node reached again through an alias reuses its weight); depth first, no recursion."""
    stack: list[tuple[Any, bool]] = [(root, False)]
    open_: set[int] = set()  # nodes whose children are being weighed (an alias back to one is a cycle)
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if key in weight or (key in open_ and not children_done):
            continue
        value = node.value
        if isinstance(value, str):  # a scalar
            weight[key] = len(value)
        else:
            children = [n for pair in value for n in pair] if value and isinstance(value[0], tuple) else list(value)
            if not children_done:
                open_.add(key)
                stack.append((node, True))
                stack.extend((child, False) for child in children if id(child) not in weight)
                continue
            open_.discard(key)
            weight[key] = sum(weight.get(id(child), 0) for child in children)
        if getattr(node, "anchor", None):
            anchored.append(node)
    return weight[id(root)]
