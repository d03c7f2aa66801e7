"""Built-in Python rules: checks that need more than a declarative pack can say.

Each module below ``ipcheck.rules.builtin`` defines rules with :func:`ipcheck.rules.api.rule`;
this module gathers them into ``RULES``.
"""

from __future__ import annotations

from ipcheck.rules.api import Rule
from ipcheck.rules.builtin import protection
from ipcheck.rules.builtin import cross, run
from ipcheck.rules.builtin import plan

RULES: list[Rule] = []
RULES.extend(protection.RULES)
RULES.extend(run.RULES + cross.RULES)
RULES.extend(plan.RULES)
