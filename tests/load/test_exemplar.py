"""The exemplar declaration (fixtures/exemplar): it loads cleanly, holds what it declares,
locates its items exactly, is what its generator writes, and is coherent in substance
(dates in order, people employed when they act, every right and record where it belongs)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from ipcheck.load import load
from ipcheck.model.declaration import Declaration
from ipcheck.model.kinds import (
    Audit,
    ConfidentialityAgreement,
    Contract,
    Copyright,
    Enterprise,
    Meeting,
    ManagementReview,
    Nonconformity,
    Objective,
    Patent,
    Person,
    Procedure,
    Product,
    Project,
    Record,
    RecordForm,
    Role,
    StaffCheck,
    Trademark,
    TradeSecret,
    Training,
    Unit,
)
from ipcheck.vocabulary import STAGES

ROOT = Path(__file__).resolve().parents[2]
EXEMPLAR = ROOT / "fixtures" / "exemplar"
REVIEW_DAY = dt.date(2026, 11, 24)  # the day the exemplar is meant to be checked on

COUNTS = {
    "Enterprise": 1, "Unit": 11, "Person": 49, "Product": 6, "Role": 18,
    "WorkingGroup": 1, "WorkPlan": 1, "Meeting": 4, "Training": 16,
    "DiagnosisReport": 1,
    "Policy": 1, "Objective": 7,
    "Manual": 1, "SystemDocument": 3, "Procedure": 19, "RecordForm": 40, "Record": 407, "Promulgation": 1,
    "Project": 11, "Contract": 64, "ConfidentialityAgreement": 40, "StaffCheck": 8,
    "Patent": 200, "Trademark": 41, "Copyright": 30, "TradeSecret": 15,
    "AuditProgramme": 1, "Audit": 5, "Nonconformity": 4, "ManagementReview": 1,
    "ContextReview": 1, "ComplianceObligation": 5, "CultureActivity": 2, "RiskOpportunity": 3, "Budget": 1,
    "Exploitation": 5, "Dispute": 2, "MarketEntry": 2,
    "TrainingPlan": 1, "IncentiveScheme": 1, "Reward": 15, "InformationAnalysis": 4, "Publication": 5,
    "ComplianceEvaluation": 4,
    "ProcessImprovement": 2,
}


@pytest.fixture(scope="module")
def decl() -> Declaration:
    return load([EXEMPLAR])


@pytest.fixture(scope="module")
def people(decl: Declaration) -> dict[str, Person]:
    return {p.id: p for p in decl.of(Person)}


def employed(person: Person, day: dt.date) -> bool:
    return person.joined is not None and person.joined <= day and (person.left is None or person.left > day)


# --- loading ------------------------------------------------------------------------------


def test_loads_cleanly_with_every_reference_resolved(decl: Declaration) -> None:
    assert decl.dangling == ()
    assert decl.enterprise is not None and decl.enterprise.name == "Huaxin Thermal Technology Co., Ltd."


def test_counts_per_kind(decl: Declaration) -> None:
    assert {kind: len(items) for kind, items in decl.items.items()} == COUNTS
    assert len(decl) == sum(COUNTS.values())


def test_is_what_the_generator_writes() -> None:
    spec = importlib.util.spec_from_file_location("make_exemplar", ROOT / "tools" / "make_exemplar.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    assert module.main(["--check"]) == 0, "run tools/make_exemplar.py and commit its output"


def test_no_generator_inside_the_fixture() -> None:
    assert not [p for p in EXEMPLAR.rglob("*") if p.is_file() and p.suffix not in (".yaml", ".yml")]


# --- exact locations ------------------------------------------------------------------------

LOCATIONS = [
    # (id, path, file:line:column): items of long `items:` lists, one-item documents,
    # flow-style items, list elements, nested mappings and fields that are not written
    ("HXP-US-2020-004", ("annuity_due",), "registers/patents.yaml:1934:18"),
    ("HXP-US-2025-001", (), "registers/patents.yaml:2062:5"),                 # the 150th patent
    ("HXP-US-2025-001", ("annuity_due",), "registers/patents.yaml:2062:5"),   # pending: none written
    ("HXP-US-2025-001", ("inventors", 1), "registers/patents.yaml:2070:27"),
    ("HXP-CN-2017-002", ("grant_number",), "registers/patents.yaml:142:19"),
    ("MR-2026", (), "review/2026.yaml:3:1"),
    ("MR-2026", ("outputs", 2, "owner"), "review/2026.yaml:44:12"),
    ("huaxin", ("markets", 2), "enterprise.yaml:9:19"),
    ("PLAN-IPMS", ("tasks", 5, "due"), "startup/work-plan.yaml:48:10"),
    ("F-04-1", ("frequency",), "manual/forms.yaml:22:89"),
    ("F-09-2", ("version",), "manual/forms.yaml:46:89"),
    ("PJ-2025-03", ("patent_search", "result"), "operation/projects.yaml:37:15"),
    ("WG-IPMS", ("members", 3), "startup/working-group.yaml:14:5"),
    ("TS-06", ("access", 3), "registers/trade-secrets.yaml:63:43"),
    ("DIAG-2024", ("basic_information",), "diagnosis/report.yaml:10:20"),
    ("REC-SEARCH-PJ-2026-04", ("date",), "operation/records-2026.yaml:559:11"),
    ("TM-EU-01", ("registration_number",), "registers/trademarks.yaml:125:26"),
    ("TM-CN-06", ("mark",), "registers/trademarks.yaml:71:11"),
    ("CR-028", ("registration_number",), "registers/copyrights.yaml:256:26"),
    ("POLICY-IP", ("text",), "system/policy.yaml:6:7"),
    ("NC-2026-03", (), "audit/nonconformities-2026.yaml:42:5"),
]


@pytest.mark.parametrize(("item_id", "path", "where"), LOCATIONS, ids=[f"{i}-{'.'.join(map(str, p))}" for i, p, _ in LOCATIONS])
def test_exact_locations(decl: Declaration, item_id: str, path: tuple, where: str) -> None:
    assert str(decl.locate(item_id, path)) == where


def test_located_lines_hold_the_value(decl: Declaration) -> None:
    patent = decl.get("HXP-US-2020-004", Patent)
    location = decl.locate(patent.id, ("annuity_due",))
    line = (EXEMPLAR / location.file).read_text(encoding="utf-8").split("\n")[location.line - 1]
    assert line[location.column - 1:] == str(patent.annuity_due)


# --- substance: stages --------------------------------------------------------------------------


def test_dates_follow_the_stages(decl: Declaration) -> None:
    (diagnosis,) = decl.items["DiagnosisReport"]
    (policy,) = decl.items["Policy"]
    (manual,) = decl.items["Manual"]
    (promulgation,) = decl.items["Promulgation"]
    (review,) = decl.of(ManagementReview)
    kickoff = decl.get("MTG-KICKOFF", Meeting)
    assert kickoff.date < diagnosis.date < policy.approved < manual.approved <= manual.issued
    assert manual.issued <= promulgation.date <= min(r.date for r in decl.of(Record))
    assert max(a.date for a in decl.of(Audit)) < review.date <= REVIEW_DAY
    assert max(r.date for r in decl.of(Record)) <= REVIEW_DAY
    (plan,) = decl.items["WorkPlan"]
    assert {t.stage for t in plan.tasks} == set(STAGES)
    assert all(t.owner and t.start and t.due and t.done and t.start <= t.done <= REVIEW_DAY for t in plan.tasks)


def test_working_group_led_by_top_management_with_every_key_unit(decl: Declaration, people) -> None:
    (group,) = decl.items["WorkingGroup"]
    assert people[group.leader].top_management
    key_units = {u.id for u in decl.of(Unit) if u.key}
    assert key_units <= {people[m].unit for m in group.members}


def test_units_roles_and_objectives(decl: Declaration, people) -> None:
    for unit in decl.of(Unit):
        assert unit.head and unit.ip_liaison and people[unit.ip_liaison].unit == unit.id
    for role in decl.of(Role):
        assert role.holders and all(people[h].left is None for h in role.holders)
    assert {r.type for r in decl.of(Role)} >= {"top-management", "management-representative", "ip-department",
                                                 "internal-auditor", "ip-liaison"}
    objectives = decl.of(Objective)
    assert all(o.measure and o.target and o.owner and o.due for o in objectives)
    assert {b for o in objectives for b in o.benefits} == {
        "risk-prevention", "patent-layout", "market-expansion", "four-in-one-protection"}


def test_manual_procedures_and_forms(decl: Declaration) -> None:
    (manual,) = decl.items["Manual"]
    procedures = decl.of(Procedure)
    assert set(manual.procedures) == {p.id for p in procedures}
    for procedure in procedures:
        assert procedure.owner and procedure.version and procedure.approved_by and procedure.approved
        assert procedure.issued and procedure.forms
        assert all(decl.get(f, RecordForm).procedure == procedure.id for f in procedure.forms)
    assert {p for pr in procedures for p in pr.protection} == {"patent", "trademark", "copyright", "trade-secret"}


def test_dissemination_reaches_every_procedure_unit_and_person(decl: Declaration, people) -> None:
    trainings = decl.of(Training)
    dissemination = [t for t in trainings if t.stage == "dissemination"]
    assert {p.id for p in decl.of(Procedure)} <= {p for t in dissemination for p in t.procedures}
    assert {u.id for u in decl.of(Unit)} <= {u for t in dissemination for u in t.audience}
    for training in trainings:
        assert all(employed(people[a], training.date) for a in training.attendees), training.id
        assert set(training.audience) <= {people[a].unit for a in training.attendees}, training.id
    trained = {a for t in trainings if t.stage in ("dissemination", "operation") for a in t.attendees}
    assert {p.id for p in people.values() if p.left is None} <= trained
    for meeting in decl.of(Meeting):
        assert all(employed(people[a], meeting.date) for a in meeting.attendees), meeting.id


PERIOD_DAYS = {"weekly": 7, "monthly": 31, "quarterly": 92, "half-yearly": 184, "yearly": 366}


def test_records_on_every_form_at_its_frequency(decl: Declaration, people) -> None:
    dates: dict[str, list[dt.date]] = defaultdict(list)
    start = min(p.issued for p in decl.of(Procedure))
    for record in decl.of(Record):
        dates[record.form].append(record.date)
        assert start <= record.date <= REVIEW_DAY, record.id
        assert employed(people[record.made_by], record.date), record.id
        assert people[record.made_by].unit == record.unit, record.id
    for form in decl.of(RecordForm):
        found = sorted(dates[form.id])
        assert found, f"no record on {form.id}"
        if form.frequency in PERIOD_DAYS:
            limit = PERIOD_DAYS[form.frequency] + 10
            bounds = [start, *found, REVIEW_DAY]
            assert all((b - a).days <= limit for a, b in zip(bounds, bounds[1:])), form.id


def test_projects_searched_before_they_start(decl: Declaration, people) -> None:
    for project in decl.of(Project):
        search = project.patent_search
        assert search is not None and search.date < project.start
        record = decl.get(search.record, Record)
        assert record.form == "F-03-1" and record.date == search.date
        assert people[project.leader].left is None


def test_internal_audit_independent_and_complete(decl: Declaration, people) -> None:
    audits = decl.of(Audit)
    (programme,) = decl.items["AuditProgramme"]
    assert set(programme.procedures) == {p.id for p in decl.of(Procedure)}
    assert set(programme.units) == {u.id for u in decl.of(Unit)}
    assert {p for a in audits for p in a.procedures} == set(programme.procedures)
    assert {u for a in audits for u in a.units} == set(programme.units)
    for audit in audits:
        assert all(people[x].unit not in audit.units for x in [audit.lead_auditor, *audit.auditors]), audit.id
    (review,) = decl.of(ManagementReview)
    for nc in decl.of(Nonconformity):
        assert nc.root_cause and nc.corrective_action and nc.owner and nc.effective
        assert nc.raised <= nc.closed <= nc.due and nc.closed <= nc.verified < review.date
        assert people[nc.verified_by].unit != nc.unit


def test_management_review(decl: Declaration, people) -> None:
    (review,) = decl.of(ManagementReview)
    assert people[review.chair].top_management
    assert len(review.inputs) == 8
    assert set(review.audits) == {a.id for a in decl.of(Audit)}
    assert all(o.owner and o.due and o.done and review.date <= o.done <= o.due for o in review.outputs)


# --- substance: the four protection types ---------------------------------------------------------


def test_patents(decl: Declaration, people) -> None:
    patents = decl.of(Patent)
    assert {p.jurisdiction for p in patents} >= {"CN", "US", "EP", "JP"}
    for patent in patents:
        assert patent.application_date <= REVIEW_DAY
        assert all(people[i].joined <= patent.application_date for i in patent.inventors), patent.id
        if patent.status == "granted":
            assert patent.grant_number and patent.application_date < patent.grant_date <= REVIEW_DAY
            assert dt.date(2026, 12, 31) < patent.annuity_due < patent.expiry, patent.id
        else:
            assert patent.annuity_due is None, patent.id
    for product in decl.of(Product):
        if product.key:
            for market in product.markets:
                office = "EP" if market == "EU" else market
                assert any(p.product == product.id and p.jurisdiction == office for p in patents), (product.id, market)


def test_trademarks_cover_every_market_and_class(decl: Declaration) -> None:
    marks = [t for t in decl.of(Trademark) if t.status == "registered"]
    assert all(t.expiry > dt.date(2027, 12, 31) for t in marks)
    enterprise = decl.of(Enterprise)[0]
    for market in enterprise.markets:
        classes = {c for t in marks if t.jurisdiction == market for c in t.classes}
        needed = {c for p in decl.of(Product) if market in p.markets for c in p.nice_classes}
        assert needed <= classes, market
    for product in decl.of(Product):
        for market in product.markets:
            assert any(t.jurisdiction == market and product.id in t.products
                       and set(product.nice_classes) & set(t.classes) for t in marks), (product.id, market)


def test_copyrights(decl: Declaration, people) -> None:
    for work in decl.of(Copyright):
        if work.ownership in ("commissioned", "outsourced", "acquired"):
            contract = decl.get(work.contract, Contract)
            assert contract is not None and contract.ip_ownership, work.id
            if work.ownership != "acquired":
                assert contract.signed <= work.created, work.id
        if work.key:
            assert work.registration_number and work.registered, work.id
        if work.type == "software":
            assert work.licence_review is not None, work.id
        assert all(employed(people[a], work.created) for a in work.authors), work.id
    for contract in decl.of(Contract):
        if contract.type in ("employment", "outsourcing", "commissioning"):
            assert contract.ip_ownership, contract.id


def test_trade_secrets_and_agreements(decl: Declaration, people) -> None:
    agreements: dict[str, list[ConfidentialityAgreement]] = defaultdict(list)
    for agreement in decl.of(ConfidentialityAgreement):
        agreements[agreement.person].append(agreement)
    for secret in decl.of(TradeSecret):
        assert secret.level and secret.custodian in secret.access and secret.measures
        for person in secret.access:
            assert people[person].left is None, (secret.id, person)
            signed = agreements[person]
            assert any(secret.id in a.secrets for a in signed), (secret.id, person)
            if secret.level == "core":
                assert any(a.non_compete for a in signed), (secret.id, person)


def test_entry_and_exit_checks(decl: Declaration) -> None:
    checks = {(c.person, c.type) for c in decl.of(StaffCheck)}
    for person in decl.of(Person):
        if person.joined >= dt.date(2025, 1, 1):
            assert (person.id, "entry") in checks, person.id
        if person.left is not None:
            assert (person.id, "exit") in checks, person.id
