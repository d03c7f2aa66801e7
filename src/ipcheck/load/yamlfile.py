"""Small YAML files read with positions (the configuration, rule packs), and ruamel.yaml's
round-trip data as plain Python data.

:func:`load_small` parses such a file as safely as a declaration file (nesting, tags and
aliases bounded, see :mod:`ipcheck.load.parse`); the line and column of its keys and
values come from ruamel.yaml's round-trip loader, and only when an error needs them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

Position = Callable[..., tuple[int, int]]
"""``position(path, key=False)``: 1-based (line, column) of a path of keys and indexes."""


class YamlSyntaxError(Exception):
    """The text is not valid YAML (or not YAML ipcheck reads); ``line`` and ``column`` are 1-based."""

    def __init__(self, message: str, line: int = 1, column: int = 1, hint: str = "") -> None:
        super().__init__(message)
        self.line, self.column, self.hint = line, column, hint


def load_small(name: str, text: str) -> tuple[Any, Position]:
    """The one document of a small YAML file as plain data, and its positions (see
    :func:`load_with_positions`); raise :class:`YamlSyntaxError` for text that is not one
    document ipcheck reads. ``name`` is the file's name, for messages."""
    from ipcheck.findings import Problem
    from ipcheck.load.parse import (
        DOC_START,
        DOC_START_AFTER_NEWLINE,
        content_before_markers,
        parse_text,
    )

    documents = parse_text(name, text)
    if isinstance(documents, Problem):
        raise YamlSyntaxError(documents.message, documents.location.line, documents.location.column,
                              documents.hint)
    if len(documents) > 1:
        markers = [0] if DOC_START.match(text) else []
        markers += [m.start() + 1 for m in DOC_START_AFTER_NEWLINE.finditer(text)]
        second = markers[0 if content_before_markers(text) else 1]
        raise YamlSyntaxError(f"{len(documents)} YAML documents, where one is read",
                              text.count("\n", 0, second) + 1, 1, "remove the `---` line")
    found: list[Position] = []

    def position(path: tuple[Any, ...], key: bool = False) -> tuple[int, int]:
        if not found:
            try:
                found.append(load_with_positions(text)[1])
            except (ValueError, OverflowError):  # a value ruamel cannot build: 2027-02-30, 5,000 digits
                found.append(node_positions(text))
            except YamlSyntaxError:
                found.append(lambda path, key=False: (1, 1))
        return found[0](path, key=key)

    return (documents[0] if documents else None), position


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
        plain_data = plain(data)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlSyntaxError(str(exc.problem), *((mark.line + 1, mark.column + 1) if mark else (1, 1))) from None
    except YAMLError as exc:
        raise YamlSyntaxError(str(exc)) from None
    except RecursionError:
        raise YamlSyntaxError("YAML nests too deeply") from None

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

    return plain_data, position


def node_positions(text: str) -> Position:
    """The ``position`` of :func:`load_with_positions`, from ruamel.yaml's nodes alone, for a
    text whose values cannot all be built (a date like 2027-02-30, which ruamel refuses with
    ValueError, or an integer over Python's 4,300-digit limit): nothing is constructed, so
    every value still has its line and column; (1, 1) if the text cannot be composed."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    try:
        root = YAML(typ="rt").compose(text)
    except (YAMLError, RecursionError, ValueError):
        return lambda path, key=False: (1, 1)

    def position(path: tuple[Any, ...], key: bool = False) -> tuple[int, int]:
        node, mark = root, None
        for n, step in enumerate(path):
            if isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                node = node.value[step]
                mark = node.start_mark
            elif isinstance(node, MappingNode) and isinstance(step, str):
                pair = next(((k, v) for k, v in reversed(node.value) if k.value == step), None)
                if pair is None:
                    break
                mark = (pair[0] if key and n == len(path) - 1 else pair[1]).start_mark
                node = pair[1]
            else:
                break
        return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)

    return position
