"""Declarative rule packs: rules written as data in YAML, for the common shapes of check.

A pack is a YAML file::

    rules:
      - id: IPS001
        title: The IP policy is declared
        severity: major
        stage: system            # and/or protection: patent (a finding may carry both)
        clauses: [policy]        # topics of rules/clauses.yaml, or citations written out
        editions: ["2023", "2013"]   # optional: the editions the rule applies to (default both)
        category: audit          # optional: audit (default) or data (a problem of the declaration itself)
        systemic: {by: jurisdiction, at_least: 3}   # optional: merge a repeated lapse into one major
        rationale: Why an auditor asks for it.
        fails: |                 # a declaration snippet that breaks the rule
          kind: Objective ...
        passes: |
          kind: Policy ...
        message: "No IP policy is declared"
        fix: "Draft the IP policy, have top management approve it, and declare it as `kind: Policy`."
        check:
          exists: {kind: Policy, min: 1}

Check shapes (exactly one per rule):

- ``exists: {kind, where, min}``: at least ``min`` items of ``kind`` match ``where``.
- ``required: {kind, where, fields, together}``: every matching item has each field filled:
  one finding per item, ``{field}`` listing every empty field ("verified_by, verified"),
  located at the first of them. Its fingerprint is the one a finding about that first field
  alone has, so an item missing one field keeps its fingerprint whatever else it lacks
  later; ``together: true`` leaves the field out of the fingerprint (one per item and rule).
- ``forbidden: {kind, where, at}``: no item matches ``where`` (each one that does is a
  finding, located at its field ``at``).
- ``recent: {kind, field, within, where}``: some matching item has ``field`` within the
  period before ``--as-of`` (``within: 12 months``).
- ``covered: {kind, where, by, via, by_where, only_if_by}``: every matching item of ``kind``
  is named by the reference field ``via`` of some item of kind ``by`` (matching
  ``by_where``). With ``only_if_by: true`` nothing is reported while no item of ``by``
  (matching ``by_where``) exists at all: the absence is one finding of an ``exists`` rule,
  not one finding per uncovered item.
- ``resolves: {kinds}``: every reference of items of ``kinds`` (all kinds if empty) names
  a declared item.

Conditions are described in :mod:`ipcheck.rules.conditions`. ``message`` and ``fix`` are
templates: ``{field}`` is the item's field (``{owner_name}`` the name of the item a
reference field names), plus ``{id}``, ``{kind}``, ``{field}`` for ``required``,
``{count}``/``{min}`` for ``exists``, ``{within}``/``{latest}`` for ``recent``,
``{by}``, ``{target}``/``{expected}``/``{path}``/``{suggestion}`` for ``resolves``.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections import ChainMap
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from ipcheck.findings import Location, Problem
from ipcheck.i18n import LANGS, Amount, Term, Text, Words, did_you_mean, pick, show, term
from ipcheck.model.kinds import KINDS, Item, choice_group, name_of
from ipcheck.model.refs import reference_fields
from ipcheck.rules.api import (
    RULE_ID,
    CheckContext,
    Rule,
    RuleMeta,
    Systemic,
    Violation,
    spoken_path,
)
from ipcheck.rules.conditions import (
    ConditionError,
    compile_condition,
    getter,
    is_empty,
    period,
    shift,
)
from ipcheck.vocabulary import Protection, Severity, Stage

_PERIOD_UNITS = {"d": "day", "m": "month", "y": "year"}
"""The counted unit (glossary ``units``) of a period's unit letter, for ``{within}``."""

