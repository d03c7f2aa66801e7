"""Nesting tens of thousands of levels deep, flow and block: refused fast, never a crash."""

from __future__ import annotations

import pytest

from ._support import VALID, load_problems, only_problem, write

DEEP = 50_000


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("flow-sequences", "kind: Person\nid: P-001\nname: " + "[" * DEEP + "]" * DEEP + "\n"),
        ("flow-mappings", "kind: Person\nid: P-001\nname: " + "{a: " * DEEP + "}" * DEEP + "\n"),
        ("flow-mixed", "kind: Person\nid: P-001\nname: " + "[{a: " * (DEEP // 2) + "}]" * (DEEP // 2) + "\n"),
        ("flow-unclosed", "kind: Person\nid: P-001\nname: " + "[" * DEEP + "\n"),
        ("block-sequences", "kind: Person\nid: P-001\nname:\n" + "- " * DEEP + "x\n"),
        ("block-complex-keys", "kind: Person\nid: P-001\nname:\n" + "? " * DEEP + "x\n"),
        ("block-sequence-of-mappings", "kind: Person\nid: P-001\nname:\n" + "- " * DEEP + "a: b\n"),
    ],
)
def test_deep_nesting_is_refused(tmp_path, rejected, name, text):
    write(tmp_path, "deep.yaml", text)
    problem = only_problem(tmp_path)
    assert problem.location.file == "deep.yaml"
    assert problem.location.line in (3, 4)
    assert "deep" in (problem.message + problem.hint).lower() or "recursion" in problem.message
    if name in ("flow-sequences", "block-sequences"):  # the command line, for two of them
        rejected(tmp_path, "deep.yaml:", terminal=name == "block-sequences")


def test_deep_block_mappings_by_indentation(tmp_path, rejected):
    depth = 2_500  # one more column per level: 3 MB of indentation
    text = "kind: Person\nid: P-001\nname:\n" + "".join(" " * (i + 1) + "k:\n" for i in range(depth))
    write(tmp_path, "deep.yaml", text)
    problem = only_problem(tmp_path)
    assert problem.location.file == "deep.yaml"
    assert problem.location.line > 3
    rejected(tmp_path, "deep.yaml:")


@pytest.mark.parametrize(
    "value",
    [
        "[" * 200 + "]" * 200,
        "\n" + "- " * 450 + "x",
        "\n" + "? " * 450 + "x",
        "\n" + "".join(" " * (i + 1) + "k:\n" for i in range(600)),
    ],
    ids=["flow-200", "block-450", "complex-keys-450", "indented-600"],
)
def test_nesting_just_under_the_limits_is_a_located_shape_error(tmp_path, rejected, value):
    write(tmp_path, "a.yaml", f"kind: Person\nitems:\n- id: P-001\n  name: {value}\n")
    problems = load_problems(tmp_path)
    assert {p.location.file for p in problems} == {"a.yaml"}
    if value.startswith("\n- "):  # the command line, for one of them
        rejected(tmp_path, "a.yaml:")


def test_nesting_just_under_the_limit_in_a_loading_thread(tmp_path):
    """Loading threads get a main thread's stack, so yaml-rs's recursion is as safe in them as
    on the main thread, even where threads start with 128 KB (musl): there, such a file
    crashed the interpreter."""
    import subprocess
    import sys

    write(tmp_path, "deep.yaml", "kind: Person\nid: P-1\nname:\n" + "".join(" " * i + "-\n" for i in range(990))
          + " " * 990 + "x\n")
    write(tmp_path, "people.yaml", VALID)
    script = (
        "import threading, sys\n"
        "threading.stack_size(128 * 1024)  # the default of the platform, as on musl\n"
        "import ipcheck.load as loading\n"
        "loading.THREADS_FROM_BYTES = 0\n"
        "try:\n"
        f"    loading.load([__import__('pathlib').Path({str(tmp_path)!r})])\n"
        "except loading.LoadFailed as failed:\n"
        "    print(failed.problems[0].render().splitlines()[0])\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("deep.yaml:1:1: Person 'P-1': field 'name': input should be a valid string")


@pytest.mark.parametrize("indicators", [" ", "- ", "? ", ": ", "\t", " -:?\t"])
def test_a_line_nested_to_the_limit_is_found_wherever_it_falls(indicators):
    """The nesting scan samples every hundredth character before it searches every line: a
    line at the limit is found at any offset of the sample, and one column short of it is not."""
    from ipcheck.load.parse import MAX_NESTING_COLUMNS, _too_deep

    head = (indicators * MAX_NESTING_COLUMNS)[:MAX_NESTING_COLUMNS]
    for before in range(0, 230, 3):
        lines = "kind: Person\n" + "x" * before + "\n" if before else ""
        line = 3 if before else 1
        problem = _too_deep("a.yaml", lines + head + "x\nid: P-1\n")
        assert problem is not None, before
        assert (problem.location.line, problem.location.column) == (line, MAX_NESTING_COLUMNS + 1)
        assert problem.message == (f"YAML nests too deeply: line {line} is indented or nested over "
                                   f"{MAX_NESTING_COLUMNS} columns")
        assert _too_deep("a.yaml", lines + head[:-1] + "x\n" + "y" + head + "\n") is None
