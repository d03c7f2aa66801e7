"""Anchors and aliases used to blow up memory or time, or to build cycles."""

from __future__ import annotations

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
    aliases = "\n".join(f"  - *big" for _ in range(10_000))
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
    load_problems(tmp_path)
