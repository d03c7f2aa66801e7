"""The benchmark: ipcheck against the floor (the fastest YAML parsers reachable from Python)
and against yamale (a peer that only checks shape), on the same generated declarations at
1,000, 10,000 and 100,000 register entries, plus start-up and many-small-files runs.

    python bench/run.py            # the full run (about 5-10 minutes on 2 cores)
    python bench/run.py --quick    # 1,000 and 10,000 entries only

Every measurement is a fresh subprocess (see measure.py); times are the best of 3 wall-clock
runs (1 run when a single run takes over 30 s), memory the peak resident set of the process.
The commands compared at one size run round-robin (one run of each, then the next round), so
that load from other processes on a shared machine falls on all of them alike.
Generated declarations are cached in bench/.data/ (regenerated when generate.py changes).
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchlib import (
    AS_OF,
    DATA,
    PYTHON,
    ROOT,
    Result,
    dataset,
    floor_specs,
    have_cli,
    check_command,
    ipcheck_command,
    load_command,
    measure,
    measure_group,
    size_mb,
    verdict,
)

from live import largest_file
from live import measure as live_measure

BENCH = Path(__file__).resolve().parent
MANY_FILES = 2000

TARGETS = {
    "b/a": 2.5,            # check vs floor at the largest size
    "b/a yaml-rs": 1.6,    # check vs the yaml-rs floor (the parser ipcheck uses) at the largest size
    "linearity": 11.0,     # time at 100k / time at 10k
    "mem b/a": 3.0,        # peak memory, check vs floor, at the largest size
    "startup": 1.3,        # --version, --help vs `python -c "import click"`
    "exemplar": 4.0,       # check of fixtures/exemplar vs `python -c "import click"`
    "many files": 1.10,    # 2,000 register files vs one, same entries (10% for timing noise)
    "load/floor": 3.0,     # loading alone vs floor at the largest size
    "cache": 0.40,         # a run after one edited file, cache warm, vs a run without the cache
    "live exemplar": 30.0,  # ms of a live re-check of the exemplar after one edit (bench/live.py)
    "live": 0.10,          # a live re-check after one edit vs a cold check, at the largest size
}


PYDANTIC_FLOOR = "import click\nfrom pydantic import BaseModel\nclass One(BaseModel):\n    x: int = 0\n"
"""A program that imports click and defines one pydantic model, and does nothing else."""


def cache_after_one_edit(folder: Path, repeats: int) -> tuple[Result, Result]:
    """A check without the cache, and one with a warm cache after one register file was edited,
    both on a scratch copy of ``folder``; each round edits the file anew (a comment line
    added: the content, hence the hash, changes) outside the timed run."""
    scratch, cache = DATA / "edited", DATA / "edited-cache"
    for stale in (scratch, cache):
        if stale.exists():
            shutil.rmtree(stale)
    shutil.copytree(folder, scratch, ignore=shutil.ignore_patterns(".generated"))
    edited = min(scratch.glob("registers/*.yaml"))
    cold = [*check_command(scratch), "--no-cache"]
    warm = [*check_command(scratch), "--cache-dir", str(cache), "--allow-cache-in-repository"]
    # A file changed less than two seconds before a run is hashed, not known by its size and
    # times (see ipcheck.load.cache.SETTLED_NS): the copy settles first, as a checkout has.
    time.sleep(2.5)
    for _ in range(2):  # fill the cache: the first run stores the files' entries, the second the check's state
        subprocess.run(warm, capture_output=True, check=False)
    results: dict[str, list[Result]] = {"cold": [], "warm": []}
    for round_ in range(repeats):
        for label, cmd in (("cold", cold), ("warm", warm)):
            with edited.open("a", encoding="utf-8") as out:
                out.write(f"# edited, round {round_} ({label})\n")
            results[label].append(measure(label, cmd, 1, (0, 1)))
    shutil.rmtree(scratch)
    shutil.rmtree(cache)

    def best(label: str, shown: str) -> Result:
        runs = results[label]
        top = min(runs, key=lambda r: r.wall)
        return Result(shown, top.wall, top.cpu, max(r.mem_mb for r in runs), len(runs), top.rc)

    return (best("cold", f"check --no-cache, {MANY_FILES} files"),
            best("warm", "check, cache warm, one file edited"))


def cache_only(repeats: int) -> int:
    """The cache's target alone: a warm run after one edited file against a cold run."""
    print(f"machine: {machine()}")
    compileall.compile_dir(str(ROOT / "src"), quiet=1)
    cold, warm = cache_after_one_edit(dataset(100_000, MANY_FILES), repeats)
    for r in (cold, warm):
        print(f"  {r.label:<34} {r.show()}  cpu {r.cpu:6.2f}s  runs {r.runs}")
    ratio = warm.wall / cold.wall
    print(f"cache warm, one file edited, vs cold: {ratio:.0%} ({warm.cpu / cold.cpu:.0%} of CPU time), target "
          f"{TARGETS['cache']:.0%}: {verdict(ratio <= TARGETS['cache'])}; load average {load_average():.2f} at the end")
    return 0


