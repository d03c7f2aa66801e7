"""A live check loads an edited file again in the entries the edit changed alone, and its
report is the cold check's, finding for finding and error for error; an edit it cannot
be sure of loads the whole file again."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

import ipcheck.load as loading
from ipcheck.check import CheckOptions, run_check
from ipcheck.live import LiveCheck
from ipcheck.load.build import Builder, Chunk
from ipcheck.plugins import load_plugins
from ipcheck.report.model import Report
from ipcheck.rules.incremental import RuleMemo

ROOT = Path(__file__).resolve().parents[2]
EXEMPLAR = ROOT / "fixtures" / "exemplar"
AS_OF = dt.date(2026, 11, 24)
PLUGINS = load_plugins([], entry_point_plugins=False)
PATENTS = "registers/patents.yaml"
STAFF = "people/staff.yaml"


class Edits:
    """A live check of a copy of the exemplar; each edit is checked against a cold check."""

    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        shutil.copytree(EXEMPLAR, folder)
        self.folder = folder
        self.live = LiveCheck(folder, AS_OF)
        self.live._plugins = PLUGINS
        self.first, _ = self.live.run()
        self.whole: list[str] = []
        self.recording = False
        load_file = loading._load_file

        def noted(root: Path, path: Path, rel: str, *args: object) -> loading.FileResult:
            if self.recording:
                self.whole.append(rel)
            return load_file(root, path, rel, *args)  # type: ignore[arg-type]

        monkeypatch.setattr(loading, "_load_file", noted)
        self.indexed: list[str] = []  # the files whose items were indexed one by one (not the last index's)
        add_chunks = Builder.add_chunks

        def indexed(builder: Builder, rel: str, chunks: list[Chunk]) -> None:
            if self.recording:
                self.indexed.append(rel)
            add_chunks(builder, rel, chunks)

        monkeypatch.setattr(Builder, "add_chunks", indexed)
        self.planned: dict[str, frozenset[str] | None] = {}  # the items each rule ran on (None: all of them)
        plan = RuleMemo.plan

        def planned(memo: RuleMemo, meta: object, *args: object) -> object:
            kept, ids = plan(memo, meta, *args)  # type: ignore[arg-type]
            if self.recording and not (kept is not None and ids is None):
                self.planned[meta.id] = ids  # type: ignore[attr-defined]
            return kept, ids

        monkeypatch.setattr(RuleMemo, "plan", planned)

    def text(self, rel: str) -> str:
        return (self.folder / rel).read_text(encoding="utf-8")

    def edit(self, rel: str, old: str, new: str) -> Report:
        """Replace ``old`` (once) by ``new`` in ``rel``; the live report, which must be the cold one."""
        text = self.text(rel)
        assert old in text
        (self.folder / rel).write_text(text.replace(old, new, 1), encoding="utf-8")
        self.whole.clear()
        self.indexed.clear()
        self.planned.clear()
        self.recording = True
        report, _ = self.live.run()
        self.recording = False
        cold = run_check(CheckOptions(paths=[self.folder], as_of=AS_OF, entry_point_plugins=False), PLUGINS)
        assert report == cold
        return report


@pytest.fixture
def edits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Edits:
    return Edits(tmp_path / "decl", monkeypatch)


def located(report: Report, subject: str) -> list[tuple[str, str]]:
    return [(f.rule, str(f.location)) for f in report.findings if f.subject == subject]


def test_an_edit_inside_an_entry_loads_that_entry_alone(edits: Edits) -> None:
    report = edits.edit(PATENTS, "inventors: [chen.jie]", "inventors: [nobody.here]")
    assert edits.whole == [] and edits.indexed == []  # the last index, the patent put in its place
    assert located(report, "HXP-CN-2016-002") == [("IPX001", "registers/patents.yaml:34:17")]
    undone = edits.edit(PATENTS, "inventors: [nobody.here]", "inventors: [chen.jie]")
    assert edits.whole == [] and undone == edits.first
    edits.edit(PATENTS, "    inventors: [chen.jie]\n    product: PRD-STHE", "    inventors: [chen.jie]\n"
               "    product: PRD-STHE\n    # a comment added")  # in the second document of the file
    assert edits.whole == []


def test_a_line_added_in_an_entry_moves_the_findings_of_the_entries_after_it(edits: Edits) -> None:
    before = edits.edit(PATENTS, "inventors: [zhang.wei, liu.yang]", "inventors: [zhang.wei, nobody.here]")
    assert located(before, "HXP-CN-2016-003") == [("IPX001", "registers/patents.yaml:48:28")]
    after = edits.edit(PATENTS, "    inventors: [han.bing]\n", "    inventors:\n      - han.bing\n")
    assert edits.whole == []
    assert located(after, "HXP-CN-2016-003") == [("IPX001", "registers/patents.yaml:49:28")]
    removed = edits.edit(PATENTS, "    inventors:\n      - han.bing\n    product: PRD-GPHE\n", "")
    assert edits.whole == []
    assert located(removed, "HXP-CN-2016-003") == [("IPX001", "registers/patents.yaml:46:28")]


def test_an_entry_broken_is_the_cold_load_error_located_exactly(edits: Edits) -> None:
    report = edits.edit(PATENTS, "    title: Microchannel flat tube", "    title: [Microchannel flat tube")
    assert edits.whole == [PATENTS]
    assert [str(p.location) for p in report.errors] == ["registers/patents.yaml:26:9"]
    wrong = edits.edit(PATENTS, "    title: [Microchannel flat tube", "    titel: Microchannel flat tube")
    assert [(str(p.location), p.message) for p in wrong.errors] == [
        ("registers/patents.yaml:24:5", "Patent 'HXP-CN-2016-002': missing required field 'title'"),
        ("registers/patents.yaml:25:5", "Patent 'HXP-CN-2016-002': unknown field 'titel'")]
    fixed = edits.edit(PATENTS, "    titel: Microchannel flat tube", "    title: Microchannel flat tube")
    assert fixed == edits.first


def test_an_edit_across_two_entries_loads_both(edits: Edits) -> None:
    edits.edit(PATENTS, "expiry: 2036-03-17\n  - id: HXP-CN-2016-002\n    title: Microchannel",
               "expiry: 2036-03-18\n  - id: HXP-CN-2016-002\n    title: A microchannel")
    assert edits.whole == []
    joined = edits.edit(PATENTS, "    expiry: 2036-03-18\n  - id: HXP-CN-2016-002\n", "    expiry: 2036-03-18\n")
    assert edits.whole == [PATENTS]  # two entries made one, with the keys of both: a cold load's errors
    assert joined.errors


def test_entries_added_and_removed(edits: Edits) -> None:
    entry = edits.text(PATENTS).split("  - id: HXP-CN-2016-002\n")[1].split("  - id:")[0]
    added = edits.edit(PATENTS, "  - id: HXP-CN-2016-003\n", "  - id: HXP-CN-2016-099\n" + entry
                       + "  - id: HXP-CN-2016-003\n")
    assert edits.whole == [] and len(added.findings) > len(edits.first.findings)  # the copy is registered twice
    edits.edit(PATENTS, "  - id: HXP-CN-2016-099\n" + entry, "")
    assert edits.whole == []


def test_an_edit_across_two_documents_loads_the_whole_file(edits: Edits) -> None:
    text = edits.text(PATENTS)
    marker = text.index("\n---\n")
    before = text[text.rfind("\n", 0, marker - 1) + 1:marker + 5]
    edits.edit(PATENTS, before, before.replace("20", "21", 1).replace("---\n", "---\n# the next register\n"))
    assert edits.whole == [PATENTS]


def test_an_edit_of_the_items_key_loads_the_whole_file(edits: Edits) -> None:
    report = edits.edit(PATENTS, "items:\n  - id: HXP-CN-2016-001\n", "items:\n- id: HXP-CN-2016-001\n")
    assert edits.whole == [PATENTS] and report.errors


def test_an_id_changed_that_other_files_name(edits: Edits) -> None:
    renamed = edits.edit(STAFF, "  - id: han.bing\n", "  - id: han.bin\n")
    assert edits.whole == []
    assert ("IPX001", "registers/patents.yaml:20:17") in located(renamed, "HXP-CN-2016-001")
    assert edits.indexed != []  # an id changed: the index is built anew
    duplicate = edits.edit(PATENTS, "  - id: HXP-CN-2016-002\n", "  - id: HXP-CN-2016-001\n")
    assert edits.whole == []
    assert [(str(p.location), p.message) for p in duplicate.errors] == [
        ("registers/patents.yaml:24:9", "duplicate id 'HXP-CN-2016-001' (first declared at registers/patents.yaml:10:9)")]
    edits.edit(PATENTS, "  - id: HXP-CN-2016-001\n    title: Microchannel", "  - id: HXP-CN-2016-002\n    title: Microchannel")
    assert edits.edit(STAFF, "  - id: han.bin\n", "  - id: han.bing\n") == edits.first


def test_an_entry_added_at_the_end_of_a_file(edits: Edits) -> None:
    staff = edits.text(STAFF)
    (edits.folder / STAFF).write_text(staff + "  - id: new.person\n    name: New Person\n    unit: U-IT\n"
                                      "    position: Engineer\n    joined: 2026-01-05\n", encoding="utf-8")
    report = edits.edit(STAFF, "    name: New Person\n", "    name: New Person\n    name: Twice\n")
    assert edits.whole == [STAFF] and report.errors  # a repeated key: the cold load's error
    edits.edit(STAFF, "    name: Twice\n", "")
    edits.edit(STAFF, "joined: 2026-01-05\n", "joined: 2026-01-06\n")
    assert edits.whole == []
    edits.edit(STAFF, "    joined: 2026-01-06\n", "    joined: 2026-01-06\n  - id: other.person\n    name: Other Person\n"
               "    unit: U-IT\n    position: Engineer\n    joined: 2026-02-02\n")
    assert edits.whole == []


NEW_REGISTER = "registers/patents-abroad.yaml"
ABROAD = """\
kind: Patent
items:
  - id: HXP-CN-2016-901
    title: Fin for a microchannel flat tube
    type: utility-model
    jurisdiction: CN
    application_number: CN201621567296.4
    status: pending
    owner: Huaxin Thermal Technology Co., Ltd.
    inventors: [chen.jie]
