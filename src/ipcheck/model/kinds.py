"""Every kind of item an enterprise declares, as pydantic models.

The models are strict about shape (types, unknown fields, enumerations, dates written
as ``YYYY-MM-DD``) and lenient about content: almost every field is optional, because a
missing approval or an empty owner is a finding for the rules, not a load error.

Each class docstring is the kind's documentation (``docs/format.md``, ``ipcheck schema``).
``KINDS`` maps the ``kind:`` written in YAML to its model.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Annotated, Any, Literal, TypeVar, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    Strict,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from ipcheck.model.refs import Ref
from ipcheck.model.regions import CODES
from ipcheck.vocabulary import PROTECTIONS, Protection, Severity, Stage

Date = dt.date
_T = TypeVar("_T")
Items = Annotated[tuple[_T, ...], Strict(False)]
"""A list in YAML, a tuple in the model: what a rule is given cannot be changed in place
(``patent.inventors.append(...)`` fails), so no rule changes what the next one sees. Only
the container is lax (a YAML list becomes a tuple); its entries stay strict."""


def _known_jurisdiction(code: str) -> str:
    """A jurisdiction code as written, when ipcheck knows it (see :mod:`ipcheck.model.regions`)."""
    if code in CODES:  # the usual case, at the cost of one lookup: it is validated once per right
        return code
    from ipcheck.chinese_input import code_problem
    from ipcheck.model.regions import REGIONS

    problem = code_problem(code, CODES, list(REGIONS))
    if problem is not None:
        message, hint = problem
        raise PydanticCustomError("jurisdiction_code", "{message}", {"message": message, "hint": hint})
    return code


Jurisdiction = Annotated[str, AfterValidator(_known_jurisdiction)]
"""An ISO 3166-1 alpha-2 country code ("CN", "US") or a regional code ("EP", "EU", "WO" ...)."""


class ChoiceWords:
    """A choice field of glossary group ``group``: takes the word of a value in any language
    of the group as well as the id (``审查中`` for ``pending``).

    An id is checked by pydantic's own check of the field's values, without a call into
    Python; only a value that is not an id is looked up among the group's words (then
    checked again). A value that is neither fails with the error the values' check gives
    (``literal_error``, with the values expected and the value written)."""

    def __init__(self, group: str) -> None:
        self.group = group
        self.words: dict[str, str] = {}

    def __call__(self, value: object) -> object:
        if not isinstance(value, str):
            return value
        if not self.words:
            from ipcheck.i18n import glossary

            self.words.update({word: id for id, versions in glossary()[self.group].items()
                               for word in versions.values()})
        return self.words.get(value, value)

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        ids = handler(source)
        words = core_schema.no_info_before_validator_function(self, ids)
        if ids["type"] != "literal":
            return words
        expected = _expected(ids["expected"])
        return core_schema.union_schema(
            [ids, words], mode="left_to_right", custom_error_type="literal_error",
            custom_error_context={"expected": expected})

    def __get_pydantic_json_schema__(self, schema: core_schema.CoreSchema,
                                     handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return handler(schema["choices"][0] if schema["type"] == "union" else schema)


def _expected(values: list[Any]) -> str:
    """The values of a choice as pydantic's ``literal_error`` lists them: ``'a', 'b' or 'c'``."""
    shown = [repr(value) for value in values]
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} or {shown[-1]}"


def chinese_choice(group: str) -> ChoiceWords:
    """A choice field that takes the word of its value in any language of the glossary group
    ``group`` as well as the id (``审查中`` for ``pending``); reports show the word in theirs."""
    return ChoiceWords(group)


def _choice_group_in(annotations: tuple[object, ...]) -> str | None:
    for annotation in annotations:
        if isinstance(annotation, ChoiceWords):
            return annotation.group
        found = _choice_group_in(get_args(annotation))
        if found is not None:
            return found
    return None


@functools.cache
def choice_group(model: type[BaseModel], field: str) -> str | None:
    """The glossary group of ``model``'s choice field ``field`` (declared with
    :func:`chinese_choice`), or None when ``field`` is no such field."""
    info = model.model_fields.get(field)
    return None if info is None else _choice_group_in((*info.metadata, info.annotation))


def _one_or_many(value: object) -> object:
    """One reference written alone (``evidence: contracts/2026-017.pdf``) is a list of one."""
    return (value,) if isinstance(value, str) else value


Evidence = Annotated[Items[str], BeforeValidator(_one_or_many)]
"""The objective evidence of an item: paths of files in the repository (checked to exist) or
document numbers; one, or a list."""


def evidence_field() -> Any:
    """The ``evidence`` field every kind an auditor asks objective evidence of has."""
    return Field((), description="Objective evidence: paths of files in the repository (checked to exist) "
                                 "or document numbers; one, or a list.")


