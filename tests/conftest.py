"""Every test runs in a neutral locale: a developer's zh_CN locale would otherwise turn the
English snapshots Chinese (tests of the locale set it themselves)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _neutral_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
