"""Small YAML files read with positions (the configuration, rule packs), and ruamel.yaml's
round-trip data as plain Python data.

These files are small, so they are read with ruamel.yaml's round-trip loader, which
keeps the line and column of every key and item for error messages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

Position = Callable[..., tuple[int, int]]
"""``position(path, key=False)``: 1-based (line, column) of a path of keys and indexes."""


class YamlSyntaxError(Exception):
    """The text is not valid YAML; ``line`` and ``column`` are 1-based."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.line, self.column = line, column


def plain(node: Any) -> Any:
    """ruamel's commented containers and scalar subclasses, as plain Python data."""
    if isinstance(node, dict):
        return {str(k) if isinstance(k, str) else k: plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, dt.datetime):
        return dt.datetime(*node.timetuple()[:6], node.microsecond, tzinfo=node.tzinfo)
    return node


def load_with_positions(text: str) -> tuple[Any, Position]:
    """Plain data of a one-document YAML text, and a function giving the 1-based (line,
    column) of a path of keys and indexes in it: of its value, or with ``key=True`` of its
    last key; of the deepest part that exists when the path leads past what is written."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        data = YAML(typ="rt").load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlSyntaxError(str(exc.problem), *((mark.line + 1, mark.column + 1) if mark else (1, 1))) from None
    except YAMLError as exc:
        raise YamlSyntaxError(str(exc)) from None

    def position(path: tuple[Any, ...], key: bool = False) -> tuple[int, int]:
        node, line, column = data, 0, 0
        for n, step in enumerate(path):
            try:
                if not isinstance(step, str):
                    line, column = node.lc.item(step)
                elif key and n == len(path) - 1:
                    line, column = node.lc.key(step)
                else:
                    line, column = node.lc.value(step)
                node = node[step]
            except (AttributeError, KeyError, IndexError, TypeError):
                break
        return line + 1, column + 1

    return plain(data), position
