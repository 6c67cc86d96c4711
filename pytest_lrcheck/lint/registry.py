"""Rule discovery: every `Rule` subclass in the modules of ``pytest_lrcheck.lint.rules``."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from types import MappingProxyType

from pytest_lrcheck.lint import rules as rules_package
from pytest_lrcheck.lint.rule import Rule


@cache
def all_rules() -> MappingProxyType[str, type[Rule]]:
    """Rule classes by code, sorted by code."""
    found: dict[str, type[Rule]] = {}
    for module_info in pkgutil.iter_modules(rules_package.__path__):
        module = importlib.import_module(f"{rules_package.__name__}.{module_info.name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Rule)
                and value is not Rule
                and value.__module__ == module.__name__
            ):
                if value.code in found:
                    raise RuntimeError(f"{value.code} is defined twice: {module.__name__}")
                found[value.code] = value
    return MappingProxyType(dict(sorted(found.items())))


# LRC000 has no module: the engine reports it for files it cannot read or parse.
UNREADABLE = ("LRC000", "unreadable-file")


def rule_names() -> dict[str, str]:
    """Every static code (including LRC000) with its name."""
    return {UNREADABLE[0]: UNREADABLE[1], **{c: r.name for c, r in all_rules().items()}}
