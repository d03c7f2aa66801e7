"""Extension fields: ``x-`` fields of declared items, validated against the schema of the plugin
that claims them (hook ``ipcheck_extension_fields``), read-only to rules."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from types import MappingProxyType

import pytest

from ipcheck.check import CheckOptions, run_check
from ipcheck.i18n import pick
from ipcheck.testing import run_declaration

AS_OF = dt.date(2026, 11, 24)

PLUGIN = '''
import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator

from ipcheck import hookimpl
from ipcheck.model.kinds import Patent
from ipcheck.rules.api import Violation, rule


class Docket(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)
    owner: str
    reviewed: dt.date | None = None
    regions: list[str] = []
    terms: dict[str, int] = {}


SEEN = []


@hookimpl
def ipcheck_extension_fields():
    return {"x-acme": Docket, "x-acme-tier": Literal["gold", "silver"]}


@rule(id="ACME001", title="Docket owners", severity="minor", stage="operation", protection="patent",
      clauses=("maintenance",), rationale="r", fails="", passes="", fix="f", options={})
def docket(ctx):
    for patent in ctx.declaration.of(Patent):
        value = ctx.declaration.extension(patent, "x-acme")
        SEEN.append((patent.id, value, ctx.declaration.extension(patent.id, "x-acme-tier")))
        if value is not None and value.owner == "nobody":
            yield Violation(f"{patent.id} has no docket owner", subject=patent.id, path=("x-acme", "owner"))


@hookimpl
def ipcheck_rules():
    return [docket]
'''

PATENTS = """\
kind: Patent
items:
  - id: PAT-1
    title: Valve
    jurisdiction: CN
    status: granted
    x-acme:
      owner: nobody
      reviewed: 2026-03-01
      regions: [CN, EU]
      terms: {annuity: 3}
    x-acme-tier: gold
  - id: PAT-2
    title: Seat
    jurisdiction: CN
    status: granted
