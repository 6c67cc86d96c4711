"""The pytest11 entry point of pytest-lrcheck.

pytest imports this in every session of every project that has the package installed, the
lint-only install included, so it stays small: it declares the options and, at start-up,
registers the plugin proper (`pytest_lrcheck.plugin.hooks`).  Nothing here or there imports
TensorFlow, NumPy or libcst at module level.

pytest is not a dependency of the lint-only install, so this may meet a pytest older than the
plugin supports: then the plugin stays off, and asking for it (an lrcheck option, the
``lrcheck`` fixture) is a one-line error saying what to upgrade.
"""

from __future__ import annotations

import pytest

from pytest_lrcheck.plugin.options import SESSION_SPECS, SPECS, add_options

MIN_PYTEST = (8, 0)
HOOKS_NAME = "lrcheck-hooks"


def pytest_addoption(parser: pytest.Parser) -> None:
    add_options(parser)


def pytest_configure(config: pytest.Config) -> None:
    if not supported(pytest.version_tuple):
        if _asked_for(config):
            raise pytest.UsageError(unsupported_message())
        config.pluginmanager.register(_Unsupported(), HOOKS_NAME)
        return
    from pytest_lrcheck.plugin import hooks

    config.pluginmanager.register(hooks, HOOKS_NAME)


def supported(version: tuple[int | str, ...]) -> bool:
    return tuple(int(part) for part in version[:2] if isinstance(part, int)) >= MIN_PYTEST


def unsupported_message() -> str:
    need = ".".join(map(str, MIN_PYTEST))
    return (
        f"pytest-lrcheck's plugin needs pytest {need} or later, found {pytest.__version__}: "
        f"pip install 'pytest>={need}'"
    )


def _asked_for(config: pytest.Config) -> bool:
    specs = (*SESSION_SPECS, *SPECS)
    return any(config.getoption(spec.dest) for spec in specs) or any(
        config.getini(spec.ini_name) not in (None, "") for spec in specs
    )


class _Unsupported:
    """Stands in for the plugin on a pytest it does not support."""

    @pytest.fixture
    def lrcheck(self) -> None:
        pytest.fail(unsupported_message(), pytrace=False)
