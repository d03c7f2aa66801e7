"""The on-disk cache and worker processes give exactly what a plain load gives."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from ipcheck.check import CheckOptions, run_check
from ipcheck.config import Config
from ipcheck.load import load
from ipcheck.load.cache import CACHE_FORMAT

ROOT = Path(__file__).resolve().parents[2]
EXEMPLAR = ROOT / "fixtures" / "exemplar"
AS_OF = dt.date(2026, 11, 24)


def _report(folder: Path, **options: object) -> dict[str, object]:
    report = run_check(CheckOptions(paths=[folder], as_of=AS_OF, entry_point_plugins=False, **options))
    return report.to_dict()


def _entries(cache: Path) -> list[Path]:
    return sorted((cache / f"v{CACHE_FORMAT}").rglob("*.bin"))


def test_cached_and_parallel_loads_equal_a_plain_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ipcheck.load as loading

    plain = load([EXEMPLAR])
    cold = load([EXEMPLAR], cache_dir=tmp_path / "cache")
    warm = load([EXEMPLAR], cache_dir=tmp_path / "cache")
    parallel = load([EXEMPLAR], jobs=2)
    monkeypatch.setattr(loading, "THREADS_FROM_BYTES", 0)  # the exemplar is too small to get threads
    threaded = load([EXEMPLAR])
    for other in (cold, warm, parallel, threaded):
        assert other.origins == plain.origins
        assert other.files == plain.files
        assert other.dangling == plain.dangling
        for item_id, item in plain.by_id.items():
            again = other.by_id[item_id]
            assert again == item and type(again) is type(item)
            assert again.model_fields_set == item.model_fields_set
    assert len(_entries(tmp_path / "cache")) == len(plain.files)


def _containers(value: object, path: str) -> list[tuple[str, str]]:
    """(field path, container type) for every list or tuple in an item, nested models included."""
    from pydantic import BaseModel

    found = []
    if isinstance(value, BaseModel):
        for name, field in value.__dict__.items():
            found += _containers(field, f"{path}.{name}")
    elif isinstance(value, (list, tuple)):
        found.append((path, type(value).__name__))
        for index, entry in enumerate(value):
            found += _containers(entry, f"{path}.{index}")
    return found


def test_every_list_of_the_declaration_is_a_tuple_however_it_was_loaded(tmp_path: Path) -> None:
    loads = {"plain": load([EXEMPLAR]), "cold": load([EXEMPLAR], cache_dir=tmp_path / "cache"),
             "warm": load([EXEMPLAR], cache_dir=tmp_path / "cache"), "parallel": load([EXEMPLAR], jobs=2)}
    for how, decl in loads.items():
        containers = [c for item in decl.by_id.values() for c in _containers(item, item.id)]
        assert len(containers) > 100, how  # the exemplar fills list fields (inventors, tasks, steps, ...)
        assert [c for c in containers if c[1] != "tuple"] == [], how
        assert any(path.endswith(".tasks") for path, _ in containers), how  # lists of nested models too


def test_edited_file_is_read_again_and_findings_follow(tmp_path: Path) -> None:
    folder = tmp_path / "decl"
    shutil.copytree(EXEMPLAR, folder)
    cache = tmp_path / "cache"
    assert _report(folder, cache_dir=cache)["findings"] == []
    policy = next(p for p in folder.rglob("*.yaml") if "kind: Policy" in p.read_text(encoding="utf-8"))
    text = policy.read_text(encoding="utf-8")
    policy.write_text("\n".join(line for line in text.split("\n") if not line.startswith("communicated:")),
                      encoding="utf-8")
    warm = _report(folder, cache_dir=cache)
    plain = _report(folder)
    assert warm == plain
    assert warm["findings"] != []
    assert len(_entries(cache)) == len(list(folder.rglob("*.yaml"))) + 1  # the edited file's new entry


def test_broken_or_deleted_cache_is_a_miss(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    expected = _report(EXEMPLAR)
    assert _report(EXEMPLAR, cache_dir=cache) == expected
    for entry in _entries(cache):
        entry.write_bytes(b"not marshal data")
    assert _report(EXEMPLAR, cache_dir=cache) == expected
    shutil.rmtree(cache)
    assert _report(EXEMPLAR, cache_dir=cache) == expected


def test_parallel_load_reports_problems_like_a_plain_one(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("kind: Person\nitems:\n  - id: P-1\n    nmae: Li\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("kind: Unit\nid: U-1\nname: R&D\nhead: P-1\n", encoding="utf-8")
    plain = run_check(CheckOptions(paths=[tmp_path], as_of=AS_OF, entry_point_plugins=False))
    parallel = run_check(CheckOptions(paths=[tmp_path], as_of=AS_OF, entry_point_plugins=False, jobs=2))
    assert [p.render() for p in parallel.errors] == [p.render() for p in plain.errors]
    assert [p.render() for p in plain.errors] == [
        "a.yaml:3:5: Person 'P-1': missing required field 'name'\n  hint: add `name:` to the item",
        "a.yaml:4:5: Person 'P-1': unknown field 'nmae'\n  hint: did you mean 'name'?",
    ]


def test_an_interrupted_load_does_not_load_the_files_left(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C while files load in threads: the files not started yet are dropped."""
    import signal
    import time

    import ipcheck.load as loading

    for n in range(40):
        (tmp_path / f"people-{n:02d}.yaml").write_text(f"kind: Person\nid: P-{n}\nname: Person {n}\n")
    started: list[str] = []
    plain_load_file = loading._load_file

    def slow(root: Path, path: Path, rel: str, *args: object) -> object:
        started.append(rel)
        time.sleep(0.05)
        return plain_load_file(root, path, rel, *args)  # type: ignore[arg-type]

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(loading, "_load_file", slow)
    monkeypatch.setattr(loading, "THREADS_FROM_BYTES", 0)
    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, 0.2)  # the main thread is interrupted after some 8 of 40 files
    try:
        with pytest.raises(KeyboardInterrupt):
            load([tmp_path])
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert 2 <= len(started) <= 20


