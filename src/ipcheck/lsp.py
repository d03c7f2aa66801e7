"""``ipcheck lsp``: a language server (pygls) over stdio, a front end like the command line
over the same check.

It checks the workspace folder when a declaration file is opened, changed, saved or closed,
or changed on disk outside the editor (when the editor can tell), with the texts the editor
holds in place of the files on disk (the configuration as saved),
and reuses every file the edit did not touch (:mod:`ipcheck.live`). Load errors and findings are published as diagnostics at
their exact positions, in the configured language. Hovering over a finding shows its rule's
explanation and corrective action; a quick fix rewrites what is mechanical to correct (a
date written 2026/05/06, 2026.5.6 or 2026年5月6日; full-width punctuation where YAML needs
ASCII). Set-up for VS Code and Neovim: docs/editors.md.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from ipcheck import __version__
from ipcheck.findings import Finding, Location
from ipcheck.i18n import pick, term
from ipcheck.live import LiveCheck
from ipcheck.load.cache import stamp_of
from ipcheck.config import PYPROJECT
from ipcheck.load.discover import SUFFIXES as YAML_SUFFIXES
from ipcheck.load.discover import is_declaration_name, is_yaml_name
from ipcheck.load.sheets import SUFFIXES as SHEET_SUFFIXES
from ipcheck.load.sheets import is_sheet_name
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
        self.watches_files = False
        """Whether the editor can be asked to tell of files changed on disk (see :func:`initialized`)."""
        self.changes = 0
        """How many changes the editor has sent: a change that waited is checked only if it is
        still the last (see :func:`did_change`)."""
        self.check_seconds = 0.0
        """How long the last check took: how long a change soon after it waits for the next one."""
        self.checked_at = -1e9
        """When the last check ended (``time.perf_counter()``)."""
        self.split: dict[str, tuple[object, Sequence[str]]] = {}
        """The lines of each document diagnostics were published for, with what tells them
        current (an open document's version, a file's stamp): a register of a million lines
        is split once per change, not once per finding."""

    @property
    def lang(self) -> str:
        from ipcheck.check import run_lang

        return (self.live.lang or run_lang(self.live.config)) if self.live is not None else "en"


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
    watched = params.capabilities.workspace.did_change_watched_files if params.capabilities.workspace else None
    ls.watches_files = bool(watched and watched.dynamic_registration)


WATCHED_FILES = ("**/*.{" + ",".join(suffix[1:] for suffix in (*YAML_SUFFIXES, *SHEET_SUFFIXES)) + "}",
                 f"**/{PYPROJECT}")
"""The files whose changes outside the editor (a checkout, a pull, a register saved by Excel)
the server asks the editor to tell it of: declaration files and configuration files
(``ipcheck.yaml`` is among the first)."""


@server.feature(lsp.INITIALIZED)
def initialized(ls: IpcheckServer, params: lsp.InitializedParams) -> None:
    """Ask the editor, when it can be asked, to tell of :data:`WATCHED_FILES` changed on disk."""
    if ls.watches_files:
        ls.client_register_capability(lsp.RegistrationParams(registrations=[lsp.Registration(
            id="ipcheck-files", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=lsp.DidChangeWatchedFilesRegistrationOptions(
                watchers=[lsp.FileSystemWatcher(glob_pattern=pattern) for pattern in WATCHED_FILES]))]))


@server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: IpcheckServer, params: lsp.DidChangeWatchedFilesParams) -> None:
    check_and_publish(ls)  # files the editor does not hold changed on disk


def _lines(ls: IpcheckServer, uri: str) -> Sequence[str]:
    """The lines of the document at ``uri`` as the editor has it: the open document's text,
    else the file's on disk (none when it cannot be read, or is a workbook, not text)."""
    document = ls.workspace.text_documents.get(unquote(uri))  # pygls keeps them by their URIs unquoted
    path = Path(to_fs_path(uri) or "")
    if is_sheet_name(path.name) and path.suffix.lower() != ".csv":
        return ()
    current: object = ("open", document.version) if document is not None else stamp_of(path)
    if current is None:
        return ()
    known = ls.split.get(uri)
    if known is not None and known[0] == current:
        return known[1]
    try:
        text = document.source if document is not None else path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ()
    lines = text.splitlines(True)
    ls.split[uri] = (current, lines)
    return lines


def _range(ls: IpcheckServer, lines: Sequence[str], location: Location) -> lsp.Range:
    """From a location's 1-based line and column (in characters) to the end of its line, in
    the position units the client asked for (UTF-16 by default: a character outside the
    Basic Multilingual Plane, as in the name 𠮷田, counts two). A spreadsheet cell's column
    is the cell's number, not a character: a CSV register's cell is shown as its whole row."""
    column = 1 if location.cell else location.column
    start = lsp.Position(line=max(location.line - 1, 0), character=max(column - 1, 0))
    text = lines[start.line].rstrip("\r\n") if start.line < len(lines) else ""
    end = lsp.Position(line=start.line, character=max(len(text), start.character))
    if start.line >= len(lines):  # past what the editor holds (a file not read): as the location says
        return lsp.Range(start=start, end=end)
    return ls.workspace.position_codec.range_to_client_units(lines, lsp.Range(start=start, end=end))


