"""What the benchmark scripts share: the cached generated declarations, measuring a command
in a fresh subprocess (best of N, with its peak memory), and timing the steps of a run in
the process."""

from __future__ import annotations

import collections
import functools
import hashlib
import importlib
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DATA = BENCH / ".data"
PYTHON = sys.executable
AS_OF = "2026-11-24"
LONG = 30.0
"""A command whose first run takes longer than this many seconds is run once, not best of N."""


@dataclass
class Result:
    """Best wall time of the runs (seconds), CPU time of that run, peak memory (MB) over the runs."""

    label: str
    wall: float
    cpu: float
    mem_mb: float
    runs: int
    rc: int

    def show(self) -> str:
        return f"{self.wall:7.2f}s {self.mem_mb:6.0f}MB"


def dataset(entries: int, files: int = 1) -> Path:
    """The generated declaration for (entries, files), generated once and reused while the
    generator is unchanged."""
    stamp = hashlib.sha256((BENCH / "generate.py").read_bytes()).hexdigest()[:16]
    folder = DATA / f"n{entries}-k{files}"
    marker = folder / ".generated"
    if marker.exists() and marker.read_text() == stamp:
        return folder
    sys.path.insert(0, str(BENCH))
    from generate import generate  # noqa: PLC0415 - the generator is a sibling script

    print(f"  generating {entries:,} entries over {files:,} register file(s) in {folder} ...", file=sys.stderr,
          flush=True)
    if folder.exists():
        shutil.rmtree(folder)
    generate(folder, entries, files)
    marker.write_text(stamp)
    return folder


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*.yaml")) / 1e6


def _run_once(cmd: list[str]) -> dict:
    out = subprocess.run([PYTHON, str(BENCH / "measure.py"), *cmd], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    return json.loads(out.stdout)


def measure_group(specs: list[tuple[str, list[str], tuple[int, ...]]], repeats: int = 3) -> dict[str, Result]:
    """Measure several commands (label, command, accepted exit codes) round-robin: run 1 of each,
    then run 2 of each, ..., so that a passing burst of load on a shared machine hits them
    alike. Best wall time per command; a command whose first run exceeds LONG runs once."""
    runs: dict[str, list[dict]] = {label: [] for label, _, _ in specs}
    for round_ in range(repeats):
        for label, cmd, ok in specs:
            if round_ and runs[label][0]["wall"] > LONG:
                continue
            report = _run_once(cmd)
            if report["rc"] not in ok:
                raise RuntimeError(f"{label}: {' '.join(cmd)} exited {report['rc']}\n{report['stderr']}")
            runs[label].append(report)
    results = {}
    for label, reports in runs.items():
        best = min(reports, key=lambda r: r["wall"])
        results[label] = Result(label, best["wall"], best["cpu"], max(r["maxrss_kb"] for r in reports) / 1024,
                                len(reports), best["rc"])
    return results


def measure(label: str, cmd: list[str], repeats: int = 3, ok: tuple[int, ...] = (0,)) -> Result:
    """Run ``cmd`` ``repeats`` times, each through a fresh runner subprocess; best wall time."""
    return measure_group([(label, cmd, ok)], repeats)[label]


def ipcheck_command() -> list[str]:
    """``ipcheck`` as installed next to this Python (the console script), else ``python -m ipcheck``."""
    script = Path(PYTHON).parent / "ipcheck"
    return [str(script)] if script.exists() else [PYTHON, "-m", "ipcheck"]


def have_cli() -> bool:
    import importlib.util

    return importlib.util.find_spec("ipcheck.cli") is not None


def check_command(folder: Path) -> list[str]:
    """The end-to-end check of ``folder``: the command line when it exists, else load() alone."""
    if have_cli():
        return [*ipcheck_command(), "check", str(folder), "-f", "json", "-o", "/dev/null", "--as-of", AS_OF]
    return load_command(folder)


def load_command(folder: Path) -> list[str]:
    """Loading alone (find, parse, validate, references; no rules), as the check does it."""
    return [PYTHON, str(BENCH / "load_only.py"), "--run", str(folder)]


def floor_specs(folder: Path) -> list[tuple[str, list[str], tuple[int, ...]]]:
    """The floor parsers installed here, as measure_group specs."""
    sys.path.insert(0, str(BENCH))
    from floor import available  # noqa: PLC0415

    return [(f"floor {name}", [PYTHON, str(BENCH / "floor.py"), name, str(folder)], (0,)) for name in available()]


def floor_results(folder: Path, repeats: int = 3) -> list[Result]:
    return list(measure_group(floor_specs(folder), repeats).values())


def verdict(ok: bool) -> str:
    """A target's verdict, padded so that a column of them lines up."""
    return "met    " if ok else "not met"


def time_steps(steps: list[tuple[str, str]], clock: Callable[[], float]) -> collections.Counter[str]:
    """Time each of ``steps`` (module, and function or ``Class.method`` in it) with ``clock``
    from now on in this process: what each took, summed by ``module.name``, is counted in the
    counter returned (clear it to start again). A step called within another counts in both."""
    spent: collections.Counter[str] = collections.Counter()
    for module_name, name in steps:
        owner: Any = importlib.import_module(module_name)
        *path, attribute = name.split(".")
        for step in path:
            owner = getattr(owner, step)
        setattr(owner, attribute, _timed(spent, f"{module_name}.{name}", getattr(owner, attribute), clock))
    return spent


def _timed(spent: collections.Counter[str], label: str, function: Callable[..., Any],
           clock: Callable[[], float]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = clock()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] += clock() - started
    return wrapper
