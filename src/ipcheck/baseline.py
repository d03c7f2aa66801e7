"""Baselines: findings recorded once, so that only new ones fail later runs.

A baseline file is JSON: ``{"ipcheck_baseline": 1, "fingerprints": [{"fingerprint",
"rule", "subject", "file"}, ...]}``. A JSON report (``--format json``) is accepted as a
baseline too: its findings' fingerprints are taken.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ipcheck.findings import Finding
from ipcheck.report.model import Report

BASELINE_KEY = "ipcheck_baseline"
BASELINE_VERSION = 1


class BaselineError(ValueError):
    """The baseline file cannot be read or is not a baseline (the command line exits 2)."""


def write_baseline(report: Report) -> str:
    """The baseline file text for every finding of ``report``.

    Pass a report made without a baseline, or findings already baselined are dropped
    from the new file. Entries are sorted by file, rule, subject and fingerprint so that
    the file diffs well under version control.
    """
    entries: dict[str, dict[str, Any]] = {}
    for f in report.findings:
        entries.setdefault(
            f.fingerprint, {"fingerprint": f.fingerprint, "rule": f.rule, "subject": f.subject, "file": f.location.file}
        )
    ordered = sorted(entries.values(), key=lambda e: (e["file"], e["rule"], e["subject"] or "", e["fingerprint"]))
    document = {BASELINE_KEY: BASELINE_VERSION, "fingerprints": ordered}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _read(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found") from None
    except IsADirectoryError:
        raise BaselineError(f"{path}: is a folder, not a baseline file") from None
    except UnicodeDecodeError as exc:
        raise BaselineError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read the baseline file ({exc.strerror})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg})") from None
    except RecursionError:  # arrays or objects nested thousands deep
        raise BaselineError(f"{path}:1:1: JSON nested too deeply to be a baseline") from None


def _fingerprint(path: Path, item: Any, where: str) -> str:
    value = item.get("fingerprint") if isinstance(item, dict) else item
    if not isinstance(value, str) or not value.strip():
        raise BaselineError(f"{path}: {where} has no fingerprint (expected a non-empty string)")
    return value


def _entries(path: Path, data: Any) -> tuple[list[Any], str]:
    if not isinstance(data, dict):
        raise BaselineError(f"{path}: expected a JSON object, an ipcheck baseline or JSON report")
    if BASELINE_KEY in data:
        if data[BASELINE_KEY] != BASELINE_VERSION:
            found = data[BASELINE_KEY]
            raise BaselineError(
                f"{path}: baseline format {found!r} is not supported (this ipcheck reads {BASELINE_VERSION})"
            )
        entries = data.get("fingerprints")
        if not isinstance(entries, list):
            raise BaselineError(f"{path}: 'fingerprints' must be a list")
        return entries, "fingerprints"
    if isinstance(data.get("findings"), list) and isinstance(data.get("tool"), dict):
        return data["findings"], "findings"
    raise BaselineError(f"{path}: neither an ipcheck baseline (no {BASELINE_KEY!r} key) nor an ipcheck JSON report")


def load_baseline(path: str | os.PathLike[str]) -> set[str]:
    """The fingerprints recorded in a baseline file or a JSON report.

    Raises :class:`BaselineError` with the file name (and line and column for bad JSON)
    when the file is missing, unreadable or not a baseline.
    """
    file = Path(path)
    entries, key = _entries(file, _read(file))
    return {_fingerprint(file, item, f"{key}[{i}]") for i, item in enumerate(entries)}


def apply_baseline(findings: Iterable[Finding], fingerprints: set[str]) -> tuple[list[Finding], int, list[str]]:
    """Split findings by the baseline.

    Returns the findings not in the baseline (in their order), how many were removed as
    baselined, and the sorted fingerprints of the baseline that no finding has any more
    (those issues are fixed).
    """
    found = list(findings)
    kept = [f for f in found if f.fingerprint not in fingerprints]
    present = {f.fingerprint for f in found}
    return kept, len(found) - len(kept), sorted(fingerprints - present)