ID_PATTERN = r"^[A-Za-z0-9\u3400-\u4dbf\u4e00-\u9fff][A-Za-z0-9\u3400-\u4dbf\u4e00-\u9fff._/-]*$"
"""An id: Latin letters, Chinese characters (销售部) and digits, then also . _ / -."""


class Shape(BaseModel):
    """Base of every model: unknown fields and wrong types are errors, nothing is coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Item(Shape):
    """A declared item with an id, unique across the whole declaration."""

    id: str = Field(min_length=1, pattern=ID_PATTERN,
                    description="Unique id; other items refer to this item by it.")


def name_of(item: Item) -> str:
    """How an item is called in a message: its name, title, mark, statement or topic, else its id."""
    for field in ("name", "title", "mark", "statement", "topic"):
        value = getattr(item, field, None)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return item.id


# --- Enterprise profile -------------------------------------------------------------


class Penalty(Shape):
    """An administrative penalty for an IP infringement or violation imposed on the enterprise."""

    date: Date
    authority: str | None = Field(None, description="The authority that imposed it.")
    decision: str | None = Field(None, description="Reference of the penalty decision.")
    description: str | None = None


class Enterprise(Item):
    """The enterprise profile: who implements the system, where it sells, how big it is,
    which protection types its system covers, and the IP administrative penalties imposed on it."""

    name: str
    industry: str | None = None
    markets: Items[Jurisdiction] = Field(
        (), description="Jurisdictions the enterprise sells in; trademarks are expected in each.")
    employees: int | None = Field(default=None, ge=0)
    scope: str | None = Field(None, description="Scope of the IP management system (sites, products, processes).")
    description: str | None = None
    protection_scope: Items[Protection] = Field(
        default_factory=lambda: tuple(PROTECTIONS),
        description="Protection types the system covers (default all four); rules of a type outside it do not apply.")
    penalties: Items[Penalty] = Field(
        (), description="IP administrative penalties imposed on the enterprise (certification needs none in the past year).")


UnitFunction = Literal[
    "management",
    "ip",
    "research-development",
    "human-resources",
    "legal",
    "procurement",
    "production",
    "sales",
    "finance",
    "quality",
    "information-technology",
    "administration",
    "other",
]
"""What a unit is in the enterprise: rules find the unit that answers for a duty by it (entry
and exit checks: ``human-resources``; key posts: ``research-development`` and ``ip``), never
by the words of its name."""


class Unit(Item):
    """An organisational unit (department, subsidiary, site)."""

    name: str
    key: bool = Field(False, description="A key department: must be represented in the working group and trained.")
    head: Ref("Person") | None = None
    ip_liaison: Ref("Person") | None = Field(None, description="The unit's IP liaison.")
    functions: Items[str] = ()
    function: UnitFunction | None = Field(
        None, description="What the unit is (its main function): `human-resources` answers for entry and exit "
                          "checks; people of `research-development` and `ip` units hold key posts.")


class Person(Item):
    """A person of the enterprise (employee or manager)."""

    name: str
    unit: Ref("Unit") | None = None
    position: str | None = None
    top_management: bool = False
    joined: Date | None = None
    left: Date | None = None


class Product(Item):
    """A product or product line, with the markets it is sold in and its Nice classes."""

    name: str
    key: bool = Field(False, description="A key product: needs a patent layout and registered marks.")
    markets: Items[Jurisdiction] = ()
    nice_classes: Items[int] = ()
    launched: Date | None = None


RoleType = Annotated[Literal[
    "top-management",
    "management-representative",
    "ip-department",
    "ip-officer",
    "ip-liaison",
    "internal-auditor",
    "working-group-leader",
    "other",
], chinese_choice("role-type")]


class Role(Item):
    """A role of the IP functional structure, with responsibilities, authority and holders."""

    title: str
    type: RoleType = "other"
    holders: Items[Ref("Person")] = ()
    agency: str | None = Field(None, description="An outside IP service agency that carries the role (its name), "
                                                 "in place of holders.")
    unit: Ref("Unit") | None = None
    responsibilities: Items[str] = ()
    authorities: Items[str] = ()


# --- Start-up -----------------------------------------------------------------------


class WorkingGroup(Item):
    """The implementation working group appointed at start-up."""

    name: str
    appointed: Date | None = None
    appointed_by: Ref("Person") | None = None
    leader: Ref("Person") | None = None
    members: Items[Ref("Person")] = ()


class Task(Shape):
    """A task of the work plan."""

    name: str
    stage: Stage | None = None
    owner: Ref("Person") | None = None
    start: Date | None = None
    due: Date | None = None
    done: Date | None = None


class WorkPlan(Item):
    """The implementation work plan: tasks with owners and dates."""

    title: str
    approved_by: Ref("Person") | None = None
    approved: Date | None = None
    tasks: Items[Task] = ()


MeetingType = Annotated[Literal["kickoff", "working-group", "promulgation", "other"], chinese_choice("meeting-type")]


class Meeting(Item):
    """A meeting with minutes: the kick-off meeting, working-group meetings."""

    title: str
    type: MeetingType = "other"
    date: Date | None = None
    chair: Ref("Person") | None = None
    attendees: Items[Ref("Person")] = ()
    minutes: str | None = Field(None, description="Reference of the minutes (document number or path).")
    evidence: Evidence = evidence_field()


class Training(Item):
    """A training or publicity session: who it was for and who attended."""

    topic: str
    date: Date | None = None
    stage: Stage | None = None
    trainer: str | None = None
    audience: Items[Ref("Unit")] = Field((), description="Units the training was meant to reach.")
    attendees: Items[Ref("Person")] = ()
    procedures: Items[Ref("Procedure", "Manual", "SystemDocument")] = Field(
        (), description="Documents the training covered.")
    record: str | None = None
    evidence: Evidence = evidence_field()


# --- Diagnosis ----------------------------------------------------------------------


class DiagnosisReport(Item):
    """The investigation and diagnosis report on the current state of IP management."""

    title: str
    date: Date | None = None
    author: Ref("Person") | None = None
    approved_by: Ref("Person") | None = None
    basic_information: str | None = Field(None, description="Products, markets, R&D and existing IP assets surveyed.")
    organisational_structure: str | None = None
    related_systems: str | None = Field(None, description="Existing management systems and rules that touch IP.")
    current_state: str | None = None
    gaps: Items[str] = ()
    risks: Items[str] = ()
    evidence: Evidence = evidence_field()


# --- System construction -------------------------------------------------------------


class Policy(Item):
    """The IP policy, approved by top management and communicated."""

    text: str
    approved_by: Ref("Person") | None = None
    approved: Date | None = None
    communicated: Date | None = None
    communicated_via: Items[str] = ()


Benefit = Annotated[Literal["risk-prevention", "patent-layout", "market-expansion", "four-in-one-protection"],
                    chinese_choice("benefit")]


class Objective(Item):
    """An IP objective: measurable, owned and dated."""

    statement: str
    measure: str | None = None
    target: str | None = None
    owner: Ref("Person") | None = None
    due: Date | None = None
    benefits: Items[Benefit] = Field((),
                                    description="Which of the four benefits of implementing the standard it serves.")
    status: Annotated[Literal["planned", "on-track", "achieved", "missed"], chinese_choice("objective-status")] | None = None


# --- Manual and documents -------------------------------------------------------------


class Controlled(Item):
    """Fields of document control shared by the manual, system documents and procedures."""

    title: str
    version: str | None = None
    approved_by: Ref("Person") | None = None
    approved: Date | None = None
    issued: Date | None = None


class Manual(Controlled):
    """The IP management manual."""

    scope: str | None = None
    policy: Ref("Policy") | None = None
    procedures: Items[Ref("Procedure")] = Field((), description="Every control procedure the manual refers to.")
    documents: Items[Ref("SystemDocument")] = ()


class SystemDocument(Controlled):
    """A system document (rule, regulation) below the manual."""

    owner: Ref("Role") | None = None


class Procedure(Controlled):
    """A control procedure: owner, scope, steps and the record forms it uses."""

    owner: Ref("Role") | None = None
    scope: str | None = None
    protection: Items[Protection] = Field((), description="Protection types the procedure governs.")
    forms: Items[Ref("RecordForm")] = ()
    steps: Items[str] = ()


Frequency = Annotated[Literal["per-event", "weekly", "monthly", "quarterly", "half-yearly", "yearly"],
                      chinese_choice("frequency")]
FormPurpose = Annotated[Literal["docket", "infringement-monitoring", "invention-disclosure"], chinese_choice("form-purpose")]


class RecordForm(Item):
    """A record form used by a procedure, and how often records are expected on it."""

    title: str
    procedure: Ref("Procedure") | None = None
    frequency: Frequency | None = None
    monitoring: bool = Field(False,
                             description="A monitoring form: records on it are the regular monitoring of the system.")
    version: str | None = None
    purpose: FormPurpose | None = Field(
        None, description="What the form is for, when a rule looks for it: docket (the deadline docket of annuities "
                          "and renewals), infringement-monitoring (the watch for infringements of the enterprise's "
                          "IP of the protection types its procedure governs: copies on the market and online, "
                          "conflicting marks, leaks of secrets), invention-disclosure (the disclosure of an invention "
                          "and the decision to file, keep secret or publish it).")


class Record(Item):
    """A record made on a form."""

    form: Ref("RecordForm")
    date: Date
    unit: Ref("Unit") | None = None
    made_by: Ref("Person") | None = None
    about: Ref() | None = Field(None, description="The item the record is about (a patent, a project, a person).")
    summary: str | None = None
    evidence: Evidence = evidence_field()


class Promulgation(Item):
    """The promulgation of the manual, procedures and forms."""

    date: Date | None = None
    signed_by: Ref("Person") | None = None
    documents: Items[Ref("Manual", "Procedure", "RecordForm", "SystemDocument", "Policy")] = ()
    units: Items[Ref("Unit")] = ()
    channels: Items[str] = ()
    evidence: Evidence = evidence_field()


# --- Operation: R&D, contracts, people ------------------------------------------------


class PatentSearch(Shape):
    """A patent search (freedom to operate, novelty) made before a project or launch."""

    date: Date | None = None
    record: Ref("Record") | None = None
    result: str | None = None


class Project(Item):
    """An R&D project."""

    name: str
    product: Ref("Product") | None = None
    leader: Ref("Person") | None = None
    start: Date | None = None
    end: Date | None = None
    patent_search: PatentSearch | None = None


ContractType = Annotated[Literal[
    "employment", "outsourcing", "commissioning", "licence-in", "licence-out",
    "purchase", "sales", "cooperation", "nda", "assignment", "pledge", "investment",
], chinese_choice("contract-type")]


class Contract(Item):
    """A contract, with its IP ownership and confidentiality terms."""

    title: str
    type: ContractType
    counterparty: str | None = None
    signed: Date | None = None
    expires: Date | None = None
    ip_ownership: str | None = Field(None,
                                     description="Who owns the IP created under the contract (the clause, summarised).")
    confidentiality: bool = False
    ip_warranty: str | None = Field(
        None, description="The other party's warranty that what it supplies, licenses or delivers infringes no third "
                          "party's IP and is free of IP encumbrances, with its indemnity (the clause, summarised).")
    people: Items[Ref("Person")] = ()
    evidence: Evidence = evidence_field()


class ConfidentialityAgreement(Item):
    """A confidentiality agreement with a person, with or without non-compete terms."""

    person: Ref("Person")
    signed: Date | None = None
    expires: Date | None = None
    non_compete: bool = False
    secrets: Items[Ref("TradeSecret")] = ()
    evidence: Evidence = evidence_field()


class StaffCheck(Item):
    """An entry or exit IP check of a member of staff."""

    person: Ref("Person")
    type: Annotated[Literal["entry", "exit"], chinese_choice("staff-check-type")]
    date: Date | None = None
    checked_by: Ref("Person") | None = None
    items: Items[str] = Field((),
                             description="What was checked: prior obligations, materials returned, reminder of duties.")
    evidence: Evidence = evidence_field()


# --- Registers: the four-in-one protection ---------------------------------------------


class Patent(Item):
    """A patent or patent application."""

    title: str
    type: Annotated[Literal["invention", "utility-model", "design"], chinese_choice("patent-type")] = "invention"
    jurisdiction: Jurisdiction
    application_number: str | None = None
    application_date: Date | None = None
    grant_number: str | None = None
    grant_date: Date | None = None
    status: Annotated[Literal["pending", "granted", "lapsed", "abandoned", "expired", "transferred"],
                      chinese_choice("patent-status")]
    owner: str | None = None
    inventors: Items[Ref("Person")] = ()
    product: Ref("Product") | None = None
    project: Ref("Project") | None = Field(
        None, description="The R&D project the invention came from (its invention disclosure was made in it).")
    annuity_due: Date | None = Field(None, description="Next annuity (maintenance fee) deadline.")
    expiry: Date | None = None
    evidence: Evidence = evidence_field()


class Trademark(Item):
    """A trademark registration or application."""

    mark: str
    jurisdiction: Jurisdiction
    classes: Items[int] = ()
    application_number: str | None = None
    application_date: Date | None = Field(
        None, description="Date the application was filed (the mark's priority in that jurisdiction).")
    registration_number: str | None = None
    registered: Date | None = None
    expiry: Date | None = Field(None, description="Date the registration must be renewed by.")
    status: Annotated[Literal["pending", "registered", "expired", "cancelled", "opposed"],
                      chinese_choice("trademark-status")]
    owner: str | None = None
    products: Items[Ref("Product")] = ()
    evidence: Evidence = evidence_field()


class Copyright(Item):
    """A copyright work, software included."""

    title: str
    type: Annotated[Literal["software", "document", "design", "drawing", "audiovisual", "other"],
                    chinese_choice("copyright-type")] = "other"
    key: bool = False
    registration_number: str | None = None
    registered: Date | None = None
    created: Date | None = None
    ownership: Annotated[Literal["employee-work", "commissioned", "outsourced", "acquired", "licensed-in"],
                         chinese_choice("copyright-ownership")] | None = None
    contract: Ref("Contract") | None = None
    authors: Items[Ref("Person")] = ()
    licence_review: Date | None = Field(
        None, description="Date of the last open-source and third-party licence review (software).")
    evidence: Evidence = evidence_field()


class TradeSecret(Item):
    """A trade secret: classified, in a custodian's keeping, accessible to named people."""

    title: str
    level: Annotated[Literal["core", "important", "general"], chinese_choice("secret-level")] | None = None
    custodian: Ref("Person") | None = None
    access: Items[Ref("Person")] = ()
    unit: Ref("Unit") | None = None
    identified: Date | None = None
    measures: Items[str] = Field((), description="Physical and IT protection measures.")
    evidence: Evidence = evidence_field()


