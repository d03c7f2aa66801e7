"""A report's size is bounded: a huge declaration value quoted in messages is cut, with an
ellipsis saying how much, so that one value aliased many times cannot blow every report up."""

from __future__ import annotations

import json

import pytest

from ipcheck.findings import MAX_TEXT_CHARS
from ipcheck.report.formats import FORMATS, render
from ipcheck.testing import run_declaration

HUGE = "X" * 100_000
ALIASED = 60


@pytest.fixture(scope="module")
def report():
    items = [f"  - {{id: PR-0, title: T, owner: &big {HUGE}}}"]
    items += [f"  - {{id: PR-{n}, title: T, owner: *big}}" for n in range(1, ALIASED + 1)]
    text = "kind: Procedure\nitems:\n" + "\n".join(items) + "\n"
    return run_declaration(text, select="IPX", entry_points=False).report


def test_a_quoted_value_is_cut_with_an_ellipsis_saying_how_much(report):
    findings = json.loads(render(report, "json"))["findings"]
    assert len(findings) == ALIASED + 1
    for finding in findings:
        head = f"Procedure {finding['subject']}: owner names '"
        whole = f"{head}{HUGE}', which is not declared (expected a Role)"
        assert finding["message"].startswith(head + "XXX")
        assert finding["message"] == (whole[:MAX_TEXT_CHARS]
                                      + f"… [{len(whole) - MAX_TEXT_CHARS:,} more characters cut]"), finding["message"][-80:]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_stays_small(report, fmt):
    """60 findings quoting a 100 KB value made a 114 MB HTML and a 66 MB JUnit report."""
    out = render(report, fmt)
    assert len(out if isinstance(out, bytes) else out.encode()) < 1_000_000
