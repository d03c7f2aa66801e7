"""Text that looks like a date stays text where a field is text (YAML 1.2 reads it as text;
the fast parser reads it as a date), and a date field still takes a date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ipcheck.load import LoadFailed, load


def _load(tmp_path: Path, text: str):
    (tmp_path / "people.yaml").write_text(text, encoding="utf-8")
    return load([tmp_path])


@pytest.mark.parametrize("written", ['"2024-01-01"', "'2024-01-01'", "2024-01-01"])
def test_a_date_written_in_a_text_field_is_its_text(tmp_path, written):
    decl = _load(tmp_path, f"kind: Person\nid: P-1\nname: {written}\njoined: 2024-03-01\n")
    [person] = decl.items["Person"]
    assert person.name == "2024-01-01"
    assert person.joined == dt.date(2024, 3, 1)


def test_dates_as_text_in_a_listed_register(tmp_path):
    decl = _load(tmp_path, "kind: Person\nitems:\n  - {id: P-1, name: '2024-01-01'}\n  - {id: P-2, name: Li}\n")
    assert [p.name for p in decl.items["Person"]] == ["2024-01-01", "Li"]


def test_other_errors_are_reported_as_they_are(tmp_path):
    with pytest.raises(LoadFailed) as failed:
        _load(tmp_path, "kind: Person\nid: P-1\nname: '2024-01-01'\njoined: soon\n")
    [problem] = failed.value.problems
    assert problem.render() == ("people.yaml:4:9: Person 'P-1': field 'joined': not a valid date, got 'soon'\n"
                                "  hint: write dates as YYYY-MM-DD, with a real month and day")