# --- Internal audit and management review ---------------------------------------------


class AuditProgramme(Item):
    """The internal audit programme for a cycle."""

    title: str
    cycle_start: Date | None = None
    cycle_end: Date | None = None
    approved_by: Ref("Person") | None = None
    procedures: Items[Ref("Procedure")] = ()
    units: Items[Ref("Unit")] = ()
    evidence: Evidence = evidence_field()


class Audit(Item):
    """An internal audit."""

    programme: Ref("AuditProgramme") | None = None
    date: Date | None = None
    lead_auditor: Ref("Person") | None = None
    auditors: Items[Ref("Person")] = ()
    units: Items[Ref("Unit")] = ()
    procedures: Items[Ref("Procedure")] = ()
    report: str | None = None
    evidence: Evidence = evidence_field()


class Nonconformity(Item):
    """A nonconformity raised by an internal audit, with its correction and verification."""

    description: str
    audit: Ref("Audit") | None = None
    raised: Date | None = None
    grade: Severity | None = None
    clause: str | None = None
    unit: Ref("Unit") | None = None
    root_cause: str | None = None
    correction: str | None = None
    corrective_action: str | None = None
    owner: Ref("Person") | None = None
    due: Date | None = None
    closed: Date | None = None
    verified_by: Ref("Person") | None = None
    verified: Date | None = None
    effective: bool | None = None
    evidence: Evidence = evidence_field()


