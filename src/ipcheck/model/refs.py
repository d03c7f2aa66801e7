"""References between declared items: a field that holds the id of another item.

A reference field is an ``Annotated[str, RefTo("Person")]``. The loader finds every such
field once per model (:func:`reference_fields`) and checks the targets: an id of the
wrong kind is a shape error; an id that names nothing is left to the rules.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel


@dataclass(frozen=True, slots=True)
class RefTo:
    """Marks a string field as the id of an item of one of ``kinds`` (empty: any kind)."""

    kinds: tuple[str, ...]

    def __init__(self, *kinds: str) -> None:
        object.__setattr__(self, "kinds", kinds)

    def accepts(self, kind: str) -> bool:
        return not self.kinds or kind in self.kinds

    def describe(self) -> str:
        """The kinds the reference may name, in English and Chinese ("Manual or Procedure" /
        "知识产权管理手册（Manual）或控制程序（Procedure）")."""
        from ipcheck.i18n import Text, term

        if not self.kinds:
            return Text("any kind", {"zh-CN": "任意类型"})
        chinese = "或".join(f"{term('kind', kind, 'zh-CN')}（{kind}）" for kind in self.kinds)
        return Text(" or ".join(self.kinds), {"zh-CN": chinese})


def Ref(*kinds: str) -> Any:
    """``Ref("Person")``: the type of a field holding the id of a Person."""
    return Annotated[str, RefTo(*kinds)]


@dataclass(frozen=True, slots=True)
class RefField:
    """Where a model holds references: ``name``; ``many`` for a list; ``nested`` for a sub-model."""

    name: str
    ref: RefTo | None
    many: bool
    nested: type[BaseModel] | None = None


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """Strip Optional and list: return (inner annotation, is_list)."""
    many = False
    while True:
        origin = get_origin(annotation)
        if origin in (Union, getattr(__import__("types"), "UnionType")):
            args = [a for a in get_args(annotation) if a is not type(None)]
            annotation = args[0]
        elif origin is list or (origin is tuple and get_args(annotation)[1:] == (Ellipsis,)):
            many = True
            annotation = get_args(annotation)[0]
        elif origin is Annotated and get_origin(get_args(annotation)[0]) in (list, tuple):  # Items[...]
            annotation = get_args(annotation)[0]
        else:
            return annotation, many


@functools.cache
def field_types(model: type[BaseModel]) -> dict[str, Any]:
    """The type of each field of ``model``, with its ``Annotated`` markers, as written: taken
    from what pydantic already resolved when it built the model (resolving the annotations
    again with :func:`typing.get_type_hints` costs some 20 ms at each start)."""
    return {name: Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation
            for name, field in model.model_fields.items()}


@functools.cache
def reference_fields(model: type[BaseModel]) -> tuple[RefField, ...]:
    """Every reference field of ``model``, and every sub-model field that holds references."""
    found: list[RefField] = []
    for name, hint in field_types(model).items():
        inner, many = _unwrap(hint)
        if get_origin(inner) is Annotated:
            refs = [m for m in get_args(inner)[1:] if isinstance(m, RefTo)]
            if refs:
                found.append(RefField(name, refs[0], many))
                continue
        if isinstance(inner, type) and issubclass(inner, BaseModel) and reference_fields(inner):
            found.append(RefField(name, None, many, nested=inner))
    return tuple(found)
