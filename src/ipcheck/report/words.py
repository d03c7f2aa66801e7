"""The fixed words of every report, in each language: one table (``words.yaml``) that the
text, Markdown and HTML reports and the command line's summary line all read."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ipcheck.i18n import Amount, Term, Text, fill, show, text
from ipcheck.vocabulary import SEVERITIES, STAGES

if TYPE_CHECKING:
    from ipcheck.report.model import Report


@functools.cache
def words() -> dict[str, Text]:
    """``{key: Text}`` as shipped in ``words.yaml``."""
    import yaml_rs

    data: dict[str, dict[str, str]] = yaml_rs.loads((Path(__file__).parent / "words.yaml").read_text(encoding="utf-8"))
    return {key: text(value) for key, value in data.items()}


def say(key: str, lang: str, **values: Any) -> str:
    """The report word or line ``key`` in ``lang``, its placeholders filled with ``values``."""
    return fill(words()[key], values, lang)


def severity_count(severity: str, count: int, lang: str) -> str:
    """``3 major``, ``1 observation``, ``4 observations`` / ``严重3项``, ``观察项4项``."""
    if lang == "en":
        name = "observations" if severity == "observation" and count != 1 else severity
    else:
        name = show(Term("severity-short", severity), lang)
    return say("severity-count", lang, count=count, severity=name)


def severity_counts(counts: dict[str, int], lang: str, *, nonzero: bool = False) -> str:
    """``2 major, 1 minor, 3 observations`` / ``严重2项，一般1项，观察项3项`` (only the
    severities with findings when ``nonzero``)."""
    shown = [severity_count(s, counts[s], lang) for s in SEVERITIES if counts[s] or not nonzero]
    return say("count-separator", lang).join(shown)


def counts_and_stages(report: Report, lang: str) -> dict[str, str]:
    """The parts of a summary line: ``counts``, the findings by severity, and ``stages``, how
    many stages are ready (and how many not assessed), as the command line and ``watch`` say them."""
    summary = report.summary()
    counts = {s: int(summary[s]) for s in SEVERITIES}  # type: ignore[call-overload]
    readiness = [report.stage_readiness(s) for s in STAGES]
    unassessed = readiness.count("not-assessed")
    stages = say("stages-ready", lang, ready=readiness.count("ready"), total=len(STAGES)) + (
        say("stages-not-assessed", lang, count=unassessed) if unassessed else "")
    return {"counts": severity_counts(counts, lang), "stages": stages}


def counted(count: int, unit: str, lang: str) -> str:
    """``count`` of ``unit`` (``finding``, ``error``, ``rule`` ...) in ``lang``."""
    return show(Amount(count, unit), lang)



STATUSES = ("status-open", "status-in-progress", "status-done", "status-verified")
"""The words of a corrective action's states, in the order the action goes through them."""
