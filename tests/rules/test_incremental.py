"""The incremental rule engine gives a cold check's report exactly: every defect fixture,
applied as an edit to the exemplar that a live check has already checked, and then undone,
gives the report a check from scratch gives, finding for finding.

Also: what rules declare they read (their ``reads`` and ``per_item``) is what they read, as
a declaration that records every lookup a rule makes sees it on the exemplar and on every
defect."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import pickle
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from ipcheck.check import CheckOptions, run_check
from ipcheck.config import Config
from ipcheck.live import LiveCheck
from ipcheck.load import load
from ipcheck.model.declaration import Declaration
from ipcheck.model.kinds import KINDS
from ipcheck.plugins import load_plugins
from ipcheck.report.model import Report
from ipcheck.rules.api import CheckContext, Rule, Violation
from ipcheck.rules.engine import _violations
from ipcheck.rules.incremental import RuleMemo
from ipcheck.rules.summary import Filed
from tests.defects.apply import EXEMPLAR, materialise, read_defect
from tests.defects.test_defects import NAMES

AS_OF = dt.date(2026, 11, 24)
PLUGINS = load_plugins([], entry_point_plugins=False)


def full_check(folder: Path, edition: str) -> Report:
    return run_check(CheckOptions(paths=[folder], as_of=AS_OF, config=Config(edition=edition),
                                  entry_point_plugins=False), PLUGINS)


class Live:
    """A live check of a copy of the exemplar, for one edition, kept across the tests."""

    def __init__(self, folder: Path, edition: str) -> None:
        shutil.copytree(EXEMPLAR, folder)
        self.folder = folder
        self.check = LiveCheck(folder, AS_OF, Config(edition=edition))
        self.check._plugins = PLUGINS
        self.first, _ = self.check.run()

    def become(self, source: Path) -> None:
        """Make the folder a copy of ``source`` (as an editor saving every file would)."""
        shutil.rmtree(self.folder)
        shutil.copytree(source, self.folder)


@pytest.fixture(scope="module")
def defects(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every defect fixture, materialised once for the tests of this module."""
    root = tmp_path_factory.mktemp("defects")
    return {name: materialise(name, root / name) for name in NAMES}


@pytest.fixture(scope="module")
def lives(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Live]:
    root = tmp_path_factory.mktemp("incremental")
    return {edition: Live(root / edition, edition) for edition in ("2023", "2013")}


@pytest.mark.parametrize("name", NAMES)
def test_a_re_check_after_an_edit_is_the_cold_check(name: str, lives: dict[str, Live],
                                                      defects: dict[str, Path]) -> None:
    edition = str(read_defect(name).get("edition", "2023"))
    live = lives[edition]
    live.become(defects[name])
    try:
        edited, changed = live.check.run()
        assert edited == full_check(live.folder, edition)
        assert {f.fingerprint for f in changed.new} == ({f.fingerprint for f in edited.findings}
                                                       - {f.fingerprint for f in live.first.findings})
    finally:
        live.become(EXEMPLAR)
    undone, changed = live.check.run()
    assert undone == live.first
    assert {f.fingerprint for f in changed.fixed} == ({f.fingerprint for f in edited.findings}
                                                     - {f.fingerprint for f in live.first.findings})


def test_rules_that_declare_their_inputs_are_reused_when_they_did_not_change(tmp_path: Path) -> None:
    live = Live(tmp_path / "decl", "2023")
    memo = live.check.rule_memo
    declared = {r.id for r in PLUGINS.rules() if r.meta.reads is not None and r.meta.applies_to("2023")}
    assert set(memo.kept) == declared
    kept = dict(memo.kept)
    patents = live.folder / "registers" / "patents.yaml"
    patents.write_text(patents.read_text(encoding="utf-8").replace("inventors: [han.bing]", "inventors: [nobody]", 1),
                       encoding="utf-8")
    report, changed = live.check.run()
    assert [(f.rule, f.subject) for f in changed.new] == [("IPX001", "HXP-CN-2016-001")]
    reran = {rule_id for rule_id in memo.kept if memo.kept[rule_id] is not kept.get(rule_id)}
    readers = {r.id for r in PLUGINS.rules() if r.meta.reads is not None and "Patent" in r.meta.reads
               and r.meta.applies_to("2023")}
    assert reran == readers and "IPP009" in reran and "IP101" not in reran


