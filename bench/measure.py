"""Run one command as a child and report, as JSON on stdout, its wall time and peak memory.

Each measurement of the benchmark runs through a fresh ``python bench/measure.py CMD...``
so that ``getrusage(RUSAGE_CHILDREN)`` sees exactly one child: the command measured.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    start = time.perf_counter()
    proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "maxrss_kb": usage.ru_maxrss,
        "rc": proc.returncode,
        "stderr": proc.stderr.decode("utf-8", "replace")[-2000:],
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
