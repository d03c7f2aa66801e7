"""``ipcheck lsp``: a language server (pygls) over stdio, a front end like the command line
over the same check.

It checks the workspace folder when a declaration file is opened, changed or saved, with
the texts the editor holds in place of the files on disk, and reuses every file the edit did
not touch (:mod:`ipcheck.live`). Load errors and findings are published as diagnostics at
their exact positions, in the configured language. Hovering over a finding shows its rule's
explanation and corrective action; a quick fix rewrites what is mechanical to correct (a
date written 2026/05/06, 2026.5.6 or 2026年5月6日; full-width punctuation where YAML needs
ASCII). Set-up for VS Code and Neovim: docs/editors.md.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from ipcheck import __version__
from ipcheck.findings import Finding
from ipcheck.i18n import pick, term
from ipcheck.live import LiveCheck
from ipcheck.load.discover import is_declaration_name
from ipcheck.report.model import Report

SEVERITY = {"major": lsp.DiagnosticSeverity.Error, "minor": lsp.DiagnosticSeverity.Warning,
            "observation": lsp.DiagnosticSeverity.Information}

DATE_AS_WRITTEN = re.compile(r"(\d{4})(?:/(\d{1,2})/(\d{1,2})|\.(\d{1,2})\.(\d{1,2})|年(\d{1,2})月(\d{1,2})日)")
"""A date written as people write it by hand, not as YAML reads it."""
FULL_WIDTH = {"：": ":", "，": ",", "；": ";", "\u3000": " "}
"""Full-width punctuation typed by habit where YAML needs the ASCII character."""
KEY_COLON = re.compile(r"^[ \t\u3000]*(?:-[ \t]+)?[A-Za-z_][A-Za-z0-9_-]*[ \t]*(?P<mark>：)")
CODE_SEPARATOR = re.compile(r"(?<=[A-Za-z0-9])[ \t]*[，；](?=[ \t]*[A-Za-z0-9])")

WORDS = {
    "fix": {"en": "Corrective action", "zh-CN": "纠正措施"},
    "why": {"en": "Why it matters", "zh-CN": "为何重要"},
    "clause": {"en": "Clause", "zh-CN": "标准条款"},
    "date": {"en": "Write the date as {iso}", "zh-CN": "将日期改写为{iso}"},
    "punctuation": {"en": "Replace full-width {found} with {ascii}", "zh-CN": "将全角“{found}”改为半角“{ascii}”"},
}
"""The server's own words, in each language."""


class IpcheckServer(LanguageServer):
    """The language server and what it remembers between requests."""

    def __init__(self) -> None:
        super().__init__("ipcheck", __version__)
        self.live: LiveCheck | None = None
        self.report: Report | None = None
        self.published: set[str] = set()
        self.metas: dict[str, Any] = {}

    @property
    def lang(self) -> str:
        from ipcheck.check import run_lang

        return run_lang(self.live.config) if self.live is not None else "en"


server = IpcheckServer()


def _root(params: lsp.InitializeParams) -> Path:
    if params.workspace_folders:
        return Path(to_fs_path(params.workspace_folders[0].uri) or ".")
    if params.root_uri:
        return Path(to_fs_path(params.root_uri) or ".")
    return Path.cwd()


@server.feature(lsp.INITIALIZE)
def initialize(ls: IpcheckServer, params: lsp.InitializeParams) -> None:
    """Start checking the workspace folder. ``initializationOptions`` may give ``asOf``
    (YYYY-MM-DD: the date to judge at, default the day of each check) and ``lang``."""
    options = params.initialization_options if isinstance(params.initialization_options, dict) else {}
    as_of = options.get("asOf")
    try:
        judged = dt.date.fromisoformat(as_of) if isinstance(as_of, str) else None
    except ValueError:
        judged = None
        ls.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Warning,
                                                     message=f"ipcheck: asOf {as_of!r} is not a YYYY-MM-DD date"))
    lang = options.get("lang") if options.get("lang") in ("en", "zh-CN") else None
    ls.live = LiveCheck.for_folder(_root(params).resolve(), judged, lang)


def _range(line: int, column: int, text_line: str) -> lsp.Range:
    start = lsp.Position(line=max(line - 1, 0), character=max(column - 1, 0))
    return lsp.Range(start=start, end=lsp.Position(line=start.line, character=max(len(text_line), start.character)))


def _line_of(ls: IpcheckServer, uri: str, line: int) -> str:
    try:
        lines = ls.workspace.get_text_document(uri).lines
    except Exception:  # noqa: BLE001 - a document the editor has not opened: its range ends at its column
        return ""
    return lines[line - 1].rstrip("\r\n") if 0 < line <= len(lines) else ""


def _diagnostics(ls: IpcheckServer, report: Report, root: Path) -> dict[str, list[lsp.Diagnostic]]:
    by_uri: dict[str, list[lsp.Diagnostic]] = {}

    def add(file: str, line: int, column: int, diagnostic: dict[str, Any]) -> None:
        uri = from_fs_path(str(root / file)) or file
        by_uri.setdefault(uri, []).append(
            lsp.Diagnostic(range=_range(line, column, _line_of(ls, uri, line)), source="ipcheck", **diagnostic))

    for finding in report.findings:
        loc = finding.location
        add(loc.file, loc.line, loc.column, {
            "message": f"{finding.title}: {finding.message}", "code": finding.rule,
            "severity": SEVERITY[finding.severity], "data": {"fingerprint": finding.fingerprint}})
    for problem in report.errors:
        loc = problem.location
        message = problem.message + (f"\n{problem.hint}" if problem.hint else "")
        add(loc.file, loc.line, loc.column, {"message": message, "severity": lsp.DiagnosticSeverity.Error})
    return by_uri


