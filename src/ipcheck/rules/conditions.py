"""Conditions of declarative rules: a small, validated set of operators compiled to closures.

A condition (``where:``) is a mapping of field paths to tests; all must hold::

    where:
      status: granted                       # equal
      jurisdiction: {in: [CN, US]}
      annuity_due: {before: as_of + 90d}    # dates: a date, as_of, as_of +/- N d|m|y
      inventors: {empty: false}
      any: [{type: invention}, {key: true}] # one of several conditions
      not: {status: lapsed}

Operators: ``eq ne in not_in empty before after on_or_before on_or_after lt le gt ge
contains``. Nothing is evaluated as code: each operator is a Python function chosen from
the table below when the pack is loaded. A compiled condition is a :data:`Filter`: it takes
the items of a kind and keeps those that pass, each test in the order written run over what
the previous ones kept, as one list comprehension per test (item by item, chained calls cost
several times more on 100,000-entry registers). A relative date (``as_of + 90d``) is worked
out once per run of the filter, not once per item.
"""

from __future__ import annotations

import calendar
import datetime as dt
import operator
import re
from collections.abc import Callable, Sequence
from typing import Any

Filter = Callable[[Sequence[Any], dt.date], Sequence[Any]]
"""A compiled condition: the items of a list that satisfy it, in their order."""

_RELATIVE = re.compile(r"^as_of(?:\s*([+-])\s*(\d+)\s*([dmy]))?$")


class ConditionError(ValueError):
    """A condition that cannot be compiled; ``path`` says where in the condition."""

    def __init__(self, message: str, path: tuple[str | int, ...]) -> None:
        super().__init__(message)
        self.path = path


def shift(date: dt.date, sign: str, amount: int, unit: str) -> dt.date:
    """``date`` moved by N days, months or years (month ends clamp: Jan 31 + 1m = Feb 28)."""
    n = amount if sign == "+" else -amount
    if unit == "d":
        return date + dt.timedelta(days=n)
    months = n if unit == "m" else 12 * n
    years, month = divmod(date.month - 1 + months, 12)
    year = date.year + years
    try:
        return dt.date(year, month + 1, date.day)
    except ValueError:  # no such day in that month: its last day
        return dt.date(year, month + 1, calendar.monthrange(year, month + 1)[1])


