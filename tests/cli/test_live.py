"""Live checking: the check kept alive between edits, `ipcheck watch`, and `ipcheck lsp`
tested with a real language client talking JSON-RPC to it over stdio."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

from ipcheck.live import LiveCheck

ROOT = Path(__file__).resolve().parents[2]
EXEMPLAR = ROOT / "fixtures" / "exemplar"
AS_OF = dt.date(2026, 11, 24)
PATENTS = "registers/patents.yaml"
DEFECT = (b"inventors: [han.bing]", b"inventors: [nobody.here]")


def copy_exemplar(tmp_path: Path) -> Path:
    folder = tmp_path / "decl"
    shutil.copytree(EXEMPLAR, folder)
    return folder


def test_a_live_check_reuses_every_file_an_edit_did_not_touch(tmp_path: Path) -> None:
    live = LiveCheck.for_folder(copy_exemplar(tmp_path), AS_OF)
    report, changed = live.run()
    assert report.findings == [] and changed.new == []
    kept = dict(live.memo)
    edited = (EXEMPLAR / PATENTS).read_bytes().replace(*DEFECT, 1)
    report, changed = live.run({PATENTS: edited})
    assert [(f.rule, f.subject, str(f.location)) for f in changed.new] == [
        ("IPX001", "HXP-CN-2016-001", "registers/patents.yaml:20:17")]
    assert [rel for rel in live.memo if live.memo[rel] is not kept[rel]] == [PATENTS]
    report, changed = live.run()  # the edit undone: the finding is fixed
    assert [f.subject for f in changed.fixed] == ["HXP-CN-2016-001"] and changed.new == []


def test_a_live_check_follows_its_configuration_file(tmp_path: Path) -> None:
    """The configuration is read again when its file changes: a rule ignored, a file that
    cannot be used (the check's error, located in it, until it is mended), the language the
    front end asked for kept over the file's."""
    folder = copy_exemplar(tmp_path)
    (folder / PATENTS).write_bytes((folder / PATENTS).read_bytes().replace(*DEFECT, 1))
    live = LiveCheck.for_folder(folder, AS_OF, "zh-CN")
    config = folder / "ipcheck.yaml"

    def run(text: str) -> tuple[list[str], list[tuple[str, str]], str]:
        config.write_text(text, encoding="utf-8")
        report, _ = live.run()
        return [f.rule for f in report.findings], [(str(p.location), p.message) for p in report.errors], report.lang

    assert run("lang: en\n") == (["IPX001"], [], "zh-CN")
    assert run("lang: en\nignore: [IPX001]\n") == ([], [], "zh-CN")
    rules, errors, lang = run("lang: en\nignore: [IPX001\n")
    assert (rules, lang, live.last is not None and live.last.checked) == ([], "zh-CN", False)
    assert [location for location, _ in errors] == [f"{config}:2:9"]  # the bracket left open
    assert run("ignore: []\n") == (["IPX001"], [], "zh-CN")
    config.unlink()  # no configuration file: the defaults
    report, _ = live.run()
    assert ([f.rule for f in report.findings], report.lang) == (["IPX001"], "zh-CN")


def test_watch_follows_declaration_and_configuration_files() -> None:
    from ipcheck.watch import watched

    assert [watched(p) for p in ("d/registers/patents.yaml", "d/registers/patents.xlsx", "d/ipcheck.yaml",
                                 "d/pyproject.toml", "d/evidence/scan.pdf", "d/notes.txt")] == [
        True, True, True, True, False, False]


class Lines:
    """The lines a process prints, read in a thread so that waiting for one can time out."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.queue: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=lambda: [self.queue.put(line) for line in process.stdout], daemon=True).start()  # type: ignore[union-attr]

    def until(self, prefix: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.queue.get(timeout=left).rstrip("\n")
            except queue.Empty:
                break
            self.seen.append(line)
            if line.startswith(prefix):
                return line
        raise AssertionError(f"no line starting with {prefix!r}; printed:\n" + "\n".join(self.seen))


def save(path: Path, data: bytes) -> None:
    """Save as editors do: a new file renamed over the old one."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def test_watch_prints_new_and_fixed_findings_on_every_save(tmp_path: Path) -> None:
    folder = copy_exemplar(tmp_path)
    process = subprocess.Popen([sys.executable, "-m", "ipcheck", "watch", str(folder), "--as-of", "2026-11-24",
                                "--lang", "en"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               encoding="utf-8", env={**os.environ, "NO_COLOR": "1"})
    lines = Lines(process)
    try:
        assert lines.until("0 major") == "0 major, 0 minor, 0 observations; 8 of 8 stages ready"
        lines.until("watching")
        patents = folder / PATENTS
        original = patents.read_bytes()
        save(patents, original.replace(*DEFECT, 1))
        assert lines.until("+").startswith("+ registers/patents.yaml:20:17: major IPX001 ")
        save(patents, original)
        assert lines.until("-").startswith("- registers/patents.yaml:20:17: major IPX001 ")
    finally:
        process.terminate()
        process.wait(timeout=30)


async def _started(folder: Path, env: dict[str, str] | None = None,
                   capabilities: lsp.ClientCapabilities | None = None,
                   ) -> tuple[LanguageClient, dict[str, list[lsp.Diagnostic]], asyncio.Event]:
    """A language client talking to `ipcheck lsp` over stdio, initialized on ``folder`` (judging
    at 2026-11-24): the client, the diagnostics published by URI, and an event set at each
    publication."""
    client = LanguageClient("ipcheck-tests", "1")
    published: dict[str, list[lsp.Diagnostic]] = {}
    arrived = asyncio.Event()

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
        published[params.uri] = params.diagnostics
        arrived.set()

    await client.start_io(sys.executable, "-m", "ipcheck", "lsp", env=env)
    await client.initialize_async(lsp.InitializeParams(capabilities=capabilities or lsp.ClientCapabilities(),
                                                       root_uri=from_fs_path(str(folder)),
                                                       initialization_options={"asOf": "2026-11-24"}))
    client.initialized(lsp.InitializedParams())
    return client, published, arrived


async def _lsp_session(folder: Path) -> dict[str, object]:
    client, published, arrived = await _started(folder, {**os.environ, "LANG": "zh_CN.UTF-8"})

    async def next_diagnostics() -> None:
        arrived.clear()
        await asyncio.wait_for(arrived.wait(), 60)

    uri = from_fs_path(str(folder / PATENTS))
    text = (folder / PATENTS).read_text(encoding="utf-8")
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))
    await next_diagnostics()
    result: dict[str, object] = {"open": list(published.get(uri, []))}
    edited = text.replace(DEFECT[0].decode(), DEFECT[1].decode(), 1).replace(
        "application_date: 2016-03-17", "application_date: 2016/03/17", 1)
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=edited)]))
    await next_diagnostics()
    result["change"] = list(published[uri])
    date_line = next(i for i, line in enumerate(edited.splitlines()) if "2016/03/17" in line)
    result["actions"] = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri),
        range=lsp.Range(start=lsp.Position(line=date_line, character=0), end=lsp.Position(line=date_line, character=0)),
        context=lsp.CodeActionContext(diagnostics=[])))
    fixed = edited.replace("application_date: 2016/03/17", "application_date: 2016-03-17", 1)
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=3),
        content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=fixed)]))
    await next_diagnostics()
    result["fixed"] = list(published[uri])
    result["hover"] = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=19, character=20)))
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return result


