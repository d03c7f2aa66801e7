"""Where a re-check after one edit spends its time: each step of a live check's re-check
timed (CPU time of the process), at 100,000 register entries by default.

    python bench/live_phases.py
    python bench/live_phases.py --entries 10000

The edit is bench/live.py's (a patent's title in the middle of the largest file, a new title
each time); the figures are the sums over 3 edits of the time spent in each step (a step
called within another is counted in both).
"""

from __future__ import annotations

import argparse
import collections
import functools
import importlib
import sys
import time
from collections.abc import Callable
from typing import Any

from benchlib import dataset, time_steps
from live import AS_OF, edited, largest_file

STEPS = [
    ("ipcheck.check", "load"), ("ipcheck.load", "_load_remembered"), ("ipcheck.load", "_load_file"),
    ("ipcheck.load.edit", "reload_entries"), ("ipcheck.load.build", "Builder.add_chunks"),
    ("ipcheck.load.build", "Builder.check_references"), ("ipcheck.rules.incremental", "RuleMemo.begin"),
    ("ipcheck.rules.incremental", "RuleMemo.summarised"),
    ("ipcheck.check", "run_rules"), ("ipcheck.rules.engine", "_run_watched"), ("ipcheck.rules.engine", "_finding"),
    ("ipcheck.rules.incremental", "Delta.kept"), ("ipcheck.check", "merge_same_defects"),
    ("ipcheck.check", "action_plan"), ("ipcheck.check", "_evidence"), ("ipcheck.check", "apply_waivers"),
    ("ipcheck.check", "waivers_covering"),
]


def timed_by_rule(spent: collections.Counter[str], function: Callable[..., Any]) -> Callable[..., Any]:
    """``_run_watched`` timed per rule: which rules a re-check still runs, and what they cost."""
    @functools.wraps(function)
    def wrapper(rule: Any, *args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return function(rule, *args, **kwargs)
        finally:
            spent[rule.id] += time.process_time() - started
    return wrapper


def main(argv: list[str] | None = None) -> int:
    from ipcheck.live import LiveCheck

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    args = parser.parse_args(argv)
    folder = dataset(args.entries)
    register = largest_file(folder)
    live = LiveCheck.for_folder(folder, AS_OF)
    live.run()
    original = (folder / register).read_bytes()
    spent = time_steps(STEPS, time.process_time)
    by_rule: collections.Counter[str] = collections.Counter()
    engine: Any = importlib.import_module("ipcheck.rules.engine")
    engine._run_watched = timed_by_rule(by_rule, engine._run_watched)
    total = 0.0
    for text in [edited(original, number) for number in range(3)]:  # made before: an editor's work, not ipcheck's
        started = time.process_time()
        live.run({register: text})
        total += time.process_time() - started
    print(f"3 re-checks after one edit of {register}: {total:.2f} s of CPU")
    for label, seconds in spent.most_common():
        print(f"  {label:<48} {seconds:6.2f} s  {seconds / total:4.0%}")
    print(f"the rules run again, slowest first ({len(by_rule)} rules, 3 re-checks):")
    for label, seconds in by_rule.most_common(12):
        print(f"  {label:<48} {seconds:6.2f} s  {seconds / total:4.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