ReviewInput2023 = Literal[
    "audit-results",
    "objective-achievement",
    "policy-implementation",
    "changes",
    "risks-and-opportunities",
    "resources",
    "previous-review-follow-up",
    "corrective-actions",
]
"""The inputs of a management review as the 2023 edition (9.4) and ISO-style systems list them."""
ReviewInput2013 = Literal[
    "policy-and-objectives",
    "business-strategy-and-new-products",
    "ip-management-and-risk-assessment",
    "technology-and-standards-trends",
    "earlier-audit-and-review-results",
]
"""The inputs the 2013 edition lists (5.5.2): the IP policy and objectives; business strategy
and new products; the state of IP management and the risk assessment; technology and
standards trends; the results of earlier audits and reviews."""
ReviewInput = Annotated[Literal[ReviewInput2023, ReviewInput2013], chinese_choice("review-input")]
REVIEW_INPUTS_BY_EDITION: dict[str, tuple[str, ...]] = {
    "2023": get_args(ReviewInput2023),
    "2013": get_args(ReviewInput2013),
}
"""The inputs each edition requires of a management review: a check follows the edition's
vocabulary (a 2013 check does not impose the 2023 list, nor the reverse)."""


class ReviewOutput(Shape):
    """A decision of a management review, with its owner and follow-up."""

    decision: str
    type: Annotated[Literal["improvement", "resources", "policy-change", "objective-change", "other"],
                    chinese_choice("review-output-type")] = "other"
    owner: Ref("Person") | None = None
    due: Date | None = None
    done: Date | None = None