def test_the_language_server_publishes_diagnostics_hovers_and_fixes(tmp_path: Path) -> None:
    folder = copy_exemplar(tmp_path)
    (folder / "ipcheck.yaml").write_text("lang: zh-CN\n", encoding="utf-8")
    session = asyncio.run(asyncio.wait_for(_lsp_session(folder), 180))
    assert session["open"] == []  # the exemplar, clean at the date the editor asked for
    [load_error] = session["change"]  # a date the loader cannot read stops the check at its line
    assert load_error.range.start == lsp.Position(line=14, character=22)
    assert load_error.severity == lsp.DiagnosticSeverity.Error
    [action] = session["actions"]
    assert action.edit.changes[from_fs_path(str(folder / PATENTS))][0].new_text == "2016-03-17"
    assert action.title == "将日期改写为2016-03-17"
    [finding] = session["fixed"]
    assert (finding.code, finding.range.start, finding.severity) == (
        "IPX001", lsp.Position(line=19, character=16), lsp.DiagnosticSeverity.Error)
    hover = session["hover"]
    assert hover is not None and "IPX001" in hover.contents.value and "纠正措施" in hover.contents.value


ASTRAL = "  - {id: HXP-X-1, title: 𠮷田阀门, jurisdiction: CN, status: pending, application_date: 2016/03/17}\n"
"""An entry whose title holds a character outside the Basic Multilingual Plane (two UTF-16
code units) before a date written by hand."""


