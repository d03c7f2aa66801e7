"""A plugin may ship its texts in English only: a report in another language shows them as
written, each message followed by a note saying the rule has no text in that language."""

from __future__ import annotations

from ipcheck import hookimpl
from ipcheck.rules.api import Violation, rule
from ipcheck.testing import run_declaration

DECLARATION = """\
kind: Enterprise
id: acme
name: Acme Ltd
"""


@rule(id="EN001", title="Enterprise has a name", severity="observation", stage="system",
      rationale="r", fails="f", passes="p", fix="Give {subject} a short name.",
      messages={"default": "Enterprise {subject} has no short name"})
def english_only(ctx):
    yield Violation(subject="acme", values={})


@rule(id="BI001", title={"en": "Enterprise has a name", "zh-CN": "企业有名称"}, severity="observation",
      stage="system", rationale="r", fails="f", passes="p",
      fix={"en": "Give {subject} a short name.", "zh-CN": "为{subject}确定简称。"},
      messages={"default": {"en": "Enterprise {subject} has no short name", "zh-CN": "企业{subject}没有简称"}})
def bilingual(ctx):
    yield Violation(subject="acme", values={})


class Plugin:
    @hookimpl
    def ipcheck_rules(self):
        return [english_only, bilingual]


def _texts(lang: str) -> list[tuple[str, str, str, str]]:
    result = run_declaration(DECLARATION, plugins=[Plugin()], select=["EN", "BI"], entry_points=False, lang=lang)
    assert result.errors == []
    return [(f.rule, f.title, f.message, f.corrective_action) for f in result.findings]


def test_an_english_only_message_carries_the_note_in_a_chinese_report() -> None:
    assert _texts("zh-CN") == [
        ("BI001", "企业有名称", "企业acme没有简称", "为acme确定简称。"),
        ("EN001", "Enterprise has a name", "Enterprise acme has no short name（此规则仅提供英文说明）",
         "Give acme a short name."),
    ]


def test_an_english_report_has_no_note() -> None:
    assert _texts("en") == [
        ("BI001", "Enterprise has a name", "Enterprise acme has no short name", "Give acme a short name."),
        ("EN001", "Enterprise has a name", "Enterprise acme has no short name", "Give acme a short name."),
    ]