class ManagementReview(Item):
    """A management review by top management."""

    date: Date | None = None
    chair: Ref("Person") | None = None
    attendees: Items[Ref("Person")] = ()
    inputs: Items[ReviewInput] = Field(
        (), description="What the review considered: the inputs of the edition audited against (2023: audit-results "
                        "... corrective-actions; 2013 5.5.2: policy-and-objectives ... earlier-audit-and-review-results); "
                        "an input of the other edition counts where it says the same.")
    outputs: Items[ReviewOutput] = ()
    audits: Items[Ref("Audit")] = Field((), description="Internal audits whose results the review discussed.")
    minutes: str | None = None
    evidence: Evidence = evidence_field()


KINDS: dict[str, type[Item]] = {
    cls.__name__: cls
    for cls in (
        Enterprise, Unit, Person, Product, Role,
        WorkingGroup, WorkPlan, Meeting, Training,
        DiagnosisReport,
        Policy, Objective,
        Manual, SystemDocument, Procedure, RecordForm, Record, Promulgation,
        Project, Contract, ConfidentialityAgreement, StaffCheck,
        Patent, Trademark, Copyright, TradeSecret,
        AuditProgramme, Audit, Nonconformity, ManagementReview,
    )
}


# --- System construction: context, compliance obligations, culture, risks and opportunities,
# budget (GB/T 29490-2023 4.1, 4.2, 4.5, 5.1.3, 6.1; 2013 5.3.3, 6.3) ------------------------