def load_average() -> float:
    """The machine's load average over the last minute (NaN where the system has none)."""
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal"))
        memory = f"{int(mem) / 1024 / 1024:.1f} GiB"
    except OSError:
        memory = "unknown memory"
    return (f"{os.cpu_count()} CPUs ({cpu}), {memory}, Python {platform.python_version()}, "
            f"load average {load_average():.2f} at start")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 and 10,000 entries only")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--cache-only", action="store_true",
                        help=f"only the cache after one edited file (100,000 entries in {MANY_FILES:,} files)")
    args = parser.parse_args(argv)
    if args.cache_only:
        return cache_only(args.repeats)
    sizes = [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000]
    big = sizes[-1]
    repeats = args.repeats
    started = time.perf_counter()
    started_load = load_average()

    print(f"machine: {machine()}")
    # An installed package has its bytecode compiled; an editable checkout whose sources just
    # changed, run with PYTHONDONTWRITEBYTECODE, compiles them at every start (measured: 30 ms
    # of the exemplar's 208 ms). Compile them once, as an install does.
    compileall.compile_dir(str(ROOT / "src"), quiet=1)
    if not have_cli():
        print("note: the command line is not available; (b) measures load() alone")
    print("data:")
    folders = {n: dataset(n) for n in sizes}
    many = dataset(big, MANY_FILES)

    print("start-up (best of 10):", flush=True)
    ipcheck = ipcheck_command()
    start = measure_group([
        ("import click", [PYTHON, "-c", "import click"], (0,)),
        ("ipcheck --version", [*ipcheck, "--version"], (0,)),
        ("ipcheck --help", [*ipcheck, "--help"], (0,)),
        ("check exemplar", [*ipcheck, "check", "fixtures/exemplar", "--as-of", AS_OF], (0, 1)),
        # What any check imports before it reads a file: click, pydantic and the models of the kinds.
        ("import the models", [PYTHON, "-c", "import click, ipcheck.model.kinds"], (0,)),
        # What any program with click and one pydantic model costs: the floor of the design's start.
        ("click and pydantic", [PYTHON, "-c", PYDANTIC_FLOOR], (0,)),
    ], 10)
    click, version, helped, exemplar, models, pydantic_floor = start.values()
    for r in start.values():
        print(f"  {r.label:<22} {r.wall * 1000:7.0f} ms {r.mem_mb:6.0f} MB  ({r.wall / click.wall:.2f}x import click)")

    rows: dict[int, dict[str, Result]] = {}
    extra: dict[str, Result] = {}
    options = subprocess.run([*ipcheck, "check", "--help"], capture_output=True, text=True).stdout
    for n in sizes:
        folder = folders[n]
        specs = [*floor_specs(folder), ("check", check_command(folder), (0, 1)),
                 ("yamale", [PYTHON, str(BENCH / "yamale_check.py"), str(folder)], (0,))]
        if n == big:
            specs += [("load only", load_command(folder), (0,)),
                      (f"check, {MANY_FILES} files", check_command(many), (0, 1)),
                      *((f"{label}, {MANY_FILES} files", cmd, ok) for label, cmd, ok in floor_specs(many))]
            if "--jobs" in options:
                specs.append((f"check --jobs 2, {MANY_FILES} files", [*check_command(many), "--jobs", "2"], (0, 1)))
        print(f"{n:,} entries ({size_mb(folder):.1f} MB):", flush=True)
        results = measure_group(specs, repeats)
        for r in results.values():
            print(f"  {r.label:<34} {r.show()}  cpu {r.cpu:6.2f}s  runs {r.runs}", flush=True)
        base = [label for label, _, _ in floor_specs(folder)] + ["check", "yamale"]
        rows[n] = {k: results[k] for k in base}
        extra.update({k: v for k, v in results.items() if k not in rows[n]})
    edited = cache_after_one_edit(many, repeats) if "--cache-dir" in options else None
    if edited is not None:
        cold_many, warm_many = edited
        print(f"  {cold_many.label:<34} {cold_many.show()}  cpu {cold_many.cpu:6.2f}s  runs {cold_many.runs}")
        print(f"  {warm_many.label:<34} {warm_many.show()}  cpu {warm_many.cpu:6.2f}s  runs {warm_many.runs}")
    loading = extra["load only"]
    many_check = extra[f"check, {MANY_FILES} files"]

    # --- the table --------------------------------------------------------------------
    def floor_of(row: dict[str, Result]) -> Result:
        return min((r for k, r in row.items() if k.startswith("floor")), key=lambda r: r.wall)

    print()
    names = [k for k in rows[sizes[0]] if k.startswith("floor")]
    head = ["entries", "MB", *(f"(a) {k}" for k in names), "(b) ipcheck check", "(c) yamale", "b/a", "c/b",
            "mem b/a", "b/a cpu"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for n in sizes:
        row, a = rows[n], floor_of(rows[n])
        b, c = row["check"], row["yamale"]
        cells = [f"{n:,}", f"{size_mb(folders[n]):.1f}", *(row[k].show().strip() for k in names),
                 b.show().strip(), c.show().strip(), f"{b.wall / a.wall:.2f}", f"{c.wall / b.wall:.2f}",
                 f"{b.mem_mb / a.mem_mb:.2f}", f"{b.cpu / a.cpu:.2f}"]
        print("| " + " | ".join(cells) + " |")
    print()

    # --- the targets: judged on wall-clock time; CPU time (user + sys) shown beside it, as it is
    # less disturbed when other processes share the machine -----------------------------------
    a_big, b_big = floor_of(rows[big]), rows[big]["check"]
    checks: list[tuple[str, float, float | None, float, bool]] = []  # name, wall, cpu, target, higher is better

    def ratio(name: str, x: Result, y: Result, target: float, higher: bool = False) -> None:
        checks.append((name, x.wall / y.wall, x.cpu / y.cpu if y.cpu > 0 else None, target, higher))

    ratio(f"b/a at {big:,}: check vs {a_big.label}", b_big, a_big, TARGETS["b/a"])
    for label, r in rows[big].items():
        if label.startswith("floor") and r is not a_big:
            ratio(f"  (for reference: check vs {label})", b_big, r, TARGETS["b/a"])
    if len(sizes) >= 2:
        ratio(f"linearity: check at {big:,} / at {sizes[-2]:,}", b_big, rows[sizes[-2]]["check"],
              TARGETS["linearity"])
    mem = b_big.mem_mb / a_big.mem_mb
    checks.append((f"peak memory b/a at {big:,}", mem, None, TARGETS["mem b/a"], False))
    for r in (version, helped):
        ratio(f"{r.label} vs import click", r, click, TARGETS["startup"])
    ratio(f"{MANY_FILES:,} register files vs one, {big:,} entries", many_check, b_big, TARGETS["many files"])
    for n in sizes:
        ratio(f"faster than yamale at {n:,} (c/b)", rows[n]["yamale"], rows[n]["check"], 1.0, higher=True)
    ratio(f"loading alone vs {a_big.label} at {big:,}", loading, a_big, TARGETS["load/floor"])

    # The cold path's targets (live checking's issue): check vs the yaml-rs floor, the cache
    # after one edited file, the exemplar against `import click`.
    cold_path: list[tuple[str, float, float | None, float, bool]] = []

    def cold_ratio(name: str, x: Result, y: Result, target: float) -> None:
        cold_path.append((name, x.wall / y.wall, x.cpu / y.cpu if y.cpu > 0 else None, target, False))

    yaml_rs = rows[big].get("floor yaml_rs")
    if yaml_rs is not None:
        cold_ratio(f"check at {big:,} entries vs floor yaml_rs", b_big, yaml_rs, TARGETS["b/a yaml-rs"])
    if edited is not None:
        cold_ratio(f"cache warm, one file edited, vs cold, {MANY_FILES:,} files", edited[1], edited[0],
                   TARGETS["cache"])
    cold_ratio("check fixtures/exemplar vs import click", exemplar, click, TARGETS["exemplar"])
    cold_ratio("  (for reference: importing click and the models vs import click)", models, click,
               TARGETS["exemplar"])
    cold_ratio("  (for reference: click and one pydantic model vs import click)", pydantic_floor, click,
               TARGETS["exemplar"])

    # Live checking's targets (bench/live.py): a re-check after one edit, in a long-running process.
    live_exemplar = live_measure(ROOT / "fixtures" / "exemplar", "registers/patents.yaml")
    live_big = live_measure(folders[big], largest_file(folders[big]))
    live = [("re-check of fixtures/exemplar after one edit, ms", live_exemplar.edit_wall * 1000,
             live_exemplar.edit_cpu * 1000, TARGETS["live exemplar"], False),
            (f"re-check after one edit vs a cold check at {big:,}", live_big.edit_wall / live_big.cold_wall,
             live_big.edit_cpu / live_big.cold_cpu, TARGETS["live"], False)]

    def judge(value: float, target: float, higher: bool) -> str:
        return verdict(value > target if higher else value <= target)

    def show(title: str, rows_: list[tuple[str, float, float | None, float, bool]]) -> None:
        print(title)
        for name, wall, cpu, target, higher in rows_:
            relation = ">" if higher else "<="
            cpu_text = f"  [cpu {cpu:.2f} {judge(cpu, target, higher)}]" if cpu is not None else ""
            print(f"  {judge(wall, target, higher)}  {name}: {wall:.2f} (target {relation} {target}){cpu_text}")

    show("targets (wall-clock; CPU time in brackets):", checks)
    show(f"targets of the cold path (wall-clock; CPU time in brackets; load average {started_load:.2f} "
         f"at start, {load_average():.2f} now, on {os.cpu_count()} CPUs):", cold_path)
    show("targets of live checking (wall-clock; CPU time in brackets):", live)
    print(f"\nwhole run: {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main())
