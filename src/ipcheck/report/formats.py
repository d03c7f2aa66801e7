"""The built-in report formats: one name per format, one function that renders a report.

They are registered through the hook plugins use (``ipcheck_report_formats``, see
:mod:`ipcheck.rules.builtin`), so :data:`FORMATS` is the one list of their names. A
renderer returns text, or bytes for a binary format (marked with :func:`binary`: a document
that needs ``--output`` and is never written to a terminal).

Every renderer is imported only when its format is asked for, so importing this module
(as the command line does on every run) costs next to nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from ipcheck.report.model import Report

Render = TypeVar("Render", bound=Callable[..., Any])


def binary(render: Render) -> Render:
    """Mark ``render`` as a binary format's: it returns bytes, which need ``--output``."""
    render.binary = True  # type: ignore[attr-defined]
    return render


def is_binary(render: Callable[..., Any]) -> bool:
    """Whether ``render`` writes a binary document (see :func:`binary`)."""
    return bool(getattr(render, "binary", False))


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


@binary
def _docx(report: Report) -> bytes:
    from ipcheck.report.docx import render_docx

    return render_docx(report)


@binary
def _xlsx(report: Report) -> bytes:
    from ipcheck.report.xlsx import render_xlsx

    return render_xlsx(report)


FORMATS: dict[str, Callable[[Report], str | bytes]] = {
    "text": _text,
    "json": _json,
    "sarif": _sarif,
    "junit": _junit,
    "markdown": _markdown,
    "html": _html,
    "codeclimate": _codeclimate,
    "docx": _docx,
    "xlsx": _xlsx,
}


def render(report: Report, fmt: str, *, color: bool = False, width: int | None = None,
           paths_from: str | None = None) -> str | bytes:
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