def _diagnostics(ls: IpcheckServer, report: Report, root: Path) -> dict[str, list[lsp.Diagnostic]]:
    by_uri: dict[str, list[lsp.Diagnostic]] = {}

    def add(location: Location, message: str, diagnostic: dict[str, Any]) -> None:
        uri = from_fs_path(str(root / location.file)) or location.file
        cell = f"{location.cell}: " if location.cell else ""  # a spreadsheet's place, as Excel names it
        by_uri.setdefault(uri, []).append(lsp.Diagnostic(
            range=_range(ls, _lines(ls, uri), location), message=cell + message, source="ipcheck", **diagnostic))

    for finding in report.findings:
        add(finding.location, f"{finding.title}: {finding.message}", {
            "code": finding.rule, "severity": SEVERITY[finding.severity], "data": {"fingerprint": finding.fingerprint}})
    for problem in report.errors:
        add(problem.location, problem.message + (f"\n{problem.hint}" if problem.hint else ""),
            {"severity": lsp.DiagnosticSeverity.Error})
    return by_uri


def check_and_publish(ls: IpcheckServer) -> None:
    """Check the workspace with the open documents' texts and publish the diagnostics of every
    file that has some, had some before, or is open (an empty list clears an editor's)."""
    if ls.live is None:
        return
    root = ls.live.folder
    sources: dict[str, bytes] = {}
    opened: set[str] = set()
    for uri, document in ls.workspace.text_documents.items():
        fs_path = to_fs_path(uri)
        if fs_path is None:  # not a file (an editor's new, unsaved document): no part of the declaration
            opened.add(uri)
            continue
        path = Path(fs_path)
        opened.add(from_fs_path(fs_path) or uri)  # as diagnostics name it (a Chinese folder's name quoted)
        if is_declaration_name(path.name) and path.is_relative_to(root):
            sources[path.relative_to(root).as_posix()] = document.source.encode("utf-8")
    started = time.perf_counter()
    report, _ = ls.live.run(sources)
    ls.checked_at = time.perf_counter()
    ls.check_seconds = ls.checked_at - started
    ls.report = report
    ls.metas = {meta.id: meta for meta in report.rules}
    published = _diagnostics(ls, report, root)
    for uri in sorted(ls.published | set(published) | opened):
        ls.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=published.get(uri, [])))
    ls.published = set(published)
    ls.split = {uri: lines for uri, lines in ls.split.items() if uri in published}


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: IpcheckServer, params: lsp.DidOpenTextDocumentParams) -> None:
    check_and_publish(ls)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
async def did_change(ls: IpcheckServer, params: lsp.DidChangeTextDocumentParams) -> None:
    """Check after a change. A change after a quiet moment is checked at once; one that comes
    soon after a check ended (within the time the check took, at most :data:`MOST_WAIT`
    seconds: keystrokes typed while a large declaration was being checked) waits as long,
    and is checked only if no other change came meanwhile: a burst of keystrokes is checked
    once, at the last."""
    ls.changes += 1
    mine = ls.changes
    window = min(ls.check_seconds, MOST_WAIT)
    if time.perf_counter() - ls.checked_at < window:
        await asyncio.sleep(window)
        if mine != ls.changes:
            return
    check_and_publish(ls)


MOST_WAIT = 0.5
"""The longest a change soon after a check waits for another before it is checked (seconds)."""


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: IpcheckServer, params: lsp.DidSaveTextDocumentParams) -> None:
    check_and_publish(ls)  # the configuration file too: it is read again when saved


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: IpcheckServer, params: lsp.DidCloseTextDocumentParams) -> None:
    check_and_publish(ls)  # a document closed unsaved: the file on disk is what counts again


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
    """The mechanical corrections of one line, as (title, edit; its columns in characters):
    each date written by hand,
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
    """The quick fixes of the lines in range, in a YAML file: elsewhere (a CSV register) the
    punctuation they rewrite is the text's own (a full-width comma between codes separates
    a cell's values; an ASCII one would split the cell)."""
    uri = params.text_document.uri
    if not is_yaml_name(Path(to_fs_path(uri) or "").name):
        return []
    lines = _lines(ls, uri)
    codec = ls.workspace.position_codec
    actions = []
    for line in range(params.range.start.line, min(params.range.end.line + 1, len(lines))):
        for title, edit in quick_fixes(lines[line].rstrip("\r\n"), line, ls.lang):
            edit = lsp.TextEdit(range=codec.range_to_client_units(lines, edit.range), new_text=edit.new_text)
            actions.append(lsp.CodeAction(title=title, kind=lsp.CodeActionKind.QuickFix,
                                          edit=lsp.WorkspaceEdit(changes={uri: [edit]}),
                                          diagnostics=list(params.context.diagnostics)))
    return actions


def serve() -> None:
    """Serve over stdio until the client says exit."""
    server.start_io()