def test_a_new_date_or_configuration_runs_every_rule_again() -> None:
    memo = RuleMemo()
    decl = load([EXEMPLAR])
    memo.begin(("2026-11-24",), decl, {})
    memo.kept["IP101"] = object()  # type: ignore[assignment]
    memo.begin(("2026-11-24",), decl, {})
    assert "IP101" in memo.kept
    memo.begin(("2026-11-25",), decl, {})
    assert memo.kept == {}


# -- what rules read ---------------------------------------------------------------------

EVERY_KIND = frozenset(KINDS)


class Recording(Mapping[str, Any]):
    """A mapping that notes which kinds of items are read through it."""

    def __init__(self, data: Mapping[str, Any], read: set[str], by_kind: bool) -> None:
        self.data, self.read, self.by_kind = data, read, by_kind

    def _note(self, key: object, found: object) -> None:
        if self.by_kind:
            self.read.add(str(key))
        else:
            self.read.update([type(found).__name__] if found is not None else EVERY_KIND)

    def __getitem__(self, key: str) -> Any:
        found = self.data.get(key)
        self._note(key, found)
        if found is None and key not in self.data:
            raise KeyError(key)
        return found

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        found = self.data.get(key)
        self._note(key, found)
        return default if found is None else found

    def __contains__(self, key: object) -> bool:
        found = self.data.get(key)  # type: ignore[call-overload]
        self._note(key, found)
        return found is not None

    def __iter__(self) -> Iterator[str]:
        self.read.update(EVERY_KIND if not self.by_kind else self.data)
        return iter(self.data)

    def __len__(self) -> int:
        self.read.update(EVERY_KIND if not self.by_kind else self.data)
        return len(self.data)


class RecordingDeclaration(Declaration):
    """A declaration noting the kinds of items a rule reads: by kind (``of``, ``items``), by id
    (the kind of the item found; every kind when none is, as the answer then depends on
    them all), and everything for the list of dangling references. ``get`` of a kind reads
    that kind only: ids are unique across kinds in a declaration that loaded."""

    def __init__(self, decl: Declaration, read: set[str]) -> None:
        super().__init__(decl.root, Recording(decl.items, read, True), Recording(decl.by_id, read, False),
                         decl.origins, decl.files, decl.dangling, decl.locator)
        self.read = read
        self.real = decl

    def get(self, item_id: str | None, kind: type | None = None) -> Any:  # type: ignore[override]
        if kind is None:
            return super().get(item_id)
        self.read.add(kind.__name__)
        return self.real.get(item_id, kind)

    def __getattribute__(self, name: str) -> Any:
        if name == "dangling":
            object.__getattribute__(self, "read").update(EVERY_KIND)
        return object.__getattribute__(self, name)


def reads_of(rule: Rule, decl: Declaration, edition: str) -> tuple[set[str], list[Violation]]:
    read: set[str] = set()
    ctx = CheckContext(RecordingDeclaration(decl, read), AS_OF, {}, edition, AS_OF)
    return read, [v for v, _ in _violations(rule, ctx, "en")]


def declared_rules(edition: str) -> list[Rule]:
    return [r for r in PLUGINS.rules() if r.meta.reads is not None and r.meta.applies_to(edition)]


@pytest.fixture(scope="module")
def declarations(defects: dict[str, Path]) -> list[tuple[str, str, Declaration]]:
    """The exemplar and every defect fixture, loaded."""
    return [("exemplar", "2023", load([EXEMPLAR]))] + [
        (name, str(read_defect(name).get("edition", "2023")), load([folder])) for name, folder in defects.items()]