def check_and_publish(ls: IpcheckServer) -> None:
    """Check the workspace with the open documents' texts and publish the diagnostics of every
    file that has some, had some before, or is open (an empty list clears an editor's)."""
    if ls.live is None:
        return
    root = ls.live.folder
    sources: dict[str, bytes] = {}
    for uri, document in ls.workspace.text_documents.items():
        path = Path(to_fs_path(uri) or "")
        if is_declaration_name(path.name) and path.is_relative_to(root):
            sources[path.relative_to(root).as_posix()] = document.source.encode("utf-8")
    report, _ = ls.live.run(sources)
    ls.report = report
    ls.metas = {meta.id: meta for meta in report.rules}
    published = _diagnostics(ls, report, root)
    for uri in ls.published | set(published) | set(ls.workspace.text_documents):
        ls.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=published.get(uri, [])))
    ls.published = set(published)


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: IpcheckServer, params: lsp.DidOpenTextDocumentParams) -> None:
    check_and_publish(ls)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: IpcheckServer, params: lsp.DidChangeTextDocumentParams) -> None:
    check_and_publish(ls)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: IpcheckServer, params: lsp.DidSaveTextDocumentParams) -> None:
    check_and_publish(ls)


def _findings_at(ls: IpcheckServer, uri: str, line: int) -> list[Finding]:
    if ls.report is None or ls.live is None:
        return []
    path = Path(to_fs_path(uri) or "")
    if not path.is_relative_to(ls.live.folder):
        return []
    rel = path.relative_to(ls.live.folder).as_posix()
    return [f for f in ls.report.findings if f.location.file == rel and f.location.line == line + 1]


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: IpcheckServer, params: lsp.HoverParams) -> lsp.Hover | None:
    found = _findings_at(ls, params.text_document.uri, params.position.line)
    if not found:
        return None
    lang = ls.lang
    parts = []
    for finding in found:
        meta = ls.metas.get(finding.rule)
        parts.append(f"**{finding.rule}** {finding.title} ({term('severity', finding.severity, lang)})\n\n"
                     f"{finding.message}\n\n**{WORDS['fix'][lang]}:** {finding.corrective_action}")
        if finding.clauses:
            parts.append(f"**{WORDS['clause'][lang]}:** {', '.join(finding.clauses)}")
        if meta is not None:
            parts.append(f"**{WORDS['why'][lang]}:** {pick(meta.rationale, lang)}")
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value="\n\n".join(parts)))


def _edit(line: int, start: int, end: int, text: str) -> lsp.TextEdit:
    return lsp.TextEdit(range=lsp.Range(start=lsp.Position(line=line, character=start),
                                        end=lsp.Position(line=line, character=end)), new_text=text)


def quick_fixes(line_text: str, line: int, lang: str) -> list[tuple[str, lsp.TextEdit]]:
    """The mechanical corrections of one line, as (title, edit): each date written by hand,
    and full-width punctuation where YAML's syntax needs ASCII: a key's colon, a comma or
    semicolon between codes of a list, ideographic spaces of the indentation. (Full-width
    punctuation inside a Chinese value is the value's own and is left alone.)"""
    fixes: list[tuple[str, lsp.TextEdit]] = []
    for match in DATE_AS_WRITTEN.finditer(line_text):
        month, day = next((match.group(i), match.group(i + 1)) for i in (2, 4, 6) if match.group(i))
        iso = f"{match.group(1)}-{int(month):02d}-{int(day):02d}"
        fixes.append((WORDS["date"][lang].format(iso=iso), _edit(line, match.start(), match.end(), iso)))
    marks = [m.start("mark") for m in KEY_COLON.finditer(line_text)]
    marks += [m.start() for m in CODE_SEPARATOR.finditer(line_text)]
    marks += [i for i, char in enumerate(line_text[:len(line_text) - len(line_text.lstrip())]) if char == "\u3000"]
    for column in sorted(marks):
        found = line_text[column]
        spaced = " " if found in "：，；" and line_text[column + 1:column + 2] not in (" ", "") else ""
        fixes.append((WORDS["punctuation"][lang].format(found=found, ascii=FULL_WIDTH[found]),
                      _edit(line, column, column + 1, FULL_WIDTH[found] + spaced)))
    return fixes


@server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
def code_action(ls: IpcheckServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    uri = params.text_document.uri
    document = ls.workspace.get_text_document(uri)
    actions = []
    for line in range(params.range.start.line, params.range.end.line + 1):
        if line >= len(document.lines):
            break
        for title, edit in quick_fixes(document.lines[line].rstrip("\r\n"), line, ls.lang):
            actions.append(lsp.CodeAction(title=title, kind=lsp.CodeActionKind.QuickFix,
                                          edit=lsp.WorkspaceEdit(changes={uri: [edit]}),
                                          diagnostics=list(params.context.diagnostics)))
    return actions


def serve() -> None:
    """Serve over stdio until the client says exit."""
    server.start_io()


