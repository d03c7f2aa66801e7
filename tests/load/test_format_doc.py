"""docs/format.md: its kind reference is exactly what tools/gen_format_doc.py makes from the models."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from ipcheck.model import kinds
from ipcheck.model.kinds import KINDS

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "format.md"


@pytest.fixture(scope="module")
def gen():  # noqa: ANN201 - the generator module
    spec = importlib.util.spec_from_file_location("gen_format_doc", ROOT / "tools" / "gen_format_doc.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


def test_generated_part_matches_the_models(gen) -> None:  # noqa: ANN001
    text = DOC.read_text(encoding="utf-8")
    start, end = text.index(gen.BEGIN), text.index(gen.END) + len(gen.END)
    assert text[start:end] == gen.generate(), "run tools/gen_format_doc.py and commit docs/format.md"
    assert gen.main(["--check"]) == 0


def test_every_kind_and_field_is_documented(gen) -> None:  # noqa: ANN001
    text = gen.generate()
    for name, model in KINDS.items():
        assert f"\n#### {name}\n" in text
        for field in model.model_fields:
            assert f"| `{field}` |" in text, (name, field)
    for sub in ("Task", "PatentSearch", "ReviewOutput"):
        assert f"\n#### {sub}\n" in text


def test_notes_name_real_fields_without_docstrings(gen) -> None:  # noqa: ANN001
    for (model_name, field), _ in gen.NOTES.items():
        model = getattr(kinds, model_name)
        assert field in model.model_fields, (model_name, field)
        assert not model.model_fields[field].description, f"{model_name}.{field} has a docstring now: drop the note"


def test_hand_written_part_names_only_real_kinds() -> None:
    import re

    text = DOC.read_text(encoding="utf-8")
    for kind in re.findall(r"^kind: (\w+)", text, re.MULTILINE):
        assert kind in KINDS, kind


def test_yaml_examples_load(tmp_path: Path) -> None:
    import re

    from ipcheck.load import load

    blocks = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 5
    for n, block in enumerate(blocks):
        folder = tmp_path / f"example-{n}"
        folder.mkdir()
        (folder / "example.yaml").write_text(block, encoding="utf-8")
        load([folder])  # raises LoadFailed with located problems if an example is malformed
