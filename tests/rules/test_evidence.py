"""IPE001: evidence named by path is in the document repository; a document number is not checked."""

from __future__ import annotations

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
