"""The commands of the outside contract: exit codes, output, and the generated docs."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import yaml_rs
from click.testing import CliRunner

from ipcheck import __version__
from ipcheck.cli import cli
from ipcheck.rules.docs import builtin_metas, expected_docs

ROOT = Path(__file__).resolve().parents[2]
EXEMPLAR = ROOT / "fixtures" / "exemplar"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    assert invoke("--version") == (0, f"ipcheck {__version__}\n", "")


def _as_json(value: object) -> object:
    """YAML data as a JSON document would carry it (dates as strings)."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def test_schema_is_draft_2020_12_and_the_exemplar_satisfies_it() -> None:
    code, out, _ = invoke("schema")
    assert code == 0
    schema = json.loads(out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    files = sorted(EXEMPLAR.rglob("*.yaml"))
    assert files, "the exemplar has no files"
    for path in files:
        data = yaml_rs.loads(path.read_text(encoding="utf-8"))
        docs = data if isinstance(data, list) else [data]
        for doc in docs:
            if doc is not None:
                errors = [e.message for e in validator.iter_errors(_as_json(doc))]
                assert errors == [], f"{path.relative_to(ROOT)}: {errors[:3]}"


def test_schema_rejects_an_unknown_field() -> None:
    schema = json.loads(invoke("schema")[1])
    validator = jsonschema.Draft202012Validator(schema)
    assert not validator.is_valid({"kind": "Person", "id": "P-1", "name": "Li", "nmae": "x"})
    assert validator.is_valid({"kind": "Person", "items": [{"id": "P-1", "name": "Li"}]})
    assert not validator.is_valid({"kind": "Persn", "id": "P-1"})


def test_rule_pack_schema_is_valid() -> None:
    code, out, _ = invoke("schema", "--rule-pack")
    assert code == 0
    jsonschema.Draft202012Validator.check_schema(json.loads(out))


def test_exemplar_loads_and_checks_with_exit_zero() -> None:
    code, out, err = invoke("check", str(EXEMPLAR), "--as-of", "2026-11-24", "-f", "json")
    report = json.loads(out)
    assert report["errors"] == []
    assert [(f["rule"], f["location"]) for f in report["findings"]] == []
    assert code == 0, err


@pytest.mark.parametrize("meta", builtin_metas(), ids=lambda m: m.id)
def test_explain_every_rule(meta: object) -> None:
    code, out, _ = invoke("explain", meta.id.lower())  # type: ignore[attr-defined]
    assert code == 0
    assert out.startswith(f"# {meta.id}: {meta.title}\n")  # type: ignore[attr-defined]
    for heading in ("## Why it matters", "## Example that fails", "## Example that passes", "## Corrective action"):
        assert heading in out


def test_explain_unknown_rule_suggests() -> None:
    code, _, err = invoke("explain", "IPX00")
    assert code == 2
    assert "no rule 'IPX00'" in err


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_rule_docs_match_the_rule_sources(lang: str) -> None:
    """docs/rules/ and docs/zh-CN/rules/ are generated from the rules; regenerate with
    `python -m ipcheck.rules.docs`."""
    from ipcheck.rules.docs import DOC_FOLDERS

    folder = ROOT / DOC_FOLDERS[lang]
    wanted = expected_docs(builtin_metas(), lang)
    present = {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in folder.rglob("*.md")}
    assert sorted(present) == sorted(wanted)
    for rel, text in wanted.items():
        assert present[rel] == text, f"{DOC_FOLDERS[lang]}/{rel} is out of date"


def test_rules_lists_every_stage_and_protection() -> None:
    code, out, _ = invoke("rules", "--json")
    assert code == 0
    listed = json.loads(out)
    stages = {r["stage"] for r in listed}
    protections = {r["protection"] for r in listed}
    from ipcheck.vocabulary import PROTECTIONS, STAGES

    for stage in STAGES:
        assert sum(r["stage"] == stage for r in listed) >= 3, stage
    for protection in PROTECTIONS:
        assert sum(r["protection"] == protection for r in listed) >= 3, protection
    assert stages and protections
    implementing = ("startup", "diagnosis")  # how the standard is implemented, not clauses of it
    for r in listed:
        if r["stage"] in implementing or r["category"] == "data":  # data problems of the declaration cite none
            assert r["clauses"] == [], r["id"]
            continue
        for edition in r["editions"]:
            assert any(c.startswith(f"GB/T 29490-{edition}") for c in r["clauses"]), r["id"]


def test_usage_error_exits_2() -> None:
    code, _, err = invoke("check", "--fail-on", "sometimes")
    assert code == 2
    assert "Invalid value for '--fail-on'" in err


def test_no_declaration_found_exits_2(tmp_path: Path) -> None:
    code, _, err = invoke("check", str(tmp_path), "-f", "json")
    assert code == 2
    assert "no declaration found" in err


def test_unloadable_declaration_reports_no_readiness(tmp_path: Path) -> None:
    (tmp_path / "people.yaml").write_text("kind: Person\nitems:\n  - id: P-1\n    nmae: Li\n", encoding="utf-8")
    code, out, err = invoke("check", str(tmp_path), "--as-of", "2026-11-24")
    assert code == 2
    assert "The declaration could not be loaded, so no rule ran" in out
    assert "  Readiness: not assessed (the declaration could not be loaded; see the errors below)\n" in out
    assert "Implementation start-up" not in out  # no table of eight "not assessed" lines before the errors
    assert "people.yaml:4:5: Person 'P-1': unknown field 'nmae'\n      hint: did you mean 'name'?" in out
    assert err == ""  # the text report on stdout carries the errors; nothing is said twice
    code, out, err = invoke("check", str(tmp_path), "--as-of", "2026-11-24", "-f", "json")
    assert code == 2
    assert err == ("people.yaml:3:5: Person 'P-1': missing required field 'name'\n  hint: add `name:` to the item\n"
                   "people.yaml:4:5: Person 'P-1': unknown field 'nmae'\n  hint: did you mean 'name'?\n")


def test_the_text_report_is_wrapped_at_the_terminal_width_only(tmp_path: Path) -> None:
    from ipcheck.report.formats import render
    from ipcheck.testing import run_declaration

    report = run_declaration("kind: Enterprise\nid: e\nname: E\n", entry_points=False).report
    wrapped = render(report, "text", width=72)
    assert max(len(line) for line in wrapped.splitlines()) <= 72
    assert "\n              fix: " in wrapped
    plain = render(report, "text")
    assert max(len(line) for line in plain.splitlines()) > 72  # a file or a pipe: one line per message
    assert " ".join(wrapped.split()) == " ".join(plain.split())  # the same words


def test_report_schema_is_published_and_the_exemplar_report_satisfies_it() -> None:
    code, out, _ = invoke("schema", "--report")
    assert code == 0
    schema = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(schema)
    report = json.loads(invoke("check", str(EXEMPLAR), "--as-of", "2026-11-24", "-f", "json")[1])
    jsonschema.Draft202012Validator(schema).validate(report)


def test_unwritable_output_is_a_usage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    code, _, err = invoke("check", str(EXEMPLAR), "--as-of", "2026-11-24", "-o", str(blocker / "report.txt"))
    assert code == 2
    assert err.startswith(f"ipcheck: cannot write the report to {blocker / 'report.txt'}: ")
    assert "Traceback" not in err


def test_a_report_is_never_written_over_a_declaration_file(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "decl"
    shutil.copytree(EXEMPLAR, folder)
    enterprise = folder / "enterprise.yaml"
    before = enterprise.read_bytes()
    for target in (enterprise, folder / "registers" / "new.yml", folder / "registers" / "plan.xlsx"):
        code, _, err = invoke("check", str(folder), "--as-of", "2026-11-24", "-o", str(target))
        assert code == 2
        assert (f"Invalid value for '-o' / '--output': {target} would be a declaration file of the folder checked at "
                f"{folder}; write the report outside it (e.g. ../report.xlsx)") in err
    assert enterprise.read_bytes() == before and not (folder / "registers" / "new.yml").exists()
    assert not (folder / "registers" / "plan.xlsx").exists()
    code, _, _ = invoke("check", str(folder), "--as-of", "2026-11-24", "-o", str(folder / "report.txt"))
    assert code == 0 and (folder / "report.txt").exists()


def test_readiness_says_when_a_selection_left_rules_out(tmp_path: Path) -> None:
    from ipcheck.report.formats import render
    from ipcheck.testing import run_declaration

    selected = run_declaration("kind: Enterprise\nid: e\nname: E\n", select="IPX004", entry_points=False).report
    everything = run_declaration("kind: Enterprise\nid: e\nname: E\n", entry_points=False).report
    from ipcheck.plugins import load_plugins

    total = len(load_plugins([], entry_point_plugins=False).rules())  # of every edition
    assert selected.deselected == total - 1 and everything.deselected == 0
    assert (f"  Readiness of the 1 rule selected to run ({total - 1} left out by select/ignore)\n"
            in render(selected, "text"))
    assert f"Only the 1 rule selected to run count here; {total - 1} were left out" in render(selected, "markdown")
    assert "selected to run" not in render(everything, "text") + render(everything, "markdown")


def test_wrapping_counts_the_columns_of_chinese_text(tmp_path: Path) -> None:
    import unicodedata

    from ipcheck.report.formats import render
    from ipcheck.testing import run_declaration

    title = "钎焊工艺参数与炉温曲线以及真空钎焊炉的全部工艺配方和质量控制要点及其相关的技术诀窍说明"
    report = run_declaration(f"kind: Person\nid: P-1\nname: 李娜\nleft: 2026-06-30\n---\nkind: TradeSecret\n"
                             f"id: TS-1\ntitle: {title}\naccess: [P-1]\n", select="IPS012", entry_points=False).report
    wrapped = render(report, "text", width=79)
    columns = [sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line) for line in wrapped.splitlines()]
    assert max(columns) <= 79
    assert title not in wrapped  # broken between characters, as Chinese is
    assert "".join(wrapped.split()).count("".join(title.split())) == 2  # in the message and in the fix, whole