class InterestedParty(Shape):
    """An interested party of the IP management system and what it requires of it."""

    name: str
    requirements: Items[str] = ()


class ContextReview(Item):
    """The internal and external issues that bear on the IP management system and the
    interested parties with their requirements, as determined at one review (2023 4.1, 4.2)."""

    title: str
    reviewed: Date | None = Field(None, description="Date of the review; kept current within twelve months.")
    reviewed_by: Ref("Person") | None = None
    internal_issues: Items[str] = ()
    external_issues: Items[str] = ()
    interested_parties: Items[InterestedParty] = ()
    evidence: Evidence = evidence_field()


ObligationType = Literal["law", "regulation", "judicial-interpretation", "standard", "contract", "other"]


class ComplianceObligation(Item):
    """A law, regulation or other obligation on IP that applies to the enterprise: one entry of
    the register of legal and other requirements (2013 5.3.3) or compliance obligations (2023 4.5)."""

    title: str
    type: ObligationType = "law"
    source: str | None = Field(None, description="Where it is published (issuing body, number, link).")
    owner: Ref("Person") | None = Field(None, description="Who follows it and its amendments.")
    kept_current: str | None = Field(None, description="How its amendments are caught (subscription, counsel, agency).")
    reviewed: Date | None = Field(None, description="Last review of the obligation and of compliance with it.")
    protection: Items[Protection] = ()


class CultureActivity(Item):
    """An activity that promotes the IP compliance culture (2023 5.1.3)."""

    title: str
    date: Date | None = None
    type: Literal["publicity", "commitment", "training", "recognition", "other"] = "other"
    units: Items[Ref("Unit")] = ()
    record: str | None = Field(None, description="Reference of the evidence (photos, signed commitments, notice).")
    evidence: Evidence = evidence_field()


class RiskOpportunity(Item):
    """A risk or an opportunity of the IP management system and the actions planned on it (2023 6.1)."""

    description: str
    type: Literal["risk", "opportunity"] = "risk"
    actions: Items[str] = ()
    owner: Ref("Person") | None = None
    due: Date | None = None
    reviewed: Date | None = None


BudgetPurpose = Literal["filing", "maintenance", "search-analysis", "disputes", "training", "rewards", "other"]
BUDGET_PURPOSES: tuple[str, ...] = ("filing", "maintenance", "search-analysis", "disputes", "training", "rewards")
"""The purposes an IP budget provides for (every one but ``other``)."""


class BudgetLine(Shape):
    """The amount a budget sets aside for one purpose."""

    purpose: BudgetPurpose
    amount: float = Field(ge=0)


class Budget(Item):
    """The IP budget of one budget period (usually a calendar or fiscal year), by purpose
    (2013 6.3; 2023 7.1)."""

    start: Date = Field(description="First day of the budget period.")
    end: Date = Field(description="Last day of the budget period.")
    currency: str = "CNY"
    approved_by: Ref("Person") | None = None
    approved: Date | None = None
    lines: Items[BudgetLine] = ()


KINDS.update({cls.__name__: cls for cls in (ContextReview, ComplianceObligation, CultureActivity, RiskOpportunity,
                                             Budget)})


# --- Operation: exploitation, disputes and export markets (2013 7.3, 7.4.2, 7.4.3, 8.5; 2023 8) --


class Assessment(Shape):
    """An evaluation made before a step is taken: the due diligence of IP before it is licensed,
    assigned, pledged or invested, the IP investigation of a market before selling there."""

    date: Date | None = None
    record: Ref("Record") | None = Field(None, description="The record of the evaluation (its report).")
    result: str | None = None


ExploitationType = Annotated[Literal["licence-out", "licence-in", "assignment-out", "assignment-in", "pledge",
                                     "investment", "merger", "acquisition", "split", "standard-setting", "alliance",
                                     "patent-pool"], chinese_choice("exploitation-type")]


