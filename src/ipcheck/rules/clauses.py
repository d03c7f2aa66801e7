"""The clause map (``rules/clauses.yaml``): the clauses of each edition of GB/T 29490, and
the topics rules cite.

One place answers "the clauses of this topic in this edition" (:func:`cite`) and "the
title of this clause in this language" (:func:`clause_title`). A rule cites topics
(``internal-audit``) or citations written out (``"GB/T 29490-2023 9.3"``); a check under
one edition cites that edition's clauses only.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from ipcheck.rules.packs import packs_dir

Edition = Literal["2023", "2013"]
EDITIONS: tuple[Edition, ...] = ("2023", "2013")
"""The editions of GB/T 29490 a system can be audited against, the newest first."""
DEFAULT_EDITION: Edition = "2023"
"""The edition certification audits use (in force since 2024-01-01)."""
LANGS = ("en", "zh-CN")
CONFIDENCES = ("confirmed", "likely", "unknown")
GUIDANCE_PREFIXES = ("ISO 56005",)
"""Standards that are guidance ("should"): nothing is nonconforming to them, so a citation of
them is never the clause a finding breaks, and is dropped."""


@dataclass(frozen=True, slots=True)
class Clause:
    """One clause of one edition: its number, titles, the confidence of both, and whether a
    declaration can show conformity with it (``reason`` says why not)."""

    edition: str
    number: str
    title: dict[str, str]
    confidence: str
    checkable: bool
    reason: dict[str, str] | None

    @property
    def citation(self) -> str:
        return f"{standard_code(self.edition)} {self.number}"

    def sort_key(self) -> tuple[int, ...]:
        return tuple(int(part) for part in self.number.split("."))


@functools.cache
def _data() -> dict[str, Any]:
    import yaml_rs

    data: dict[str, Any] = yaml_rs.loads((packs_dir() / "clauses.yaml").read_text(encoding="utf-8"))
    return data


@functools.cache
def clause_map() -> dict[str, dict[str, str | None]]:
    """``{topic: {edition: clause number or None}}`` as shipped."""
    return _data()["topics"]  # type: ignore[no-any-return]


def standard_code(edition: str) -> str:
    """``GB/T 29490-2023``."""
    return str(_data()["standards"][edition]["code"])


def standard_title(edition: str, lang: str = "en") -> str:
    """The edition's full title in ``lang``."""
    return str(_data()["standards"][edition]["title"][lang])


def standard_name(edition: str, lang: str = "en") -> str:
    """Code and title, as a report heading names the standard: ``GB/T 29490-2023 Enterprise …``."""
    return f"{standard_code(edition)} {standard_title(edition, lang)}"


@functools.cache
def clauses(edition: str) -> tuple[Clause, ...]:
    """Every clause of ``edition`` known to the map, in the standard's order."""
    found = [Clause(edition=edition, number=str(number), title={lang: str(entry[lang]) for lang in LANGS},
                    confidence=str(entry["confidence"]), checkable=bool(entry.get("checkable", True)),
                    reason=dict(entry["reason"]) if entry.get("reason") else None)
             for number, entry in _data()["clauses"][edition].items()]
    return tuple(sorted(found, key=Clause.sort_key))


def clause(edition: str, number: str) -> Clause | None:
    """The clause ``number`` of ``edition``, if the map knows it."""
    return next((c for c in clauses(edition) if c.number == number), None)


def clause_title(edition: str, number: str, lang: str = "en") -> str:
    """The title of clause ``number`` of ``edition`` in ``lang`` (empty when the map does not know it)."""
    found = clause(edition, number)
    return found.title[lang] if found else ""


def topic_clause(topic: str, edition: str) -> str | None:
    """The clause number of ``topic`` in ``edition``; None when the edition has no clause for it
    (or the topic is not in the map)."""
    return clause_map().get(topic, {}).get(edition)


def _edition_of(citation: str) -> str | None:
    """The edition a written-out GB/T 29490 citation names (``GB/T 29490-2013 9.3`` -> 2013)."""
    for edition in EDITIONS:
        if citation.startswith(standard_code(edition) + " ") or citation == standard_code(edition):
            return edition
    return None


def citation_label(citation: str, lang: str = "en") -> str:
    """A citation as a report shows it: ``GB/T 29490-2023 9.3 Internal audit``, the clause's
    title in ``lang``; a citation the map does not know (a plugin's standard) as written."""
    edition = _edition_of(citation)
    if edition is None:
        return citation
    title = clause_title(edition, citation.removeprefix(standard_code(edition)).strip(), lang)
    return f"{citation} {title}" if title else citation


def citation_number(citation: str) -> str:
    """The clause number of a GB/T 29490 citation (``9.3``), or the citation as written."""
    edition = _edition_of(citation)
    return citation.removeprefix(standard_code(edition)).strip() if edition else citation


def cite(declared: Iterable[str], edition: str) -> tuple[str, ...]:
    """The citations of ``edition`` for what a rule declares: each topic becomes that edition's
    clause ("GB/T 29490-2023 9.3"), or nothing when it has none; a GB/T 29490 citation written
    out is kept when it is of ``edition``; a citation of guidance (ISO 56005) is dropped; any
    other text (a plugin's own standard) is kept as written."""
    return _cite(tuple(declared), edition)


@functools.lru_cache(maxsize=4096)
def _cite(declared: tuple[str, ...], edition: str) -> tuple[str, ...]:
    """:func:`cite`, worked out once per rule and edition (a check asks for every rule)."""
    known = clause_map()
    out: list[str] = []
    for entry in declared:
        if entry in known:
            number = known[entry].get(edition)
            if number is not None:
                out.append(f"{standard_code(edition)} {number}")
        elif entry.startswith(GUIDANCE_PREFIXES):
            continue
        elif (written := _edition_of(entry)) is None or written == edition:
            out.append(entry)
    return tuple(dict.fromkeys(out))


def cited_numbers(declared: Iterable[str], edition: str) -> tuple[str, ...]:
    """The clause numbers of ``edition`` that :func:`cite` gives (plugin standards left out)."""
    prefix = standard_code(edition) + " "
    return tuple(c.removeprefix(prefix) for c in cite(declared, edition) if c.startswith(prefix))


def unknown_entries(declared: Iterable[str]) -> list[str]:
    """What a rule declares that is neither a topic of the map nor a citation of GB/T 29490 or
    guidance: a mistyped topic, or another standard's citation."""
    known = clause_map()
    return [e for e in declared if e not in known and _edition_of(e) is None and not e.startswith(GUIDANCE_PREFIXES)]


def parse_edition(value: object) -> Edition:
    """An edition from a configuration value (``2023`` read as a number is the edition 2023);
    ValueError naming the editions otherwise."""
    text = str(value).strip()
    for edition in EDITIONS:
        if text == edition:
            return edition
    raise ValueError(f"edition {value!r} is not one of {', '.join(EDITIONS)}")
