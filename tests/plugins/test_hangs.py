"""Plugin code outside rules has the rules' time limit: an import, ipcheck_configure,
ipcheck_rule_packs or a report format that hangs is stopped and reported (exit 3), located
in the plugin, and the rest runs."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from .conftest import AS_OF, run_cli, write

HANG = "    while True:\n        time.sleep(0.05)\n"
STUCK = "    while True:\n        try:\n            time.sleep(0.05)\n        except BaseException:\n            pass\n"

CASES = {
    # where: (plugin source, what the error says, the line it points at)
    "import": ("import time\n\nwhile True:\n    time.sleep(0.05)\n", "failed to load", 4),
    "ipcheck_configure": ("import time\nfrom ipcheck import hookimpl\n\n\n@hookimpl\ndef ipcheck_configure(config):\n"
                          + HANG, "hook ipcheck_configure failed", 8),
    "ipcheck_rule_packs": ("import time\nfrom ipcheck import hookimpl\n\n\n@hookimpl\ndef ipcheck_rule_packs():\n"
                           + HANG, "hook ipcheck_rule_packs raised", 8),
    "ipcheck_rules": ("import time\nfrom ipcheck import hookimpl\n\n\n@hookimpl\ndef ipcheck_rules():\n"
                      + HANG, "hook ipcheck_rules raised", 8),
}


@pytest.mark.parametrize("where", list(CASES))
def test_a_hang_outside_rules_is_stopped_and_located(shared, baseline, tmp_path, where):
    source, said, line = CASES[where]
    plugin = write(tmp_path, "hangs.py", source)
    config = write(tmp_path, "ipcheck.yaml", "rule_timeout: 1\n")
    started = time.monotonic()
    run = run_cli("check", shared / "decl", "--config", config, "--plugin", shared / "good.py", "--plugin", plugin)
    assert time.monotonic() - started < 20
    assert run.returncode == 3, run.stderr
    [error] = run.report["errors"]
    assert error["message"].startswith(f"internal error in plugin 'hangs': {said}: TimeLimitExceeded: "
                                       "ran longer than 1 s"), error
    assert (error["file"], error["line"]) == (str(plugin), line)
    assert run.findings == baseline


def test_a_report_format_that_hangs_is_stopped(shared, tmp_path):
    plugin = write(tmp_path, "slowfmt.py", "import time\nfrom ipcheck import hookimpl\n\n\ndef render(report):\n"
                   + HANG + "\n\n@hookimpl\ndef ipcheck_report_formats():\n    return {'slow': render}\n")
    config = write(tmp_path, "ipcheck.yaml", "rule_timeout: 1\n")
    done = subprocess.run([sys.executable, "-m", "ipcheck", "check", str(shared / "decl"), "--as-of", AS_OF,
                           "--config", str(config), "-f", "slow", "--plugin", str(plugin)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 3
    assert done.stdout == ""
    assert (f"{plugin}:7:9: internal error in plugin 'slowfmt': report format 'slow' failed: TimeLimitExceeded: "
            "ran longer than 1 s") in done.stderr


def test_a_hook_that_will_not_stop_ends_the_run_with_exit_3(shared, tmp_path):
    plugin = write(tmp_path, "stuck.py", "import time\nfrom ipcheck import hookimpl\n\n\n@hookimpl\n"
                                         "def ipcheck_configure(config):\n" + STUCK)
    config = write(tmp_path, "ipcheck.yaml", "rule_timeout: 1\n")
    started = time.monotonic()
    run = run_cli("check", shared / "decl", "--config", config, "--plugin", plugin)
    assert time.monotonic() - started < 20
    assert run.returncode == 3
    assert run.stderr.splitlines()[0] == (
        f"{plugin}:5:1: internal error in plugin 'stuck': hook ipcheck_configure ran past its time limit and did not "
        "stop when interrupted 3 times; the run was abandoned and no report was written")
