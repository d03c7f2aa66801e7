"""The size of every report format on a hostile declaration: many items, each with several
findings quoting a long value. ``python bench/report_size.py [ITEMS]`` (default 20,000
procedures, four findings each) checks the declaration once and prints each format's size
and render time. Run it on two trees of ``src/`` (``PYTHONPATH=.../src``) to compare them."""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from ipcheck.check import CheckOptions, run_check
from ipcheck.report.formats import render

FORMATS = ("text", "json", "sarif", "junit", "markdown", "html", "codeclimate")


def declaration(folder: Path, items: int) -> None:
    """``items`` procedures, each owned by a 300-character name declared nowhere."""
    lines = ["kind: Procedure", "items:"]
    lines += [f"  - {{id: PR-{i}, title: T, owner: {'O' * 300}{i}}}" for i in range(items)]
    (folder / "procedures.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    items = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    with tempfile.TemporaryDirectory() as folder:
        declaration(Path(folder), items)
        report = run_check(CheckOptions(paths=[Path(folder)], as_of=dt.date(2026, 11, 24), entry_point_plugins=False))
        print(f"{len(report.findings):,} findings")
        for fmt in FORMATS:
            started = time.perf_counter()
            out = render(report, fmt)
            size = len(out.encode("utf-8") if isinstance(out, str) else out)
            print(f"{fmt:12} {size / 1e6:8.1f} MB  {time.perf_counter() - started:5.1f} s")


if __name__ == "__main__":
    main()
