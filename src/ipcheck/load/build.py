"""Plain parsed data to a validated, indexed :class:`Declaration`, every shape error located.

A document has a ``kind`` and either the fields of one item, or ``items:``, a list of
items of that kind. ``apiVersion: ipcheck/v1`` may head any document.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Mapping, MutableMapping
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from pydantic import TypeAdapter, ValidationError

from ipcheck import i18n
from ipcheck.chinese_input import FULL_WIDTH, date_suggestion, full_width_problem
from ipcheck.chinese_input import message as chinese_message
from ipcheck.i18n import Text, filled
from ipcheck.findings import Location, Problem
from ipcheck.load.extensions import is_extension, split_extensions
from ipcheck.load.locate import Locator, SourceText
from ipcheck.load.parse import ParsedFile
from ipcheck.model.declaration import DanglingRef, Declaration, Origin
from ipcheck.model.kinds import KINDS, Item
from ipcheck.model.refs import RefField, reference_fields

API_VERSION = "ipcheck/v1"
ENVELOPE = ("apiVersion", "kind")


def kinds_hint() -> str:
    """Where the kinds are listed: all of them in a hint would be cut (reports bound every text)."""
    return f"`ipcheck schema` lists all {len(KINDS)} kinds; docs/format.md describes each"


did_you_mean = i18n.did_you_mean  # the one did-you-mean of ipcheck, in the leaf module of texts


_adapters: dict[type[Item], TypeAdapter[list[Item]]] = {}
_adapters_lock = threading.Lock()


def list_adapter(model: type[Item]) -> TypeAdapter[list[Item]]:
    """The validator of a list of ``model`` items, made once; under a lock, as files load in
    threads and pydantic does not promise that building validators is thread-safe."""
    with _adapters_lock:
        adapter = _adapters.get(model)
        if adapter is None:
            adapter = _adapters[model] = TypeAdapter(list[model])  # type: ignore[valid-type]
        return adapter


class Chunk(NamedTuple):
    """The validated items of one document: one item, or the entries of its ``items:``."""

    origin: Origin
    listed: bool
    items: list[Item]
    extensions: dict[int, dict[str, Any]] | None = None
    """The ``x-`` fields of the items that carry any, as written, by index in ``items``."""


T = TypeVar("T")


def validated(validate: Callable[[Any], T], data: Any) -> T:
    """``validate(data)``, reading a date given to a text field as its ISO text.

    yaml-rs reads every scalar that looks like a date as a date, quoted or not: YAML 1.2
    reads ``"2024-01-01"`` (and even an unquoted 2024-01-01) as text. So where dates were
    given to text fields, those values are put back as the text they were
    written as and the data validated again, for the errors that remain. This costs nothing
    on valid data, where the first validation succeeds."""
    try:
        return validate(data)
    except ValidationError as exc:
        if not _dates_as_text(exc, data):
            raise
    return validate(data)


def _dates_as_text(exc: ValidationError, data: Any) -> bool:
    """Put back as text, in ``data``, every date a text field was given; False when there is
    none (or one cannot be found), so that the errors are reported as they are."""
    errors = [e for e in exc.errors(include_url=False)
              if e["type"] == "string_type" and isinstance(e.get("input"), dt.date)]
    if not errors:
        return False
    for error in errors:
        *parents, last = error["loc"]
        try:
            container = data
            for step in parents:
                container = container[step]
            if container[last] is not error["input"]:
                return False
            container[last] = error["input"].isoformat()
        except (KeyError, IndexError, TypeError):
            return False
    return True


def validated_entries(model: type[Item], entries: list[Any]) -> tuple[list[Item], dict[int, dict[str, Any]]]:
    """The entries of an ``items:`` list validated as ``model`` items, with the ``x-`` fields of
    those that carry any, by index; raises ValidationError."""
    extensions: dict[int, dict[str, Any]] = {}
    try:
        return validated(list_adapter(model).validate_python, entries), extensions
    except ValidationError as exc:
        if not _extension_refused(exc, listed=True):
            raise
    entries = list(entries)
    for index, entry in enumerate(entries):
        entries[index], found = split_extensions(entry)
        if found:
            extensions[index] = found
    return validated(list_adapter(model).validate_python, entries), extensions


class Builder:
    """Validates files into chunks of items, then indexes them into one :class:`Declaration`
    (duplicate ids, references); shape problems are collected in ``problems``."""

    def __init__(self, root: Path, sources: Mapping[str, bytes] | None = None,
                 texts: MutableMapping[str, SourceText] | None = None) -> None:
        self.decl = Declaration(root=str(root))
        self.problems: list[Problem] = []
        self.dangling_of: dict[str, list[DanglingRef]] = {}
        """The dangling references found, by the kind of the item holding them."""
        self.locator = Locator(root, self._verify, sources, texts)
        self.decl.locator = self.locator

    # -- locations ------------------------------------------------------------------
    def _verify(self, origin: Origin, data: Any, expect: Any) -> bool:
        if expect is not None:
            return data == expect
        if not isinstance(data, dict):
            return False
        item = self.decl.by_id.get(data.get("id"))  # type: ignore[arg-type]
        if item is None or self.decl.origins.get(item.id) != origin:
            return False
        fields = {k: v for k, v in data.items() if k not in ENVELOPE and not is_extension(k)}
        try:
            return validated(type(item).model_validate, fields) == item
        except ValidationError:
            return False

    def _at(self, origin: Origin, path: tuple[str | int, ...], raw: Any, *, key: bool = False) -> Location:
        return self.locator.locate(origin, path, key=key, expect=raw)

    def _fail(self, origin: Origin, raw: Any, path: tuple[str | int, ...], message: str,
              hint: str = "", *, key: bool = False, value: object = None) -> None:
        self.problems.append(Problem("load", message, self._at(origin, path, raw, key=key), hint=hint,
                                     value=None if value is None else _repr(value)))

    # -- documents ------------------------------------------------------------------
    def add_file(self, parsed: ParsedFile) -> None:
        """Validate one file and add its items."""
        self.add_chunks(parsed.rel, self.validate_file(parsed))

    def add_chunks(self, rel: str, chunks: list[Chunk]) -> None:
        """Add the validated items of one file (from :meth:`validate_file` or the cache)."""
        self.decl.files.append(rel)
        for chunk in chunks:
            self._register_chunk(chunk)

    def validate_file(self, parsed: ParsedFile) -> list[Chunk]:
        """The items of each document of a file, validated; shape errors go to ``problems``."""
        chunks: list[Chunk] = []
        for index, doc in enumerate(parsed.documents):
            if doc is None:
                continue
            origin = Origin(parsed.rel, index, None)
            if not isinstance(doc, dict):
                self._fail(origin, doc, (), f"document {index + 1} is a {_type_name(doc)}, not a mapping",
                           "each document is a mapping with a `kind:` (see `ipcheck schema`)")
                continue
            chunk = self._validate_document(origin, doc)
            if chunk is not None:
                chunks.append(chunk)
        return chunks

    def _validate_document(self, origin: Origin, doc: dict[str, Any]) -> Chunk | None:
        if "apiVersion" in doc and doc["apiVersion"] != API_VERSION:
            self._fail(origin, doc, ("apiVersion",), f"unsupported apiVersion {show_value(doc['apiVersion'])}",
                       f"this version of ipcheck reads `apiVersion: {API_VERSION}`")
            return None
        kind = doc.get("kind")
        if kind is None:
            self._fail(origin, doc, (), "document has no `kind`",
                       f"start the document with `kind:` and its kind, e.g. `kind: Patent` ({kinds_hint()})")
            return None
        model = KINDS.get(kind) if isinstance(kind, str) else None
        if model is None:
            hint = did_you_mean(kind, KINDS) or kinds_hint()
            self._fail(origin, doc, ("kind",), f"unknown kind {show_value(kind)}", hint, value=kind)
            return None
        # A kind with a field named `items` (StaffCheck) may be a one-item document: its `id` tells.
        if "items" in doc and not ("items" in model.model_fields and "id" in doc):
            return self._validate_list(origin, doc, model)
        fields = {k: v for k, v in doc.items() if k not in ENVELOPE}
        extensions: dict[int, dict[str, Any]] = {}
        try:
            try:
                item = validated(model.model_validate, fields)
            except ValidationError as exc:
                if not _extension_refused(exc, listed=False):
                    raise
                fields, extensions[0] = split_extensions(fields)
                item = validated(model.model_validate, fields)
        except ValidationError as exc:
            self._shape_errors(exc, origin, doc, model, prefix=())
            return None
        return Chunk(origin, False, [item], extensions or None)

    def _validate_list(self, origin: Origin, doc: dict[str, Any], model: type[Item]) -> Chunk | None:
        extra = [k for k in doc if k not in (*ENVELOPE, "items")]
        for key in extra:
            self._fail(origin, doc, (key,), f"unexpected key {show_value(key)} beside `items`",
                       "a document lists `items:` of its kind, or holds one item's fields; not both", key=True)
        items = doc["items"]
        if not isinstance(items, list):
            self._fail(origin, doc, ("items",), f"`items` must be a list, not a {_type_name(items)}",
                       "start each item under `items:` with `- `, e.g. `- id: ...`")
            return None
        if extra:
            return None
        try:
            valid, extensions = validated_entries(model, items)
        except ValidationError as exc:
            self._shape_errors(exc, origin, doc, model, prefix=("items",))
            return None
        return Chunk(origin, True, valid, extensions or None)

    def _register_chunk(self, chunk: Chunk) -> None:
        items = chunk.items
        if not items:
            return
        by_id, origins = self.decl.by_id, self.decl.origins
        if chunk.extensions:
            for index, fields in chunk.extensions.items():
                if items[index].id not in by_id:  # a repeated id keeps the first item's fields
                    self.decl.extensions.setdefault(items[index].id, fields)
        bucket = self.decl.items[type(items[0]).__name__]
        ids = [item.id for item in items]
        if by_id.keys().isdisjoint(ids):  # the usual case, no duplicate id: all at once
            before = len(by_id)
            by_id.update(zip(ids, items))
            if len(by_id) == before + len(ids):  # nor an id repeated within the document
                origins.add(chunk.origin, ids, chunk.listed)
                bucket += items
                return
            for item_id in ids:  # undo, and take the item-by-item way that reports the repeats
                by_id.pop(item_id, None)
        fresh: list[Item] = []
        repeated: list[tuple[int, Item]] = []
        for index, item in enumerate(items):
            if item.id in by_id:
                repeated.append((index, item))
            else:
                by_id[item.id] = item
                fresh.append(item)
        origins.add(chunk.origin, ids, chunk.listed, declared=[item.id for item in fresh])
        bucket += fresh
        file, document = chunk.origin.file, chunk.origin.document
        for index, item in repeated:
            first = origins[item.id]
            where = self.locator.locate(first, ("id",), fields=by_id[item.id].model_fields_set)
            self.problems.append(Problem(
                "load", f"duplicate id {item.id!r} (first declared at {where})",
                self.locator.locate(Origin(file, document, index if chunk.listed else None), ("id",),
                                    fields=item.model_fields_set),
                hint="ids are unique across the whole declaration: if both entries are the same item, remove one; "
                     "if they are two items, give one another id", value=_repr(item.id)))

    # -- errors ---------------------------------------------------------------------
    def _shape_errors(self, exc: ValidationError, origin: Origin, doc: dict[str, Any],
                      model: type[Item], prefix: tuple[str, ...]) -> None:
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            if prefix:
                index = loc[0]
                item_origin = Origin(origin.file, origin.document, index)  # type: ignore[arg-type]
                raw = doc["items"][index]  # type: ignore[index]
                path = loc[1:]
            else:
                item_origin, raw, path = origin, doc, loc
            self._shape_error(error, item_origin, raw, model, path)

    def _shape_error(self, error: Any, origin: Origin, raw: Any, model: type[Item],
                     path: tuple[str | int, ...]) -> None:
        kind = model.__name__
        where = f"{kind} {raw.get('id')!r}" if isinstance(raw, dict) and isinstance(raw.get("id"), str) else kind
        field = ".".join(str(p) for p in path)
        etype, value = error["type"], error.get("input")
        if etype == "extra_forbidden":
            owner = _model_at(model, path[:-1])
            options = list(owner.model_fields) if owner else []
            hint = did_you_mean(path[-1], options) or f"fields of {owner.__name__ if owner else kind}: {', '.join(options)}"
            typed = next((c for c in str(path[-1]) if c in FULL_WIDTH), None)
            if typed is not None:  # 'b；c: 1': an input method's punctuation inside the key
                hint = full_width_problem(typed)[1]
            self._fail(origin, raw, path, f"{where}: unknown field {show_value(path[-1])}", hint, key=True, value=path[-1])
        elif etype == "missing":
            self._fail(origin, raw, path[:-1], f"{where}: missing required field {field!r}",
                       f"add `{path[-1]}:` to the item")
        elif etype == "model_type" and not path:
            self._fail(origin, raw, (), f"{kind} item is a {_type_name(value)}, not a mapping",
                       "each entry of `items:` is a mapping of fields")
        elif etype == "jurisdiction_code":
            problem, hint = error["ctx"]["message"], error["ctx"]["hint"]
            self._fail(origin, raw, path, _field_message(where, field, problem), hint, value=value)
        elif etype.startswith("date") and isinstance(value, str):
            suggestion = date_suggestion(value)
            detail = chinese_message("date")
            self._fail(origin, raw, path, _field_message(where, field, filled(
                {"en": "{detail}, got {value}", "zh-CN": "{detail}，实为 {value}"}, {"detail": detail,
                                                                                 "value": show_value(value)})),
                       chinese_message("date-suggestion.hint", date=suggestion) if suggestion
                       else chinese_message("date.hint"), value=value)
        else:
            typed = next((c for c in value if c in FULL_WIDTH), None) if isinstance(value, str) else None
            hint = full_width_problem(typed)[1] if typed is not None and etype in ("list_type", "tuple_type") \
                else _hint(error)
            self._fail(origin, raw, path, f"{where}: field {field!r}: {_describe(error)}, got {show_value(value)}",
                       hint, value=value)

    # -- references -----------------------------------------------------------------
    def check_references(self, known: Mapping[str, list[DanglingRef]] | None = None,
                         replaced: Mapping[str, Mapping[int, Item]] | None = None) -> None:
        """Check every reference: a fast pass per kind and field (set lookups against the ids
        of the kinds the field may name), and :meth:`_check_ref` for the fields that hold a
        dangling reference or one to the wrong kind.

        ``known``: the dangling references of kinds whose references were checked before,
        among the same ids (see :func:`ipcheck.load.rebuilt`); they are not checked again,
        except in the items of ``replaced`` (by kind, by their position among the kind's
        items): items put in place of others with the same ids, whose references alone are
        checked (see :meth:`_check_replaced`)."""
        self._one_enterprise()
        by_id = self.decl.by_id
        ids_of_kinds: dict[tuple[str, ...], set[str]] = {}
        for kind, items in self.decl.items.items():
            first = len(self.decl.dangling)
            if known is not None and kind in known:
                found = known[kind] if replaced is None or kind not in replaced else \
                    self._check_replaced(kind, items, known[kind], replaced[kind], by_id)
                if found is not None:
                    self.decl.dangling += found
                    self.dangling_of[kind] = found
                    continue
            self._check_kind(kind, items, by_id, ids_of_kinds)
            self.dangling_of[kind] = self.decl.dangling[first:]

    def _check_replaced(self, kind: str, items: list[Item], before: list[DanglingRef],
                        replaced: Mapping[int, Item], by_id: dict[str, Item]) -> list[DanglingRef] | None:
        """The dangling references of the items of ``kind``, when only the items ``replaced``
        (by position) changed since ``before`` was found among the same ids: theirs checked
        now, the others' kept, in the order :meth:`_check_kind` gives (by field, then by
        item). None, checking nothing, when a replaced item names an item of the wrong kind:
        the kind is then checked whole, so that its problems come in the usual order."""
        fields = reference_fields(KINDS[kind])
        rank = {ref_field.name: n for n, ref_field in enumerate(fields)}
        replaced_ids = {item.id for item in replaced.values()}
        kept = [ref for ref in before if ref.subject not in replaced_ids]
        problems, dangling = len(self.problems), self.decl.dangling
        first = len(dangling)
        for item in replaced.values():
            for ref_field in fields:
                self._check_ref(item, item, (), ref_field, by_id)
        found = dangling[first:]
        del dangling[first:]
        if len(self.problems) != problems:
            del self.problems[problems:]
            return None
        if not found:
            return kept
        subjects = {ref.subject for ref in kept}
        position = {item.id: n for n, item in enumerate(items) if item.id in subjects} if subjects else {}
        position.update((item.id, n) for n, item in replaced.items())
        return sorted([*kept, *found], key=lambda ref: (rank[str(ref.path[0])], position[ref.subject]))

    def _check_kind(self, kind: str, items: list[Item], by_id: dict[str, Item],
                    ids_of_kinds: dict[tuple[str, ...], set[str]]) -> None:
        """Check the references of the items of one kind (see :meth:`check_references`)."""
        for ref_field in reference_fields(KINDS[kind]) if items else ():
            name, many = ref_field.name, ref_field.many
            if ref_field.nested is not None:
                for item in items:
                    if getattr(item, name) is not None:
                        self._check_ref(item, item, (), ref_field, by_id)
                continue
            kinds = ref_field.ref.kinds if ref_field.ref is not None else ()
            if kinds not in ids_of_kinds:  # an empty tuple: any kind
                ids_of_kinds[kinds] = {i.id for k in kinds for i in self.decl.items[k]} if kinds else set(by_id)
            valid = ids_of_kinds[kinds]
            for item in items:
                value = getattr(item, name)
                if value is None or (value in valid if not many else valid.issuperset(value)):
                    continue
                self._check_ref(item, item, (), ref_field, by_id)

    def _one_enterprise(self) -> None:
        """A declaration describes one enterprise: rules read its profile (markets, name) from
        the first, so a second would be ignored without a word."""
        enterprises = self.decl.items["Enterprise"]
        for extra in enterprises[1:]:
            self.problems.append(Problem(
                "load", f"Enterprise {extra.id!r} is a second enterprise profile; a declaration describes one "
                f"enterprise, {enterprises[0].id!r}", self.decl.locate(extra.id),
                hint="merge the two profiles into one (markets, units), or check each enterprise in a folder of its own"))

    def _check_ref(self, owner: Item, node: Any, prefix: tuple[str | int, ...], ref_field: RefField,
                   by_id: dict[str, Item]) -> None:
        value = getattr(node, ref_field.name)
        if value is None:
            return
        values = enumerate(value) if ref_field.many else [(None, value)]
        for index, target in values:
            path = (*prefix, ref_field.name) if index is None else (*prefix, ref_field.name, index)
            if ref_field.nested is not None:
                for sub in reference_fields(ref_field.nested):
                    self._check_ref(owner, target, path, sub, by_id)
                continue
            ref = ref_field.ref
            assert ref is not None
            found = by_id.get(target)
            if found is None:
                self.decl.dangling.append(DanglingRef(owner.id, path, target, ref.describe()))
            elif not ref.accepts(type(found).__name__):
                origin = self.decl.origins[owner.id]
                self.problems.append(Problem(
                    "load",
                    f"{type(owner).__name__} {owner.id!r}: field {'.'.join(map(str, path))!r} must name "
                    f"a {ref.describe()}, but {target!r} is of kind {type(found).__name__}",
                    self.locator.locate(origin, path),
                    hint=f"use the id of a {ref.describe()}",
                    value=repr(target),
                ))


def _extension_refused(exc: ValidationError, *, listed: bool) -> bool:
    """Whether the model refused an item's own ``x-`` field (an unknown field to it): the
    item is then validated again without its extension fields, which plugins' schemas
    validate (see :mod:`ipcheck.load.extensions`). Valid data without them costs nothing."""
    depth = 2 if listed else 1
    return any(error["type"] == "extra_forbidden" and len(error["loc"]) == depth and is_extension(error["loc"][-1])
               for error in exc.errors(include_url=False))


def _field_message(where: str, field: str, detail: str) -> Text:
    """``Kind 'id': field 'name': detail`` in every language ``detail`` is given in."""
    return filled({"en": "{where}: field {field}: {detail}", "zh-CN": "{where}：字段 {field}：{detail}"},
                  {"where": where, "field": repr(field), "detail": detail})


def _model_at(model: type[Item], path: tuple[str | int, ...]) -> Any:
    """The sub-model reached by a field path (for listing its fields), or None."""
    from ipcheck.model.refs import _unwrap

    current: Any = model
    for step in path:
        if isinstance(step, int):
            continue
        field = current.model_fields.get(step) if hasattr(current, "model_fields") else None
        if field is None:
            return None
        current, _ = _unwrap(field.annotation)
    return current if hasattr(current, "model_fields") else None


def _type_name(value: object) -> str:
    return {dict: "mapping", list: "list", str: "string", int: "number", float: "number", bool: "boolean"}.get(
        type(value), type(value).__name__ if value is not None else "null")


def _repr(value: object) -> str:
    """``repr(value)``, or a description when Python cannot write the value out: nested too
    deeply, or holding an integer over its 4,300-digit limit for turning integers into text
    (YAML reads integers of any length, and a message must never end the run instead)."""
    try:
        return repr(value)
    except RecursionError:  # a value nested hundreds of levels deep
        return f"<{_type_name(value)} nested too deeply to show>"
    except ValueError:  # an integer (or a container holding one) over the digit limit
        if isinstance(value, int) and not isinstance(value, bool):
            sign = "a negative" if value < 0 else "an"
            return f"{sign} integer of {_digit_count(value)} digits"
        return f"<{_type_name(value)} holding an integer too long to show>"


def _digit_count(number: int) -> int:
    """How many decimal digits ``number`` has, counted without converting it to text, which
    is what Python refuses for integers over 4,300 digits."""
    magnitude = abs(number)
    digits = max(1, int(magnitude.bit_length() * 0.30102999566398120))  # log10(2): within one of the answer
    while 10 ** digits <= magnitude:
        digits += 1
    while digits > 1 and 10 ** (digits - 1) > magnitude:
        digits -= 1
    return digits


def show_value(value: object) -> str:
    """A value as an error message shows it: its repr, cut to 80 characters."""
    text = _repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _describe(error: Any) -> str:
    etype = error["type"]
    if etype.startswith("date"):
        return "not a valid date"
    if etype == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"must be one of {expected}"
    if etype == "tuple_type":  # a list in YAML (the model holds it as a tuple)
        return "input should be a valid list"
    msg: str = error["msg"]
    return msg[0].lower() + msg[1:]


def _hint(error: Any) -> str:
    etype = error["type"]
    if etype.startswith("date"):
        return "write dates as YYYY-MM-DD, with a real month and day"
    if etype == "literal_error":
        options = [o.strip(" '") for o in error.get("ctx", {}).get("expected", "").replace(" or ", ",").split(",")]
        return did_you_mean(error.get("input"), options) or "use one of the listed values"
    if etype in ("int_type", "int_parsing"):
        return "write a whole number without quotes"
    if etype == "bool_type":
        return "write true or false without quotes"
    if etype in ("list_type", "tuple_type"):
        return "write a list: one `- value` per line, or [a, b]"
    if etype == "string_type" and isinstance(error.get("input"), dict):
        return "the text holds ': ', so YAML read it as a key and a value; put the whole text in quotes"
    if etype == "string_type":
        return "write text; quote it if it looks like a number, date or boolean"
    if etype == "string_pattern_mismatch":
        return "ids use letters (Latin or Chinese), digits and . _ / - and start with a letter or digit"
    return "see `ipcheck schema` for the expected shape"
