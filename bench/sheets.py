"""A patent register kept as a workbook against the same entries in YAML: loading alone, at
100,000 rows (one sheet of one .xlsx file; one `items:` document of one .yaml file).
Target: the workbook loads within 1.5x the time of the YAML.

    python bench/sheets.py                   # measure and print PASS/FAIL
    python bench/sheets.py --entries 10000

Both registers are generated from one list of patents (bench/.data/sheets-N/), and each load
is a fresh process measured round-robin with the other (see benchlib.measure_group), best of 3.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from benchlib import DATA, PYTHON, measure_group

BENCH = Path(__file__).resolve().parent
TARGET = 1.5


def patents(entries: int) -> list[dict[str, object]]:
    """``entries`` patents shaped like the exemplar's register (every field filled)."""
    made = []
    for n in range(entries):
        year = 2005 + n % 20
        filed = dt.date(year, 1 + n % 12, 1 + n % 28)
        made.append({
            "id": f"P-{n:06d}", "title": f"Heat exchanger plate variant {n}", "type": "invention",
            "jurisdiction": ("CN", "US", "EP", "DE", "JP")[n % 5],
            "application_number": f"CN{year}1{n:07d}.{n % 10}", "application_date": filed,
            "grant_number": f"ZL{year}1{n:07d}.{n % 10}", "grant_date": filed.replace(year=year + 2),
            "status": "granted", "owner": "Huaxin Thermal Technology Co., Ltd.",
            "inventors": [f"person.{n % 300}", f"person.{(n + 7) % 300}"], "product": f"PRD-{n % 40}",
            "annuity_due": dt.date(2027, 1 + n % 12, 1 + n % 28), "expiry": filed.replace(year=year + 20),
        })
    return made


def _yaml_value(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    if isinstance(value, dt.date):
        return value.isoformat()
    return f'"{value}"' if isinstance(value, str) and (":" in value or "," in value) else str(value)


def write_registers(entries: int) -> tuple[Path, Path]:
    """The folders holding the register as YAML and as a workbook (made once, then reused)."""
    from ipcheck.load.sheet_template import workbook_bytes

    base = DATA / f"sheets-{entries}"
    as_yaml, as_sheet = base / "yaml", base / "xlsx"
    if not (as_sheet / "patents.xlsx").exists():
        items = patents(entries)
        as_yaml.mkdir(parents=True, exist_ok=True)
        as_sheet.mkdir(parents=True, exist_ok=True)
        lines = ["kind: Patent", "items:"]
        for item in items:
            first = True
            for key, value in item.items():
                lines.append(f"{'  - ' if first else '    '}{key}: {_yaml_value(value)}")
                first = False
        (as_yaml / "patents.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (as_sheet / "patents.xlsx").write_bytes(workbook_bytes("zh-CN", {"Patent": items}))
    return as_yaml, as_sheet


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    args = parser.parse_args(argv)
    as_yaml, as_sheet = write_registers(args.entries)
    load = [PYTHON, str(BENCH / "load_only.py"), "--run"]
    results = measure_group([("yaml", [*load, str(as_yaml)], (0,)), ("xlsx", [*load, str(as_sheet)], (0,))])
    ratio = results["xlsx"].wall / results["yaml"].wall
    load_avg = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{args.entries:,} patents, load average {load_avg:.2f} on {os.cpu_count()} CPUs")
    for label in ("yaml", "xlsx"):
        r = results[label]
        print(f"  {label:5} {r.wall:6.2f} s wall  {r.cpu:6.2f} s cpu  {r.mem_mb:7.1f} MB")
    print(f"  xlsx/yaml {ratio:.2f}x (target {TARGET}x): {'PASS' if ratio <= TARGET else 'FAIL'}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