def test_rules_read_only_what_they_declare(declarations: list[tuple[str, str, Declaration]]) -> None:
    wrong: dict[str, set[str]] = {}
    for name, edition, decl in declarations:
        for rule in declared_rules(edition):
            read, _ = reads_of(rule, decl, edition)
            extra = read - set(rule.meta.reads or ())
            if extra:
                wrong.setdefault(f"{rule.id} ({name})", set()).update(extra)
    assert wrong == {}


def test_per_item_rules_judge_each_item_alone(declarations: list[tuple[str, str, Declaration]]) -> None:
    """A per-item rule run on all the items reports what it reports run on each item alone."""
    from ipcheck.rules.incremental import on_items

    wrong = []
    for name, edition, decl in declarations:
        for rule in declared_rules(edition):
            kind = rule.meta.per_item
            if kind is None:
                continue
            ctx = CheckContext(decl, AS_OF, {}, edition, AS_OF)
            if rule.meta.summary is not None:  # what the engine gives a rule run on some items: the whole summary
                ctx = dataclasses.replace(ctx, summaries={rule.meta.summary: rule.meta.summary.of(decl)})
            whole = [v for v, _ in _violations(rule, ctx, "en")]
            alone = [v for item in decl.items[kind]
                     for v, _ in _violations(rule, on_items(ctx, kind, frozenset([item.id])), "en")]
            if whole != alone:
                wrong.append(f"{rule.id} ({name})")
    assert wrong == []


def test_an_edit_is_the_lines_between_what_two_texts_share_at_either_end() -> None:
    from ipcheck.rules.incremental import edit_between

    edit = edit_between(b"a\nb\nc\n", b"a\nB\nx\nc\n")
    assert edit is not None and (edit.first, edit.last, edit.moved) == (2, 3, 1)
    assert edit_between(b"a\r\nb\n", b"a\r\nc\n") is None  # line ends a locator reads otherwise


def test_kept_findings_move_with_the_lines_an_edit_adds_above_them(tmp_path: Path) -> None:
    live = Live(tmp_path / "decl", "2023")
    patents = live.folder / "registers" / "patents.yaml"
    patents.write_text(patents.read_text(encoding="utf-8").replace("inventors: [han.bing]", "inventors: [nobody]", 1),
                       encoding="utf-8")
    before, _ = live.check.run()
    patents.write_text("# the register of patents\n" + patents.read_text(encoding="utf-8"), encoding="utf-8")
    after, changed = live.check.run()
    assert changed.new == [] and changed.fixed == []
    assert after == full_check(live.folder, "2023")
    assert [(f.rule, f.location.line) for f in after.findings if f.subject == "HXP-CN-2016-001"] == [
        (f.rule, f.location.line + 1) for f in before.findings if f.subject == "HXP-CN-2016-001"]


PROTECTION_MODULES = ("patent", "trademark", "copyright", "trade_secret", "protection_system", "china_register_law")


def test_the_protection_rules_declare_what_they_read() -> None:
    """The rules of the protection types run again only when what they read changed (what
    they declare is checked above against what they read)."""
    modules = {f"ipcheck.rules.builtin.{name}" for name in PROTECTION_MODULES}
    rules = [r for r in PLUGINS.rules() if getattr(r.check, "__module__", "") in modules]
    assert len(rules) >= 28  # the rules of these modules are found
    assert [r.id for r in rules if r.meta.reads is None] == []
    per_item = {r.id: r.meta.per_item for r in rules if r.meta.per_item is not None}
    assert per_item == {"IPP004": "Project", "IPP005": "Patent", "IPP006": "Patent", "IPP008": "Patent",
                        "IPP014": "Patent", "IPP015": "Patent", "IPT006": "Trademark", "IPT010": "Trademark", "IPC005": "Copyright",
                        "IPS010": "TradeSecret", "IPS012": "TradeSecret", "IPP101": "Patent", "IPP102": "Patent",
                        "IPP103": "Patent", "IPT101": "Trademark"}


# -- summaries kept between checks ------------------------------------------------------

