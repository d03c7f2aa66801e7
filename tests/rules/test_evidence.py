"""IPE001: evidence named by path is in the document repository; a document number is not checked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ipcheck.rules.builtin.evidence import in_repository, is_path
from ipcheck.testing import run_declaration

DECLARATION = """\
kind: Meeting
items:
  - {id: KO-1, title: Kick-off, type: kickoff, date: 2026-03-02, minutes: evidence/kickoff-minutes.pdf}
  - {id: WG-1, title: WG 1, type: working-group, date: 2026-04-02, minutes: evidence/wg-minutes.pdf}
  - {id: WG-2, title: WG 2, type: working-group, date: 2026-05-02, minutes: HX-WG-MIN-2026-02}
---
kind: Person
id: li.si
name: Li Si
---
kind: ConfidentialityAgreement
items:
  - {id: NDA-1, person: li.si, signed: 2026-01-05, evidence: agreements/nda-li-si.pdf}
"""


def _findings(tmp_path: Path, files: dict[str, str], lang: str = "en") -> list:
    result = run_declaration({"decl.yaml": DECLARATION, **files}, as_of="2026-11-24", select=["IPE001"],
                             entry_points=False, tmp_path=tmp_path / "repo", config={"lang": lang})
    assert result.errors == [], [e.render() for e in result.errors]
    return result.findings


def test_a_missing_evidence_file_is_a_minor_finding(tmp_path: Path) -> None:
    found = _findings(tmp_path, {"evidence/kickoff-minutes.pdf": "Kick-off held.\n"})
    assert [(f.rule, f.severity, f.subject, str(f.location), f.stage, f.protection) for f in found] == [
        ("IPE001", "minor", "WG-1", "decl.yaml:4:77", "startup", None),
        ("IPE001", "minor", "NDA-1", "decl.yaml:13:62", "operation", "trade-secret"),
    ]
    assert found[0].message == ("Meeting WG-1 names its minutes by the path evidence/wg-minutes.pdf, but no such "
                                "file is in the repository")
    assert found[0].clauses == ("GB/T 29490-2023 7.5",)


def test_present_files_and_document_numbers_pass(tmp_path: Path) -> None:
    files = {name: "x\n" for name in ("evidence/kickoff-minutes.pdf", "evidence/wg-minutes.pdf",
                                      "agreements/nda-li-si.pdf")}
    assert _findings(tmp_path, files) == []


def test_in_chinese(tmp_path: Path) -> None:
    found = _findings(tmp_path, {}, lang="zh-CN")
    assert found[0].message == "Meeting KO-1 的minutes引用路径 evidence/kickoff-minutes.pdf，但文件库中没有该文件"


def test_what_is_a_path() -> None:
    assert is_path("minutes/2026.pdf") and is_path("kickoff.docx") and is_path("scans\\nda.pdf")
    assert not is_path("HX-GM-MIN-2024-017") and not is_path("CPCC 2021SR0123456") and not is_path("v1.2")
    assert not is_path("https://example.com/minutes.pdf")


def test_a_path_out_of_the_repository_is_not_in_it(tmp_path: Path) -> None:
    (tmp_path / "secret.pdf").write_text("x")
    repo = tmp_path / "repo"
    repo.mkdir()
    assert not in_repository(repo, "../secret.pdf")
    assert not in_repository(repo, str(tmp_path / "secret.pdf"))


RECORDS = """\
kind: Person
id: li.si
name: Li Si
---
kind: RecordForm
id: F-1
title: Docket check
---
kind: Record
items:
  - id: R-1
    form: F-1
    date: 2026-10-05
    evidence:
      - scans/docket-2026-10.pdf
      - HX-REC-2026-10
      - scans/docket-2026-10-annex.xlsx
---
kind: Training
items:
  - {id: T-1, topic: Manual training, date: 2026-04-01, stage: dissemination, evidence: training/attendance.pdf}
  - {id: T-2, topic: Annual refresher, date: 2026-09-01, stage: operation, evidence: [training/refresher.pdf]}
---
kind: Patent
items:
  - {id: PAT-1, title: Valve, jurisdiction: CN, status: granted, evidence: [certificates/pat-1.pdf]}
---
kind: Audit
items:
  - {id: IA-1, date: 2026-06-01, report: HX-IA-2026-01, evidence: audit/ia-1-checklists.docx}
---
kind: ManagementReview
items:
  - {id: MR-1, date: 2026-07-01, minutes: review/mr-1.pdf, evidence: review/mr-1-inputs.xlsx}
