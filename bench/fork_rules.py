"""The rules of one check in one process, against the same rules split over two processes
after loading (the second made with fork, so that it shares the loaded declaration and
nothing is sent to it but its findings back): what running the rules in processes would
save at 100,000 entries. POSIX only.

    python bench/fork_rules.py                  # 100,000 register entries, 3 rounds
    python bench/fork_rules.py --entries 10000

Each round runs the rules once in one process and once split (every other rule in the
forked process), each on a declaration loaded afresh, so that no rule finds the shared data
another rule worked out (see ``per_declaration``) already there. Printed: each round's
times, and the findings of both ways, which must be the same number.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import pickle
import sys
import time

from benchlib import dataset

AS_OF = dt.date(2026, 11, 24)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    if not hasattr(os, "fork"):
        print("fork is not available on this system")
        return 1

    from ipcheck.config import Config
    from ipcheck.load import load
    from ipcheck.plugins import load_plugins
    from ipcheck.rules.api import CheckContext
    from ipcheck.rules.engine import run_rules

    folder = dataset(args.entries)
    rules = load_plugins([]).rules()
    config = Config()
    gc.disable()  # as a check runs its rules (see ipcheck.load.gc_paused)

    def context() -> CheckContext:
        return CheckContext(load([folder]), AS_OF, edition=config.edition, checked_on=AS_OF)

    print(f"{len(rules)} rules on {folder.name}; seconds of wall-clock time")
    for round_ in range(1, args.rounds + 1):
        ctx = context()
        started = time.perf_counter()
        alone, _ = run_rules(rules, ctx, config)
        one = time.perf_counter() - started

        ctx = context()
        started = time.perf_counter()
        reading, writing = os.pipe()
        child = os.fork()
        if child == 0:  # the forked process: every other rule, its findings sent back
            os.close(reading)
            found, _ = run_rules(rules[1::2], ctx, config)
            with os.fdopen(writing, "wb") as out:
                out.write(pickle.dumps(found))
            os._exit(0)
        os.close(writing)
        found, _ = run_rules(rules[0::2], ctx, config)
        parent = time.perf_counter() - started
        with os.fdopen(reading, "rb") as got:
            found += pickle.loads(got.read())
        os.waitpid(child, 0)
        two = time.perf_counter() - started
        print(f"  round {round_}: one process {one:.2f}; two processes {two:.2f} (this process's half "
              f"{parent:.2f}); findings {len(alone)} and {len(found)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