def test_a_summary_files_each_item_under_its_keys_in_the_order_of_the_declaration() -> None:
    from ipcheck.rules.builtin.operation import INVENTORS

    decl = load([EXEMPLAR])
    filed = INVENTORS.of(decl)
    assert filed["han.bing"][:2] == ["HXP-CN-2016-001", "HXP-CN-2016-008"]
    assert filed.keys_of("HXP-CN-2016-008") == ("huang.xin", "han.bing", "zhang.wei")
    assert filed.keys_of("nobody") == () and "nobody" not in filed
    positions = {patent.id: number for number, patent in enumerate(decl.items["Patent"])}
    before = list(filed["han.bing"])
    first = decl.items["Patent"][0].model_copy(update={"inventors": ("nobody", "han.bing", "nobody")})
    touched = filed.refile(INVENTORS, [first], (), positions)
    assert touched == {"han.bing", "nobody"}
    assert filed["nobody"] == ["HXP-CN-2016-001"] and filed.keys_of("HXP-CN-2016-001") == ("nobody", "han.bing")
    assert filed["han.bing"] == before  # filed again in its place, the first
    eighth = decl.get("HXP-CN-2016-008")
    assert filed.refile(INVENTORS, [eighth.model_copy(update={"inventors": ()})], (), positions) == {  # type: ignore[union-attr]
        "huang.xin", "han.bing", "zhang.wei"}
    assert filed.keys_of("HXP-CN-2016-008") == () and "HXP-CN-2016-008" not in filed["han.bing"]
    assert filed.refile(INVENTORS, [], ["HXP-CN-2016-001"], positions) == {"nobody", "han.bing"}
    assert "nobody" not in filed  # a key left with no item is dropped
    assert pickle.loads(pickle.dumps(filed)) is not None


def test_a_summary_names_a_kind_the_rule_reads() -> None:
    from ipcheck.rules.api import Summary, rule

    numbers = Summary("Trademark", lambda mark: [mark.registration_number])
    texts: dict[str, Any] = {"title": "t", "severity": "minor", "rationale": "r", "fails": "", "passes": "",
                             "fix": "f", "messages": {"default": "m"}}
    with pytest.raises(TypeError, match="its summary is of 'Trademark', which is not among the kinds it reads"):
        rule(id="ACME001", reads=("Patent",), summary=numbers, **texts)
    with pytest.raises(TypeError, match="summary=.* needs reads naming the kinds the rule reads"):
        rule(id="ACME001", summary=numbers, **texts)
    with pytest.raises(TypeError, match="write a Summary"):
        rule(id="ACME001", reads=("Patent",), summary=("Patent",), **texts)  # type: ignore[arg-type]


def test_a_summary_whose_keys_fail_is_the_rule_failing_and_the_other_rules_run(tmp_path: Path) -> None:
    from ipcheck.plugins import load_plugins
    from ipcheck.rules.api import Summary, rule

    def keys(patent: Any) -> list[str]:
        if patent.id == "HXP-CN-2016-002" and "nobody" in patent.inventors:
            raise ValueError("no such inventor")
        return list(patent.inventors)

    @rule(id="ACME001", reads=("Patent", "Person"), per_item="Person", summary=Summary("Patent", keys),
          title="Inventors are staff", severity="minor", rationale="r", fails="", passes="", fix="f",
          messages={"default": "{subject} is an inventor"})
    def inventors(ctx: CheckContext) -> Any:
        filed = ctx.summary(inventors.meta.summary)  # type: ignore[arg-type]
        for person in ctx.declaration.items["Person"]:
            if person.id in filed and person.id == "chen.jie":
                yield Violation(subject=person.id)

    class Pack:
        @staticmethod
        def ipcheck_rules() -> list[Rule]:
            return [inventors]

    from ipcheck.hookspecs import hookimpl

    Pack.ipcheck_rules = hookimpl(Pack.ipcheck_rules)  # type: ignore[method-assign]
    plugins = load_plugins([], entry_point_plugins=False)
    plugins.manager.register(Pack, name="acme")
    shutil.copytree(EXEMPLAR, tmp_path / "decl")
    live = LiveCheck(tmp_path / "decl", AS_OF)
    live._plugins = plugins
    first, _ = live.run()
    assert [(f.rule, f.subject) for f in first.findings if f.rule == "ACME001"] == [("ACME001", "chen.jie")]
    patents = tmp_path / "decl" / "registers" / "patents.yaml"
    text = patents.read_text(encoding="utf-8")
    patents.write_text(text.replace("inventors: [chen.jie]", "inventors: [chen.jie, nobody]", 1), encoding="utf-8")
    failed, _ = live.run()
    assert [(p.rule, p.message.splitlines()[0]) for p in failed.errors if p.rule] == [
        ("ACME001", "internal error in rule ACME001 of plugin 'acme': the rule failed: ValueError: no such inventor")]
    assert failed.findings == full_check(tmp_path / "decl", "2023").findings  # the other rules ran
    patents.write_text(text, encoding="utf-8")
    again, _ = live.run()
    assert again.errors == first.errors and again.findings == first.findings