def date_operand(value: Any, path: tuple[str | int, ...]) -> Callable[[dt.date], dt.date]:
    """A date operand: a literal date, or ``as_of`` shifted by days/months/years."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return lambda as_of: value
    match = _RELATIVE.match(str(value).strip()) if isinstance(value, str) else None
    if match is None:
        raise ConditionError(f"{value!r} is not a date: write YYYY-MM-DD or as_of, as_of - 12m, as_of + 90d", path)
    sign, amount, unit = match.groups()
    if sign is None:
        return lambda as_of: as_of
    memo: dict[dt.date, dt.date] = {}

    def relative(as_of: dt.date) -> dt.date:
        found = memo.get(as_of)
        if found is None:
            found = memo[as_of] = shift(as_of, sign, int(amount), unit)
        return found

    return relative


def period(text: str, path: tuple[str | int, ...]) -> tuple[str, int, str]:
    """'12 months' / '90 days' / '3 years' as (sign '-', amount, unit) for :func:`shift`."""
    match = re.match(r"^(\d+)\s*(day|days|d|month|months|m|year|years|y)$", str(text).strip())
    if match is None:
        raise ConditionError(f"{text!r} is not a period: write e.g. '12 months', '90 days', '3 years'", path)
    return "-", int(match.group(1)), match.group(2)[0]


def getter(field_path: str) -> Callable[[Any], Any]:
    """Read a dotted field path from an item; a missing step below the first gives None.

    The first step must be a field of the item's kind (packs are checked for it when they
    are compiled), so a one-step path is a plain :func:`operator.attrgetter`."""
    steps = field_path.split(".")
    if len(steps) == 1:
        return operator.attrgetter(field_path)

    def get(item: Any) -> Any:
        for step in steps:
            item = getattr(item, step, None)
            if item is None:
                return None
        return item

    return get


def is_empty(value: Any) -> bool:
    """None, an empty list (a tuple in the model), or text that is empty or only white space."""
    if isinstance(value, str):
        return not value or value.isspace()
    return value is None or value == () or value == []


def _date_filter(op: Callable[[Any, Any], bool], get: Callable[[Any], Any],
                 operand: Callable[[dt.date], dt.date]) -> Filter:
    def keep(items: Sequence[Any], as_of: dt.date) -> Sequence[Any]:
        bound = operand(as_of)
        return [i for i in items if (v := get(i)) is not None and op(v, bound)]
    return keep


_SCALARS = (str, int, float, bool, dt.date, type(None))
"""What a list operand (``in``, ``not_in``) may hold: values a field can equal."""
_DATE_OPS = {"before": operator.lt, "after": operator.gt, "on_or_before": operator.le, "on_or_after": operator.ge}
_NUMBER_OPS = {"lt": operator.lt, "le": operator.le, "gt": operator.gt, "ge": operator.ge}
OPERATORS = ("eq", "ne", "in", "not_in", "empty", "contains", *_DATE_OPS, *_NUMBER_OPS)


def _all(filters: list[Filter]) -> Filter:
    """One filter that applies each of ``filters`` in turn to what the previous ones kept."""
    if not filters:
        return lambda items, as_of: items
    if len(filters) == 1:
        return filters[0]

    def keep(items: Sequence[Any], as_of: dt.date) -> Sequence[Any]:
        for one in filters:
            if not items:
                break
            items = one(items, as_of)
        return items
    return keep


def _field_filter(field: str, spec: Any, path: tuple[str | int, ...]) -> Filter:
    get = getter(field)
    if not isinstance(spec, dict):
        return lambda items, as_of: [i for i in items if get(i) == spec]
    filters: list[Filter] = []
    for op, operand in spec.items():
        where = (*path, op)
        if not isinstance(op, str):
            raise ConditionError(f"{op!r} is not an operator: write one of {', '.join(OPERATORS)}", where)
        if op == "eq":
            filters.append(lambda items, as_of, o=operand: [i for i in items if get(i) == o])
        elif op == "ne":
            filters.append(lambda items, as_of, o=operand: [i for i in items if get(i) != o])
        elif op in ("in", "not_in"):
            if not isinstance(operand, list) or not all(isinstance(o, _SCALARS) for o in operand):
                raise ConditionError(f"`{op}` takes a list of values (text, numbers, dates, true/false)", where)
            options = frozenset(operand)
            if op == "in":
                filters.append(lambda items, as_of, o=options: [i for i in items if get(i) in o])
            else:
                filters.append(lambda items, as_of, o=options: [i for i in items if get(i) not in o])
        elif op == "empty":
            if not isinstance(operand, bool):
                raise ConditionError("`empty` takes true or false", where)
            filters.append(lambda items, as_of, o=operand: [i for i in items if is_empty(get(i)) is o])
        elif op == "contains":
            filters.append(lambda items, as_of, o=operand: [i for i in items if o in (get(i) or ())])
        elif op in _DATE_OPS:
            filters.append(_date_filter(_DATE_OPS[op], get, date_operand(operand, where)))
        elif op in _NUMBER_OPS:
            if not isinstance(operand, (int, float)) or isinstance(operand, bool):
                raise ConditionError(f"`{op}` takes a number", where)
            fn = _NUMBER_OPS[op]
            filters.append(lambda items, as_of, o=operand, fn=fn:
                           [i for i in items if (v := get(i)) is not None and fn(v, o)])
        else:
            from ipcheck.load.build import did_you_mean

            hint = did_you_mean(op, OPERATORS) or f"operators: {', '.join(OPERATORS)}"
            raise ConditionError(f"unknown operator {op!r} ({hint})", where)
    return _all(filters)


def _any(alternatives: list[Filter]) -> Filter:
    def keep(items: Sequence[Any], as_of: dt.date) -> Sequence[Any]:
        kept: set[int] = set()
        for alternative in alternatives:
            kept.update(map(id, alternative(items, as_of)))
        return [i for i in items if id(i) in kept]
    return keep


def _not(inner: Filter) -> Filter:
    def keep(items: Sequence[Any], as_of: dt.date) -> Sequence[Any]:
        dropped = set(map(id, inner(items, as_of)))
        return [i for i in items if id(i) not in dropped]
    return keep


def compile_condition(where: dict[str, Any] | None, fields: set[str], path: tuple[str | int, ...] = ("where",)) -> Filter:
    """Compile a ``where:`` mapping; ``fields`` are the top-level fields of the kind it tests."""
    if not where:
        return _all([])
    if not isinstance(where, dict):
        raise ConditionError("a condition is a mapping of field: test", path)
    filters: list[Filter] = []
    for key, spec in where.items():
        if not isinstance(key, str):
            raise ConditionError(f"{key!r} is not a field name: a condition tests fields by name", (*path, key))
        if key == "any":
            if not isinstance(spec, list) or not spec:
                raise ConditionError("`any` takes a list of conditions", (*path, key))
            filters.append(_any([compile_condition(s, fields, (*path, key, i)) for i, s in enumerate(spec)]))
        elif key == "not":
            filters.append(_not(compile_condition(spec, fields, (*path, key))))
        else:
            if key.split(".")[0] not in fields:
                from ipcheck.load.build import did_you_mean

                hint = did_you_mean(key, fields) or f"fields: {', '.join(sorted(fields))}"
                raise ConditionError(f"unknown field {key!r} ({hint})", (*path, key))
            filters.append(_field_filter(key, spec, (*path, key)))
    return _all(filters)
