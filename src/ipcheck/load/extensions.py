"""Extension fields: the ``x-`` fields of declared items, which plugins own.

Loading keeps an item's ``x-`` fields as written, apart from the item (:func:`split_extensions`;
the item's model would refuse them as unknown fields). Once the plugins are known,
:func:`check_extensions` validates each against the schema of the plugin that claims it
(hook ``ipcheck_extension_fields``), locates every value of the wrong shape and every field
no plugin claims, and leaves the declaration holding the validated values, read-only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ipcheck.findings import Location, Problem
from ipcheck.i18n import Text, did_you_mean, filled

if TYPE_CHECKING:
    from pydantic import TypeAdapter

    from ipcheck.model.declaration import Declaration

PREFIX = "x-"
NAME = re.compile(r"x-[A-Za-z0-9][A-Za-z0-9_-]*")
"""The name of an extension field a plugin may claim (``x-acme``, ``x-acme-docket``)."""

MESSAGES: dict[str, dict[str, str]] = {
    "unknown": {
        "en": "{where}: unknown extension field {name}: no enabled plugin defines it",
        "zh-CN": "{where}：未知的扩展字段 {name}：已启用的插件均未定义该字段",
    },
    "unknown.hint": {
        "en": "load the plugin that defines it (`ipcheck plugins` lists the plugins loaded), or remove the field",
        "zh-CN": "请加载定义该字段的插件（`ipcheck plugins` 列出已加载的插件），或删除该字段",
    },
    "invalid": {
        "en": "{where}: extension field {field} (plugin {plugin}): {detail}, got {value}",
        "zh-CN": "{where}：扩展字段 {field}（插件 {plugin}）：{detail}，实为 {value}",
    },
    "invalid.hint": {
        "en": "the plugin {plugin} defines the shape of {name}; its documentation describes it",
        "zh-CN": "{name} 的结构由插件 {plugin} 规定，详见该插件的文档",
    },
}
"""Every message of this module, in English and Chinese."""

DETAILS: dict[str, dict[str, str]] = {
    "missing": {"en": "a required field is missing", "zh-CN": "缺少必填字段"},
    "extra_forbidden": {"en": "unknown field", "zh-CN": "未知字段"},
    "string_type": {"en": "should be text", "zh-CN": "应为文本"},
    "int_type": {"en": "should be a whole number", "zh-CN": "应为整数"},
    "int_parsing": {"en": "should be a whole number", "zh-CN": "应为整数"},
    "float_type": {"en": "should be a number", "zh-CN": "应为数字"},
    "bool_type": {"en": "should be true or false", "zh-CN": "应为 true 或 false"},
    "list_type": {"en": "should be a list", "zh-CN": "应为列表"},
    "tuple_type": {"en": "should be a list", "zh-CN": "应为列表"},
    "dict_type": {"en": "should be a mapping", "zh-CN": "应为映射（键: 值）"},
    "model_type": {"en": "should be a mapping", "zh-CN": "应为映射（键: 值）"},
    "model_attributes_type": {"en": "should be a mapping", "zh-CN": "应为映射（键: 值）"},
    "date_type": {"en": "should be a date (YYYY-MM-DD)", "zh-CN": "应为日期（YYYY-MM-DD）"},
    "date_from_datetime_inexact": {"en": "should be a date (YYYY-MM-DD)", "zh-CN": "应为日期（YYYY-MM-DD）"},
    "literal_error": {"en": "should be one of {expected}", "zh-CN": "应为以下之一：{expected}"},
}
"""What a value of the wrong shape is told, by pydantic's error type; other errors give
pydantic's own words."""


def message(key: str, **values: object) -> Text:
    """The message ``key`` in every language, its placeholders filled."""
    return filled(MESSAGES[key], values)


def is_extension(key: object) -> bool:
    """Whether a field name is an extension field's (``x-...``)."""
    return isinstance(key, str) and key.startswith(PREFIX)


def split_extensions(data: Any) -> tuple[Any, dict[str, Any]]:
    """An item's fields without its extension fields, and those fields (as written)."""
    if not isinstance(data, dict):
        return data, {}
    found = {key: value for key, value in data.items() if is_extension(key)}
    if not found:
        return data, {}
    return {key: value for key, value in data.items() if not is_extension(key)}, found


@dataclass(frozen=True, slots=True)
class ExtensionField:
    """An extension field a plugin claims: its name, and the validator of its schema."""

    plugin: str
    name: str
    adapter: TypeAdapter[Any]
    hook: Callable[..., Any] | None = None
    """The plugin's ``ipcheck_extension_fields``, where problems of the schema are located."""


