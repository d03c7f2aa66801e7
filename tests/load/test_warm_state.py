"""A check with the cache keeps the live engine's state for the next run (``ipcheck.warm``):
a run after an edit re-checks only what the edit touched, and its report is the report of a
run without the cache, byte for byte, with the same exit code."""

from __future__ import annotations

import filecmp
import os
import pickle
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipcheck.cli import cli
from ipcheck.load.cache import CACHE_FORMAT, mac_of
from ipcheck.plugins import load_plugins
from tests.defects.apply import EXEMPLAR, materialise, read_defect
from tests.defects.test_defects import NAMES

AS_OF = "2026-11-24"
UNDECLARED = {r.id for r in load_plugins([], entry_point_plugins=False).rules() if r.meta.reads is None}
"""The rules that declare nothing they read: they run at every check, warm or not."""


@pytest.fixture(autouse=True)
def _settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files count as settled once written (the cache otherwise waits two seconds before it
    knows a file by its stamp); no installed plugin takes part."""
    from ipcheck.load import cache as caching

    monkeypatch.setattr(caching, "SETTLED_NS", 0)
    monkeypatch.setenv("IPCHECK_DISABLE_PLUGIN_AUTOLOAD", "1")


@pytest.fixture()
def ran(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the rules run from now on."""
    import ipcheck.rules.engine as engine

    found: list[str] = []
    real = engine._violations

    def counted(rule, ctx, lang):  # type: ignore[no-untyped-def]
        found.append(rule.id)
        return real(rule, ctx, lang)

    monkeypatch.setattr(engine, "_violations", counted)
    return found


def check(folder: Path, cache: Path | None, *options: str) -> tuple[int, str, str]:
    """(exit code, JSON report, text report) of ``ipcheck check`` with ``cache`` (None: without)."""
    where = ["--cache-dir", str(cache), "--allow-cache-in-repository"] if cache else ["--no-cache"]
    reports = []
    for fmt in ("json", "text"):
        result = CliRunner().invoke(cli, ["check", str(folder), "--as-of", AS_OF, "-f", fmt, *where, *options])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        reports.append((result.exit_code, result.stdout))
    assert reports[0][0] == reports[1][0]
    return reports[0][0], reports[0][1], reports[1][1]


