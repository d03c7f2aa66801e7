"""Whatever text or bytes a declaration file holds, loading returns a Declaration or raises
LoadFailed whose problems are all located (file, 1-based line and column): never another
exception, never a hang."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipcheck.load import LoadFailed, load
from ipcheck.model.declaration import Declaration
from ipcheck.model.kinds import KINDS

from ._support import VALID

TOKENS = [
    "kind", "Person", "Patent", "Unit", "Record", "Nonconformity", "id", "items", "name", "title", "date",
    "status", "granted", "inventors", "unit", "apiVersion", "ipcheck/v1", "P-001", "U-1",
    ": ", ":", "- ", "-", "? ", "[", "]", "{", "}", ", ", ",", "'", '"', "\\", "#", "|", ">", "|-", ">+",
    "&a ", "*a", "&b ", "*b", "<<: ", "!foo ", "!!str ", "!!python/object/apply:os.system ", "!", "!!set ",
    "---", "...", "--- ", "%YAML 1.2", "%TAG ! tag:x,2000:", "\n", "\n", "\n", "  ", "    ", "\t", " ",
    "2024-02-29", "2024-13-01", "2024-01-01T10:00:00Z", "0x1F", "1e400", "-.inf", ".nan", "null", "~",
    "true", "no", "0o17", "123456789012345678901234567890", "李伟", "\ufeff", "\u2028", "\x85", "\x00", "\r\n",
]

yamlish = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=4)), max_size=60).map("".join)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A valid declaration with a few bytes changed, inserted or deleted."""
    data = bytearray((VALID + "items_note: x\n").encode() if draw(st.booleans()) else
                     b"kind: Patent\nitems:\n  - id: PAT-1\n    title: T\n    jurisdiction: CN\n    status: granted\n")
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["set", "insert", "delete"]))
        byte = draw(st.integers(0, 255))
        if op == "insert" or at == len(data):
            data.insert(at, byte)
        elif op == "set":
            data[at] = byte
        else:
            del data[at]
    return bytes(data)


def check_loads_or_fails_located(content: str | bytes, beside: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        path = root / "a.yaml"
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8", errors="surrogatepass")
        else:
            path.write_bytes(content)
        if beside:
            (root / "b.yaml").write_text(VALID.replace("P-001", "P-900"), encoding="utf-8")
        try:
            result = load([root])
        except LoadFailed as failed:
            assert failed.problems
            for problem in failed.problems:
                location = problem.location
                assert isinstance(location.file, str) and location.file
                assert isinstance(location.line, int) and location.line >= 1
                assert isinstance(location.column, int) and location.column >= 1
                assert problem.message
        else:
            assert isinstance(result, Declaration)


PROPERTY = settings(max_examples=70, deadline=dt.timedelta(seconds=5),
                    suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(text=yamlish, beside=st.booleans())
def test_yamlish_text(text, beside):
    check_loads_or_fails_located(text, beside)


@PROPERTY
@given(data=st.one_of(st.binary(max_size=200), mutated()), beside=st.booleans())
def test_bytes(data, beside):
    check_loads_or_fails_located(data, beside)


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(allow_nan=True),
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(str), st.sampled_from(["P-001", "U-1", "x: y", "- a", "#"]),
    st.text(max_size=10),
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                                            max_size=3), max_leaves=8)


@st.composite
def documents(draw: st.DrawFn) -> str:
    """Well-formed YAML shaped like a declaration, with fields of the right names and random values."""
    import io

    from ruamel.yaml import YAML

    kind = draw(st.sampled_from(sorted(KINDS)))
    fields = list(KINDS[kind].model_fields)
    item = {"id": draw(st.sampled_from(["P-001", "X-1", "", "a b"]) | st.text(max_size=5))}
    for name in draw(st.lists(st.sampled_from([*fields, "unknown", "kind"]), max_size=5, unique=True)):
        item[name] = draw(values)
    doc = {"kind": kind, "items": [item]} if draw(st.booleans()) else {"kind": kind, **item}
    out = io.StringIO()
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = draw(st.sampled_from([False, None, True]))
    yaml.dump(doc, out)
    return out.getvalue()


@PROPERTY
@given(text=documents(), beside=st.booleans())
def test_declaration_shaped_documents(text, beside):
    check_loads_or_fails_located(text, beside)
