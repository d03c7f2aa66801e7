"""Tags asking for Python objects, and unknown local tags: refused and located, never executed."""

from __future__ import annotations

import pytest

from ._support import only_problem, write


@pytest.fixture
def marker(tmp_path):
    """A file that a successful exploit would create (outside the checked folder)."""
    path = tmp_path / "exploited"
    yield path
    assert not path.exists(), "a YAML tag executed code"


PYTHON_TAGS = [
    '!!python/object/apply:os.system ["touch {marker}"]',
    '!!python/object/apply:subprocess.call [["touch", "{marker}"]]',
    '!!python/object/new:subprocess.Popen [["touch", "{marker}"]]',
    "!!python/object/apply:builtins.exec [\"open('{marker}', 'w').close()\"]",
    '!!python/object:os._wrap_close {{}}',
    "!!python/name:os.system",
    "!!python/module:os",
    '!<tag:yaml.org,2002:python/object/apply:os.system> ["touch {marker}"]',
]


@pytest.mark.parametrize("tag", PYTHON_TAGS, ids=lambda t: t.split()[0][:40])
def test_python_object_tags(tmp_path, marker, rejected, tag):
    folder = tmp_path / "decl"
    write(folder, "a.yaml", f"kind: Person\nid: P-001\nname: {tag.format(marker=marker)}\n")
    problem = only_problem(folder)
    assert (problem.location.file, problem.location.line, problem.location.column) == ("a.yaml", 3, 7)
    assert "tag" in problem.message
    if tag in PYTHON_TAGS[:1] or "python/name" in tag:  # the command line, for two of them
        rejected(folder, "a.yaml:3:7", "tag", terminal=True)


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("kind: Person\nid: P-001\nname: !foo bar\n", 3, 7),
        ("kind: Person\nid: P-001\nname: !<tag:example.com,2000:app/x> bar\n", 3, 7),
        ("kind: Person\nid: P-001\nname: &n !foo bar\n", 3, 7),
        ("kind: Person\nid: P-001\nname:\n  !foo bar\n", 4, 3),
        ("--- !foo\nkind: Person\nid: P-001\nname: bar\n", 1, 5),
        ("kind: Person\nitems:\n  - !foo\n    id: P-001\n    name: bar\n", 3, 5),
        ("kind: Person\nitems: [{id: P-001, name: !foo bar}]\n", 2, 27),
        ("kind: Person\nid: P-001\nname: !!set {a, b}\n", 3, 7),
        ("kind: Person\nid: P-001\nname: !!binary aGVsbG8=\n", 3, 7),
        ("%TAG !e! tag:example.com,2000:\n---\nkind: Person\nid: P-001\nname: !e!x bar\n", 5, 7),
    ],
    ids=["local", "verbatim", "after-anchor", "next-line", "document", "item", "flow", "set", "binary", "directive"],
)
def test_other_tags(tmp_path, text, line, column):
    write(tmp_path, "a.yaml", text)
    problem = only_problem(tmp_path)
    assert (problem.location.file, problem.location.line, problem.location.column) == ("a.yaml", line, column)
    assert "tag" in problem.message


def test_other_tags_on_the_command_line(tmp_path, rejected):
    write(tmp_path, "a.yaml", "kind: Person\nid: P-001\nname: &n !foo bar\n")
    write(tmp_path, "b.yaml", "kind: Person\nid: P-002\nname:\n  !!set {a, b}\n")
    result = rejected(tmp_path, "a.yaml:3:7", "b.yaml:4:3", "tag")
    assert "set" in result.stderr


@pytest.mark.parametrize("value", ["!!str 5", "!!int 5", "!!bool true", "!!null ''", "!!float 1.5"])
def test_core_schema_tags_are_plain_values(tmp_path, value):
    # Core-schema tags build nothing; the value is then judged by its type as usual.
    write(tmp_path, "a.yaml", f"kind: Person\nid: P-001\nname: Li Wei\nposition: {value}\n")
    from ipcheck.load import LoadFailed, load

    try:
        load([tmp_path])
    except LoadFailed as failed:
        assert all("tag" not in p.message for p in failed.problems)


def test_exclamation_marks_in_text_are_not_tags(tmp_path):
    from ipcheck.load import load

    write(tmp_path, "a.yaml", "kind: Person\nid: P-001\nname: Wow! What ! a name !!\nposition: \"!foo\"\n")
    assert load([tmp_path]).get("P-001").position == "!foo"


REGISTER_ENTRY = "  - id: PAT-{i}\n    title: Plate\n    jurisdiction: CN\n    status: pending\n"


def _register(entries: int, last: str) -> str:
    return "kind: Patent\nitems:\n" + "".join(REGISTER_ENTRY.format(i=i) for i in range(entries)) + last


def test_exclamation_marks_in_a_large_register_stay_fast(tmp_path):
    # ' !' after ': ' in quoted text looks like a tag to the cheap scan; confirming it must not
    # cost a slow parse of the whole 7 MB file.
    from ipcheck.load import load

    last = '  - id: PAT-X\n    title: "Note: !important"\n    jurisdiction: CN\n    status: pending\n'
    write(tmp_path, "patents.yaml", _register(100_000, last))
    import time

    start = time.perf_counter()
    assert len(load([tmp_path])) == 100_001
    assert time.perf_counter() - start < 10


def test_tag_at_the_end_of_a_large_register(tmp_path, rejected):
    last = "  - id: PAT-X\n    title: Plate\n    jurisdiction: !!python/object/apply:os.system [true]\n    status: pending\n"
    write(tmp_path, "patents.yaml", _register(100_000, last))
    problem = only_problem(tmp_path)
    line = 2 + 4 * 100_000 + 3
    assert (problem.location.file, problem.location.line, problem.location.column) == ("patents.yaml", line, 19)
    rejected(tmp_path, f"patents.yaml:{line}:19", "tag")
