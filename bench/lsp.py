"""The language server end to end: a language client opens the largest file of a generated
declaration in `ipcheck lsp` over stdio, then changes it, and each time waits for the
diagnostics the server publishes.

    python bench/lsp.py                   # 100,000 register entries
    python bench/lsp.py --entries 10000
    python bench/lsp.py --files 2000      # the entries in 2,000 register files
    python bench/lsp.py --folder fixtures/exemplar

Printed: the time from the client's message (open, or a change sending the range it
changed, as editors do) to
the last diagnostics it brings, for the open and for each of --changes changes (each the
title of the middle patent, edited as bench/live.py edits it); then for a burst of five
changes 50 ms apart, from the last of them. It includes what the editor
sees besides the check: the text sent as JSON-RPC, the server's reading of it, the
diagnostics built and sent (bench/live.py measures the check alone).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

from benchlib import dataset
from live import AS_OF, edited, largest_file

QUIET = 1.0
"""Seconds without a publication after which the server is taken to be done with a message."""
BURST, BURST_GAP = 5, 0.05
"""Then a burst of changes: how many, and the seconds between two."""


def revision(original: bytes) -> tuple[int, int]:
    """Where :func:`live.edited` writes its revision mark: the line and column (0-based) of
    the end of the middle patent's title line."""
    end = edited(original, 0).index(b" (rev. 0)")
    line = original.count(b"\n", 0, end)
    return line, len(original[original.rfind(b"\n", 0, end) + 1:end].decode("utf-8"))


def change(uri: str, version: int, at: tuple[int, int], replaced: str, text: str) -> lsp.DidChangeTextDocumentParams:
    """A change as an editor sends it: ``replaced`` (written at ``at``) replaced by ``text``."""
    line, column = at
    where = lsp.Range(start=lsp.Position(line=line, character=column),
                      end=lsp.Position(line=line, character=column + len(replaced)))
    return lsp.DidChangeTextDocumentParams(text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                                           content_changes=[lsp.TextDocumentContentChangePartial(range=where, text=text)])


async def session(folder: Path, rel: str, changes: int) -> list[tuple[str, float, int]]:
    """(what was sent, seconds to its last diagnostics, diagnostics then in all) for the open,
    each change, and a burst of changes."""
    client = LanguageClient("ipcheck-bench", "1")
    published: dict[str, int] = {}
    last = [0.0]

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
        published[params.uri] = len(params.diagnostics)
        last[0] = time.perf_counter()

    async def settled(sent: float) -> float:
        last[0] = 0.0
        while not last[0] or time.perf_counter() - last[0] < QUIET:
            await asyncio.sleep(0.1)
        return last[0] - sent

    await client.start_io(sys.executable, "-m", "ipcheck", "lsp")
    await client.initialize_async(lsp.InitializeParams(
        capabilities=lsp.ClientCapabilities(), root_uri=from_fs_path(str(folder)),
        initialization_options={"asOf": AS_OF.isoformat()}))
    client.initialized(lsp.InitializedParams())
    uri = from_fs_path(str(folder / rel))
    original = (folder / rel).read_bytes()
    at = revision(original)
    rows = []
    sent = time.perf_counter()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(
        uri=uri, language_id="yaml", version=1, text=original.decode("utf-8"))))
    rows.append(("open", await settled(sent), sum(published.values())))
    mark = ""
    for number in range(1, changes + BURST + 1):
        new = f" (rev. {number})"
        client.text_document_did_change(change(uri, number + 1, at, mark, new))
        sent, mark = time.perf_counter(), new
        if number <= changes:
            rows.append((f"change {number}", await settled(sent), sum(published.values())))
        else:  # keystrokes typed faster than a check
            await asyncio.sleep(BURST_GAP)
    rows.append((f"{BURST} changes {BURST_GAP * 1000:.0f} ms apart, from the last", await settled(sent),
                 sum(published.values())))
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--files", type=int, default=1, help="register files the entries are spread over")
    parser.add_argument("--folder", type=Path, help="a declaration folder instead of a generated one")
    parser.add_argument("--changes", type=int, default=3)
    args = parser.parse_args(argv)
    folder = (args.folder or dataset(args.entries, args.files)).resolve()
    rel = largest_file(folder)
    print(f"{folder.name}: {rel} open in a language client, then changed {args.changes} times")
    for what, seconds, count in asyncio.run(session(folder, rel, args.changes)):
        print(f"  {what:<10} diagnostics after {seconds:.2f} s ({count} in all)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