@pytest.mark.parametrize("entry", [
    [(0, False, "Person", ["x"])],                   # a row that is not a row
    [(0, False, "Person", [[1, 2]])],                # a row of another shape
    [(0, False, "NoSuchKind", [["a"]])],             # a kind that does not exist
    [("0", False, "Person", [])],                    # a document number that is not one
])
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_cache_entry_of_the_wrong_shape_is_a_miss(tmp_path: Path, entry: list[object], jobs: int) -> None:
    import marshal

    cache = tmp_path / "cache"
    expected = _report(EXEMPLAR)
    _report(EXEMPLAR, cache_dir=cache)
    for path in _entries(cache):
        path.write_bytes(marshal.dumps(entry))
    assert _report(EXEMPLAR, cache_dir=cache, jobs=jobs) == expected


def test_the_cache_key_covers_the_loading_code_and_the_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    from ipcheck.load import cache as caching

    caching.model_key.cache_clear()
    before = caching.model_key()
    monkeypatch.setattr(caching, "CACHE_FORMAT", CACHE_FORMAT + 1)
    caching.model_key.cache_clear()
    assert caching.model_key() != before
    monkeypatch.undo()
    caching.model_key.cache_clear()
    import importlib.metadata

    real = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "0" if name == "yaml-rs" else real(name))
    assert caching.model_key() != before
    caching.model_key.cache_clear()


def _big_declaration(folder: Path) -> Path:
    folder.mkdir()
    (folder / "small.yaml").write_text("kind: Person\nid: solo\nname: S\n", encoding="utf-8")
    people = "".join(f"  - {{id: P{i}, name: n{i}}}\n" for i in range(400_000))
    (folder / "big.yaml").write_text(f"kind: Person\nitems:\n{people}", encoding="utf-8")
    return folder


@pytest.mark.parametrize(("signal_name", "code", "said"), [("SIGINT", 130, "interrupted"),
                                                          ("SIGTERM", 143, "terminated")])
