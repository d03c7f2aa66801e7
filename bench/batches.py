"""Loading with the largest file parsed in batches against parsed whole (ipcheck.load.batches),
on the generated declaration and on parts of it where the register is more of what loads.

    python bench/batches.py                  # 100,000 entries, best of 3 per variant
    python bench/batches.py --entries 10000 --repeats 5
    python bench/batches.py --run DIR MODE   # (the measured child) load DIR once; MODE whole|batches

Each load runs in a fresh process; the two modes alternate, so that load from other processes
falls on both alike. Printed: best wall time, its CPU time, and batches / whole.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from benchlib import DATA, PYTHON, dataset, measure

PARTS = {  # variant: the folders and files of the generated declaration it holds
    "register alone": ("registers", "enterprise.yaml"),
    "register + people (5 MB)": ("registers", "enterprise.yaml", "people"),
    "register + operation (13 MB)": ("registers", "enterprise.yaml", "operation"),
}


def run(folder: Path, mode: str) -> int:
    import ipcheck.load as loading

    if mode == "whole":
        loading.BATCHES_FROM_BYTES = 1 << 60
    else:
        loading.BATCHES_FROM_SHARE = 0.0  # the largest file in batches, whatever the others weigh
    try:
        with loading.gc_paused(freeze=True):
            loading.load([folder])
    except loading.LoadFailed:
        pass  # a part of the declaration may name items of the parts left out: loaded all the same
    return 0


def variant(full: Path, name: str, parts: tuple[str, ...]) -> Path:
    folder = DATA / f"batches-{full.name}-{len(parts)}-{parts[-1]}"
    if not folder.exists():
        folder.mkdir(parents=True)
        for part in parts:
            source = full / part
            (shutil.copytree if source.is_dir() else shutil.copy)(source, folder / part)
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--run", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.run is not None:
        return run(Path(args.run[0]), args.run[1])
    full = dataset(args.entries)
    folders = {name: variant(full, name, parts) for name, parts in PARTS.items()}
    folders["the whole declaration"] = full
    print(f"load average {os.getloadavg()[0]:.2f} at start")
    for name, folder in folders.items():
        best = {}
        for _ in range(args.repeats):
            for mode in ("whole", "batches"):
                result = measure(mode, [PYTHON, __file__, "--run", str(folder), mode], 1, (0,))
                if mode not in best or result.wall < best[mode].wall:
                    best[mode] = result
        whole, batches = best["whole"], best["batches"]
        print(f"{name:32s} whole {whole.wall:.3f} s (CPU {whole.cpu:.3f} s), batches {batches.wall:.3f} s "
              f"(CPU {batches.cpu:.3f} s): {batches.wall / whole.wall:.2f}x", flush=True)
    print(f"load average {os.getloadavg()[0]:.2f} at end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