"""


@pytest.fixture
def plugin(tmp_path: Path) -> str:
    path = tmp_path / "plugin" / "acme_fields.py"
    path.parent.mkdir()
    path.write_text(PLUGIN, encoding="utf-8")
    return str(path)


def check(tmp_path: Path, files: dict[str, str], plugins: list[str], **options: object):
    folder = tmp_path / "decl"
    for name, content in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(textwrap.dedent(content), encoding="utf-8")
    return run_check(CheckOptions(paths=[folder], as_of=AS_OF, plugins=plugins, entry_point_plugins=False,
                                  **options))


def errors(report) -> list[tuple[str, str, str]]:
    return [(str(e.location), pick(e.message, "en"), pick(e.hint, "en")) for e in report.errors]


def test_rules_see_the_validated_values_read_only(tmp_path: Path, plugin: str) -> None:
    report = check(tmp_path, {"patents.yaml": PATENTS}, [plugin], config=_select("ACME"))
    assert report.errors == []
    [finding] = report.findings
    assert (finding.rule, finding.subject, str(finding.location)) == ("ACME001", "PAT-1", "patents.yaml:8:14")
    import sys

    [module] = [m for name, m in sys.modules.items() if name.startswith("ipcheck_plugin_acme_fields_")]
    (first, docket, tier), (second, none, no_tier) = module.SEEN
    assert (first, docket.owner, docket.reviewed, tier) == ("PAT-1", "nobody", dt.date(2026, 3, 1), "gold")
    assert docket.regions == ("CN", "EU") and isinstance(docket.terms, MappingProxyType)
    assert (second, none, no_tier) == ("PAT-2", None, None)
    with pytest.raises(Exception):
        docket.owner = "someone"
    with pytest.raises(TypeError):
        docket.terms["annuity"] = 4  # type: ignore[index]


@pytest.mark.parametrize("how", [{"jobs": 2}, {"cache": True}])
def test_worker_processes_and_the_cache_keep_the_fields(tmp_path: Path, plugin: str, how: dict) -> None:
    files = {"patents.yaml": PATENTS, "more.yaml": PATENTS.replace("PAT-", "PAT-B")}
    options = {"jobs": how.get("jobs", 1), "cache_dir": tmp_path / "cache" if how.get("cache") else None}
    runs = [check(tmp_path, files, [plugin], config=_select("ACME"), **options) for _ in range(2)]
    for report in runs:  # the second run of the cache reads every file from it
        assert report.errors == []
        assert sorted((f.subject, str(f.location)) for f in report.findings) == [
            ("PAT-1", "patents.yaml:8:14"), ("PAT-B1", "more.yaml:8:14")]
    if how.get("cache"):
        assert len([p for p in (tmp_path / "cache").rglob("*") if p.is_file() and p.name != "key"]) >= 2


def test_a_value_of_the_wrong_shape_is_located_in_both_languages(tmp_path: Path, plugin: str) -> None:
    text = PATENTS.replace("owner: nobody", "owner: 42").replace("reviewed: 2026-03-01", "reviewed: soon") \
        .replace("x-acme-tier: gold", "x-acme-tier: bronze")
    report = check(tmp_path, {"patents.yaml": text}, [plugin])
    hint = "the plugin 'acme_fields' defines the shape of x-acme; its documentation describes it"
    assert errors(report) == [
        ("patents.yaml:8:14", "Patent 'PAT-1': extension field 'x-acme.owner' (plugin 'acme_fields'): "
                              "should be text, got 42", hint),
        ("patents.yaml:9:17", "Patent 'PAT-1': extension field 'x-acme.reviewed' (plugin 'acme_fields'): "
                              "should be a date (YYYY-MM-DD), got 'soon'", hint),
        ("patents.yaml:12:18", "Patent 'PAT-1': extension field 'x-acme-tier' (plugin 'acme_fields'): "
                               "should be one of 'gold' or 'silver', got 'bronze'", hint.replace("x-acme;", "x-acme-tier;")),
    ]
    assert pick(report.errors[0].message, "zh-CN") == ("Patent 'PAT-1'：扩展字段 'x-acme.owner'（插件 'acme_fields'）："
                                                       "应为文本，实为 42")
    assert pick(report.errors[0].hint, "zh-CN") == "x-acme 的结构由插件 'acme_fields' 规定，详见该插件的文档"
    assert report.checked is False and report.findings == []


def test_an_unknown_field_inside_the_extension(tmp_path: Path, plugin: str) -> None:
    report = check(tmp_path, {"patents.yaml": PATENTS.replace("      terms:", "      colour: red\n      terms:")},
                   [plugin])
    assert errors(report)[0][:2] == (
        "patents.yaml:11:7", "Patent 'PAT-1': extension field 'x-acme.colour' (plugin 'acme_fields'): "
                             "unknown field, got 'red'")


def test_an_extension_field_no_plugin_claims_is_an_error(tmp_path: Path, plugin: str) -> None:
    report = check(tmp_path, {"patents.yaml": PATENTS}, [])
    assert errors(report) == [
        ("patents.yaml:7:5", "Patent 'PAT-1': unknown extension field 'x-acme': no enabled plugin defines it",
         "load the plugin that defines it (`ipcheck plugins` lists the plugins loaded), or remove the field"),
        ("patents.yaml:12:5", "Patent 'PAT-1': unknown extension field 'x-acme-tier': no enabled plugin defines it",
         "load the plugin that defines it (`ipcheck plugins` lists the plugins loaded), or remove the field"),
    ]
    assert pick(report.errors[0].message, "zh-CN") == "Patent 'PAT-1'：未知的扩展字段 'x-acme'：已启用的插件均未定义该字段"
    result = run_declaration(PATENTS, entry_points=False)
    assert result.exit_code == 2 and result.findings == []


def test_a_misspelt_extension_field_gets_a_did_you_mean(tmp_path: Path, plugin: str) -> None:
    report = check(tmp_path, {"patents.yaml": PATENTS.replace("x-acme-tier:", "x-acme-teir:")}, [plugin])
    [(where, message, hint)] = errors(report)
    assert (where, hint) == ("patents.yaml:12:5", "did you mean 'x-acme-tier'?")
    assert pick(report.errors[0].hint, "zh-CN") == "是否应为 'x-acme-tier'？"


def test_other_unknown_fields_stay_errors(tmp_path: Path, plugin: str) -> None:
    report = check(tmp_path, {"patents.yaml": PATENTS.replace("x-acme-tier: gold", "acme-tier: gold")}, [plugin])
    [(where, message, _)] = errors(report)
    assert (where, message) == ("patents.yaml:12:5", "Patent 'PAT-1': unknown field 'acme-tier'")


def test_a_single_item_document_carries_extension_fields(tmp_path: Path, plugin: str) -> None:
    text = "kind: Patent\nid: PAT-9\ntitle: T\njurisdiction: CN\nstatus: granted\nx-acme: {owner: nobody}\n"
    report = check(tmp_path, {"one.yaml": text}, [plugin], config=_select("ACME"))
    assert [(f.subject, str(f.location)) for f in report.findings] == [("PAT-9", "one.yaml:6:17")]


class Claims:
    """A plugin whose claims are wrong: a name without x-, one another plugin holds, a schema
    that gives a model rules could change."""

    @staticmethod
    def ipcheck_extension_fields():
        from pydantic import BaseModel

        class Loose(BaseModel):
            owner: str

        return {"acme": str, "x-acme": int, "x-loose": Loose}


def test_wrong_claims_are_the_plugins_problems(tmp_path: Path, plugin: str) -> None:
    from ipcheck import hookimpl

    hookimpl(Claims.ipcheck_extension_fields)
    text = PATENTS + "    x-loose: {owner: a}\n"
    result = run_declaration({"patents.yaml": text}, plugins=[plugin, Claims], entry_points=False, select="ACME")
    messages = [pick(e.message, "en") for e in result.errors]
    assert sorted(m for m in messages if "'Claims'" in m) == [
        "internal error in plugin 'Claims': extension field x-loose of 'PAT-2' cannot be validated: NotFrozen: its "
        "schema gives a Loose, a model that is not frozen, so rules could change it",
        "plugin 'Claims': extension field name 'acme' is not x- followed by letters, digits, - and _ (x-acme); "
        "the field is skipped",
        "plugin 'Claims': extension field x-acme is already defined by plugin 'acme_fields'; the field is skipped",
    ]
    assert result.exit_code == 3 and [f.subject for f in result.findings] == ["PAT-1"]


def _select(prefix: str):
    from ipcheck.config import Config

    return Config(select=[prefix])
