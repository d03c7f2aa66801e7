"""docs/ci.md's pre-commit configuration is one that works: it pins the version of ipcheck
this is, installs the example plugin at its own version, and matches the shipped hook."""

from __future__ import annotations

import re
from pathlib import Path

from ruamel.yaml import YAML

from ipcheck import __version__

ROOT = Path(__file__).resolve().parents[2]


def _pre_commit_config() -> dict:
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    section = text[text.index("## pre-commit"):]
    block = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert block is not None
    return YAML(typ="safe").load(block.group(1))


def test_the_documented_hook_pins_real_versions_and_lists_plugins():
    (repo,) = _pre_commit_config()["repos"]
    assert repo["repo"] == "local"  # needs no tag, which a remote repo's rev: would
    (hook,) = repo["hooks"]
    plugin_version = re.search(r'__version__ = "([^"]+)"', (
        ROOT / "plugins" / "ipcheck-exportwatch" / "src" / "ipcheck_exportwatch" / "__init__.py").read_text()).group(1)
    assert hook["additional_dependencies"] == [f"ipcheck=={__version__}", f"ipcheck-exportwatch=={plugin_version}"]
    shipped = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    for key in ("id", "entry", "language", "files", "pass_filenames", "require_serial"):
        assert hook[key] == shipped[key], key
