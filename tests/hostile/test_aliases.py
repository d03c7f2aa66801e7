"""Anchors and aliases used to blow up memory or time, or to build cycles."""

from __future__ import annotations

import pytest

from ._support import VALID, load_problems, only_problem, write


def billion_laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "kind: Person\nid: P-001\nname: Li Wei\n" + "\n".join(lines) + "\n"


def test_billion_laughs(tmp_path, rejected):
    write(tmp_path, "bomb.yaml", billion_laughs())
    problem = only_problem(tmp_path)
    assert problem.location.file == "bomb.yaml"
    assert "alias" in problem.message
    rejected(tmp_path, "bomb.yaml:", "alias", terminal=True)


def test_billion_laughs_inside_an_item(tmp_path):
    body = "\n".join(
        ['    a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
        + [f"    a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    )
    write(tmp_path, "people.yaml", f"kind: Person\nitems:\n  - id: P-001\n    name: Li Wei\n{body}\n")
    problem = only_problem(tmp_path)
    assert problem.location.file == "people.yaml"
    assert "alias" in problem.message


def test_many_aliases_to_one_large_anchor(tmp_path, rejected):
    # Quadratic blow-up: one anchor of 10,000 entries referred to 10,000 times.
    big = "[" + ", ".join(f"x{i}" for i in range(10_000)) + "]"
    aliases = "\n".join("  - *big" for _ in range(10_000))
    write(tmp_path, "wide.yaml", f"kind: Person\nid: P-001\nname: Li Wei\nbig: &big {big}\nrefs:\n{aliases}\n")
    problem = only_problem(tmp_path)
    assert problem.location.file == "wide.yaml"
    rejected(tmp_path, "wide.yaml:")


def test_alias_cycle(tmp_path, rejected):
    write(tmp_path, "cycle.yaml", "kind: Person\nid: P-001\nname: &n\n  self: *n\n")
    problem = only_problem(tmp_path)
    assert problem.location.file == "cycle.yaml"
    rejected(tmp_path, "cycle.yaml:")


def test_undefined_alias_is_located(tmp_path, rejected):
    write(tmp_path, "a.yaml", "kind: Person\nid: P-001\nname: *nowhere\n")
    problem = only_problem(tmp_path)
    assert (problem.location.file, problem.location.line) == ("a.yaml", 3)
    rejected(tmp_path, "a.yaml:3:")


def test_alias_as_kind_and_id(tmp_path):
    # Aliases that resolve to ordinary values are plain YAML and load like the values.
    write(tmp_path, "a.yaml", "kind: &k Person\nitems:\n  - {id: &i P-001, name: *i}\n")
    write(tmp_path, "b.yaml", VALID.replace("P-001", "P-002"))
    from ipcheck.load import load

    declaration = load([tmp_path])
    assert declaration.get("P-001").name == "P-001"


def test_merge_key_bomb(tmp_path):
    levels = ["m0: &m0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9}"]
    for i in range(1, 10):
        levels.append(f"m{i}: &m{i} [" + ", ".join([f"*m{i - 1}"] * 9) + "]")
    write(tmp_path, "merge.yaml", "kind: Person\nid: P-001\nname: Li Wei\n" + "\n".join(levels)
          + "\nx:\n  <<: *m9\n")
    problems = [p.render() for p in load_problems(tmp_path) if p.location.file == "merge.yaml"]
    assert problems == [  # the weighing refuses it before anything expands (the unknown fields are not reached)
        "merge.yaml:13:5: aliases expand this file to 14,818,833,752 characters of text, over the limit of 67,108,864\n"
        "  hint: the file expands anchors and aliases far beyond its size; write the values out"]


def test_merge_key_bomb_fails_without_the_weighing(tmp_path, monkeypatch):
    """The test above cannot pass by accident: with the weighing switched off the file is
    reported for something else (its unknown fields), and that test's assertion fails."""
    from ipcheck.load import parse

    monkeypatch.setattr(parse, "alias_problem", lambda text: None)
    with pytest.raises(AssertionError):
        test_merge_key_bomb(tmp_path)


def test_few_aliases_of_a_long_scalar(tmp_path, rejected):
    """Within yaml-rs's event limit, but 100 KB replayed 19,530 times: 1.9 GB of text."""
    lines = ["kind: Person", "id: P-001", "name: Li Wei", "position:", "  a0: &a0 " + "x" * 100_000]
    lines += [f"  a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 5) + "]" for i in range(1, 7)]
    write(tmp_path, "bomb.yaml", "\n".join(lines) + "\n")
    problem = only_problem(tmp_path)
    assert problem.render() == (
        "bomb.yaml:11:7: aliases expand this file to 1,953,100,049 characters of text, over the limit of 67,108,864\n"
        "  hint: the file expands anchors and aliases far beyond its size; write the values out")
    rejected(tmp_path, "bomb.yaml:11:7", "aliases expand", terminal=True)


def test_aliases_within_the_limit_load(tmp_path):
    from ipcheck.load import load

    write(tmp_path, "people.yaml", "kind: Person\nitems:\n  - {id: P-1, name: &n Li Wei, position: &p Engineer}\n"
                                   "  - {id: P-2, name: *n, position: *p}\n")
    assert [p.position for p in load([tmp_path]).items["Person"]] == ["Engineer", "Engineer"]


def test_a_large_file_with_aliases_is_refused_with_a_hint(tmp_path):
    items = "".join(f"  - {{id: P-{i}, name: Person number {i:07d}, position: Engineer}}\n" for i in range(40_000))
    write(tmp_path, "people.yaml", f"kind: Person\nitems:\n  - {{id: P-A, name: &n Li Wei}}\n{items}"
                                   "  - {id: P-B, name: *n}\n")
    [problem] = load_problems(tmp_path)
    assert problem.render() == ("people.yaml:1:1: this file uses aliases (*name) and is over 2 MB: their expansion "
                                "cannot be bounded cheaply\n  hint: write the aliased values out, or split the file "
                                "into smaller ones")


def test_stars_in_text_are_not_aliases(tmp_path):
    from ipcheck.load import load

    items = "".join(f"  - {{id: P-{i}, name: Person *{i:07d}*, position: Engineer}}\n" for i in range(40_000))
    write(tmp_path, "people.yaml", f"kind: Person\nitems:\n{items}")
    assert len(load([tmp_path]).items["Person"]) == 40_000


@pytest.mark.parametrize(("text", "start"), [
    ('{"k":&a "%s", "l": [%s]}\n', "bomb.yaml:1:6: aliases expand this file to 750,050,002 characters"),
    ('%%YAML 2.0\n---\na: &a "%s"\nb: [%s]\n', "bomb.yaml:1:1: this file uses aliases (*name) in a form whose "
                                            "expansion cannot be weighed"),
    ('a: &a\t"%s"\nb: [%s]\n', "bomb.yaml:1:6: this file uses aliases (*name) in a form whose expansion cannot "
                               "be weighed"),
])
def test_no_way_around_the_weighing(tmp_path, text, start):
    """JSON-style anchors, and forms ruamel.yaml cannot compose but yaml-rs reads, once passed unweighed."""
    write(tmp_path, "bomb.yaml", text % ("x" * 50_000, ", ".join(["*a"] * 15_000)))
    problem = only_problem(tmp_path)
    assert problem.render().startswith(start), problem.render()


def test_a_yaml_version_ruamel_refuses_is_a_load_error_not_a_crash(tmp_path):
    write(tmp_path, "units.yaml", '%YAML 1.3\n---\nkind: Unit\nid: u1\nname: &n "Sales"\nalias_of: *n\n')
    problem = only_problem(tmp_path)
    assert problem.kind == "load" and problem.location.file == "units.yaml"
