"""The same defect reported twice: findings of two rules that describe one defect of one
item, shown as the one finding an auditor raises.

The pairs of rules are data (``same_defect.yaml``). Findings of a pair about the same
declared item merge into the most severe of them (ties: the rule listed first): it keeps its
rule id, location, fingerprint and protection type (and the stage of another when it has
none), and gains the other findings' rule ids
and fingerprints (:attr:`~ipcheck.findings.Finding.also`), clauses, statements and
corrective actions. A finding with a protection type never merges into one without it.
Findings that merge with nothing are returned unchanged, fingerprints included.
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

import yaml_rs

from ipcheck.findings import Finding
from ipcheck.vocabulary import SEVERITY_RANK

STATEMENT_JOIN = {"en": "; ", "zh-CN": "；"}
"""Between two statements of one merged finding."""
ACTION_JOIN = {"en": " ", "zh-CN": ""}
"""Between two corrective actions of one merged finding (each ends its own sentence)."""


@functools.cache
def same_defect_pairs() -> tuple[tuple[str, str], ...]:
    """The pairs of rule ids that report one defect, in the order of ``same_defect.yaml``."""
    data = yaml_rs.loads((Path(__file__).parent / "same_defect.yaml").read_text(encoding="utf-8"))
    return tuple((entry["rules"][0], entry["rules"][1]) for entry in data)


def _rank(pairs: tuple[tuple[str, str], ...]) -> dict[str, int]:
    """Each rule's place in the pairs (the first listed leads a tie)."""
    order: dict[str, int] = {}
    for pair in pairs:
        for rule in pair:
            order.setdefault(rule, len(order))
    return order


def _joins(head: Finding, other: Finding, pairs: frozenset[frozenset[str]]) -> bool:
    return frozenset((head.rule, other.rule)) in pairs and other.protection in (None, head.protection)


def _merged(head: Finding, others: list[Finding], lang: str) -> Finding:
    clauses = list(head.clauses)
    clauses += [c for f in others for c in f.clauses if c not in clauses]
    evidence = list(head.evidence)
    evidence += [e for f in others for e in f.evidence if e not in evidence]
    return dataclasses.replace(
        head,
        message=STATEMENT_JOIN.get(lang, "; ").join([head.message, *(f.message for f in others)]),
        corrective_action=ACTION_JOIN.get(lang, " ").join([head.corrective_action,
                                                          *(f.corrective_action for f in others)]),
        clauses=tuple(dict.fromkeys(clauses)),
        stage=head.stage or next((f.stage for f in others if f.stage), None),
        evidence=tuple(evidence),
        also=tuple((f.rule, f.fingerprint) for f in others),
    )


def merge_same_defects(findings: list[Finding], lang: str = "en",
                       pairs: tuple[tuple[str, str], ...] | None = None) -> list[Finding]:
    """``findings`` with each group of findings that report one defect of one item (see the
    module's text) replaced by one merged finding, in the place of its first member."""
    pairs = same_defect_pairs() if pairs is None else pairs
    paired = {rule for pair in pairs for rule in pair}
    by_subject: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.subject is not None and finding.rule in paired:
            by_subject.setdefault(finding.subject, []).append(finding)
    rank, pair_sets = _rank(pairs), frozenset(frozenset(p) for p in pairs)
    position = {id(f): i for i, f in enumerate(findings)}
    replaced: dict[int, Finding | None] = {}
    for group in by_subject.values():
        if len(group) < 2:
            continue
        group = sorted(group, key=lambda f: (SEVERITY_RANK[f.severity], rank[f.rule], f.fingerprint))
        clusters: list[list[Finding]] = []
        for finding in group:
            cluster = next((c for c in clusters if _joins(c[0], finding, pair_sets)), None)
            if cluster is None:
                clusters.append([finding])
            else:
                cluster.append(finding)
        for head, *others in clusters:
            if not others:
                continue
            members = [head, *others]
            first = min(position[id(f)] for f in members)
            replaced.update({id(f): None for f in members})
            replaced[id(findings[first])] = _merged(head, others, lang)
    return [replaced.get(id(f), f) for f in findings if replaced.get(id(f), f) is not None]
