"""The cheap scans before parsing: linear on any input, and no way around the tag ban in flow style."""

from __future__ import annotations

import time

import pytest

from ipcheck.load import load
from ipcheck.load.parse import _TAG_CANDIDATE, _may_have_tags

from ._support import only_problem, write

PERSON = 'kind: Person\nid: P-001\nname: "{}"\n'


# Lines that made the old tag scan backtrack quadratically (100 KB: 22 s), and others built
# to overlap what one branch of the scan reads with where another match may start.
SLOW_LINES = [",&" * 50_000 + "!", '":&' * 40_000 + " !", ":&a" * 40_000 + " !", "- &" * 40_000 + "!",
              "[&a" * 40_000 + " !", ": &a\":&" * 20_000 + " !", "&" * 100_000 + " !", " " * 100_000 + "!"]


@pytest.mark.parametrize("line", SLOW_LINES, ids=lambda line: repr(line[:4]))
def test_the_tag_scan_is_linear(line):
    text = PERSON.format(line)
    start = time.perf_counter()
    list(_TAG_CANDIDATE.finditer(text))
    _may_have_tags(text)
    small = time.perf_counter() - start
    start = time.perf_counter()
    list(_TAG_CANDIDATE.finditer(PERSON.format(line * 10)))
    large = time.perf_counter() - start
    assert small < 0.5 and large < 2.0, (small, large)  # quadratic: 100 times, not 10


def test_the_slow_line_loads_fast(tmp_path, cli):
    write(tmp_path, "a.yaml", PERSON.format(",&" * 50_000 + "!"))
    start = time.perf_counter()
    assert load([tmp_path]).get("P-001").name == ",&" * 50_000 + "!"
    assert time.perf_counter() - start < 2
    assert cli(tmp_path).returncode in (0, 1)


JSON = '{{"kind":"Person","id":"P-001","name":{}}}\n'


@pytest.mark.parametrize(
    ("value", "tag", "column"),
    [
        ('!<tag:yaml.org,2002:python/object:os.system> "Li"', "!!python/object:os.system", 38),
        ('!foo "Li"', "!foo", 38),
        ('!!binary "aGVsbG8="', "!!binary", 38),
        ('&n !foo "Li"', "!foo", 38),  # the node, anchor included, as in block style
        ('[a, "b":!foo c]', "!foo", 46),
        ('{"first":!foo Li}', "!foo", 47),
    ],
    ids=["python", "local", "binary", "after-anchor", "flow-pair", "nested"],
)
def test_tags_straight_after_the_colon_of_a_json_key(tmp_path, value, tag, column):
    write(tmp_path, "a.yaml", JSON.format(value))
    problem = only_problem(tmp_path)
    assert (problem.location.file, problem.location.line, problem.location.column) == ("a.yaml", 1, column)
    assert problem.message == f"YAML tag {tag!r} is not allowed"


def test_a_json_tag_on_the_command_line(tmp_path, rejected):
    write(tmp_path, "a.yaml", JSON.format('!<tag:yaml.org,2002:python/object:os.system> "Li"'))
    rejected(tmp_path, "a.yaml:1:38: YAML tag '!!python/object:os.system' is not allowed", terminal=True)


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        # A JSON key and its ':' on two lines: yaml-rs reads it, ruamel.yaml (which confirms tags) does not.
        ('{"kind":"Person","id":"P-001","name"\n:!foo "Li"}\n', 2, 2),
        ('{"kind":"Person","id":"P-001","name"\n:&n !<tag:yaml.org,2002:python/name:os.system> "Li"}\n', 2, 2),
        ('{"kind":"Person","id":"P-001","name"\n: {? !foo a : b}}\n', 2, 6),
        ('kind: Person\nid: P-001\nname: Li\nposition: ["a", "b":!!binary c]\n', 4, 21),
    ],
    ids=["two-lines", "two-lines-anchor", "explicit-key", "block-then-flow-pair"],
)
def test_tags_in_flow_style_ruamel_cannot_read(tmp_path, text, line, column):
    write(tmp_path, "a.yaml", text)
    problem = only_problem(tmp_path)
    assert (problem.location.file, problem.location.line, problem.location.column) == ("a.yaml", line, column)
    assert "tag" in problem.message


def test_json_text_with_exclamation_marks_is_not_a_tag(tmp_path):
    write(tmp_path, "a.yaml", '{"kind":"Person","id":"P-001","name":"Hello!","position":"!foo, \\"!bar\\""}\n'
                              '---\n{"kind":"Person","id":"P-002","name":"a:!b","position":"x\\":!y"}\n')
    declaration = load([tmp_path])
    assert declaration.get("P-001").name == "Hello!"
    assert declaration.get("P-001").position == '!foo, "!bar"'
    assert declaration.get("P-002").position == 'x":!y'


@pytest.mark.parametrize(
    "text",
    [
        "name: Hello!\nposition: http://x/!a\nunit: a:!b\n",
        'name: "Hello!"\nposition: "[!a]"\nunit: \'{"k":!v}\'\n',
        "name: Hello\nposition: |\n  {\"k\":!v}\n  [a, !b]\nunit: x # see {\"k\":!v}\n",
        "name: Hello\nposition: [a\n  !b, \"c, !d\", 'e: [!f]', g:!h]\n",
    ],
    ids=["plain", "quoted", "block-scalar-and-comment", "flow-scalars"],
)
@pytest.mark.parametrize("ruamel_refuses", [False, True], ids=["", "ruamel-refuses"])
def test_exclamation_marks_in_text_are_not_tags(text, ruamel_refuses):
    # A flow pair after a JSON key in a flow sequence: yaml-rs reads it, ruamel.yaml (which
    # confirms tags) does not, and the fallback scan of flow collections must be as careful.
    from ipcheck.findings import Problem
    from ipcheck.load.parse import parse_text

    text = "kind: Person\nid: P-001\n" + text + ('steps: [one, "two":three]\n' if ruamel_refuses else "")
    documents = parse_text("a.yaml", text)
    assert not isinstance(documents, Problem), documents.render()
    assert documents[0]["name"] in ("Hello!", "Hello")


ENTRY = "  - id: PAT-{i}\n    title: Plate\n    jurisdiction: CN\n    status: pending\n"


@pytest.mark.parametrize(
    ("head", "last", "line", "column"),
    [
        ("", '  - {"id":"PAT-X","title":!foo "Plate","jurisdiction":"CN","status":"pending"}\n', 2 + 4 * 20_000 + 1, 27),
        ("--- !foo\n", "", 1, 5),
    ],
    ids=["json-entry-at-the-end", "first-line"],
)
def test_tags_in_a_register_over_the_exact_scan_budget(tmp_path, head, last, line, column):
    # Over TAG_SCAN_BYTES, only the entries holding a possible tag are parsed to confirm it.
    write(tmp_path, "patents.yaml", head + "kind: Patent\nitems:\n" + "".join(ENTRY.format(i=i) for i in range(20_000)) + last)
    problem = only_problem(tmp_path)
    assert (problem.location.file, problem.location.line, problem.location.column) == ("patents.yaml", line, column)
    assert problem.message == "YAML tag '!foo' is not allowed"