async def _open_session(folder: Path, rel: str, action_line: int) -> dict[str, object]:
    """Open ``rel`` in the server: what it published, and the code actions of ``action_line``."""
    client, published, arrived = await _started(folder)
    uri = from_fs_path(str(folder / rel))
    text = (folder / rel).read_text(encoding="utf-8")
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))
    await asyncio.wait_for(arrived.wait(), 60)
    await asyncio.sleep(0.5)  # any other publication of the same round
    result: dict[str, object] = {"published": dict(published), "uri": uri}
    result["actions"] = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri),
        range=lsp.Range(start=lsp.Position(line=action_line, character=0),
                        end=lsp.Position(line=action_line, character=0)),
        context=lsp.CodeActionContext(diagnostics=[])))
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return result


def test_the_language_server_speaks_utf16_positions_and_the_clients_uris_in_a_chinese_folder(tmp_path: Path) -> None:
    """Positions go to the client in UTF-16 code units (LSP's default): 𠮷 counts two. A
    folder with a Chinese name has its URI quoted; the server publishes under the URI the
    client uses, and never clears it under another spelling of the same file."""
    folder = tmp_path / "知识产权管理体系"
    shutil.copytree(EXEMPLAR, folder)
    (folder / "registers" / "extra.yaml").write_text("kind: Patent\nitems:\n" + ASTRAL, encoding="utf-8")
    session = asyncio.run(asyncio.wait_for(_open_session(folder, "registers/extra.yaml", 2), 180))
    uri = session["uri"]
    assert "%E7%9F%A5" in uri  # quoted, as clients send it
    published = session["published"]
    assert set(published) == {uri}  # the other files are clean; no unquoted twin
    [error] = published[uri]
    column = ASTRAL.index("2016/03/17") + 1  # in UTF-16 code units: 𠮷 is two
    assert error.range.start == lsp.Position(line=2, character=column)
    assert error.range.end == lsp.Position(line=2, character=len(ASTRAL.rstrip("\n")) + 1)
    [action] = session["actions"]
    [edit] = action.edit.changes[uri]
    assert (edit.range.start, edit.range.end, edit.new_text) == (
        lsp.Position(line=2, character=column), lsp.Position(line=2, character=column + 10), "2016-03-17")


def test_the_language_server_starts_with_a_configuration_it_cannot_use_and_says_where(tmp_path: Path) -> None:
    folder = copy_exemplar(tmp_path)
    (folder / "ipcheck.yaml").write_text("lang: en\nignore: [IPX001\n", encoding="utf-8")
    session = asyncio.run(asyncio.wait_for(_open_session(folder, PATENTS, 0), 180))
    config_uri = from_fs_path(str(folder / "ipcheck.yaml"))
    assert set(session["published"]) == {config_uri, session["uri"]}
    [error] = session["published"][config_uri]
    assert (error.range.start, error.severity) == (lsp.Position(line=1, character=8), lsp.DiagnosticSeverity.Error)
    assert list(session["published"][session["uri"]]) == []


