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
the table below when the pack is loaded. Tests are chained closures, evaluated in the order
written and stopped at the first that fails; a relative date (``as_of + 90d``) is worked out
once per check date, not once per item.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from collections.abc import Callable
from typing import Any

Test = Callable[[Any, dt.date], bool]

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
    year, month = divmod(date.month - 1 + months, 12)
    year += date.year
    for day in range(date.day, 27, -1):
        try:
            return dt.date(year, month + 1, day)
        except ValueError:
            continue
    return dt.date(year, month + 1, min(date.day, 28))


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
    """Read a dotted field path from an item; a missing step gives None."""
    steps = field_path.split(".")
    if len(steps) == 1:
        name = steps[0]
        return lambda item: getattr(item, name, None)

    def get(item: Any) -> Any:
        for step in steps:
            item = getattr(item, step, None)
            if item is None:
                return None
        return item

    return get


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or (isinstance(value, str) and not value.strip())


def _dates(op: Callable[[Any, Any], bool]) -> Callable[[Any, Callable[[dt.date], dt.date]], Test]:
    def make(get: Callable[[Any], Any], operand: Callable[[dt.date], dt.date]) -> Test:
        return lambda item, as_of: (v := get(item)) is not None and op(v, operand(as_of))
    return make


_DATE_OPS = {
    "before": _dates(operator.lt),
    "after": _dates(operator.gt),
    "on_or_before": _dates(operator.le),
    "on_or_after": _dates(operator.ge),
}
_NUMBER_OPS = {"lt": operator.lt, "le": operator.le, "gt": operator.gt, "ge": operator.ge}
OPERATORS = ("eq", "ne", "in", "not_in", "empty", "contains", *_DATE_OPS, *_NUMBER_OPS)


def _all(tests: list[Test]) -> Test:
    """One test that holds when every test holds, in order, short-circuited: a chain of
    closures rather than a generator per item (it matters on 100,000-entry registers). A
    chain is as deep as a condition has fields and operators, a dozen or two at most."""
    if not tests:
        return lambda item, as_of: True
    combined = tests[0]
    for test in tests[1:]:
        combined = (lambda a, b: lambda item, as_of: a(item, as_of) and b(item, as_of))(combined, test)
    return combined


def _field_test(field: str, spec: Any, path: tuple[str | int, ...]) -> Test:
    get = getter(field)
    if not isinstance(spec, dict):
        return lambda item, as_of: get(item) == spec
    tests: list[Test] = []
    for op, operand in spec.items():
        where = (*path, op)
        if op == "eq":
            tests.append(lambda item, as_of, o=operand: get(item) == o)
        elif op == "ne":
            tests.append(lambda item, as_of, o=operand: get(item) != o)
        elif op in ("in", "not_in"):
            if not isinstance(operand, list):
                raise ConditionError(f"`{op}` takes a list", where)
            options = frozenset(operand)
            if op == "in":
                tests.append(lambda item, as_of, o=options: get(item) in o)
            else:
                tests.append(lambda item, as_of, o=options: get(item) not in o)
        elif op == "empty":
            if not isinstance(operand, bool):
                raise ConditionError("`empty` takes true or false", where)
            tests.append(lambda item, as_of, o=operand: is_empty(get(item)) is o)
        elif op == "contains":
            tests.append(lambda item, as_of, o=operand: o in (get(item) or ()))
        elif op in _DATE_OPS:
            tests.append(_DATE_OPS[op](get, date_operand(operand, where)))
        elif op in _NUMBER_OPS:
            if not isinstance(operand, (int, float)) or isinstance(operand, bool):
                raise ConditionError(f"`{op}` takes a number", where)
            fn = _NUMBER_OPS[op]
            tests.append(lambda item, as_of, o=operand, fn=fn: (v := get(item)) is not None and fn(v, o))
        else:
            from ipcheck.load.build import did_you_mean

            hint = did_you_mean(op, OPERATORS) or f"operators: {', '.join(OPERATORS)}"
            raise ConditionError(f"unknown operator {op!r} ({hint})", where)
    return _all(tests)


def compile_condition(where: dict[str, Any] | None, fields: set[str], path: tuple[str | int, ...] = ("where",)) -> Test:
    """Compile a ``where:`` mapping; ``fields`` are the top-level fields of the kind it tests."""
    if not where:
        return lambda item, as_of: True
    if not isinstance(where, dict):
        raise ConditionError("a condition is a mapping of field: test", path)
    tests: list[Test] = []
    for key, spec in where.items():
        if key == "any":
            if not isinstance(spec, list) or not spec:
                raise ConditionError("`any` takes a list of conditions", (*path, key))
            alternatives = [compile_condition(s, fields, (*path, key, i)) for i, s in enumerate(spec)]
            tests.append(lambda item, as_of, a=alternatives: any(t(item, as_of) for t in a))
        elif key == "not":
            inner = compile_condition(spec, fields, (*path, key))
            tests.append(lambda item, as_of, t=inner: not t(item, as_of))
        else:
            if key.split(".")[0] not in fields:
                from ipcheck.load.build import did_you_mean

                hint = did_you_mean(key, fields) or f"fields: {', '.join(sorted(fields))}"
                raise ConditionError(f"unknown field {key!r} ({hint})", (*path, key))
            tests.append(_field_test(key, spec, (*path, key)))
    return _all(tests)
