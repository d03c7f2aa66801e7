"""``rule_options`` checked against the rules: a rule id that names no rule, or an option
the rule does not declare, is a configuration error located at its line (exit 2), rather
than a setting that silently does nothing."""

from __future__ import annotations

from collections.abc import Iterable

from ipcheck.config import Config
from ipcheck.findings import Location, Problem
from ipcheck.rules.api import RuleMeta

NO_RULE = "configuration: rule_options: {rule!r} names no rule"
NO_OPTION = "configuration: rule_options.{rule}: rule {rule} has no option {option!r}"
TAKES = "the options of {rule}: {options}"
TAKES_NONE = "rule {rule} takes no options; remove the entry"


def option_problems(metas: Iterable[RuleMeta], config: Config) -> list[Problem]:
    """What is wrong with ``config.rule_options`` given the rules there are (every rule a run
    may have, selected or not). A rule that does not declare its options (``options=None``,
    as plugins written before options were declared) accepts any."""
    from ipcheck.load.build import did_you_mean

    by_id = {meta.id: meta for meta in metas}
    problems: list[Problem] = []
    for rule_id, options in config.rule_options.items():
        meta = by_id.get(rule_id)
        if meta is None:
            problems.append(Problem("config", NO_RULE.format(rule=rule_id), _where(config, (rule_id,)),
                                    hint=did_you_mean(rule_id, by_id) or "see `ipcheck rules`"))
            continue
        names = meta.option_names
        if names is None:
            continue
        for option in options:
            if option not in names:
                hint = did_you_mean(option, names) or (
                    TAKES.format(rule=rule_id, options=", ".join(names)) if names else TAKES_NONE.format(rule=rule_id))
                problems.append(Problem("config", NO_OPTION.format(rule=rule_id, option=option),
                                        _where(config, (rule_id, option)), hint=hint))
    return problems


def _where(config: Config, path: tuple[str, ...]) -> Location:
    line, column = config.option_positions.get(path, (1, 1))
    return Location(config.source or "configuration", line, column)
