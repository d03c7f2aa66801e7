"""Where a run with a warm cache spends its time after one edited file: each step of
`ipcheck check --cache-dir` timed (wall-clock), in the process, on the 2,000-file
declaration of bench/run.py's cache target.

    python bench/warm_phases.py
    python bench/warm_phases.py --entries 10000 --files 200

The declaration is copied to a scratch folder, checked twice with an empty cache (the first
run stores each file's entry, the second the check's state), then each round adds a comment
line to its first register file and checks it again, timed. Printed: the best of the
rounds, for the run in all and for each step (a step called within another is counted in
both); and, measured apart, what a new process spends before the run starts.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchlib import dataset, time_steps

AS_OF = "2026-11-24"
STEPS = [
    ("ipcheck.check", "_warm_start"), ("ipcheck.load.cache", "Cache.get_bytes"),
    ("ipcheck.load.cache", "decode_or_none"), ("ipcheck.warm", "read_file"),
    ("ipcheck.check", "load"), ("ipcheck.load.build", "Builder.add_chunks"),
    ("ipcheck.load.build", "Builder.check_references"), ("ipcheck.check", "run_rules"),
    ("ipcheck.rules.summary", "Summary.of"), ("ipcheck.warm", "keep"), ("ipcheck.check", "action_plan"),
]


START_UP = """
import time
started = time.perf_counter()
import ipcheck.check, ipcheck.cli, ipcheck.warm
from ipcheck.plugins import load_plugins
load_plugins([]).rules()
print(time.perf_counter() - started)
"""
"""What a new process does before it reads a file: imports, plugins and rule packs loaded."""


def start_up(rounds: int) -> float:
    """The best time of :data:`START_UP` in a new process, of ``rounds``."""
    return min(float(subprocess.run([sys.executable, "-c", START_UP], capture_output=True, text=True,
                                    check=True).stdout) for _ in range(rounds))


def main(argv: list[str] | None = None) -> int:
    from ipcheck.cli import cli

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="ipcheck-warm-"))
    try:
        folder, cache = scratch / "decl", scratch / "cache"
        shutil.copytree(dataset(args.entries, args.files), folder, ignore=shutil.ignore_patterns(".generated"))
        edited = min(folder.glob("registers/*.yaml"))
        command = ["check", str(folder), "-f", "json", "-o", str(scratch / "report.json"), "--as-of", AS_OF,
                   "--cache-dir", str(cache), "--allow-cache-in-repository"]
        time.sleep(2.5)  # files changed in the last 2 s are hashed, not known by their stamps (SETTLED_NS)

        def run() -> None:
            try:
                cli.main(command, standalone_mode=False)
            except SystemExit:
                pass

        for _ in range(2):  # the first run stores the files' entries, the second the check's state
            run()
        spent = time_steps(STEPS, time.perf_counter)
        rounds = []
        for round_ in range(args.rounds):
            with edited.open("a", encoding="utf-8") as out:
                out.write(f"# edited, round {round_}\n")
            spent.clear()
            begun = time.perf_counter()
            run()
            rounds.append((time.perf_counter() - begun, dict(spent)))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    total, steps = min(rounds, key=lambda r: r[0])
    print(f"a warm run after one edited file of {args.files:,} ({args.entries:,} entries): {total:.2f} s in the "
          f"process, best of {args.rounds}; before it, a new process's start-up (imports, plugins, rule packs): "
          f"{start_up(args.rounds):.2f} s")
    for label, seconds in sorted(steps.items(), key=lambda kv: -kv[1]):
        print(f"  {label:<46} {seconds:6.3f} s  {seconds / total:4.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
