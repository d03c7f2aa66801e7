"""The fixed vocabulary of the outside contract: stages, protection types, severities.

Order matters: reports list stages and protection types in the order given here.
"""

from typing import Literal, get_args

Stage = Literal[
    "startup",
    "diagnosis",
    "system",
    "manual",
    "dissemination",
    "operation",
    "internal-audit",
    "management-review",
]
Protection = Literal["patent", "trademark", "copyright", "trade-secret"]
Severity = Literal["major", "minor", "observation"]
FailOn = Literal["major", "minor", "observation", "never"]

STAGES: tuple[str, ...] = get_args(Stage)
PROTECTIONS: tuple[str, ...] = get_args(Protection)
SEVERITIES: tuple[str, ...] = get_args(Severity)

STAGE_TITLES: dict[str, str] = {
    "startup": "Implementation start-up",
    "diagnosis": "Investigation and diagnosis",
    "system": "System construction",
    "manual": "Manual preparation",
    "dissemination": "Dissemination and publicity",
    "operation": "Implementation and operation",
    "internal-audit": "Internal audit",
    "management-review": "Management review",
}
PROTECTION_TITLES: dict[str, str] = {
    "patent": "Patents",
    "trademark": "Trademarks",
    "copyright": "Copyrights",
    "trade-secret": "Trade secrets",
}

# Rank used for --fail-on and sorting: lower is more severe.
SEVERITY_RANK: dict[str, int] = {"major": 0, "minor": 1, "observation": 2}


def at_or_above(severity: str, threshold: str) -> bool:
    """True when ``severity`` is at least as severe as ``threshold`` (``never`` matches nothing)."""
    if threshold == "never":
        return False
    return SEVERITY_RANK[severity] <= SEVERITY_RANK[threshold]
