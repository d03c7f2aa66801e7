"""The trails from a market entry to the marks filed there (IPT011) and from a patent to the
disclosure in its R&D project (IP692): which marks count, which dates, and the systemic
grade when one project's filings skip disclosure."""

from __future__ import annotations

from pathlib import Path

from tests.rules.helpers import check_declaration

ENTRY = """\
kind: Product
id: PRD-1
name: HX-B brazed plate heat exchangers
---
kind: MarketEntry
id: ME-1
product: PRD-1
jurisdiction: DE
date: 2026-04-06
"""


def _marks(tmp_path: Path, marks: str) -> list[tuple[str, str | None, str]]:
    findings = check_declaration(tmp_path, ENTRY + marks, ["IPT011"])
    return [(f.rule, f.subject, f.message) for f in findings]


def test_an_eu_mark_filed_before_the_entry_covers_a_member_state(tmp_path: Path) -> None:
    marks = ("---\nkind: Trademark\nid: TM-EU\nmark: HUAXIN\njurisdiction: EU\nclasses: [11]\n"
             "application_date: 2019-06-03\nstatus: registered\nproducts: [PRD-1]\n")
    assert _marks(tmp_path, marks) == []


def test_a_mark_of_another_product_does_not_count_when_the_product_has_marks(tmp_path: Path) -> None:
    marks = ("---\nkind: Trademark\nitems:\n"
             "  - {id: TM-CN, mark: HUAXIN, jurisdiction: CN, classes: [11], application_date: 2007-04-16, "
             "status: registered, products: [PRD-1]}\n"
             "  - {id: TM-DE, mark: SHELLMAX, jurisdiction: DE, classes: [11], application_date: 2020-03-09, "
             "status: registered, products: [PRD-2]}\n")
    assert _marks(tmp_path, marks) == [
        ("IPT011", "ME-1", "Product HX-B brazed plate heat exchangers entered market DE on 2026-04-06 (ME-1) and none "
                           "of the mark HUAXIN is filed in DE"),
    ]


def test_a_registration_date_stands_in_for_a_missing_filing_date_and_no_date_is_not_judged(tmp_path: Path) -> None:
    registered_late = ("---\nkind: Trademark\nid: TM-DE\nmark: HUAXIN\njurisdiction: DE\nclasses: [11]\n"
                       "registered: 2026-06-30\nstatus: registered\nproducts: [PRD-1]\n")
    assert [m for _, _, m in _marks(tmp_path / "late", registered_late)] == [
        "Product HX-B brazed plate heat exchangers entered market DE on 2026-04-06 (ME-1); the first filing of the "
        "mark HUAXIN in DE was on 2026-06-30, after the entry",
    ]
    undated = "---\nkind: Trademark\nid: TM-DE\nmark: HUAXIN\njurisdiction: DE\nclasses: [11]\nstatus: pending\n"
    assert _marks(tmp_path / "undated", undated + "products: [PRD-1]\n") == []


DISCLOSURES = """\
kind: Manual
id: MAN-01
title: IP management manual
issued: 2025-04-01
---
kind: RecordForm
items:
  - {id: F-02-1, title: Invention disclosure, frequency: per-event, purpose: invention-disclosure}
  - {id: F-03-1, title: Search report, frequency: per-event}
---
kind: Project
id: PJ-1
name: CO2 brazed plate heat exchanger
start: 2025-05-06
---
kind: Patent
items:
  - {id: P-1, title: Port ring, jurisdiction: CN, application_date: 2025-08-15, status: pending, project: PJ-1}
  - {id: P-2, title: Plate pattern, jurisdiction: CN, application_date: 2025-09-15, status: pending, project: PJ-1}
  - {id: P-3, title: Brazing fixture, jurisdiction: CN, application_date: 2025-10-15, status: pending, project: PJ-1}
  - {id: P-4, title: Old design, jurisdiction: CN, application_date: 2025-03-15, status: pending, project: PJ-1}
---
kind: Record
items:
  - {id: R-1, form: F-03-1, date: 2025-04-20, about: PJ-1}
"""


def test_three_filings_of_one_project_without_disclosure_are_one_major_finding(tmp_path: Path) -> None:
    findings = check_declaration(tmp_path, DISCLOSURES, ["IP692"])
    assert [(f.rule, f.severity, f.subject, f.location.line) for f in findings] == [("IP692", "major", None, 18)]
    assert "every one of 3 items with project PJ-1 (first: Patent P-1 'Port ring'" in findings[0].message


def test_a_disclosure_about_the_project_before_the_filing_counts(tmp_path: Path) -> None:
    text = DISCLOSURES + "  - {id: R-2, form: F-02-1, date: 2025-09-01, about: PJ-1}\n"
    findings = check_declaration(tmp_path, text, ["IP692"])
    assert [(f.rule, f.severity, f.subject) for f in findings] == [("IP692", "minor", "P-1")]


def test_without_a_disclosure_form_any_record_about_the_patent_or_project_counts(tmp_path: Path) -> None:
    text = DISCLOSURES.replace(", purpose: invention-disclosure", "")
    assert check_declaration(tmp_path, text, ["IP692"]) == []
