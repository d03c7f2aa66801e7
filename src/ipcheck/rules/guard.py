"""Keeping a plugin's rule from changing the declaration that the other rules see.

Items are frozen models whose lists are tuples, so ordinary code cannot change them
(``patent.inventors.append(...)`` raises). A rule that forces its way in
(``object.__setattr__(item, ...)``, a write into ``item.__dict__``, an attribute of the
declaration replaced) is caught after it runs: what it changed is put back before the next
rule runs, and the rule is reported as failed. Only plugins' Python rules are watched:
the built-in rules and rule packs are ipcheck's own code.
"""

from __future__ import annotations

import functools
from typing import Any, get_args

from pydantic import BaseModel

from ipcheck.model.declaration import Declaration

_State = tuple[BaseModel, dict[str, Any], tuple[Any, ...], str]
"""A model, its ``__dict__``, the values that dictionary held, and the id of the item it is part of."""


@functools.cache
def _nested(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``model`` that may hold models (a sub-model, or a tuple of them): the only
    ones walked, so that taking the state of a register of plain items stays cheap."""
    def holds_model(annotation: Any) -> bool:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return True
        return any(holds_model(arg) for arg in get_args(annotation))

    return tuple(name for name, info in model.model_fields.items() if holds_model(info.annotation))


def _models(value: BaseModel, into: list[BaseModel]) -> None:
    """``value`` and every model nested in it (through fields and tuples), depth first."""
    into.append(value)
    for name in _nested(type(value)):
        field = value.__dict__.get(name)
        if isinstance(field, BaseModel):
            _models(field, into)
        elif isinstance(field, tuple):
            for entry in field:
                if isinstance(entry, BaseModel):
                    _models(entry, into)


class DeclarationGuard:
    """The state of a declaration, taken when first asked for, and put back when a rule changed it."""

    def __init__(self, declaration: Declaration) -> None:
        self.declaration = declaration
        self._attributes = dict(vars(declaration))
        self._states: list[_State] | None = None

    def _taken(self) -> list[_State]:
        if self._states is None:
            states: list[_State] = []
            extensions = self.declaration.extensions
            for item_id, item in self.declaration.by_id.items():
                models: list[BaseModel] = []
                _models(item, models)
                for value in extensions.get(item_id, {}).values():  # a plugin's schema may give models
                    if isinstance(value, BaseModel):
                        _models(value, models)
                states += [(m, m.__dict__, tuple(m.__dict__.values()), item_id) for m in models]
            self._states = states
        return self._states

    def watch(self) -> None:
        """Take the state now (before the first rule watched runs), if not taken yet."""
        self._taken()

    def restore(self) -> list[str]:
        """Put back whatever changed since the state was taken; return the ids of the items
        changed (``(declaration)`` for the declaration's own attributes), in declaration order."""
        changed: list[str] = []
        now = vars(self.declaration)
        if now.keys() != self._attributes.keys() or any(now[k] is not v for k, v in self._attributes.items()):
            vars(self.declaration).clear()
            vars(self.declaration).update(self._attributes)
            changed.append("(declaration)")
        for model, attributes, values, owner in self._taken():
            if model.__dict__ is attributes and tuple(attributes.values()) == values:
                continue
            attributes.clear()
            attributes.update(zip(type(model).model_fields, values))
            object.__setattr__(model, "__dict__", attributes)
            if owner not in changed:
                changed.append(owner)
        return changed