KindName = str
Edition = Literal["2023", "2013"]
Category = Literal["audit", "data"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class Exists(_Strict):
    kind: KindName
    where: dict[str, Any] = {}
    min: int = Field(default=1, ge=1)


class Required(_Strict):
    kind: KindName
    where: dict[str, Any] = {}
    fields: list[str] = Field(min_length=1)
    together: bool = False


class Forbidden(_Strict):
    kind: KindName
    where: dict[str, Any] = Field(min_length=1)
    at: str | None = None


class Recent(_Strict):
    kind: KindName
    field: str
    within: str
    where: dict[str, Any] = {}


class Covered(_Strict):
    kind: KindName
    where: dict[str, Any] = {}
    by: KindName
    via: str
    by_where: dict[str, Any] = {}
    only_if_by: bool = False


class Resolves(_Strict):
    kinds: list[KindName] = []


class Check(_Strict):
    exists: Exists | None = None
    required: Required | None = None
    forbidden: Forbidden | None = None
    recent: Recent | None = None
    covered: Covered | None = None
    resolves: Resolves | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Check:
        given = [name for name in type(self).model_fields if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(f"a check has exactly one of {', '.join(type(self).model_fields)}; got {len(given)}")
        return self


class PackSystemic(_Strict):
    by: str = Field(min_length=1)
    at_least: int = Field(default=3, ge=2)
    severity: Severity = "major"
LangText = str | dict[str, str]
"""A text of a rule: English alone, or ``{en: ..., zh-CN: ...}`` (see :mod:`ipcheck.i18n`)."""


class PackRule(_Strict):
    id: str = Field(pattern=RULE_ID.pattern)
    title: LangText
    severity: Severity
    stage: Stage | None = None
    protection: Protection | None = None
    category: Category = "audit"
    clauses: list[str] = []
    editions: list[Edition] = Field(default=["2023", "2013"], min_length=1)
    systemic: PackSystemic | None = None
    rationale: LangText
    fails: str
    passes: str
    message: LangText
    fix: LangText
    check: Check
    help_url: str | None = Field(None, pattern=r"^https?://\S+$",
                                 description="The rule's own documentation page (SARIF helpUri); none when left out.")

    @field_validator("editions", mode="before")
    @classmethod
    def _edition_text(cls, value: Any) -> Any:
        """``editions: [2013]`` is read as numbers: they name the editions all the same."""
        if isinstance(value, list):
            return [str(v) if isinstance(v, int) and not isinstance(v, bool) else v for v in value]
        return value

    @field_validator("clauses")
    @classmethod
    def _cites_a_clause(cls, value: list[str], info: ValidationInfo) -> list[str]:
        if info.data.get("category", "audit") == "audit" and not value:
            raise ValueError("an audit rule cites at least one topic of the clause map; a problem of the "
                             "declaration itself is category: data")
        return value
    @field_validator("title", "rationale", "message", "fix")
    @classmethod
    def _one_text(cls, value: LangText, info: ValidationInfo) -> str:
        from ipcheck.i18n import Text, placeholder_mismatch, text

        made = text(value)  # ValueError: a language ipcheck does not know, or no English
        if info.field_name == "rationale":  # folded YAML text ends with a line break
            made = Text(made.strip(), {lang: t.strip() for lang, t in made.translations.items()})
        mismatch = placeholder_mismatch(made)
        if mismatch:
            raise ValueError(mismatch)
        return made


class Pack(_Strict):
    """A declarative rule pack file."""

    rules: list[PackRule]


def pack_schema() -> dict[str, Any]:
    """JSON Schema (Draft 2020-12) of the rule-pack format."""
    schema = Pack.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "ipcheck rule pack"
    return schema


class PackError(Exception):
    """A rule pack that cannot be used; ``problems`` are located in the pack file."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


# -- values for templates -------------------------------------------------------------


def _show(value: Any) -> object:
    """A field's value for a template, read in the report's language when filled (see
    :func:`ipcheck.i18n.show`): lists joined per language, "(not set)" / "（未填写）"."""
    if value is None:
        return Term("words", "not-set")
    if isinstance(value, (list, tuple)):
        return tuple(_show(v) for v in value) if value else Term("words", "none")
    if isinstance(value, BaseModel):
        return type(value).__name__
    return value


class ItemValues(Mapping[str, object]):
    """Template values for an item, computed only for the names a template uses: its
    fields, ``kind``, and ``<ref>_name`` (the name of the item a reference field names)."""

    def __init__(self, item: Item, ctx: CheckContext) -> None:
        self.item, self.ctx = item, ctx
        model = type(item)
        self.names = {name: name for name in model.model_fields}
        self.names["kind"] = "kind"
        for ref in reference_fields(model):
            if ref.nested is None and not ref.many:
                self.names[f"{ref.name}_name"] = ref.name

    def __getitem__(self, key: str) -> object:
        field = self.names[key]
        if key == "kind":
            return Term("kind", type(self.item).__name__)
        if key != field:
            named = getattr(self.item, field)
            target = self.ctx.declaration.get(named)
            if target is None and named:  # a reference to nothing: the id as written says what it was
                return Words(Text(f"{named} (not declared)", {"zh-CN": f"{named}（未声明）"}))
            return Term("words", "unassigned") if target is None else name_of(target)
        value = getattr(self.item, field)
        group = choice_group(type(self.item), field)
        if group is not None and isinstance(value, str):
            # a choice reads in the report's language; English keeps the value as declared
            return Words(Text(value, {"zh-CN": term(group, value, "zh-CN")}))  # type: ignore[return-value]
        return _show(value)

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


def item_values(item: Item, ctx: CheckContext, **extra: object) -> Mapping[str, object]:
    """Template values for an item (see :class:`ItemValues`), with ``extra`` names on top."""
    values = ItemValues(item, ctx)
    return ChainMap(extra, values) if extra else values  # type: ignore[arg-type]


# -- checking templates -----------------------------------------------------------------

SHAPE_VALUES: dict[str, tuple[str, ...]] = {
    "exists": ("kind", "count", "min"),
    "recent": ("kind", "within", "latest"),
    "resolves": ("kind", "id", "target", "expected", "path", "suggestion"),
    "required": ("field",),
    "covered": ("by",),
    "forbidden": (),
}
"""The values each check shape gives its templates, beside an item's own (see :class:`ItemValues`)."""

ITEM_SHAPES = ("required", "forbidden", "covered")
"""The shapes whose templates also read the fields of the item concerned."""


def template_values(shape: str, kind: str | None) -> set[str]:
    """Every name a ``message`` of ``shape`` on items of ``kind`` may use (``fix`` also has ``subject``)."""
    names = set(SHAPE_VALUES[shape])
    if shape in ITEM_SHAPES and kind in KINDS:
        model = KINDS[kind]
        names |= {*model.model_fields, "kind"}
        names |= {f"{ref.name}_name" for ref in reference_fields(model) if ref.nested is None and not ref.many}
    return names


def template_problem(template: str, available: set[str]) -> str:
    """What is wrong with a template (empty when nothing is): a brace that opens no placeholder,
    or a placeholder naming a value the check does not give."""

    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError as exc:
        return f"{exc} (write a literal brace twice: {{{{ or }}}})"
    for name in fields:
        root = re.split(r"[.\[]", name, maxsplit=1)[0]
        if root not in available:
            if not root or root.isdigit():
                return f"{{{name}}} is not a named placeholder; name a value, as in {{id}}"
            hint = did_you_mean(root, available) or f"the values are {', '.join(sorted(available))}"
            return f"{{{name}}} names no value this check gives ({hint})"
    return ""


def _template_problems(rule: PackRule) -> list[tuple[str, str]]:
    """(``message`` or ``fix``, what is wrong) for each template of a rule that cannot be filled."""
    shape = next(name for name in type(rule.check).model_fields if getattr(rule.check, name) is not None)
    spec = getattr(rule.check, shape)
    available = template_values(shape, getattr(spec, "kind", None))
    wrong = [("message", template_problem(rule.message, available)),
             ("fix", template_problem(rule.fix, available | {"subject"}))]
    return [(name, problem) for name, problem in wrong if problem]


# -- compiling checks -------------------------------------------------------------------


def _fields(kind: str) -> set[str]:
    return set(KINDS[kind].model_fields)


def _compile(rule: PackRule) -> Callable[[CheckContext], Iterator[Violation]]:
    check = rule.check
    spec = None

    def model(kind: str, where: tuple[str, ...]) -> type[Item]:
        if kind not in KINDS:

            raise ConditionError(f"unknown kind {kind!r} ({did_you_mean(kind, KINDS) or 'see ipcheck schema'})", where)
        return KINDS[kind]

    def known_field(kind: str, field: str, where: tuple[str | int, ...]) -> None:
        if field.split(".")[0] not in _fields(kind):

            raise ConditionError(f"{kind} has no field {field!r} ({did_you_mean(field, _fields(kind)) or ''})", where)

    if (spec := check.exists) is not None:
        cls = model(spec.kind, ("check", "exists", "kind"))
        cond = compile_condition(spec.where, _fields(spec.kind), ("check", "exists", "where"))
        need = spec.min

        def run(ctx: CheckContext) -> Iterator[Violation]:
            count = len(cond(ctx.declaration.of(cls), ctx.as_of))
            if count < need:
                values = {"kind": Term("kind", cls.__name__), "count": count, "min": need}
                yield Violation(values=values)
        return run

    if (spec := check.required) is not None:
        cls = model(spec.kind, ("check", "required", "kind"))
        cond = compile_condition(spec.where, _fields(spec.kind), ("check", "required", "where"))
        for i, f in enumerate(spec.fields):
            known_field(spec.kind, f, ("check", "required", "fields", i))
        getters = [(f, getter(f), tuple(f.split("."))) for f in spec.fields]

        together = spec.together

        def run(ctx: CheckContext) -> Iterator[Violation]:
            items = cond(ctx.declaration.of(cls), ctx.as_of)
            # One pass per field over the items (a list per item costs more on large registers).
            empty_in = [(name, path, {id(item) for item in items if is_empty(get(item))}) for name, get, path in getters]
            lacking = set().union(*(ids for _, _, ids in empty_in))
            for item in items:
                if id(item) not in lacking:
                    continue
                empty = [(name, path) for name, path, ids in empty_in if id(item) in ids]
                values = item_values(item, ctx, field=tuple(name for name, _ in empty))
                first, at = empty[0]
                yield Violation(subject=item.id, path=at, values=values, key="" if together else first)
        return run

    if (spec := check.forbidden) is not None:
        cls = model(spec.kind, ("check", "forbidden", "kind"))
        cond = compile_condition(spec.where, _fields(spec.kind), ("check", "forbidden", "where"))
        at = tuple(spec.at.split(".")) if spec.at else ()
        if spec.at:
            known_field(spec.kind, spec.at, ("check", "forbidden", "at"))

        def run(ctx: CheckContext) -> Iterator[Violation]:
            for item in cond(ctx.declaration.of(cls), ctx.as_of):
                values = item_values(item, ctx)
                yield Violation(subject=item.id, path=at, values=values)
        return run

    if (spec := check.recent) is not None:
        cls = model(spec.kind, ("check", "recent", "kind"))
        known_field(spec.kind, spec.field, ("check", "recent", "field"))
        cond = compile_condition(spec.where, _fields(spec.kind), ("check", "recent", "where"))
        sign, amount, unit = period(spec.within, ("check", "recent", "within"))
        get, kind_name, spec_field = getter(spec.field), spec.kind, spec.field
        within = Amount(amount, _PERIOD_UNITS[unit])

        def run(ctx: CheckContext) -> Iterator[Violation]:
            since = shift(ctx.as_of, sign, amount, unit)
            dated = [(d, item.id) for item in cond(ctx.declaration.of(cls), ctx.as_of)
                     if isinstance(d := get(item), dt.date)]
            past = [(d, i) for d, i in dated if d <= ctx.as_of]
            if any(d >= since for d, _ in past):
                return
            future = [(d, i) for d, i in dated if d > ctx.as_of]
            latest: object = max(past)[0] if past else Term("words", "never")
            if future:  # most often a typed year: say so, rather than only "never"
                date, item_id = min(future)
                before = {lang: show(latest, lang) for lang in LANGS}
                latest = Words(Text(f"{before['en']}; {item_id} is dated {date.isoformat()}, after the check date",
                                    {"zh-CN": f"{before['zh-CN']}；{item_id}的日期为{date.isoformat()}，晚于检查日"}))
            values = {"kind": kind_name, "within": within, "latest": latest}
            # Located at the future-dated item when that is all there is; otherwise at the enterprise
            # profile, as always (a subject would change the finding's fingerprint, and baselines).
            subject = min(future)[1] if future and not past else None
            yield Violation(subject=subject, path=tuple(spec_field.split(".")) if subject else (),
                            values=values)
        return run

    if (spec := check.covered) is not None:
        cls = model(spec.kind, ("check", "covered", "kind"))
        by = model(spec.by, ("check", "covered", "by"))
        known_field(spec.by, spec.via, ("check", "covered", "via"))
        cond = compile_condition(spec.where, _fields(spec.kind), ("check", "covered", "where"))
        by_cond = compile_condition(spec.by_where, _fields(spec.by), ("check", "covered", "by_where"))
        via, by_name, only_if_by = getter(spec.via), spec.by, spec.only_if_by

        def run(ctx: CheckContext) -> Iterator[Violation]:
            covering = by_cond(ctx.declaration.of(by), ctx.as_of)
            if only_if_by and not covering:
                return
            named: set[str] = set()
            for other in covering:
                value = via(other)
                if isinstance(value, (list, tuple)):
                    named.update(value)
                elif value is not None:
                    named.add(value)
            for item in cond([i for i in ctx.declaration.of(cls) if i.id not in named], ctx.as_of):
                values = item_values(item, ctx, by=by_name)
                yield Violation(subject=item.id, values=values)
        return run

    spec = check.resolves
    assert spec is not None
    kinds = set(spec.kinds)
    for i, k in enumerate(spec.kinds):
        model(k, ("check", "resolves", "kinds", i))

    def run(ctx: CheckContext) -> Iterator[Violation]:
        decl = ctx.declaration
        suggest = _Suggestions(decl)
        for ref in decl.dangling:
            kind = type(decl.by_id[ref.subject]).__name__
            if kinds and kind not in kinds:
                continue
            values = {"id": ref.subject, "kind": Term("kind", kind), "target": ref.target, "expected": ref.expected,
                      "path": spoken_path(ref.path), "suggestion": suggest(ref.target, ref.expected)}
            yield Violation(subject=ref.subject, path=ref.path, values=values,
                            key=f"{'.'.join(map(str, ref.path))}={ref.target}")
    return run


def rule_inputs(rule: PackRule) -> tuple[tuple[str, ...], str | None]:
    """The kinds a pack rule reads, and the kind it judges item by item (see
    :attr:`~ipcheck.rules.api.RuleMeta.reads`), from its check: the kinds it names, and the
    kinds of the items its templates name through ``<field>_name``. A ``resolves`` reads every
    kind: whether an id names anything depends on all of them. Conditions read only the item."""
    check = rule.check
    if check.resolves is not None:
        return tuple(KINDS), None
    spec = check.exists or check.required or check.forbidden or check.recent or check.covered
    assert spec is not None
    kinds = [spec.kind]
    if check.covered is not None:
        kinds.append(check.covered.by)
    if check.required is not None or check.forbidden is not None or check.covered is not None:
        kinds += _named_kinds(spec.kind, (rule.message, rule.fix))
    reads = tuple(dict.fromkeys(kinds))
    per_item = spec.kind if (check.required or check.forbidden or check.covered) and (
        check.covered is None or check.covered.by != spec.kind) else None
    return reads, per_item


def _named_kinds(kind: str, templates: tuple[str, ...]) -> list[str]:
    """The kinds of the items the ``{<field>_name}`` placeholders of ``templates`` (in every
    language) name; every kind for a reference that may name any."""
    used = {name for template in templates for lang in LANGS
            for name in _PLACEHOLDER.findall(pick(template, lang))}
    found: list[str] = []
    for ref in reference_fields(KINDS[kind]):
        if ref.nested is None and not ref.many and f"{ref.name}_name" in used:
            found += list(ref.ref.kinds) if ref.ref is not None and ref.ref.kinds else list(KINDS)
    return found


_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)")


class _Suggestions:
    """"; did you mean 'chen.qi'?" for a reference to nothing: the nearest declared id of the
    kinds it may name. Worked out for the first :data:`SUGGESTED_AT_MOST` references only
    (each compares against every id of those kinds)."""

    SUGGESTED_AT_MOST = 20

    def __init__(self, decl: Any) -> None:
        self.decl, self.asked = decl, 0
        self.ids: dict[str, list[str]] = {}

    def __call__(self, target: str, expected: str) -> Text:

        self.asked += 1
        if self.asked > self.SUGGESTED_AT_MOST:
            return ""
        if expected not in self.ids:
            names = [k for k in KINDS if k in expected.replace(",", " ").split()]
            self.ids[expected] = [i.id for k in names for i in self.decl.items[k]]
        hints = {lang: did_you_mean(target, self.ids[expected], lang) for lang in LANGS}
        if not hints["en"]:
            return Text("", {"zh-CN": ""})
        return Text(f"; {hints['en']}", {"zh-CN": f"；{hints['zh-CN']}"})


_RULE_ID_LINE = re.compile(r"^[ \t-]*id:[ \t]*['\"]?([A-Z][A-Z0-9]*)['\"]?[ \t]*(?:#.*)?$", re.MULTILINE)


def _rule_lines(text: str) -> dict[str, int]:
    """1-based line where each rule's ``id: RULE`` is written, in one pass over the pack."""
    lines: dict[str, int] = {}
    line, offset = 1, 0
    for match in _RULE_ID_LINE.finditer(text):
        line += text.count("\n", offset, match.start())
        offset = match.start()
        lines.setdefault(match.group(1), line)
    return lines


def load_pack(path: Path, plugin: str) -> list[Rule]:
    """Read, validate and compile a rule pack; raise :class:`PackError` with located problems."""
    from ipcheck.load.yamlfile import YamlSyntaxError, load_small

    shown = str(path)

    def fail(message: str, line: int = 1, column: int = 1, hint: str = "") -> PackError:
        return PackError([Problem("internal", f"rule pack of plugin {plugin!r}: {message}",
                                  Location(shown, line, column), hint=hint, plugin=plugin)])

    try:
        text = path.read_text(encoding="utf-8")
        raw, position = load_small(shown, text)
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(f"cannot read: {exc}") from None
    except YamlSyntaxError as exc:
        raise fail(str(exc), exc.line, exc.column, exc.hint) from None
    if raw is None:
        raise fail("the file is empty", hint="see docs/plugins.md for the rule-pack format")

    try:
        pack = Pack.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            line, column = position(loc, key=error["type"] == "extra_forbidden")
            problems.append(fail(f"{'.'.join(map(str, loc))}: {error['msg']}", line, column,
                                 hint="see docs/plugins.md for the rule-pack format").problems[0])
        raise PackError(problems) from None

    rules: list[Rule] = []
    rule_lines = _rule_lines(text)
    for index, spec in enumerate(pack.rules):
        line = rule_lines.get(spec.id, 1)
        try:
            check = _compile(spec)
        except ConditionError as exc:
            raise fail(f"rule {spec.id}: {exc}", *position(("rules", index, *exc.path), key=True)) from None
        for template, problem in _template_problems(spec):
            raise fail(f"rule {spec.id}: {template} template: {problem}", *position(("rules", index, template)),
                       hint="see the values of each check shape under Templates in docs/plugins.md")
        reads, per_item = rule_inputs(spec)
        meta = RuleMeta(
            id=spec.id, title=spec.title, severity=spec.severity, stage=spec.stage, protection=spec.protection,
            clauses=tuple(spec.clauses), rationale=spec.rationale, fails=spec.fails, passes=spec.passes,
            fix=spec.fix, plugin=plugin, source=f"{shown}:{line}", help_url=spec.help_url,
            messages={"default": spec.message}, editions=tuple(spec.editions), category=spec.category,
            systemic=Systemic(**spec.systemic.model_dump()) if spec.systemic is not None else None,
            reads=reads, per_item=per_item,
        )
        rules.append(Rule(meta, check))
    return rules


__all__ = ["Pack", "PackError", "load_pack", "pack_schema"]