class NotFrozen(TypeError):
    """A schema gave a model that rules could change (its model is not frozen)."""


def read_only(value: Any) -> Any:
    """A validated value that no rule can change: lists and tuples become tuples, mappings
    read-only mappings, sets frozen sets, all the way down; a pydantic model must be frozen
    (:class:`NotFrozen` otherwise), and its fields are made read-only in place."""
    from pydantic import BaseModel

    if isinstance(value, (list, tuple)):
        return tuple(read_only(entry) for entry in value)
    if isinstance(value, Mapping):
        return MappingProxyType({key: read_only(entry) for key, entry in value.items()})
    if isinstance(value, (set, frozenset)):
        return frozenset(read_only(entry) for entry in value)
    if isinstance(value, BaseModel):
        if not value.model_config.get("frozen"):
            raise NotFrozen(f"its schema gives a {type(value).__name__}, a model that is not frozen, so rules could "
                            "change it")
        for name, entry in list(value.__dict__.items()):
            value.__dict__[name] = read_only(entry)
        return value
    return value


def check_extensions(decl: Declaration, fields: Mapping[str, ExtensionField]) -> list[Problem]:
    """Validate every extension field of ``decl`` against the schema of the plugin that claims
    it (``fields``, by name); ``decl.extensions`` then holds the validated values, read-only.
    Returns the problems: a field no plugin claims and a value of the wrong shape (load
    problems, located at the field or the value), a schema that gives a value rules could
    change (an internal problem of its plugin)."""
    from pydantic import ValidationError

    problems: list[Problem] = []
    checked: dict[str, dict[str, Any]] = {}
    for item_id, written in decl.extensions.items():
        kept: dict[str, Any] = {}
        for name, value in written.items():
            owner = fields.get(name)
            if owner is None:
                problems.append(_unknown(decl, item_id, name, list(fields)))
                continue
            try:
                kept[name] = read_only(owner.adapter.validate_python(value))
            except ValidationError as exc:
                problems += [_invalid(decl, item_id, owner, error) for error in exc.errors(include_url=False)]
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # noqa: BLE001 - the schema is plugin code: its failure is its plugin's
                from ipcheck.plugins import internal_problem

                problems.append(internal_problem(owner.plugin, None, f"extension field {name} of {item_id!r} cannot "
                                                 "be validated", exc, owner.hook))
                if not isinstance(exc, Exception):  # past the time limit: the rest is not validated
                    break
        if kept:
            checked[item_id] = kept
    decl.extensions = MappingProxyType({item_id: MappingProxyType(kept)  # type: ignore[assignment]
                                        for item_id, kept in checked.items()})
    return problems


def _where(decl: Declaration, item_id: str) -> str:
    return f"{type(decl.by_id[item_id]).__name__} {item_id!r}"


def _locate(decl: Declaration, item_id: str, path: tuple[str | int, ...], *, key: bool = False) -> Location:
    if decl.locator is None:
        return decl.locate(item_id)
    return decl.locator.locate(decl.origins[item_id], path, key=key)


def _unknown(decl: Declaration, item_id: str, name: str, claimed: list[str]) -> Problem:
    from ipcheck.load.build import show_value

    near = {lang: did_you_mean(name, claimed, lang) for lang in ("en", "zh-CN")}
    hint = Text(near["en"], {"zh-CN": near["zh-CN"]}) if near["en"] else message("unknown.hint")
    return Problem("load", message("unknown", where=_where(decl, item_id), name=show_value(name)),
                   _locate(decl, item_id, (name,), key=True), hint=hint, value=show_value(name))


def _invalid(decl: Declaration, item_id: str, owner: ExtensionField, error: Any) -> Problem:
    from ipcheck.load.build import show_value

    path = (owner.name, *error["loc"])
    value = error.get("input")
    expected = {"expected": str(error.get("ctx", {}).get("expected", ""))}
    detail = filled(DETAILS[error["type"]], expected) if error["type"] in DETAILS else Text(error["msg"])
    text = message("invalid", where=_where(decl, item_id), field=repr(".".join(map(str, path))),
                   plugin=repr(owner.plugin), detail=detail, value=show_value(value))
    at = path if error["type"] != "missing" else path[:-1]
    return Problem("load", text, _locate(decl, item_id, at, key=error["type"] == "extra_forbidden"),
                   hint=message("invalid.hint", plugin=repr(owner.plugin), name=owner.name), value=show_value(value))
