"""The language server end to end: a language client opens the largest file of a generated
declaration in `ipcheck lsp` over stdio, then changes it, and each time waits for the
diagnostics the server publishes.

    python bench/lsp.py                   # 100,000 register entries
    python bench/lsp.py --entries 10000
    python bench/lsp.py --folder fixtures/exemplar

Printed: the time from the client's message (open, or a change sending the whole text) to
the last diagnostics it brings, for the open and for each of --changes changes (each the
title of the middle patent, edited as bench/live.py edits it). It includes what the editor
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


async def session(folder: Path, rel: str, changes: int) -> list[tuple[str, float, int]]:
    """(what was sent, seconds to its last diagnostics, diagnostics then in all) for the open
    and each change."""
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
    rows = []
    sent = time.perf_counter()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(
        uri=uri, language_id="yaml", version=1, text=original.decode("utf-8"))))
    rows.append(("open", await settled(sent), sum(published.values())))
    for number in range(1, changes + 1):
        text = edited(original, number).decode("utf-8")
        sent = time.perf_counter()
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=number + 1),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)]))
        rows.append((f"change {number}", await settled(sent), sum(published.values())))
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--folder", type=Path, help="a declaration folder instead of a generated one")
    parser.add_argument("--changes", type=int, default=3)
    args = parser.parse_args(argv)
    folder = (args.folder or dataset(args.entries)).resolve()
    rel = largest_file(folder)
    print(f"{folder.name}: {rel} open in a language client, then changed {args.changes} times")
    for what, seconds, count in asyncio.run(session(folder, rel, args.changes)):
        print(f"  {what:<10} diagnostics after {seconds:.2f} s ({count} in all)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
