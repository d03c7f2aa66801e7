"""Where the time of one check goes, phase by phase, on a generated declaration.

    python bench/phases.py --entries 100000            # phases and the slowest rules
    python bench/phases.py --entries 100000 --cprofile # plus the top functions (cProfile)
    python bench/phases.py --entries 100000 --cpu      # CPU time instead of wall time

Phases: start-up imports and plugin loading; finding files; reading and decoding; the
cheap pre-parse scans; the YAML parse (yaml-rs); validating the kinds (pydantic);
reference checks; each rule (including locating its findings); rendering the JSON report.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

TIMES: dict[str, float] = defaultdict(float)
CLOCK = time.perf_counter
"""Wall time; ``--cpu`` takes the process's CPU time (steadier on a machine others share)."""


@contextmanager
def phase(name: str):  # noqa: ANN201
    start = CLOCK()
    try:
        yield
    finally:
        TIMES[name] += CLOCK() - start


def profile(folder: Path) -> None:
    import datetime as dt

    with phase("import ipcheck (load, model, rules engine, report)"):
        from ipcheck.config import Config
        import importlib

        build_module = importlib.import_module("ipcheck.load.build")
        parse_module = importlib.import_module("ipcheck.load.parse")
        from ipcheck.load.discover import discover
        from ipcheck.plugins import load_plugins
        from ipcheck.report.formats import render
        from ipcheck.report.model import Report
        from ipcheck.rules.api import CheckContext
        from ipcheck.rules.engine import run_rules

    with phase("load plugins and rule packs"):
        plugins = load_plugins([])
        rules = plugins.rules()

    gc.disable()
    with phase("discover files"):
        root, files, problems = discover([folder])
    parsed = []
    for path, rel in files:
        with phase("read + decode"):
            text = parse_module._decode(rel, path.read_bytes())
        with phase("pre-parse scans (nesting, tags)"):
            parse_module._too_deep(rel, text)
            if parse_module._may_have_tags(text):
                parse_module._tags(rel, text)
        with phase("YAML parse (yaml_rs.loads)"):
            data = parse_module.yaml_rs.loads(text, parse_datetime=True, alias_limits=parse_module._ALIAS_LIMITS)
        with phase("split documents"):
            documents = parse_module.split_documents(text, data)
        parsed.append(parse_module.ParsedFile(path, rel, documents))

    builder = build_module.Builder(root)
    with phase("validate kinds (pydantic) and index"):
        for p in parsed:
            builder.add_file(p)
    with phase("reference checks"):
        builder.check_references()
    assert not builder.problems, builder.problems[:3]

    ctx = CheckContext(builder.decl, dt.date(2026, 11, 24))
    config = Config()
    per_rule: dict[str, float] = {}
    findings = []
    for rule in rules:
        start = CLOCK()
        found, rule_problems = run_rules([rule], ctx, config)
        per_rule[rule.id] = CLOCK() - start
        findings += found
        assert not rule_problems, rule_problems
    TIMES["rules (incl. locating findings)"] = sum(per_rule.values())
    with phase("report (JSON)"):
        report = Report(version="bench", as_of=ctx.as_of, root=str(folder), findings=findings, errors=[],
                        rules=[r.meta for r in rules], fail_on="minor", waived=0, checked=True)
        render(report, "json")

    total = sum(TIMES.values())
    print(f"{len(builder.decl):,} items in {len(files):,} files; {len(findings)} findings; {total:.2f} s in all")
    for name, seconds in TIMES.items():
        print(f"  {seconds:7.3f} s  {100 * seconds / total:5.1f}%  {name}")
    print("slowest rules:")
    for rule_id, seconds in sorted(per_rule.items(), key=lambda kv: -kv[1])[:12]:
        print(f"  {seconds:7.3f} s  {rule_id}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--files", type=int, default=1)
    parser.add_argument("--cprofile", action="store_true")
    parser.add_argument("--cpu", action="store_true", help="CPU time of the process instead of wall time")
    args = parser.parse_args(argv)
    global CLOCK
    if args.cpu:
        CLOCK = time.process_time
    print("times in CPU seconds of the process" if args.cpu else "times in wall seconds")
    from benchlib import dataset

    folder = dataset(args.entries, args.files)
    if args.cprofile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(profile, folder)
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(25)
    else:
        profile(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