class Exploitation(Item):
    """An exploitation of IP: a licence granted or taken, an assignment, a pledge for financing or
    an investment in kind (2013 7.3.1, 7.3.2); a merger, an acquisition or a split of the enterprise
    (7.3.3); a part in setting a standard (7.3.4); joining an alliance or a patent pool (7.3.5). Each
    with the evaluation that preceded it (the IP due diligence of a restructuring, the review of the
    enterprise's patents against a standard) and the contract that followed; a standard or an
    alliance also with the IP obligations it brings."""

    title: str
    type: ExploitationType
    rights: Items[Ref("Patent", "Trademark", "Copyright", "TradeSecret")] = Field(
        (), description="The rights exploited.")
    counterparty: str | None = None
    date: Date | None = Field(None, description="The day it was agreed (the contract signed, the pledge registered).")
    evaluation: Assessment | None = Field(
        None, description="The evaluation or due diligence made before it (value, validity, ownership, risks).")
    contract: Ref("Contract") | None = Field(
        None, description="The contract that fixes it (the merger or acquisition agreement, the membership "
                          "agreement of an alliance or pool; none for a standard).")
    obligations: Items[str] = Field(
        (), description="The IP obligations taken on with a standard or an alliance: the standards body's patent "
                        "policy (disclosure of essential patents, licensing on fair terms), the membership rules "
                        "(rights contributed, licences granted to members, what happens on leaving).")
    evidence: Evidence = evidence_field()


DisputeStatus = Annotated[Literal["open", "settled", "won", "lost", "withdrawn", "closed"],
                          chinese_choice("dispute-status")]


class Dispute(Item):
    """An IP dispute: an infringement found or alleged, an opposition, an invalidation or an
    ownership dispute, kept as one file with an owner and a status (2013 7.4.2)."""

    title: str
    counterparty: str | None = None
    rights: Items[Ref("Patent", "Trademark", "Copyright", "TradeSecret")] = ()
    opened: Date | None = None
    owner: Ref("Person") | None = Field(None, description="Who handles the dispute.")
    status: DisputeStatus | None = None
    closed: Date | None = None
    file: str | None = Field(None, description="Reference of the dispute file (document number or path).")
    evidence: Evidence = evidence_field()


class MarketEntry(Item):
    """A product's entry into a market (an export market or a new region), with the IP
    investigation of that market made before it (2013 7.4.3, 8.5)."""

    product: Ref("Product")
    jurisdiction: Jurisdiction
    date: Date | None = Field(None, description="The day of the first sale in the market.")
    investigation: Assessment | None = Field(
        None, description="The IP investigation of the market: patents and marks of others, customs and "
                          "local IP law.")
    evidence: Evidence = evidence_field()


KINDS.update({cls.__name__: cls for cls in (Exploitation, Dispute, MarketEntry)})
# --- People and resources: training plans, incentives and rewards, patent information,
# publication review, compliance evaluation (2013 6.1.2, 6.1.6, 6.4; 2023 7.1, 7.2, 8, 9.2) --

TrainingGroup = Annotated[Literal["management", "ip-staff", "research-development", "all-staff"],
                          chinese_choice("training-group")]
TRAINING_GROUPS: tuple[str, ...] = ("management", "ip-staff", "research-development", "all-staff")
"""The groups a yearly IP training plan provides for (2013 6.1.2 a-d): middle and top management,
IP staff, R&D and other posts close to IP, and all staff."""


class PlannedTraining(Shape):
    """One training of a yearly training plan: for which group, on what, by when; the training
    that delivered it and how its effect was evaluated."""

    group: TrainingGroup
    topic: str
    due: Date | None = Field(None, description="The date it is planned for (held by then).")
    training: Ref("Training") | None = Field(None, description="The training that delivered it.")
    evaluated: Date | None = Field(None, description="When its effect was evaluated (test, questionnaire, "
                                                     "observation of practice).")
    evaluation: str | None = Field(None, description="How its effect was evaluated, and the result.")


class TrainingPlan(Item):
    """The IP training plan of one year, for each group of staff (2013 6.1.2; 2023 7.2)."""

    title: str
    start: Date = Field(description="First day of the period the plan covers.")
    end: Date = Field(description="Last day of the period the plan covers.")
    approved_by: Ref("Person") | None = None
    approved: Date | None = None
    trainings: Items[PlannedTraining] = ()
    evidence: Evidence = evidence_field()


