"""Thousands of errors in one item end fast: the item is parsed for positions once, not once per error."""

from __future__ import annotations

import time

from ._support import load_problems, write


def test_two_thousand_bad_values_in_one_list(tmp_path):
    markets = "".join(f"  - {i}\n" for i in range(2000))
    write(tmp_path, "enterprise.yaml", f"kind: Enterprise\nid: E-1\nname: X\nmarkets:\n{markets}")
    start = time.perf_counter()
    problems = load_problems(tmp_path)
    assert time.perf_counter() - start < 3
    assert len(problems) == 2000
    assert problems[-1].render().startswith("enterprise.yaml:2004:5: Enterprise 'E-1': field 'markets.1999': "
                                            "input should be a valid string, got 1999")


def test_three_thousand_unknown_fields_in_a_listed_item(tmp_path):
    fields = "".join(f"    f{i}: x\n" for i in range(3000))
    write(tmp_path, "people.yaml", f"kind: Person\nitems:\n  - id: P-1\n    name: Li\n{fields}")
    start = time.perf_counter()
    problems = load_problems(tmp_path)
    assert time.perf_counter() - start < 3
    assert len(problems) == 3000
    assert problems[-1].location.line == 3004 and problems[-1].location.column == 5
