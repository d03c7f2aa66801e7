"""Render an ipcheck HTML report to a PNG with headless Chromium, to see the page as a reader does.

Usage: python tools/screenshot_report.py REPORT.html OUT.png [--width 1280] [--viewport-only]

Uses Debian's Chromium (/usr/bin/chromium, or $IPCHECK_CHROMIUM) driven by Playwright;
nothing is downloaded, and every request that is not to a local file is refused.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

CHROMIUM = os.environ.get("IPCHECK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def screenshot(html: Path, png: Path, *, width: int = 1280, full_page: bool = True) -> list[str]:
    """Write a screenshot of ``html`` to ``png``; return the requests refused (should be none)."""
    from playwright.sync_api import Route, sync_playwright

    refused: list[str] = []

    def guard(route: Route) -> None:
        if route.request.url.startswith(("file:", "data:", "about:")):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    with tempfile.TemporaryDirectory(prefix="ipcheck-chromium-") as profile, sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
            viewport={"width": width, "height": 900},
        )
        try:
            context.route("**/*", guard)
            page = context.new_page()
            page.goto(html.resolve().as_uri())
            page.wait_for_load_state("load")
            page.screenshot(path=str(png), full_page=full_page)
        finally:
            context.close()
    return refused


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", type=Path, help="the HTML report (ipcheck check --format html -o FILE)")
    parser.add_argument("png", type=Path, help="where to write the screenshot")
    parser.add_argument("--width", type=int, default=1280, help="viewport width in CSS pixels (default 1280)")
    parser.add_argument("--viewport-only", action="store_true", help="capture the first screen, not the whole page")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"Chromium not found at {CHROMIUM} (apt-get install chromium)", file=sys.stderr)
        return 2
    if not args.html.is_file():
        print(f"{args.html}: no such file", file=sys.stderr)
        return 2
    refused = screenshot(args.html, args.png, width=args.width, full_page=not args.viewport_only)
    for url in refused:
        print(f"refused a network request: {url}", file=sys.stderr)
    print(f"wrote {args.png}")
    return 1 if refused else 0


if __name__ == "__main__":
    sys.exit(main())
