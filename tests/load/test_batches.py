"""A large file parsed in batches of entries loads exactly as when it is parsed whole: the
same items, ids, origins and extension fields, and for input with any problem, the same
problems at the same file:line:column. Batching is forced here on small files (every file,
batches of one or two entries) so that every case meets a batch boundary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import ipcheck.load as loading
from ipcheck.check import CheckOptions, run_check
from ipcheck.load import LoadFailed, load
from ipcheck.load import batches
from ipcheck.load.build import Builder
from ipcheck.load.locate import SourceText
from ipcheck.load.parse import parse_scanned_file, scanned_text
from ipcheck.plugins import load_plugins

ROOT = Path(__file__).resolve().parents[2]
EXEMPLAR = ROOT / "fixtures" / "exemplar"
PATENTS = (EXEMPLAR / "registers" / "patents.yaml").read_text(encoding="utf-8")
AS_OF = dt.date(2026, 11, 24)


@pytest.fixture
def batched(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every file parsed in batches of about 600 characters (the first, 150); the files that
    were loaded in batches are listed."""
    monkeypatch.setattr(loading, "BATCHES_FROM_BYTES", 0)
    monkeypatch.setattr(loading, "BATCHES_FROM_SHARE", 0)
    monkeypatch.setattr(batches, "BATCH_BYTES", 600)
    loaded: list[str] = []
    in_batches = batches.validated_in_batches

    def noted(rel: str, source: SourceText) -> Any:
        chunks = in_batches(rel, source)
        if chunks is not None:
            loaded.append(rel)
        return chunks

    monkeypatch.setattr(loading, "validated_in_batches", noted)
    return loaded


def outcome(folder: Path) -> tuple[str, Any]:
    """What loading ``folder`` gives: its problems as rendered (file:line:column, message, hint),
    or what its declaration holds (items, origins, extension fields, dangling references)."""
    try:
        decl = load([folder])
    except LoadFailed as failed:
        return "failed", [problem.render() for problem in failed.problems]
    return "loaded", ({kind: list(items) for kind, items in decl.items.items()},
                      {item_id: decl.origins[item_id] for item_id in decl.by_id},
                      {item_id: dict(fields) for item_id, fields in decl.extensions.items()},
                      list(decl.dangling))


def test_every_register_of_the_exemplar_gives_the_chunks_of_a_whole_parse() -> None:
    for path in sorted((EXEMPLAR / "registers").glob("*.yaml")):
        text = scanned_text(path.name, path.read_bytes())
        assert isinstance(text, str)
        whole = Builder(ROOT).validate_file(parse_scanned_file(path, path.name, text))  # type: ignore[arg-type]
        assert batches.validated_in_batches(path.name, SourceText(text)) == whole, path.name


def test_the_batches_of_a_register_cut_only_where_an_entry_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batches, "BATCH_BYTES", 2000)
    plan = batches.batch_plan("patents.yaml", SourceText(PATENTS))
    assert plan is not None
    assert [document.model.__name__ for document in plan] == ["Patent"] * 7
    first = plan[0]
    assert first.column == 2 and len(first.batches) > 20
    assert PATENTS[first.batches[0][0]:].startswith("  - id: HXP-CN-2016-001\n")
    for (_, end), (start, _) in zip(first.batches, first.batches[1:]):
        assert end == start and PATENTS[start:start + 8] == "  - id: "
    assert first.batches[-1][1] == PATENTS.index("\n---\n") + 1


def test_the_exemplar_checks_the_same_in_batches(batched: list[str], tmp_path: Path) -> None:
    plugins = load_plugins([], entry_point_plugins=False)
    report = run_check(CheckOptions(paths=[EXEMPLAR], as_of=AS_OF, entry_point_plugins=False), plugins)
    assert "registers/patents.yaml" in batched and "registers/trademarks.yaml" in batched
    batched.clear()
    with pytest.MonkeyPatch.context() as whole:
        whole.setattr(loading, "BATCHES_FROM_BYTES", 1 << 60)
        assert run_check(CheckOptions(paths=[EXEMPLAR], as_of=AS_OF, entry_point_plugins=False), plugins) == report
    assert batched == []


def _replace(old: str, new: str, count: int = 1) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, count)
    return edit


ENTRY = "  - id: HXP-CN-2016-002\n"
SECOND_ENTRY_TITLE = "    title: Microchannel flat tube with internal fins\n"