class IncentiveScheme(Item):
    """The reward and remuneration scheme for inventors, designers and authors (2013 6.1.6): the
    reward on grant, the remuneration from exploitation, and within how long the reward is paid."""

    title: str
    document: Ref("SystemDocument", "Procedure") | None = Field(
        None, description="The regulation or procedure that sets the scheme.")
    approved_by: Ref("Person") | None = None
    approved: Date | None = None
    reward: str | None = Field(None, description="The reward paid when a right is granted or registered "
                                                 "(amounts per patent type, per registered work).")
    remuneration: str | None = Field(None, description="The remuneration from exploitation (a share of the "
                                                       "profit or of the licence income).")
    reward_months: int = Field(3, ge=1, le=24, description=(
        "Months from the announcement of a patent's grant within which its inventors are rewarded "
        "(three where the scheme does not agree otherwise: Implementing Regulations of the Patent Law of China)."))


class Reward(Item):
    """A reward or remuneration paid to the inventors or authors of one IP right (2013 6.1.6)."""

    right: Ref("Patent", "Copyright")
    type: Annotated[Literal["reward", "remuneration"], chinese_choice("reward-type")] = "reward"
    people: Items[Ref("Person")] = ()
    paid: Date | None = None
    amount: float | None = Field(None, ge=0)
    record: str | None = Field(None, description="Reference of the payment record (voucher, form number).")
    evidence: Evidence = evidence_field()


AnalysisType = Annotated[Literal["landscape", "early-warning", "competitor-monitoring", "technology-trend",
                                 "freedom-to-operate", "other"], chinese_choice("analysis-type")]


class InformationAnalysis(Item):
    """A patent information analysis or early warning, repeated at its planned interval (2013 6.4;
    2023 7.1): a landscape of a technology, an early warning on competitors' filings, a trend report."""

    title: str
    type: AnalysisType = "other"
    date: Date | None = None
    repeat: Frequency | None = Field(None, description="The planned interval to the next analysis of this type "
                                                       "(yearly when not given; per-event: none planned).")
    made_by: Ref("Person") | None = None
    products: Items[Ref("Product")] = ()
    conclusions: Items[str] = Field((), description="What the analysis found and what it is used for.")
    record: str | None = None
    evidence: Evidence = evidence_field()


class Publication(Item):
    """Information the enterprise releases (a paper, an exhibition, its website, a press release,
    product literature) and its IP review before release (2013 6.4)."""

    title: str
    type: Annotated[Literal["paper", "exhibition", "website", "press", "product-literature", "other"],
                    chinese_choice("publication-type")] = "other"
    published: Date | None = None
    unit: Ref("Unit") | None = None
    reviewed_by: Ref("Person") | None = Field(None, description="Who reviewed it for IP before release.")
    reviewed: Date | None = Field(None, description="When it was reviewed (on or before published).")
    record: str | None = None
    evidence: Evidence = evidence_field()


class ComplianceEvaluation(Item):
    """An evaluation of the enterprise's compliance for one protection type against the typical
    prohibited acts of Annex B of GB/T 29490-2023 (infringing others' rights, abusing one's own,
    false marking ...), with what it found and the actions taken."""

    protection: Protection
    date: Date | None = None
    evaluated_by: Ref("Person") | None = None
    acts: Items[str] = Field((), description="The prohibited acts checked.")
    findings: Items[str] = ()
    actions: Items[str] = ()
    record: str | None = None
    evidence: Evidence = evidence_field()


KINDS.update({cls.__name__: cls for cls in (TrainingPlan, IncentiveScheme, Reward, InformationAnalysis, Publication,
                                             ComplianceEvaluation)})


# --- Operation: production (2013 8.4; 2023 8) ---------------------------------------------

ImprovementProtection = Annotated[Literal["patent", "trade-secret", "none"], chinese_choice("improvement-protection")]


class ProcessImprovement(Item):
    """A technical improvement of a product or a process made in production (a fixture, a process
    window, a tooling design), with the evaluation of whether and how to protect it and the right or
    secret that protects it (2013 8.4)."""

    title: str
    unit: Ref("Unit") | None = Field(None, description="The unit where it was made (usually production).")
    product: Ref("Product") | None = None
    made_by: Items[Ref("Person")] = Field((), description="The people who made it.")
    implemented: Date | None = Field(None, description="The day it was put into production.")
    evaluation: Assessment | None = Field(
        None, description="The evaluation of the improvement for protection: new over what is known, visible in the "
                          "product or hidden in the process, worth a filing.")
    protection: ImprovementProtection | None = Field(
        None, description="The protection the evaluation decided: patent, trade-secret, or none (not worth it).")
    rights: Items[Ref("Patent", "TradeSecret")] = Field(
        (), description="The patent application or the trade-secret entry that protects it.")
    evidence: Evidence = evidence_field()


KINDS.update({cls.__name__: cls for cls in (ProcessImprovement,)})