def test_changes_typed_faster_than_a_check_are_checked_once_at_the_last(monkeypatch: pytest.MonkeyPatch) -> None:
    """A change after a quiet moment is checked at once; the keystrokes that follow within the
    time a check takes wait for each other, and are checked once, at the last."""
    import ipcheck.lsp as server

    checked: list[int] = []
    ls = server.IpcheckServer()

    def check(ls: server.IpcheckServer) -> None:
        checked.append(ls.changes)
        ls.checked_at = time.perf_counter()

    monkeypatch.setattr(server, "check_and_publish", check)
    params = lsp.DidChangeTextDocumentParams(text_document=lsp.VersionedTextDocumentIdentifier(uri="file:///x", version=1),
                                             content_changes=[])

    async def typing() -> None:
        ls.check_seconds = server.MOST_WAIT  # a large declaration's check
        burst = []
        for _ in range(5):  # five keystrokes 10 ms apart, well within the wait
            burst.append(asyncio.ensure_future(server.did_change(ls, params)))
            await asyncio.sleep(0.01)
        await asyncio.gather(*burst)
        await asyncio.sleep(server.MOST_WAIT + 0.1)  # a quiet moment
        await server.did_change(ls, params)

    asyncio.run(typing())
    assert checked == [1, 5, 6]


def test_watch_says_when_the_configuration_cannot_be_used_in_the_run_language(tmp_path: Path) -> None:
    from ipcheck.watch import report_lines

    folder = copy_exemplar(tmp_path)
    (folder / "ipcheck.yaml").write_text("ignore: [IPX001\n", encoding="utf-8")
    live = LiveCheck.for_folder(folder, AS_OF, "zh-CN")
    report, changed = live.run()
    lines = report_lines(report, changed, report.lang)
    assert lines[0] == "配置无法使用，未进行检查："
    assert lines[1].startswith(f"  {folder / 'ipcheck.yaml'}:1:9: ")
    assert "\n  提示：" in lines[1]  # the hint, headed in the run's language
    (folder / "ipcheck.yaml").write_text("ignore: [IPX001]\n", encoding="utf-8")
    report, changed = live.run()
    assert report_lines(report, changed, "en")[-1] == "0 major, 0 minor, 0 observations; 8 of 8 stages ready"


def test_the_language_server_shows_a_csv_registers_cell_as_its_row(tmp_path: Path) -> None:
    """A spreadsheet place is a row and a cell number, not a character: in a CSV register open
    in the editor, a finding covers its row and names its cell."""
    folder = copy_exemplar(tmp_path)
    rows = "id,title,jurisdiction,status,inventors\nHXP-CSV-1,Valve,CN,pending,han.bing，nobody.here\n"
    (folder / "registers" / "patents.csv").write_text(rows, encoding="utf-8")  # named after its kind
    session = asyncio.run(asyncio.wait_for(_open_session(folder, "registers/patents.csv", 1), 180))
    [dangling] = [d for d in session["published"][session["uri"]] if d.code == "IPX001"]
    assert dangling.range.start == lsp.Position(line=1, character=0)
    assert dangling.range.end == lsp.Position(line=1, character=len(rows.splitlines()[1]))
    assert dangling.message.startswith("patents!E2: ")
    assert not session["actions"]  # no punctuation rewritten in a CSV file: the cell holds two ids