EDITS: dict[str, tuple[Callable[[str], str], bool]] = {
    # name: (edit of the patent register, whether the file still loads in batches)
    "as written": (lambda text: text, True),
    "a comment at column 0 between entries": (_replace(ENTRY, "# a note\n\n" + ENTRY), True),
    "core tags": (_replace("    type: invention\n", "    type: !!str invention\n"), True),
    "an extension field": (_replace(SECOND_ENTRY_TITLE, SECOND_ENTRY_TITLE + "    x-docket: A-17\n"), True),
    "a date given to a text field": (_replace(SECOND_ENTRY_TITLE, "    title: 2024-01-01\n"), True),
    "a repeated id in another batch": (_replace("  - id: HXP-CN-2016-003\n", ENTRY), True),
    "Windows line ends": (lambda text: text.replace("\n", "\r\n"), True),
    "a byte-order mark": (lambda text: "\ufeff" + text, True),
    "entries at column 0": (lambda text: text.replace("\n  ", "\n"), True),
    "an unknown field": (_replace(SECOND_ENTRY_TITLE, SECOND_ENTRY_TITLE + "    colour: blue\n"), False),
    "a wrong type": (_replace(SECOND_ENTRY_TITLE, "    title: [a, b]\n"), False),
    "a date that is no date": (_replace("    application_date: 2016-03-21\n", "    application_date: 2016-02-31\n"),
                               False),
    "a missing required field": (_replace(SECOND_ENTRY_TITLE, ""), False),
    "a duplicate key": (_replace(SECOND_ENTRY_TITLE, SECOND_ENTRY_TITLE + "    title: again\n"), False),
    "a tab as indentation": (_replace(SECOND_ENTRY_TITLE, "\ttitle: tabbed\n"), False),
    "a tab after spaces": (_replace(SECOND_ENTRY_TITLE, "  \t  title: tabbed\n"), False),
    "an anchor and an alias": (_replace("    owner: Huaxin Thermal Technology Co., Ltd.\n",
                                        "    owner: &owner Huaxin Thermal Technology Co., Ltd.\n", 1), False),
    "an alias to an anchor in another batch": (
        lambda text: _replace("    product: PRD-MCHX\n", "    product: *p\n")(
            _replace("    product: PRD-GPHE\n", "    product: &p PRD-GPHE\n")(text)), False),
    "a tag that is not allowed": (_replace("    type: invention\n", "    type: !!python/object:os.system invention\n"),
                                  False),
    "a local tag": (_replace("    type: invention\n", "    type: !mine invention\n"), False),
    "an unclosed quote across entries": (_replace(SECOND_ENTRY_TITLE, '    title: "Microchannel\n'), False),
    "an entry line inside a quoted text": (_replace(SECOND_ENTRY_TITLE, '    title: "Micro\n  - channel"\n'), False),
    "an unclosed bracket": (_replace("    inventors: [chen.jie]\n", "    inventors: [chen.jie\n"), False),
    "a key after the list": (_replace("\n---\n", "\nnotes: more\n---\n"), False),
    "a key between the kind and the list": (_replace("kind: Patent\nitems:\n", "kind: Patent\nowner: x\nitems:\n"),
                                            False),
    "an id beside the list": (_replace("kind: Patent\nitems:\n", "kind: Patent\nid: P-1\nitems:\n"), False),
    "a repeated kind": (_replace("kind: Patent\nitems:\n", "kind: Patent\nkind: Patent\nitems:\n"), False),
    "an unknown kind": (_replace("kind: Patent\n", "kind: Patents\n"), False),
    "another apiVersion": (_replace("apiVersion: ipcheck/v1\n", "apiVersion: ipcheck/v2\n"), False),
    "an empty list": (lambda text: text[:text.index("items:\n") + 7] + "\n---\nkind: Person\nid: P-9\nname: Li\n", False),
    "a flow list": (lambda text: text[:text.index("items:\n")] + "items: [{id: X}]\n", False),
    "a line less indented than the entries": (_replace(SECOND_ENTRY_TITLE, " title: shallow\n"), False),
    "a line at the entries' column that is no entry": (_replace(SECOND_ENTRY_TITLE, "  title: shallow\n"), False),
    "an entry holding a list": (_replace(ENTRY, "  - - a\n" + ENTRY), False),
    "a document end marker": (_replace("\n---\n", "\n...\n---\n"), False),
    "a marker line with content": (_replace("\n---\n", "\n--- # europe\n"), True),
    "a directive": (lambda text: "%YAML 1.2\n---\n" + text, False),
    "a document of one item first": (lambda text: "kind: Person\nid: P-9\nname: Li\n---\n" + text, False),
    "full-width colon": (_replace(SECOND_ENTRY_TITLE, "    title：full width\n"), False),
    "ideographic space as indentation": (_replace(SECOND_ENTRY_TITLE, "  \u3000 title: x\n"), False),
    "nesting too deep": (_replace(SECOND_ENTRY_TITLE, "    title: " + "[" * 300 + "]" * 300 + "\n"), False),
}


@pytest.mark.parametrize("name", list(EDITS))
def test_a_register_loads_in_batches_as_it_loads_whole(name: str, batched: list[str], tmp_path: Path) -> None:
    edit, in_batches = EDITS[name]
    folder = tmp_path / "decl"
    (folder / "registers").mkdir(parents=True)
    (folder / "registers" / "patents.yaml").write_bytes(edit(PATENTS).encode("utf-8"))
    (folder / "people.yaml").write_text("kind: Person\nid: han.bing\nname: Han Bing\n", encoding="utf-8")
    found = outcome(folder)
    assert ("registers/patents.yaml" in batched) == in_batches
    with pytest.MonkeyPatch.context() as whole:
        whole.setattr(loading, "BATCHES_FROM_BYTES", 1 << 60)
        assert outcome(folder) == found
    if in_batches and name not in ("a repeated id in another batch",):
        assert found[0] == "loaded"


def test_a_large_file_is_parsed_in_batches_only_when_it_is_most_of_what_loads(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(loading, "BATCHES_FROM_BYTES", 10_000)
    loaded: list[str] = []
    in_batches = batches.validated_in_batches
    monkeypatch.setattr(loading, "validated_in_batches", lambda rel, source: loaded.append(rel) or in_batches(rel, source))
    folder = tmp_path / "decl"
    (folder / "registers").mkdir(parents=True)
    (folder / "registers" / "patents.yaml").write_text(PATENTS, encoding="utf-8")
    (folder / "people.yaml").write_text("kind: Person\nid: han.bing\nname: Han Bing\n", encoding="utf-8")
    load([folder])
    assert loaded == ["registers/patents.yaml"]
    loaded.clear()
    (folder / "notes.yaml").write_text("# a note\n" * (len(PATENTS) // 9), encoding="utf-8")  # half of the bytes
    load([folder])
    assert loaded == []