def test_the_lines_an_edit_changed_are_taken_from_the_loader(tmp_path: Path) -> None:
    """Where the loader loaded an edited file again in the entries the edit changed alone, the
    lines it changed are what it found, and what comparing the two texts finds."""
    from ipcheck.load import LoadMemo
    from ipcheck.rules.incremental import edit_between, edit_of

    shutil.copytree(EXEMPLAR, tmp_path / "decl")
    memo = LoadMemo()
    load([tmp_path / "decl"], memo=memo)
    rel = "registers/patents.yaml"
    before = memo[rel].raw
    for old, new in (("inventors: [chen.jie]", "inventors: [chen.jie, 张伟]"),
                     ("    inventors: [han.bing]\n", "    inventors:\n      - han.bing\n"),
                     ("    inventors:\n      - han.bing\n    product: PRD-GPHE\n", "")):
        text = before.replace(old.encode(), new.encode(), 1)
        load([tmp_path / "decl"], sources={rel: text}, memo=memo)
        now = memo[rel]
        assert now.changed is not None and now.changed.before is before
        found, compared = edit_of(before, now), edit_between(before, text)
        assert found is not None and compared is not None
        assert (found.first, found.last, found.moved) == (compared.first, compared.last, compared.moved)
        assert found.start <= compared.start + 1 and found.end >= compared.end - 2  # the same characters
        before = text


def test_a_pickled_memo_leaves_out_what_is_built_again_faster(tmp_path: Path) -> None:
    live = Live(tmp_path / "decl", "2023")
    memo = live.check.rule_memo
    assert set(memo.summaries) == {"IPP014", "IP609"}
    restored = copy.copy(memo)  # through the memo's state, as a pickle is
    assert restored.summaries == {} and restored.positions == {} and restored.kept is memo.kept
    live.check.rule_memo = memo = restored
    patents = live.folder / "registers" / "patents.yaml"
    patents.write_text(patents.read_text(encoding="utf-8").replace("inventors: [chen.jie]", "inventors: [nobody]", 1),
                       encoding="utf-8")
    again, _ = live.check.run()
    assert again == full_check(live.folder, "2023") and set(memo.summaries) == {"IPP014", "IP609"}


def test_a_summary_knows_the_keys_several_items_are_filed_under() -> None:
    from ipcheck.rules.builtin.patent import PATENT_NUMBERS

    decl = load([EXEMPLAR])
    filed = PATENT_NUMBERS.of(decl)
    assert filed.shared() == set()
    positions = {patent.id: number for number, patent in enumerate(decl.items["Patent"])}
    first, second = decl.items["Patent"][:2]
    copy_of_first = second.model_copy(update={"application_number": first.application_number})
    number = ("application_number", "CN", first.application_number)
    assert filed.refile(PATENT_NUMBERS, [copy_of_first], (), positions) >= {number}
    assert filed.shared() == {number} and filed[number] == [first.id, second.id]
    filed.refile(PATENT_NUMBERS, [second], (), positions)
    assert filed.shared() == set() and filed[number] == [first.id]
    assert Filed.built(["A", "B"], [("k", "k"), iter(["k"])]) == {"k": ["A", "B"]}  # a key given twice: once
    assert Filed.built(["A", "B"], [("k", "k"), iter(["k"])]).keys_of("A") == ("k",)