def test_the_language_server_places_a_workbooks_finding_at_its_row_without_reading_it_as_text(tmp_path: Path) -> None:
    from ipcheck.load.sheet_template import workbook_bytes

    folder = copy_exemplar(tmp_path)
    patent = {"id": "HXP-XLSX-1", "title": "Valve", "jurisdiction": "CN", "status": "pending",
              "inventors": ["nobody.here"]}
    (folder / "registers" / "extra.xlsx").write_bytes(workbook_bytes("en", {"Patent": [patent]}))
    session = asyncio.run(asyncio.wait_for(_open_session(folder, PATENTS, 0), 180))
    workbook = from_fs_path(str(folder / "registers" / "extra.xlsx"))
    [dangling] = [d for d in session["published"][workbook] if d.code == "IPX001"]
    assert dangling.range == lsp.Range(start=lsp.Position(line=1, character=0), end=lsp.Position(line=1, character=0))
    assert dangling.message.startswith("Patent!K2: Every reference names a declared item: ")


async def _untitled_session(folder: Path) -> dict[str, list[lsp.Diagnostic]]:
    client, published, arrived = await _started(folder)
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(
        uri="untitled:Untitled-1", language_id="yaml", version=1, text="kind: Patent\n")))
    await asyncio.wait_for(arrived.wait(), 60)
    await asyncio.sleep(0.5)  # any other publication of the same round
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return dict(published)


def test_a_new_unsaved_document_is_no_part_of_the_declaration(tmp_path: Path) -> None:
    published = asyncio.run(asyncio.wait_for(_untitled_session(copy_exemplar(tmp_path)), 180))
    assert {uri: list(found) for uri, found in published.items()} == {"untitled:Untitled-1": []}


async def _watched_session(folder: Path) -> dict[str, object]:
    capabilities = lsp.ClientCapabilities(workspace=lsp.WorkspaceClientCapabilities(
        did_change_watched_files=lsp.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True)))
    client, published, arrived = await _started(folder, capabilities=capabilities)
    registered: list[lsp.RegistrationParams] = []

    @client.feature(lsp.CLIENT_REGISTER_CAPABILITY)
    def register(params: lsp.RegistrationParams) -> None:
        registered.append(params)

    uri = from_fs_path(str(folder / PATENTS))
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(
        uri=uri, language_id="yaml", version=1, text=(folder / PATENTS).read_text(encoding="utf-8"))))
    await asyncio.wait_for(arrived.wait(), 60)
    before = list(published[uri])
    staff = folder / "people" / "staff.yaml"  # changed on disk, not in the editor: han.bing renamed
    staff.write_text(staff.read_text(encoding="utf-8").replace("id: han.bing", "id: han.bin", 1), encoding="utf-8")
    arrived.clear()
    client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(changes=[
        lsp.FileEvent(uri=from_fs_path(str(staff)), type=lsp.FileChangeType.Changed)]))
    await asyncio.wait_for(arrived.wait(), 60)
    await asyncio.sleep(0.5)
    after = list(published[uri])
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return {"registered": registered, "before": before, "after": after}


def test_the_language_server_checks_again_when_a_file_changes_on_disk(tmp_path: Path) -> None:
    """The server asks the editor to tell it of declaration and configuration files changed
    outside it (a checkout, a pull, a register saved by Excel), and checks again when told."""
    session = asyncio.run(asyncio.wait_for(_watched_session(copy_exemplar(tmp_path)), 180))
    [registration] = session["registered"][0].registrations
    assert registration.method == "workspace/didChangeWatchedFiles"
    assert [w["globPattern"] for w in registration.register_options["watchers"]] == [  # as sent over JSON-RPC
        "**/*.{yaml,yml,xlsx,xls,ods,csv}", "**/pyproject.toml"]
    assert session["before"] == []
    after = session["after"]  # every patent naming han.bing now names an undeclared person
    assert {d.code for d in after} == {"IPX001"} and len(after) == 29
    assert after[0].range.start == lsp.Position(line=19, character=16)


def test_watch_does_not_start_on_a_configuration_it_cannot_use(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from ipcheck.cli import cli

    folder = copy_exemplar(tmp_path)
    (folder / "ipcheck.yaml").write_text("ignore: [X\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["watch", str(folder)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{folder / 'ipcheck.yaml'}:1:9: configuration: YAML syntax error")