"""


def test_evidence_of_every_kind_is_checked_at_its_entry(tmp_path: Path) -> None:
    present = {"scans/docket-2026-10.pdf": "x\n", "training/refresher.pdf": "x\n", "review/mr-1.pdf": "x\n"}
    result = run_declaration({"decl.yaml": RECORDS, **present}, as_of="2026-11-24", select=["IPE001"],
                             entry_points=False, tmp_path=tmp_path / "repo")
    assert result.errors == [], [e.render() for e in result.errors]
    assert [(f.subject, f.field, str(f.location), f.stage, f.protection) for f in result.findings] == [
        ("R-1", "evidence.2", "decl.yaml:17:9", "operation", None),
        ("T-1", "evidence.0", "decl.yaml:21:89", "dissemination", None),
        ("PAT-1", "evidence.0", "decl.yaml:26:77", None, "patent"),
        ("IA-1", "evidence.0", "decl.yaml:30:67", "internal-audit", None),
        ("MR-1", "evidence.0", "decl.yaml:34:70", "management-review", None),
    ]
    assert result.findings[0].message == ("Record R-1 names its evidence by the path "
                                          "scans/docket-2026-10-annex.xlsx, but no such file is in the repository")


def test_exploitations_disputes_and_market_entries_name_their_evidence(tmp_path: Path) -> None:
    files = {"decl.yaml": """\
kind: Product
id: PRD-1
name: Valve
---
kind: Exploitation
id: EX-1
title: Licence to Acme
type: licence-out
evidence: [exploitation/ex-1-valuation.pdf]
---
kind: Dispute
id: DS-1
title: Opposition to our mark
file: disputes/ds-1.pdf
---
kind: MarketEntry
id: ME-1
product: PRD-1
jurisdiction: VN
evidence: HX-MKT-VN-2026
"""}
    result = run_declaration(files, as_of="2026-11-24", select=["IPE001"], entry_points=False,
                             tmp_path=tmp_path / "repo")
    assert result.errors == [], [e.render() for e in result.errors]
    assert [(f.subject, f.field, f.stage) for f in result.findings] == [
        ("EX-1", "evidence.0", "operation"), ("DS-1", "file", "operation")]


def test_a_trainings_own_stage_is_the_stage_of_its_missing_evidence(tmp_path: Path) -> None:
    result = run_declaration({"decl.yaml": RECORDS}, as_of="2026-11-24", select=["IPE001"], entry_points=False,
                             tmp_path=tmp_path / "repo")
    assert [(f.subject, f.stage) for f in result.findings if f.subject in ("T-1", "T-2")] == [
        ("T-1", "dissemination"), ("T-2", "operation")]


def test_the_evidence_an_item_names_is_listed_in_order() -> None:
    from ipcheck.model.kinds import ManagementReview, Record
    from ipcheck.rules.builtin.evidence import evidence_of

    record = Record.model_validate({"id": "R-1", "form": "F-1", "date": dt.date(2026, 10, 5),
                                    "evidence": ["scans/a.pdf", "HX-REC-1"]})
    review = ManagementReview.model_validate({"id": "MR-1", "minutes": "review/mr.pdf", "evidence": "review/in.xlsx"})
    assert evidence_of(record) == ("evidence: scans/a.pdf", "evidence: HX-REC-1")
    assert evidence_of(review) == ("minutes: review/mr.pdf", "evidence: review/in.xlsx")


def test_the_audit_pack_lists_the_evidence_under_the_finding(tmp_path: Path) -> None:
    import io

    import docx

    from ipcheck.check import CheckOptions, run_check
    from ipcheck.config import Config
    from ipcheck.report.docx import render_docx
    from tests.defects.apply import materialise

    folder = materialise("ipp006-annuity-due-docket-lapsed", tmp_path / "decl")
    patents = folder / "registers" / "patents.yaml"
    text = patents.read_text(encoding="utf-8")
    anchor = "    annuity_due: 2027-01-17\n"
    assert text.count(anchor) == 1
    patents.write_text(text.replace(anchor, anchor + "    evidence: [certificates/HXP-CN-2016-001.pdf, HX-PAT-0001]\n"),
                       encoding="utf-8")
    (folder / "certificates").mkdir()
    (folder / "certificates" / "HXP-CN-2016-001.pdf").write_bytes(b"%PDF-1.4")
    report = run_check(CheckOptions(paths=[folder], as_of=dt.date(2026, 11, 24),
                                    config=Config(), entry_point_plugins=False))
    (annuity,) = [f for f in report.findings if f.subject == "HXP-CN-2016-001"]
    assert report.evidence[annuity.fingerprint] == ("evidence: certificates/HXP-CN-2016-001.pdf",
                                                    "evidence: HX-PAT-0001")
    document = docx.Document(io.BytesIO(render_docx(report)))
    texts = [p.text for p in document.paragraphs]
    at = next(i for i, text in enumerate(texts) if text.startswith("IPP006 "))  # an observation: listed last
    assert texts[at + 1:at + 3] == ["Objective evidence: evidence: certificates/HXP-CN-2016-001.pdf",
                                    "Objective evidence: evidence: HX-PAT-0001"]


def test_a_register_sheet_takes_evidence_in_one_cell(tmp_path: Path) -> None:
    from ipcheck.load import load
    from ipcheck.model.kinds import Patent

    (tmp_path / "专利台账.csv").write_text("编号,专利名称,国家,法律状态,证据文件\n"
                                        "PAT-1,Valve,CN,granted,certificates/pat-1.pdf；HX-PAT-0001\n", encoding="utf-8")
    (patent,) = load([tmp_path]).of(Patent)
    assert patent.evidence == ("certificates/pat-1.pdf", "HX-PAT-0001")
