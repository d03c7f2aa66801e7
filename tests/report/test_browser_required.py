"""The browser tests cannot skip in CI: .ci/run installs Chromium and sets IPCHECK_CI, and
a missing browser there fails them instead of letting a green build leave them unrun."""

from __future__ import annotations

import pytest

from tests.report.test_html_browser import CI_ENV, require_chromium


def test_a_missing_chromium_fails_in_ci_and_skips_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    missing = "/nonexistent/chromium"
    monkeypatch.setenv(CI_ENV, "1")
    with pytest.raises(pytest.fail.Exception, match="CI installs it"):
        require_chromium(missing)
    monkeypatch.delenv(CI_ENV)
    with pytest.raises(pytest.skip.Exception):
        require_chromium(missing)
