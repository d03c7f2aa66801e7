"""Malformed YAML: duplicate keys, tabs, unclosed brackets and quotes: one located problem each."""

from __future__ import annotations

import pytest

from ._support import only_problem, write


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("kind: Person\nid: P-001\nname: Li Wei\nname: Wang Fang\n", 4),
        ("kind: Person\nitems:\n  - id: P-001\n    name: Li Wei\n    unit: U-1\n    name: Wang Fang\n", 6),
        ("kind: Person\nitems:\n  - id: P-001\n    name: Li Wei\n  - id: P-002\n    name: A\n    name: B\n", 7),
        ("kind: Person\nkind: Unit\nid: P-001\nname: Li Wei\n", 2),
        ("kind: Person\nitems: [{id: P-001, name: a, name: b}]\n", 2),
    ],
    ids=["document", "item", "second-item", "kind", "flow"],
)
def test_duplicate_keys(tmp_path, rejected, text, line):
    write(tmp_path, "a.yaml", text)
    problem = only_problem(tmp_path)
    assert "duplicate" in problem.message
    assert problem.location.file == "a.yaml"
    if "[" not in text:  # flow mappings: the key's line is reported when it can be found
        assert problem.location.line == line
    if line == 4:  # the command line, for one of them
        rejected(tmp_path, "a.yaml:4:", "duplicate")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("kind: Person\nid: P-001\n\tname: Li Wei\n", 3),
        ("kind: Person\nitems:\n\t- id: P-001\n\t  name: Li Wei\n", 3),
        ("kind: Person\nitems:\n  - id: P-001\n  \tname: Li Wei\n", 4),
    ],
)
def test_tabs(tmp_path, rejected, text, line):
    write(tmp_path, "a.yaml", text)
    problem = only_problem(tmp_path)
    assert (problem.location.file, problem.location.line) == ("a.yaml", line)
    if text.startswith("kind: Person\nid"):  # the command line, for one of them
        rejected(tmp_path, f"a.yaml:{line}:")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("kind: Person\nid: P-001\nname: [Li, Wei\n", 3),
        ("kind: Person\nid: P-001\nname: {first: Li\n", 3),
        ("kind: Person\nitems: [{id: P-001, name: Li Wei}\n", 2),
        ('kind: Person\nid: P-001\nname: "Li Wei\n', 3),
        ("kind: Person\nid: P-001\nname: 'Li Wei\n", 3),
    ],
)
def test_unclosed_brackets_and_quotes(tmp_path, rejected, text, line):
    write(tmp_path, "a.yaml", text)
    problems = [only_problem(tmp_path)]
    problem = problems[0]
    assert problem.location.file == "a.yaml"
    assert line <= problem.location.line <= text.count("\n") + 1
    if "[Li," in text or '"Li' in text:  # the command line, for two of them
        rejected(tmp_path, "a.yaml:")
