"""Baselines: findings recorded once, so that only new ones fail later runs.

A baseline file is JSON: ``{"ipcheck_baseline": 1, "fingerprints": [{"fingerprint",
"rule", "subject", "file"}, ...]}``. A JSON report (``--format json``) is accepted as a
baseline too: its findings' fingerprints (and rules) are taken. An entry may also be a bare
fingerprint string, or lack its ``rule``: such entries are still read, but are told fixed
only by a run of every rule (see :func:`apply_baseline`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any

from ipcheck.findings import Finding
from ipcheck.report.model import Report

BASELINE_KEY = "ipcheck_baseline"
BASELINE_VERSION = 1


REWRITE_HINT = "write a new one with `ipcheck baseline`, or restore it from version control"


class BaselineError(ValueError):
    """The baseline file cannot be read or is not a baseline (the command line exits 2).

    Its text does not start with the file's name: the command line prints
    ``f"{path}: {error}"`` itself. It ends with a hint line, as a located problem does on
    the terminal; ``path``, ``reason`` and ``hint`` hold the parts.
    """

    def __init__(self, path: Path, reason: str, hint: str = REWRITE_HINT) -> None:
        super().__init__(f"{reason}\n  hint: {hint}" if hint else reason)
        self.path, self.reason, self.hint = path, reason, hint


class _LongInteger:
    """A JSON integer too long for Python to convert (over 4,300 digits): no baseline holds
    one, but reading it must give a baseline error, not end the run."""

    def __init__(self, digits: int) -> None:
        self.digits = digits

    def __repr__(self) -> str:
        return f"an integer of {self.digits} digits"


def _integer(text: str) -> int | _LongInteger:
    """A JSON integer, or a :class:`_LongInteger` when Python refuses to convert it."""
    try:
        return int(text)
    except ValueError:
        return _LongInteger(len(text.lstrip("-")))


def write_baseline(report: Report) -> str:
    """The baseline file text for every finding of ``report``.

    Pass a report made without a baseline, or findings already baselined are dropped
    from the new file. A merged finding (see :mod:`ipcheck.rules.same_defect`) records the
    fingerprint of each finding merged into it too. Entries are sorted by file, rule, subject and fingerprint so that
    the file diffs well under version control.
    """
    entries: dict[str, dict[str, Any]] = {}
    for f in report.findings:
        for rule, fp in zip(f.rules, f.fingerprints, strict=True):
            entries.setdefault(fp, {"fingerprint": fp, "rule": rule, "subject": f.subject, "file": f.location.file})
    ordered = sorted(entries.values(), key=lambda e: (e["file"], e["rule"], e["subject"] or "", e["fingerprint"]))
    document = {BASELINE_KEY: BASELINE_VERSION, "fingerprints": ordered}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _read(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise BaselineError(path, "baseline file not found",
                            "check the path given to --baseline, or write one with `ipcheck baseline`") from None
    except IsADirectoryError:
        raise BaselineError(path, "is a folder, not a baseline file",
                            "give the file written by `ipcheck baseline`, e.g. ipcheck-baseline.json") from None
    except UnicodeDecodeError as exc:
        raise BaselineError(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise BaselineError(path, f"cannot read the baseline file ({exc.strerror})",
                            "check that the file exists and is readable") from None
    try:
        return json.loads(text, parse_int=_integer)
    except json.JSONDecodeError as exc:
        raise BaselineError(path, f"line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})") from None
    except RecursionError:  # arrays or objects nested thousands deep
        raise BaselineError(path, "line 1, column 1: JSON nested too deeply to be a baseline") from None


def _fingerprint(path: Path, item: Any, where: str) -> str:
    value = item.get("fingerprint") if isinstance(item, dict) else item
    if not isinstance(value, str) or not value.strip():
        raise BaselineError(path, f"{where} has no fingerprint (expected a non-empty string)")
    return value


def _rule(path: Path, item: Any, where: str) -> str | None:
    """The rule an entry records, or None when it records none (a bare fingerprint, or a
    baseline written by hand or by other tools): such entries are judged more strictly."""
    value = item.get("rule") if isinstance(item, dict) else None
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise BaselineError(path, f"{where} has a rule that is not a rule id (expected a non-empty string)")
    return value


def _is_version(found: Any) -> bool:
    """Only the integer 1 is format version 1: JSON ``true`` and ``1.0`` equal 1 in Python but
    are not what ``ipcheck baseline`` writes, so a file holding them is not one of its baselines."""
    return type(found) is int and found == BASELINE_VERSION


def _shown(value: Any) -> str:
    """A JSON value as a message shows it (as written in the file), cut to 40 characters."""
    text = repr(value) if isinstance(value, _LongInteger) else json.dumps(value, ensure_ascii=False, default=repr)
    return text if len(text) <= 40 else text[:37] + "..."


def _entries(path: Path, data: Any) -> tuple[list[Any], str]:
    if not isinstance(data, dict):
        raise BaselineError(path, "expected a JSON object, an ipcheck baseline or JSON report")
    if BASELINE_KEY in data:
        if not _is_version(data[BASELINE_KEY]):
            raise BaselineError(
                path, f"baseline format {_shown(data[BASELINE_KEY])} is not supported "
                f"(this ipcheck reads {BASELINE_VERSION})",
                "write a new one with this version's `ipcheck baseline`")
        entries = data.get("fingerprints")
        if not isinstance(entries, list):
            raise BaselineError(path, "'fingerprints' must be a list")
        return entries, "fingerprints"
    if isinstance(data.get("findings"), list) and isinstance(data.get("tool"), dict):
        return data["findings"], "findings"
    raise BaselineError(path, f"neither an ipcheck baseline (no {BASELINE_KEY!r} key) nor an ipcheck JSON report",
                        "give a file written by `ipcheck baseline` or by `ipcheck check -f json`")


def read_baseline(path: str | os.PathLike[str]) -> dict[str, str | None]:
    """The fingerprints recorded in a baseline file or a JSON report, each with the id of
    the rule that found it (None when the entry does not say).

    Raises :class:`BaselineError` (with the file in ``path``, line and column in the message
    for bad JSON, and a hint) when the file is missing, unreadable or not a baseline.
    """
    file = Path(path)
    entries, key = _entries(file, _read(file))
    recorded: dict[str, str | None] = {}
    for i, item in enumerate(entries):
        fingerprint, rule = _fingerprint(file, item, f"{key}[{i}]"), _rule(file, item, f"{key}[{i}]")
        if recorded.get(fingerprint) is None:
            recorded[fingerprint] = rule
        if key == "findings":  # a JSON report: the findings merged into this one are recorded too
            for j, merged in enumerate(_also(file, item, f"{key}[{i}]")):
                recorded.setdefault(_fingerprint(file, merged, f"{key}[{i}].also[{j}]"),
                                    _rule(file, merged, f"{key}[{i}].also[{j}]"))
    return recorded


def _also(path: Path, item: Any, where: str) -> list[Any]:
    """The findings merged into a JSON report's finding (none in a report of an older ipcheck)."""
    value = item.get("also", []) if isinstance(item, dict) else []
    if not isinstance(value, list):
        raise BaselineError(path, f"{where} has an 'also' that is not a list")
    return value