def warmed(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the exemplar, and a cache that holds its state (two runs: the first loads the
    files the usual way, the second keeps the state)."""
    folder, cache = tmp_path / "decl", tmp_path / "cache"
    shutil.copytree(EXEMPLAR, folder)
    check(folder, cache)
    check(folder, cache)
    return folder, cache


def become(folder: Path, source: Path) -> list[str]:
    """Make ``folder`` a copy of ``source`` as an editor would: only the files that differ are
    written, added or removed. The files touched, by path relative to the folder."""
    touched = []
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source)
        target = folder / rel
        if path.is_file() and not (target.is_file() and filecmp.cmp(path, target, shallow=False)):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
            touched.append(rel.as_posix())
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not (source / path.relative_to(folder)).exists():
            path.unlink()
            touched.append(path.relative_to(folder).as_posix())
    return touched


def _states(cache: Path) -> list[Path]:
    return sorted((cache / f"v{CACHE_FORMAT}" / "state").glob("*.state"))


SAMPLE = NAMES[::9]
"""Defects spread over every kind of edit (the live engine's own test applies them all)."""


@pytest.mark.parametrize("name", SAMPLE)
def test_a_warm_run_after_an_edit_reports_what_a_run_without_the_cache_does(tmp_path: Path, name: str) -> None:
    folder, cache = warmed(tmp_path)
    edition = str(read_defect(name).get("edition", "2023"))
    assert become(folder, materialise(name, tmp_path / "defect"))
    assert check(folder, cache, "--edition", edition) == check(folder, None, "--edition", edition)
    become(folder, EXEMPLAR)  # and undone
    assert check(folder, cache, "--edition", edition) == check(folder, None, "--edition", edition)


def test_a_warm_run_runs_again_only_the_rules_an_edit_concerns(tmp_path: Path, ran: list[str]) -> None:
    folder, cache = warmed(tmp_path)
    ran.clear()
    assert check(folder, cache)[0] == 0
    assert set(ran) == UNDECLARED and UNDECLARED
    patents = folder / "registers" / "patents.yaml"
    patents.write_bytes(patents.read_bytes().replace(b"inventors: [han.bing]", b"inventors: [nobody.here]", 1))
    ran.clear()
    code, report, text = check(folder, cache)
    assert "IPX001" in ran and "IP101" not in ran
    assert (code, report, text) == check(folder, None) and code == 1
    assert '"rule": "IPX001"' in report and "registers/patents.yaml:20:17" in text


def test_adding_and_removing_a_file(tmp_path: Path, ran: list[str]) -> None:
    folder, cache = tmp_path / "decl", tmp_path / "cache"
    shutil.copytree(EXEMPLAR, folder)
    for empty in ("notes/a.yaml", "notes/b.yaml"):  # two files of the same (empty) text
        (folder / empty).parent.mkdir(exist_ok=True)
        (folder / empty).write_bytes(b"")
    check(folder, cache)
    check(folder, cache)
    ran.clear()
    warm = check(folder, cache)
    assert set(ran) == UNDECLARED
    assert warm == check(folder, None)
    added = folder / "people" / "contractor.yaml"
    added.parent.mkdir(exist_ok=True)
    added.write_text("kind: Person\nid: contractor.one\nname: Contractor One\n", encoding="utf-8")
    assert check(folder, cache) == check(folder, None)
    added.unlink()
    assert check(folder, cache) == check(folder, None)
    policy = next(p for p in folder.rglob("*.yaml") if "kind: Policy" in p.read_text(encoding="utf-8"))
    policy.unlink()
    missing = check(folder, cache)
    assert missing == check(folder, None) and missing[0] == 1 and '"rule": "IP301"' in missing[1]


def test_another_configuration_date_language_or_edition_runs_every_rule(tmp_path: Path, ran: list[str]) -> None:
    folder, cache = warmed(tmp_path)
    for options in (["--as-of", "2027-03-01"], ["--lang", "zh-CN"], ["--edition", "2013"],
                    ["--audit-date", "2027-01-15"], ["--ignore", "IPE001"]):
        ran.clear()
        assert check(folder, cache, *options) == check(folder, None, *options)
        assert len(set(ran)) > len(UNDECLARED) + 50, options
    (folder / "ipcheck.yaml").write_text("ignore: [IP1]\n", encoding="utf-8")
    ran.clear()
    assert check(folder, cache) == check(folder, None)
    assert "IP201" in ran and "IP101" not in ran


def test_a_load_error_after_a_warm_run_is_reported_as_without_the_cache(tmp_path: Path) -> None:
    folder, cache = warmed(tmp_path)
    patents = folder / "registers" / "patents.yaml"
    patents.write_bytes(patents.read_bytes().replace(b"inventors: [han.bing]", b"inventors: [han.bing", 1))
    broken = check(folder, cache)
    assert broken == check(folder, None) and broken[0] == 2
    become(folder, EXEMPLAR)
    assert check(folder, cache) == check(folder, None)


@pytest.mark.parametrize("damage", ["tampered", "truncated", "empty", "foreign version", "unreadable"])
def test_a_state_that_cannot_be_trusted_is_a_cold_run(tmp_path: Path, ran: list[str], damage: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    folder, cache = warmed(tmp_path)
    (state,) = _states(cache)
    data = state.read_bytes()
    if damage == "tampered":
        state.write_bytes(data[:-40] + bytes([data[-40] ^ 1]) + data[-39:])
    elif damage == "truncated":
        state.write_bytes(data[: len(data) // 2])
    elif damage == "empty":
        state.write_bytes(b"")
    elif damage == "foreign version":
        import ipcheck.warm as warm

        monkeypatch.setattr(warm, "__version__", "0.0.1")
    else:
        state.unlink()
        state.mkdir()
    ran.clear()
    assert check(folder, cache) == check(folder, None)
    assert len(set(ran)) > len(UNDECLARED) + 50  # every rule ran again


def _planted(cache: Path, payload: bytes, *, signed: bool) -> None:
    (state,) = _states(cache)
    name = "state:" + state.stem
    state.write_bytes((mac_of(name, payload) if signed else bytes(32)) + payload)


class _Exploit:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.system, (f"touch {self.marker}",)


@pytest.mark.parametrize("signed", [False, True])
def test_a_planted_state_never_runs_code(tmp_path: Path, signed: bool) -> None:
    """A state not written with the secret is never unpickled; one that is (the secret leaked)
    still makes no class outside ipcheck's and a few of the standard library's."""
    folder, cache = warmed(tmp_path)
    marker = tmp_path / "exploited"
    from ipcheck.warm import STATE_FORMAT, code_key

    header = pickle.dumps((STATE_FORMAT, code_key(load_plugins([], entry_point_plugins=False)), [], []))
    _planted(cache, header + pickle.dumps(_Exploit(marker)), signed=signed)
    assert check(folder, cache) == check(folder, None)
    _planted(cache, pickle.dumps(_Exploit(marker)), signed=signed)
    assert check(folder, cache) == check(folder, None)
    assert not marker.exists()


def test_a_declaration_mostly_rewritten_loads_the_usual_way(tmp_path: Path, ran: list[str]) -> None:
    """When most of the declaration's bytes lie in files changed since the last run, they load
    in threads as in a run without a state (the memo's loading reads files one by one)."""
    from ipcheck.check import _configuration_files
    from ipcheck.config import Config
    from ipcheck.warm import warm_start

    folder, cache = warmed(tmp_path)
    plugins = load_plugins([], entry_point_plugins=False)
    exclude = _configuration_files([folder], Config())
    assert warm_start([folder], exclude, 1 << 30, cache, plugins) is not None
    for path in folder.rglob("*.yaml"):
        path.write_bytes(path.read_bytes())  # the same text, a new change time
    assert warm_start([folder], exclude, 1 << 30, cache, plugins) is None
    ran.clear()
    assert check(folder, cache) == check(folder, None)
    assert len(set(ran)) > len(UNDECLARED) + 50


class _Writer:
    def __init__(self, target: Path) -> None:
        self.target = target

    def __reduce__(self) -> tuple[object, tuple[Path, str]]:
        from ipcheck.atomic import write_atomic

        return write_atomic, (self.target, "written")


def test_a_signed_state_cannot_call_ipcheck_s_own_functions(tmp_path: Path) -> None:
    folder, cache = warmed(tmp_path)
    target = tmp_path / "written"
    _planted(cache, pickle.dumps(_Writer(target)), signed=True)
    assert check(folder, cache) == check(folder, None)
    assert not target.exists()


def test_references_are_restored_in_their_places_even_when_listed_twice() -> None:
    """The state's references (texts, items) are memo entries: one object listed twice (the
    empty text of two empty files) must not shift the entries pickled after them."""
    import io

    from ipcheck.warm import _dumps, _loads

    empty, last = b"", ("last",)
    data = _dumps([["new"], last, empty, {"more": [1, 2]}], [empty, empty, last])
    restored = ("restored",)
    back = _loads(io.BytesIO(data), [b"", b"", restored])
    assert back == [["new"], restored, b"", {"more": [1, 2]}] and back[1] is restored
