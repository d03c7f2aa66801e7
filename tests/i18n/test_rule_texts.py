"""Every rule ipcheck ships speaks both languages: its title, rationale, fix and messages
have a Chinese text, and each translation names the placeholders of its English text."""

from __future__ import annotations

import pytest

from ipcheck.i18n import placeholder_mismatch, translated
from ipcheck.plugins import load_plugins

RULES = load_plugins([], entry_point_plugins=False).rules()

UNTRANSLATED_PREFIXES: tuple[str, ...] = ()
"""Rule ranges whose Chinese texts are still being written; this tuple only shrinks."""


def _texts(meta):  # type: ignore[no-untyped-def]
    return {"title": meta.title, "rationale": meta.rationale, "fix": meta.fix,
            **{f"messages[{name}]": m for name, m in meta.messages.items()}}


@pytest.mark.parametrize("meta", [r.meta for r in RULES], ids=lambda m: m.id)
def test_each_translation_names_the_placeholders_of_its_english_text(meta) -> None:  # type: ignore[no-untyped-def]
    assert {name: placeholder_mismatch(t) for name, t in _texts(meta).items() if placeholder_mismatch(t)} == {}


@pytest.mark.parametrize("meta", [r.meta for r in RULES if not r.id.startswith(UNTRANSLATED_PREFIXES)],
                         ids=lambda m: m.id)
def test_each_rule_has_its_chinese_texts_and_message_templates(meta) -> None:  # type: ignore[no-untyped-def]
    assert meta.messages, f"{meta.id} yields prose instead of values for its message templates"
    assert [name for name, t in _texts(meta).items() if not translated(t, "zh-CN")] == []