"""


def findings_of(report: Report, rule: str) -> list[tuple[str | None, str]]:
    return [(f.subject, str(f.location)) for f in report.findings if f.rule == rule]


def test_a_number_registered_twice_across_two_files_is_found_and_fixed_on_the_patents_it_concerns(
        edits: Edits) -> None:
    (edits.folder / NEW_REGISTER).write_text(ABROAD, encoding="utf-8")
    edits.edit(NEW_REGISTER, "title: Fin", "title: A fin")
    assert findings_of(edits.first, "IPP014") == []
    twice = edits.edit(NEW_REGISTER, "CN201621567296.4", "CN201611567296.0")  # the number of HXP-CN-2016-002
    # The register read first holds the first entry of the number: the finding is on the other file's patent.
    assert findings_of(twice, "IPP014") == [("HXP-CN-2016-002", "registers/patents.yaml:28:25")]
    assert edits.whole == []
    assert edits.planned["IPP014"] == {"HXP-CN-2016-901", "HXP-CN-2016-002"}  # not the register's other patents
    once = edits.edit(NEW_REGISTER, "CN201611567296.0", "CN 2016 2156 7296.4")
    assert findings_of(once, "IPP014") == []
    assert edits.planned["IPP014"] == {"HXP-CN-2016-901", "HXP-CN-2016-002"}
    again = edits.edit(PATENTS, "application_number: CN201611567296.0", "application_number: cn201621567296.4")
    assert findings_of(again, "IPP014") == [("HXP-CN-2016-002", "registers/patents.yaml:28:25")]  # spaces, case
    edits.edit(PATENTS, "application_number: cn201621567296.4", "application_number: CN201611567296.0")


def test_an_inventor_added_to_a_patent_is_judged_where_the_person_is_declared(edits: Edits) -> None:
    edits.edit(STAFF, "    position: Office manager\n    joined: 2014-04-01\n",
               "    position: Office manager\n    joined: 2026-06-01\n")
    assert edits.planned["IP609"] == {"zhao.min"}
    assert findings_of(edits.first, "IP609") == []
    inventor = edits.edit(PATENTS, "inventors: [chen.jie]", "inventors: [chen.jie, zhao.min]")
    assert findings_of(inventor, "IP609") == [("zhao.min", "people/staff.yaml:32:13")]
    assert edits.planned["IP609"] == {"chen.jie", "zhao.min"}  # the people the patent named and names
    assert edits.whole == []
    fixed = edits.edit(PATENTS, "inventors: [chen.jie, zhao.min]", "inventors: [chen.jie]")
    assert findings_of(fixed, "IP609") == []
    assert edits.planned["IP609"] == {"chen.jie", "zhao.min"}


def test_references_are_checked_again_in_the_replaced_entries_alone(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """After an edit within entries, the references of the entries put in place alone are
    checked: the kind's other dangling references are kept, and all of them come in the
    order a cold load gives (by field, then by entry). A reference to an item of the wrong
    kind is the cold load's error."""
    folder = tmp_path / "decl"
    shutil.copytree(EXEMPLAR, folder)
    path = folder / PATENTS
    text = path.read_text(encoding="utf-8")
    text = text.replace("inventors: [han.bing]", "inventors: [han.bing, nobody.one]", 1)  # the first patent
    text = text.replace("product: PRD-BPHE", "product: PRD-NONE", 1)  # the third
    path.write_text(text, encoding="utf-8")
    memo = loading.LoadMemo()
    loading.load([folder], memo=memo)
    checked_whole: list[str] = []
    check_kind = Builder._check_kind

    def noted(builder: Builder, kind: str, *args: object) -> None:
        checked_whole.append(kind)
        check_kind(builder, kind, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Builder, "_check_kind", noted)

    def edited(old: str, new: str) -> list[tuple[str, tuple[str | int, ...], str]]:
        nonlocal text
        text = text.replace(old, new, 1)
        checked_whole.clear()
        live = loading.load([folder], sources={PATENTS: text.encode()}, memo=memo)
        assert checked_whole == []
        path.write_text(text, encoding="utf-8")
        cold = loading.load([folder])
        assert live.dangling == cold.dangling
        return [(ref.subject, ref.path, ref.target) for ref in live.dangling]

    assert edited("inventors: [chen.jie]", "inventors: [chen.jie, nobody.two]") == [  # the second patent
        ("HXP-CN-2016-001", ("inventors", 1), "nobody.one"), ("HXP-CN-2016-002", ("inventors", 1), "nobody.two"),
        ("HXP-CN-2016-003", ("product",), "PRD-NONE")]
    assert edited("product: PRD-MCHX", "product: PRD-GONE") == [
        ("HXP-CN-2016-001", ("inventors", 1), "nobody.one"), ("HXP-CN-2016-002", ("inventors", 1), "nobody.two"),
        ("HXP-CN-2016-002", ("product",), "PRD-GONE"), ("HXP-CN-2016-003", ("product",), "PRD-NONE")]
    assert edited("inventors: [han.bing, nobody.one]", "inventors: [han.bing]") == [
        ("HXP-CN-2016-002", ("inventors", 1), "nobody.two"), ("HXP-CN-2016-002", ("product",), "PRD-GONE"),
        ("HXP-CN-2016-003", ("product",), "PRD-NONE")]
    text = text.replace("inventors: [chen.jie, nobody.two]", "inventors: [HXP-CN-2016-001]", 1)
    with pytest.raises(loading.LoadFailed) as live:
        loading.load([folder], sources={PATENTS: text.encode()}, memo=memo)
    assert "Patent" in checked_whole  # a wrong kind: the kind checked whole, for the cold load's problems
    path.write_text(text, encoding="utf-8")
    with pytest.raises(loading.LoadFailed) as cold:
        loading.load([folder])
    assert [(p.message, str(p.location)) for p in live.value.problems] == [
        (p.message, str(p.location)) for p in cold.value.problems]
    assert [str(p.location) for p in live.value.problems] == ["registers/patents.yaml:34:17"]