def load_baseline(path: str | os.PathLike[str]) -> set[str]:
    """The fingerprints recorded in a baseline file or a JSON report (see :func:`read_baseline`)."""
    return set(read_baseline(path))


def rules_run(report: Report, available: Iterable[str]) -> tuple[frozenset[str], bool]:
    """The ids of the rules that ran to their end on a loaded declaration, and whether they
    are every rule ``available`` with nothing failing internally.

    A finding no longer reported is fixed only if its rule looked for it: a rule left out by
    ``--select``/``--ignore``, one that failed, and every rule when the declaration could
    not be loaded, found nothing, which says nothing of what they would have found.
    """
    if not report.checked:
        return frozenset(), False
    failed = report.failed_rules
    ran = frozenset(r.id for r in report.rules if r.id not in failed)
    return ran, not report.internal_errors and ran.issuperset(available)


def _judged(rule: str | None, ran: AbstractSet[str] | None, every_rule: bool) -> bool:
    """Whether this run could have found a baselined finding of ``rule`` again (None: the
    entry does not record its rule, so only a run of every rule could have)."""
    if rule is None:
        return every_rule
    return ran is None or rule in ran


def apply_baseline(findings: Iterable[Finding], baseline: Mapping[str, str | None] | AbstractSet[str], *,
                   ran: AbstractSet[str] | None = None, every_rule: bool = True,
                   waived: AbstractSet[str] = frozenset()) -> tuple[list[Finding], int, list[str]]:
    """Split findings by the baseline (fingerprints, or fingerprints to rule ids as
    :func:`read_baseline` gives them).

    Returns the findings not in the baseline (in their order), how many were removed as
    baselined, and the sorted fingerprints of the baseline that no finding has any more and
    whose rule is in ``ran`` (those issues are fixed); an entry recording no rule counts only
    when ``every_rule`` ran. A merged finding is baselined when every finding merged into
    it is recorded (a baseline written before they merged records them all). The defaults (``ran=None``) take every rule to have run; a check
    passes what :func:`rules_run` tells. ``waived`` are fingerprints of findings a waiver
    removed: still there, so not fixed.
    """
    recorded: Mapping[str, str | None] = baseline if isinstance(baseline, Mapping) else dict.fromkeys(baseline)
    found = list(findings)
    kept = [f for f in found if not all(fp in recorded for fp in f.fingerprints)]
    present = {fp for f in found for fp in f.fingerprints} | waived
    fixed = sorted(fp for fp, rule in recorded.items() if fp not in present and _judged(rule, ran, every_rule))
    return kept, len(found) - len(kept), fixed