def test_a_stopped_parallel_run_ends_cleanly(tmp_path: Path, signal_name: str, code: int, said: str) -> None:
    """No worker's traceback, no worker left running (a worker blocked for ever on its pipe)."""
    import os
    import signal
    import subprocess
    import sys
    import time

    folder = _big_declaration(tmp_path / "decl")
    process = subprocess.Popen([sys.executable, "-m", "ipcheck", "check", str(folder), "-j", "2"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    workers: list[str] = []
    deadline = time.monotonic() + 30
    while len(workers) < 2 and time.monotonic() < deadline:  # signalled while the workers load
        time.sleep(0.05)
        workers = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True).stdout.split()
    time.sleep(0.2)
    if signal_name == "SIGINT":
        os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C does: the whole process group
    else:
        os.kill(process.pid, signal.SIGTERM)  # as kill does: the main process only
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == code
    assert stderr.strip() == f"ipcheck: {said}"
    deadline = time.monotonic() + 10
    while any(os.path.exists(f"/proc/{w}") for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [w for w in workers if os.path.exists(f"/proc/{w}")]


# Entries a pull request could plant: authenticated, and the folder kept out of the repository

FAILING = "kind: Person\nid: P-1\nname: Li\nunit: U-MISSING\n"
PASSING = "kind: Person\nid: P-1\nname: Li\n"


def _planted(tmp_path: Path, with_mac: bool, jobs: int) -> list[object]:
    """Plant, under the failing file's entry name, the entry of a file that passes (the name is
    the hash of the content, which anyone can compute); return the findings of the failing file."""
    from ipcheck.load import cache as caching

    folder, passing, cache = tmp_path / "decl", tmp_path / "passing", tmp_path / "cache"
    folder.mkdir()
    passing.mkdir()
    (folder / "people.yaml").write_text(FAILING, encoding="utf-8")
    (passing / "people.yaml").write_text(PASSING, encoding="utf-8")
    only_references = Config(select=["IPX"])
    assert _report(passing, cache_dir=cache, config=only_references)["findings"] == []
    good_entry = _entries(cache)[0].read_bytes()[caching.MAC_BYTES:]
    store = caching.Cache(cache)
    key = store.key(FAILING.encode())
    planted = (caching.mac_of(key, good_entry) if with_mac else bytes(caching.MAC_BYTES)) + good_entry
    store._path(key).parent.mkdir(parents=True, exist_ok=True)
    store._path(key).write_bytes(planted)
    return _report(folder, cache_dir=cache, jobs=jobs, config=only_references)["findings"]  # type: ignore[return-value]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_planted_entry_is_a_miss_and_the_file_is_checked(tmp_path: Path, jobs: int) -> None:
    findings = _planted(tmp_path, with_mac=False, jobs=jobs)
    assert [f["rule"] for f in findings] == ["IPX001"]  # type: ignore[index]


def test_an_entry_made_with_the_secret_is_used(tmp_path: Path) -> None:
    """The same planting with the right code is taken as it is: the code is what keeps the
    planted entry above out (the test above fails if the check of the code is dropped)."""
    assert _planted(tmp_path, with_mac=True, jobs=1) == []


def test_the_secret_is_kept_outside_the_repository_and_private(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from ipcheck.load import cache as caching

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    monkeypatch.delenv(caching.CACHE_KEY_ENV, raising=False)
    caching.cache_secret.cache_clear()
    try:
        first = caching.cache_secret()
        key_file = tmp_path / "home-cache" / "ipcheck" / "key"
        assert key_file.stat().st_mode & 0o777 == 0o600
        caching.cache_secret.cache_clear()
        assert caching.cache_secret() == first  # made once, then read
        monkeypatch.setenv(caching.CACHE_KEY_ENV, "from the pipeline's secrets")
        caching.cache_secret.cache_clear()
        assert caching.cache_secret() != first
    finally:
        caching.cache_secret.cache_clear()


def test_a_cache_folder_in_the_checked_repository_is_refused_unless_allowed(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from ipcheck.cli import cli

    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    shutil.copytree(EXEMPLAR, repo / "ipms")
    args = ["check", str(repo / "ipms"), "--as-of", "2026-11-24", "--cache-dir", str(repo / ".ipcheck-cache")]
    refused = CliRunner().invoke(cli, args)
    assert refused.exit_code == 2
    assert (f"Error: Invalid value for '--cache-dir': the cache folder {repo / '.ipcheck-cache'} lies in the checked "
            f"repository {repo}, where a pull request could plant entries") in refused.stderr
    assert not (repo / ".ipcheck-cache").exists()
    allowed = CliRunner().invoke(cli, [*args, "--allow-cache-in-repository"])
    assert allowed.exit_code == 0, allowed.stderr
    assert _entries(repo / ".ipcheck-cache")


def _settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files count as settled as soon as a run starts after their last change (the cache's file
    index otherwise waits two seconds, and a copy's change time cannot be put back)."""
    from ipcheck.load import cache as caching

    monkeypatch.setattr(caching, "SETTLED_NS", 0)


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the loader reads from now on, by path relative to the root."""
    import ipcheck.load as loading

    read: list[str] = []
    real = loading.read_file

    def reading(path: Path, rel: str, max_bytes: int) -> object:
        read.append(rel)
        return real(path, rel, max_bytes)

    monkeypatch.setattr(loading, "read_file", reading)
    return read


def test_files_known_unchanged_are_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, cache = tmp_path / "decl", tmp_path / "cache"
    shutil.copytree(EXEMPLAR, folder)
    _settled(monkeypatch)
    expected = _report(folder)
    assert _report(folder, cache_dir=cache) == expected
    read = _reads(monkeypatch)
    assert _report(folder, cache_dir=cache) == expected
    assert read == []
    policy = next(p for p in folder.rglob("*.yaml") if "kind: Policy" in p.read_text(encoding="utf-8"))
    policy.write_text(policy.read_text(encoding="utf-8").replace("communicated:", "#ommunicated:"), encoding="utf-8")
    warm = _report(folder, cache_dir=cache)
    assert read == [policy.relative_to(folder).as_posix()]
    assert warm == _report(folder) != expected


def test_an_edit_that_keeps_the_size_and_the_modification_time_is_seen(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A file rewritten with as many bytes and its modification time put back (``cp -p``,
    ``touch -r``) has another change time: it is read again."""
    import os

    folder, cache = tmp_path / "decl", tmp_path / "cache"
    shutil.copytree(EXEMPLAR, folder)
    _settled(monkeypatch)
    assert _report(folder, cache_dir=cache)["findings"] == []
    policy = next(p for p in folder.rglob("*.yaml") if "kind: Policy" in p.read_text(encoding="utf-8"))
    before = policy.stat()
    policy.write_text(policy.read_text(encoding="utf-8").replace("communicated:", "#ommunicated:"), encoding="utf-8")
    os.utime(policy, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (policy.stat().st_size, policy.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    read = _reads(monkeypatch)
    warm = _report(folder, cache_dir=cache)
    assert read == [policy.relative_to(folder).as_posix()]
    assert warm == _report(folder) and warm["findings"] != []


def test_a_file_changed_just_now_is_not_known_by_its_stamp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Within the clock's resolution a second edit could keep the stamp: such a file is read
    (and its content hashed) at every run until it has settled."""
    folder, cache = tmp_path / "decl", tmp_path / "cache"
    shutil.copytree(EXEMPLAR, folder)
    _report(folder, cache_dir=cache)
    read = _reads(monkeypatch)
    _report(folder, cache_dir=cache)
    assert sorted(read) == sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.yaml"))


def test_a_planted_file_index_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An index not written with the secret (it could map a file to another file's entry) is
    ignored: every file is read and checked."""
    folder, cache = tmp_path / "decl", tmp_path / "cache"
    shutil.copytree(EXEMPLAR, folder)
    _settled(monkeypatch)
    expected = _report(folder, cache_dir=cache)
    (index,) = (cache / f"v{CACHE_FORMAT}" / "files").glob("*.idx")
    index.write_bytes(bytes(32) + index.read_bytes()[32:])
    read = _reads(monkeypatch)
    assert _report(folder, cache_dir=cache) == expected
    assert len(read) == len(list(folder.rglob("*.yaml")))
