"""How much of a yaml-rs parse lets go of the GIL: a Python thread spins beside the parse, and
the time it gets to run is the time the parse left the GIL free.

    python bench/gil.py FILE [CHARACTERS]    # e.g. bench/.data/n100000-k1/registers/registers.yaml 12000000

Also printed: two threads parsing two copies, against twice one parse.
"""

from __future__ import annotations

import gc
import sys
import threading
import time
from pathlib import Path

import yaml_rs


def main(argv: list[str]) -> int:
    gc.disable()
    text = Path(argv[0]).read_text(encoding="utf-8")
    if len(argv) > 1 and int(argv[1]) < len(text):
        text = text[:text.rfind("\n  - ", 0, int(argv[1])) + 1]  # whole entries

    def parse() -> None:
        yaml_rs.loads(text, parse_datetime=True)

    start = time.perf_counter()
    parse()
    alone = time.perf_counter() - start

    spins = [0]
    stop = threading.Event()

    def spin() -> None:
        count = 0
        while not stop.is_set():
            count += 1
        spins[0] = count

    spinner = threading.Thread(target=spin)
    start = time.perf_counter()
    spinner.start()
    time.sleep(0.5)
    stop.set()
    spinner.join()
    rate = spins[0] / (time.perf_counter() - start)

    stop.clear()
    spinner = threading.Thread(target=spin)
    spinner.start()
    time.sleep(0.01)
    start = time.perf_counter()
    parse()
    beside = time.perf_counter() - start
    stop.set()
    spinner.join()
    free = (spins[0] / rate - 0.01) / beside

    threads = [threading.Thread(target=parse) for _ in range(2)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    two = time.perf_counter() - start
    print(f"{len(text) / 1e6:.1f} MB: parse alone {alone:.3f} s; beside a spinning thread {beside:.3f} s, "
          f"the GIL free for about {free:.0%} of it; two threads, two parses {two:.3f} s against {2 * alone:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
