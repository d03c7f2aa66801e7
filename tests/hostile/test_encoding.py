"""Bytes that are not UTF-8 YAML text: invalid UTF-8, binary files, UTF-16 and UTF-32."""

from __future__ import annotations

import codecs
import struct
import zlib

import pytest

from ._support import VALID, only_problem, write


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
            + chunk(b"IEND", b""))


def test_invalid_utf8_is_located(tmp_path, rejected):
    write(tmp_path, "a.yaml", b"kind: Person\nid: P-001\nname: Li \xff Wei\n")
    problem = only_problem(tmp_path)
    assert (problem.location.file, problem.location.line, problem.location.column) == ("a.yaml", 3, 10)
    assert "UTF-8" in problem.message
    rejected(tmp_path, "a.yaml:3:10", "UTF-8", terminal=True)


def test_truncated_utf8_sequence(tmp_path, rejected):
    write(tmp_path, "a.yaml", "kind: Person\nid: P-001\nname: 李伟\n".encode()[:-2])
    problem = only_problem(tmp_path)
    assert (problem.location.file, problem.location.line) == ("a.yaml", 3)
    rejected(tmp_path, "a.yaml:3:")


def test_binary_file_named_yaml(tmp_path, rejected):
    write(tmp_path, "logo.yaml", png())
    problem = only_problem(tmp_path)
    assert problem.location.file == "logo.yaml"
    assert "binary" in problem.message
    rejected(tmp_path, "logo.yaml:", "binary")


def test_binary_file_beside_a_valid_one(tmp_path, rejected):
    write(tmp_path, "people.yaml", VALID)
    write(tmp_path, "scan.yml", png())
    problem = only_problem(tmp_path)
    assert problem.location.file == "scan.yml"
    rejected(tmp_path, "scan.yml:")


@pytest.mark.parametrize(
    ("codec", "bom", "name"),
    [
        ("utf-16-le", codecs.BOM_UTF16_LE, "UTF-16"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "UTF-16"),
        ("utf-32-le", codecs.BOM_UTF32_LE, "UTF-32"),
        ("utf-32-be", codecs.BOM_UTF32_BE, "UTF-32"),
    ],
)
def test_utf16_and_utf32_with_bom(tmp_path, rejected, codec, bom, name):
    write(tmp_path, "a.yaml", bom + VALID.encode(codec))
    problem = only_problem(tmp_path)
    assert (problem.location.file, problem.location.line, problem.location.column) == ("a.yaml", 1, 1)
    assert name in problem.message
    if codec == "utf-16-le":  # the command line, for one of them
        rejected(tmp_path, "a.yaml:1:1", name)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(tmp_path, rejected, codec):
    write(tmp_path, "a.yaml", VALID.encode(codec))
    problem = only_problem(tmp_path)
    assert problem.render() == "a.yaml:1:1: file is UTF-16 encoded\n  hint: save the file as UTF-8"
    rejected(tmp_path, "a.yaml:1:1", "UTF-16")


def test_utf8_bom_is_accepted(tmp_path):
    from ipcheck.load import load

    write(tmp_path, "a.yaml", codecs.BOM_UTF8 + VALID.encode())
    assert load([tmp_path]).get("P-001") is not None


@pytest.mark.parametrize("char", ["\x01", "\x7f", "\x85", "\ufeff", "\ud800"])
def test_control_and_odd_characters(tmp_path, cli, char):
    data = f"kind: Person\nid: P-001\nname: a{char}b\n".encode("utf-8", "surrogatepass")
    write(tmp_path, "a.yaml", data)
    from ipcheck.load import LoadFailed, load

    try:
        load([tmp_path])
    except LoadFailed:
        only_problem(tmp_path)
    if char in ("\x01", "\ud800"):  # the command line, for two of them
        assert cli(tmp_path).returncode in (0, 1, 2)
