"""The report formats: one name per format, one function that renders a report as text.

Every renderer is imported only when its format is asked for, so importing this module
(as the command line does on every run) costs next to nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ipcheck.report.model import Report


def _text(report: Report) -> str:
    from ipcheck.report.text import render_text

    return render_text(report)


def _json(report: Report) -> str:
    from ipcheck.report.json_report import render_json

    return render_json(report)


def _sarif(report: Report) -> str:
    from ipcheck.report.sarif import render_sarif

    return render_sarif(report)


def _junit(report: Report) -> str:
    from ipcheck.report.junit import render_junit

    return render_junit(report)


def _markdown(report: Report) -> str:
    from ipcheck.report.markdown import render_markdown

    return render_markdown(report)


def _html(report: Report) -> str:
    from ipcheck.report.html import render_html

    return render_html(report)


def _codeclimate(report: Report) -> str:
    from ipcheck.report.codeclimate import render_codeclimate

    return render_codeclimate(report)


FORMATS: dict[str, Callable[[Report], str]] = {
    "text": _text,
    "json": _json,
    "sarif": _sarif,
    "junit": _junit,
    "markdown": _markdown,
    "html": _html,
    "codeclimate": _codeclimate,
}


def render(report: Report, fmt: str, *, color: bool = False, width: int | None = None,
           paths_from: str | None = None) -> str:
    """Render ``report`` in format ``fmt``; ``color``, ``width`` (wrap long lines, for a
    terminal) and ``paths_from`` (show files relative to this folder, the current one, rather
    than to the checked root) apply to the text format only.

    Raises :class:`ValueError` for a format that is not in :data:`FORMATS`.
    """
    if fmt == "text":
        from ipcheck.report.text import render_text

        return render_text(report, color=color, width=width, paths_from=paths_from)
    try:
        renderer = FORMATS[fmt]
    except KeyError:
        known = ", ".join(FORMATS)
        raise ValueError(f"unknown report format {fmt!r} (known formats: {known})") from None
    return renderer(report)
