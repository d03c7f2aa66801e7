"""Generate the kind reference of docs/format.md from the models, so that it cannot drift.

The part of docs/format.md between the two markers below is replaced by tables built from
``ipcheck.model.kinds`` (class docstrings, field types, defaults and field descriptions);
everything around it is hand-written.

    .venv/bin/python tools/gen_format_doc.py          # rewrite docs/format.md
    .venv/bin/python tools/gen_format_doc.py --check  # exit 1 if it is out of date
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import typing
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from ipcheck.model.kinds import KINDS
from ipcheck.model.refs import RefTo

DOC = Path(__file__).resolve().parent.parent / "docs" / "format.md"
BEGIN = "<!-- BEGIN GENERATED: kind reference (tools/gen_format_doc.py; do not edit by hand) -->"
END = "<!-- END GENERATED: kind reference -->"

SECTIONS: list[tuple[str, list[str]]] = [
    ("Enterprise profile and organisation", ["Enterprise", "Unit", "Person", "Product", "Role"]),
    ("Start-up", ["WorkingGroup", "WorkPlan", "Meeting", "Training"]),
    ("Investigation and diagnosis", ["DiagnosisReport"]),
    ("System construction", ["Policy", "Objective", "ContextReview", "ComplianceObligation", "CultureActivity",
                             "RiskOpportunity", "Budget"]),
    ("Manual, documents, records and promulgation",
     ["Manual", "SystemDocument", "Procedure", "RecordForm", "Record", "Promulgation"]),
    ("Operation: R&D, contracts and people", ["Project", "Contract", "ConfidentialityAgreement", "StaffCheck"]),
    ("Exploitation, disputes and markets", ["Exploitation", "Dispute", "MarketEntry"]),
    ("Production", ["ProcessImprovement"]),
    ("People and resources", ["TrainingPlan", "IncentiveScheme", "Reward", "InformationAnalysis", "Publication",
                              "ComplianceEvaluation"]),
    ("Registers: the four-in-one protection", ["Patent", "Trademark", "Copyright", "TradeSecret"]),
    ("Internal audit and management review", ["AuditProgramme", "Audit", "Nonconformity", "ManagementReview"]),
]


# What a field means, for the fields whose model gives no description. Hand-written, but
# checked: a note naming a field the models do not have fails the test of this file.
JURISDICTION = ("ISO 3166 code of the country (`CN`, `US`, `JP`, `KR`, `IN`), `EP` for European patents, "
                "`EU` for EU trade marks, `WO` for international (PCT) applications")
NOTES: dict[tuple[str, str], str] = {
    ("Enterprise", "name"): "Legal name.",
    ("Enterprise", "industry"): "Industry, in words (with its classification code if you like).",
    ("Enterprise", "employees"): "Number of employees.",
    ("Unit", "name"): "Name of the unit.",
    ("Unit", "head"): "Head of the unit.",
    ("Unit", "functions"): "What the unit does, in a few words each.",
    ("Person", "unit"): "Unit the person belongs to.",
    ("Person", "top_management"): "A member of top management (general manager, deputies, board).",
    ("Person", "joined"): "Date the person joined: people who joined recently need an entry IP check.",
    ("Person", "left"): "Date the person left: leavers need an exit IP check and hold no role or access.",
    ("Product", "markets"): "Jurisdictions the product is sold in: " + JURISDICTION + ".",
    ("Product", "nice_classes"): "Nice classes (1-45) of the goods and services: marks are expected in them.",
    ("Product", "launched"): "Launch date.",
    ("Role", "type"): "What the role is in the IP functional structure; `other` for any further role.",
    ("Role", "holders"): "People who hold the role now.",
    ("WorkingGroup", "appointed_by"): "Who signed the appointment (top management).",
    ("WorkingGroup", "leader"): "Leader: a member of top management.",
    ("WorkingGroup", "members"): "Members, from every key unit.",
    ("Task", "stage"): "Implementation stage the task belongs to.",
    ("Task", "done"): "Date the task was completed; empty while open.",
    ("Meeting", "chair"): "Who chaired the meeting.",
    ("Training", "stage"): "`startup` for the start-up training of key departments, `dissemination` for "
                           "the publicity and training on the manual and procedures.",
    ("Training", "trainer"): "Who trained (a name, internal or external).",
    ("Training", "record"): "Reference of the attendance record.",
    ("DiagnosisReport", "current_state"): "The diagnosis of IP management as it is.",
    ("DiagnosisReport", "gaps"): "Gaps found against the standard.",
    ("DiagnosisReport", "risks"): "IP risks found.",
    ("Policy", "text"): "The policy statement.",
    ("Policy", "communicated_via"): "Channels the policy was communicated through.",
    ("Objective", "measure"): "What is measured.",
    ("Objective", "target"): "The value to reach (text, e.g. `>= 18 per year`, `100%`).",
    ("Objective", "owner"): "Who is accountable for the objective.",
    ("Controlled", "version"): "Version or revision (quote it if it looks like a number: `\"1.0\"`).",
    ("Controlled", "issued"): "Date of issue; not before the date of approval.",
    ("Procedure", "owner"): "Role that owns the procedure.",
    ("Procedure", "forms"): "Record forms the procedure uses.",
    ("SystemDocument", "owner"): "Role that owns the document.",
    ("Manual", "policy"): "The IP policy the manual states.",
    ("RecordForm", "procedure"): "Procedure the form belongs to.",
    ("RecordForm", "frequency"): "How often a record is expected: periodic forms need one in every period.",
    ("Record", "unit"): "Unit that made the record.",
    ("Record", "made_by"): "Who made the record.",
    ("Promulgation", "signed_by"): "Who signed the promulgation (top management).",
    ("Promulgation", "documents"): "Documents promulgated: the manual, procedures, forms, policy, system documents.",
    ("Promulgation", "units"): "Units the promulgation was sent to.",
    ("PatentSearch", "record"): "The record of the search on its form.",
    ("Project", "patent_search"): "The search made before the project started.",
    ("Contract", "confidentiality"): "The contract has confidentiality terms.",
    ("Contract", "people"): "People the contract binds (for an employment contract, the employee).",
    ("ConfidentialityAgreement", "secrets"): "Trade secrets the agreement covers.",
    ("ConfidentialityAgreement", "non_compete"): "The agreement has non-compete terms.",
    ("StaffCheck", "checked_by"): "Who made the check.",
    ("Patent", "jurisdiction"): JURISDICTION + ".",
    ("Patent", "owner"): "Owner (applicant) of the right.",
    ("Patent", "product"): "Product the patent protects (its patent layout).",
    ("Patent", "expiry"): "Date the patent expires.",
    ("Trademark", "jurisdiction"): JURISDICTION + ".",
    ("Trademark", "classes"): "Nice classes of the registration.",
    ("Trademark", "products"): "Products the mark is used on.",
    ("Copyright", "key"): "A key work: expected to be registered.",
    ("Copyright", "ownership"): "How the enterprise holds the work; commissioned, outsourced and acquired "
                                "works name the contract that fixes ownership.",
    ("Copyright", "contract"): "Contract that fixes ownership of the work.",
    ("TradeSecret", "level"): "Classification level.",
    ("TradeSecret", "custodian"): "Person who keeps the secret.",
    ("TradeSecret", "access"): "People who have access; each needs a confidentiality agreement.",
    ("AuditProgramme", "procedures"): "Procedures the programme covers in the cycle.",
    ("AuditProgramme", "units"): "Units the programme covers in the cycle.",
    ("Audit", "auditors"): "Auditors (the lead auditor included); none from an audited unit.",
    ("Audit", "report"): "Reference of the audit report.",
    ("Nonconformity", "grade"): "Grade, as certification auditors grade findings.",
    ("Nonconformity", "clause"): "Clause of the standard, e.g. `GB/T 29490-2013 7.2`.",
    ("Nonconformity", "verified_by"): "Auditor who verified the corrective action, independent of the unit.",
    ("Nonconformity", "effective"): "Whether the corrective action was found effective.",
    ("ReviewOutput", "owner"): "Who carries the decision out.",
    ("ManagementReview", "chair"): "Who chaired the review (top management).",
    ("ManagementReview", "outputs"): "Decisions of the review.",
}


def note(model: type[BaseModel], name: str) -> str:
    """The meaning of a field: its description, else the note for it (or for the model it inherits it from)."""
    field = model.model_fields[name]
    if field.description:
        return field.description
    for cls in model.__mro__:
        if (cls.__name__, name) in NOTES:
            return NOTES[(cls.__name__, name)]
    return ""


def _anchor(name: str) -> str:
    return name.lower()


def _refs(ref: RefTo, plural: bool) -> str:
    noun = "ids" if plural else "id"
    if not ref.kinds:
        return f"{noun} of any item"
    names = [f"[{k}](#{_anchor(k)})" for k in ref.kinds]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    return f"{joined} {noun}"


def _literal(values: tuple[Any, ...]) -> str:
    return ", ".join(f"`{v}`" for v in values)


def describe(annotation: Any, plural: bool = False) -> str:
    """The type of a field in words, for a reader who writes YAML."""
    origin = get_origin(annotation)
    if origin in (Union, UnionType):
        inner = [a for a in get_args(annotation) if a is not type(None)]
        return " or ".join(describe(a, plural) for a in inner)
    if origin is Annotated:
        base, *meta = get_args(annotation)
        refs = [m for m in meta if isinstance(m, RefTo)]
        return _refs(refs[0], plural) if refs else describe(base, plural)
    if origin is list or (origin is tuple and get_args(annotation)[1:] == (Ellipsis,)):  # a tuple: Items[...]
        inner = get_args(annotation)[0]
        if get_origin(inner) is Literal:
            return f"list, each one of {_literal(get_args(inner))}"
        return "list of " + describe(inner, plural=True)
    if origin is Literal:
        return f"one of {_literal(get_args(annotation))}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        noun = "mappings" if plural else "mapping"
        return f"[{annotation.__name__}](#{_anchor(annotation.__name__)}) {noun}"
    words = {str: ("text", "texts"), int: ("whole number", "whole numbers"),
             bool: ("`true` or `false`", "`true` or `false`"), dt.date: ("date", "dates")}
    if annotation in words:
        return words[annotation][plural]
    return getattr(annotation, "__name__", str(annotation))


def _constraints(field: Any) -> str:
    notes = []
    for meta in field.metadata:
        for attr, word in (("ge", "≥"), ("min_length", "at least")):
            value = getattr(meta, attr, None)
            if value is not None:
                notes.append(f"{word} {value}" + (" character" if attr == "min_length" else ""))
        pattern = getattr(meta, "pattern", None)
        if pattern:
            notes.append(f"matching `{pattern}`")
    return f" ({', '.join(notes)})" if notes else ""


def _default(field: Any) -> str:
    if field.is_required():
        return "**required**"
    value = field.default
    if value is PydanticUndefined or value is None:
        return ""
    if value == [] or value == ():  # a list in YAML (held as a tuple)
        return "`[]`"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    return f"`{value}`"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


def table(model: type[BaseModel]) -> list[str]:
    hints = typing.get_type_hints(model, include_extras=True)
    lines = ["| field | type | required / default | meaning |", "| --- | --- | --- | --- |"]
    for name, field in model.model_fields.items():
        kind = describe(hints[name]) + _constraints(field)
        lines.append(f"| `{name}` | {_cell(kind)} | {_default(field)} | {_cell(note(model, name))} |")
    return lines


def _nested(model: type[BaseModel]) -> list[type[BaseModel]]:
    found = []
    hints = typing.get_type_hints(model, include_extras=True)
    for name in model.model_fields:
        stack = [hints[name]]
        while stack:
            annotation = stack.pop()
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                found.append(annotation)
            else:
                stack.extend(get_args(annotation))
    return found


def generate() -> str:
    listed = [k for _, kinds in SECTIONS for k in kinds]
    rest = [k for k in KINDS if k not in listed]
    sections = SECTIONS + ([("Other kinds", rest)] if rest else [])
    out = [BEGIN, "", "### All kinds", "", "| kind | section | what it declares |", "| --- | --- | --- |"]
    for title, kinds in sections:
        for name in kinds:
            out.append(f"| [{name}](#{_anchor(name)}) | {title} | {_cell(_first_sentence(KINDS[name].__doc__ or ''))} |")
    done: set[str] = set()
    for title, kinds in sections:
        out += ["", f"### {title}"]
        for name in kinds:
            model = KINDS[name]
            out += ["", f"#### {name}", "", " ".join((model.__doc__ or "").split()), "", *table(model)]
            for sub in _nested(model):
                if sub.__name__ in done:
                    continue
                done.add(sub.__name__)
                out += ["", f"#### {sub.__name__}", "",
                        f"{' '.join((sub.__doc__ or '').split())} Written inside a {name}, not as a kind of its own.",
                        "", *table(sub)]
    out += ["", END]
    return "\n".join(out)


def updated(text: str) -> str:
    start, end = text.index(BEGIN), text.index(END) + len(END)
    return text[:start] + generate() + text[end:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if docs/format.md is out of date")
    args = parser.parse_args(argv)
    current = DOC.read_text(encoding="utf-8")
    new = updated(current)
    if new == current:
        return 0
    if args.check:
        print(f"{DOC} is out of date: run tools/gen_format_doc.py", file=sys.stderr)
        return 1
    DOC.write_text(new, encoding="utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
