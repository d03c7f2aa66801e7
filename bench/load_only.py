"""Loading alone (find files, parse, validate the kinds, check references; no rules) against
the floor (the fastest YAML parser parsing the same files), at 100,000 register entries.
Target: loading within 3x of the floor.

    python bench/load_only.py                 # measure and print the verdict (met / not met)
    python bench/load_only.py --entries 10000
    python bench/load_only.py --run DIR       # (the measured child) load DIR once
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

TARGET = 3.0


def run(folder: Path) -> int:
    from ipcheck.load import LoadFailed, gc_paused, load

    try:
        with gc_paused(freeze=True):  # as `ipcheck check` loads
            declaration = load([folder])
    except LoadFailed as failed:
        for problem in failed.problems[:20]:
            print(problem.render(), file=sys.stderr)
        return 2
    return 0 if len(declaration) else 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--run", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.run is not None:
        return run(args.run)

    from benchlib import dataset, floor_specs, load_command, measure_group, size_mb, verdict

    folder = dataset(args.entries)
    results = measure_group([*floor_specs(folder), ("load", load_command(folder), (0,))], args.repeats)
    loading = results.pop("load")
    floors = list(results.values())
    floor = min(floors, key=lambda r: r.wall)
    print(f"{args.entries:,} register entries, {size_mb(folder):.1f} MB of YAML")
    for result in [*floors, loading]:
        print(f"  {result.label:<16} {result.show()}  (cpu {result.cpu:.2f}s, best of {result.runs})")
    ratio = loading.wall / floor.wall
    cpu = loading.cpu / floor.cpu
    print(f"load / floor ({floor.label}) = {ratio:.2f}  target <= {TARGET}: {verdict(ratio <= TARGET)}"
          f"  [cpu {cpu:.2f} {verdict(cpu <= TARGET)}]")
    for other in floors:
        if other is not floor:
            print(f"  (load / {other.label} = {loading.wall / other.wall:.2f}, cpu {loading.cpu / other.cpu:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
