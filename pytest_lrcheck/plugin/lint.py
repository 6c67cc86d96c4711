"""``pytest --lrcheck``: every Python file and notebook becomes a test item run by the linter.

In the manner of pytest-ruff and pytest-mypy: `LintCollection` is registered only when the flag
is on; each file yields one item named ``LRCHECK`` (node id ``path::LRCHECK``) carrying the
``lrcheck_lint`` marker, so ``-m lrcheck_lint`` selects the lint items; a failing item prints
the findings as the ``lrcheck`` command does, without a traceback.  Items run the static checker
through its public API, which never imports TensorFlow.  A bug in lrcheck on a file fails its
item with a short message that says so (``--full-trace`` shows the traceback).

Which files: those under the ini option ``lrcheck_paths`` when it is set; otherwise, when
pytest runs its ``testpaths``, the whole project (the rootdir: ``train.py`` beside ``tests/``
too); otherwise every file pytest walks for the arguments it was given.  Paths that pytest's
own walk does not reach are walked too, honouring ``--ignore``, ``collect_ignore`` and
``norecursedirs``.  The linter's own configuration (``[tool.lrcheck]``, found from the rootdir)
applies as it does for the ``lrcheck`` command: its rule selection, ``per-file-ignores`` and
exclusions.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from _pytest._code.code import ExceptionInfo, TerminalRepr

    from pytest_lrcheck.config import Config as LintConfig
    from pytest_lrcheck.lint.findings import Finding
    from pytest_lrcheck.lint.rule import Rule

ITEM_NAME = "LRCHECK"
MARKER = "lrcheck_lint"
PLUGIN_NAME = "lrcheck-lint"
SUFFIXES = frozenset({".py", ".ipynb"})


class LintFailure(Exception):
    """What one file's check reported; shown by `LintItem.repr_failure`, never as a traceback."""

    def __init__(self, findings: Sequence[Finding], internal_errors: Sequence[str] = ()) -> None:
        super().__init__(f"{len(findings)} lrcheck finding(s)")
        self.findings = tuple(findings)
        self.internal_errors = tuple(internal_errors)


INTERNAL_NOTE = (
    "This is a bug in lrcheck, not a finding in your file; please report it with the file "
    "(pytest --full-trace shows the traceback)."
)
PACKAGE = Path(__file__).resolve().parents[1]


def describe_internal_error(error: BaseException, shown: str) -> str:
    """One line: the file, the exception and the line that raised it."""
    where = ""
    traceback = error.__traceback__
    while traceback is not None:
        filename = Path(traceback.tb_frame.f_code.co_filename)
        if filename.is_relative_to(PACKAGE):
            filename = filename.relative_to(PACKAGE.parent)
        else:
            filename = Path(filename.name)
        where = f" (at {filename.as_posix()}:{traceback.tb_lineno})"
        traceback = traceback.tb_next
    return f"{shown}: {type(error).__name__}: {error}{where}"


class LintCollection:
    """The collection plugin behind ``--lrcheck``."""

    def __init__(
        self, config: pytest.Config, paths: Sequence[Path], lint_config: LintConfig
    ) -> None:
        self.config = config
        # Resolved, so that a file is recognised however the walk reached it.
        self.paths = tuple(path.resolve() for path in paths)
        self.lint_config = lint_config
        self._seen: set[Path] = set()
        self._rules: list[Rule] | None = None

    def wants(self, path: Path) -> bool:
        if path.suffix not in SUFFIXES:
            return False
        # As ``ruff --force-exclude``: the configured exclusions hold even for files that
        # pytest was pointed at explicitly.
        if self.lint_config.is_excluded_with_parents(path):
            return False
        if not self.paths:
            return True
        resolved = path.resolve()
        return any(resolved == root or root in resolved.parents for root in self.paths)

    def pytest_collect_file(self, file_path: Path, parent: pytest.Collector) -> LintFile | None:
        if not self.wants(file_path):
            return None
        # pytest also asks about the neighbours of the paths it was given, then drops them:
        # only a file the session keeps counts as linted.
        if not _kept(parent.session, file_path):
            return LintFile.from_parent(parent, path=file_path)
        resolved = file_path.resolve()
        # A symlinked directory (even a loop back up the tree) reaches the same file under many
        # names; lint it once, under the first name the walk met.
        if resolved in self._seen:
            return None
        self._seen.add(resolved)
        return LintFile.from_parent(parent, path=file_path)

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_modifyitems(
        self, session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
    ) -> None:
        # tryfirst: the added items must exist before -m/-k deselection looks at them.
        # genitems reports each new file like any collected one (counts, collection errors).
        linted = {item.path.resolve() for item in items if isinstance(item, LintItem)}
        for path in self._unreached_files(linted):
            items.extend(session.genitems(LintFile.from_parent(session, path=path)))

    def _unreached_files(self, linted: set[Path]) -> Iterator[Path]:
        for root in self.paths:
            for path in sorted(_walk(root, self.config)):
                resolved = path.resolve()
                if resolved not in linted and self.wants(path):
                    linted.add(resolved)
                    yield path

    def rules(self) -> list[Rule]:
        """The rule instances, built once per session and shared by every item."""
        if self._rules is None:
            from pytest_lrcheck.lint.api import make_rules

            self._rules = make_rules(self.lint_config)
        return self._rules


def _kept(session: pytest.Session, path: Path) -> bool:
    """Whether the session collects ``path``: it, or a directory above it, was asked for."""
    return any(session.isinitpath(candidate) for candidate in (path, *path.parents))


def _walk(root: Path, config: pytest.Config) -> Iterable[Path]:
    ignore = config.hook.pytest_ignore_collect
    if root.is_file():
        yield root
        return
    if not root.is_dir():
        return
    for directory, subdirs, files in os.walk(root):
        base = Path(directory)
        subdirs[:] = sorted(
            name for name in subdirs if not ignore(collection_path=base / name, config=config)
        )
        for name in files:
            if not ignore(collection_path=base / name, config=config):
                yield base / name


class LintFile(pytest.File):
    def collect(self) -> Iterable[LintItem]:
        return [LintItem.from_parent(self, name=ITEM_NAME)]


class LintItem(pytest.Item):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.add_marker(MARKER)

    def runtest(self) -> None:
        from pytest_lrcheck.lint.api import check_file

        collection = self.config.pluginmanager.get_plugin(PLUGIN_NAME)
        assert isinstance(collection, LintCollection)
        shown = os.path.relpath(self.path, self.config.invocation_params.dir)
        try:
            result = check_file(
                self.path,
                collection.rules(),
                config=collection.lint_config,
                display=shown,
                follow_imports=collection.lint_config.follow_imports,
            )
        except Exception as error:
            raise LintFailure((), [describe_internal_error(error, shown)]) from error
        if result.findings or result.internal_errors:
            raise LintFailure(list(result.findings), result.internal_errors)

    def repr_failure(
        self,
        excinfo: ExceptionInfo[BaseException],
        style: Any = None,
    ) -> str | TerminalRepr:
        failure = excinfo.value
        if not isinstance(failure, LintFailure) or (
            failure.__cause__ is not None and self.config.getoption("fulltrace")
        ):
            return super().repr_failure(excinfo, style)
        from pytest_lrcheck.output import render

        parts = [render(list(failure.findings), "text").rstrip("\n")] if failure.findings else []
        parts.extend(f"lrcheck internal error: {line}" for line in failure.internal_errors)
        if failure.internal_errors:
            parts.append(INTERNAL_NOTE)
        return "\n".join(parts)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        # The third part heads the failure section (``___ bad.py::LRCHECK ___``).  pytest
        # rewrites dots to ``::`` in a heading that ends the node id (``bad::py::LRCHECK`` in
        # the -v lines); the trailing space keeps it from matching and only widens the centred
        # heading by one space.
        return self.path, None, f"{self.nodeid} "


def register(config: pytest.Config) -> None:
    """Turn on the lint items.  A configuration that cannot be loaded is a usage error, never
    an INTERNALERROR: the user's mistake named as such, anything else called internal."""
    from pytest_lrcheck.config import ConfigError, load_config

    problem: str | None = None
    try:
        lint_config = load_config([config.rootpath])
    except (ConfigError, ValueError) as error:
        problem = f"lrcheck configuration: {error}"
    except Exception as error:
        where = describe_internal_error(error, "internal error")
        problem = (
            f"lrcheck could not load the configuration for {config.rootpath}: {where}; "
            "please report it"
        )
    if problem is not None:
        # Raised outside the except block, so pytest shows no chained traceback.
        raise pytest.UsageError(problem)
    config.pluginmanager.register(
        LintCollection(config, lint_roots(config), lint_config), PLUGIN_NAME
    )


def lint_roots(config: pytest.Config) -> list[Path]:
    """Where lint items come from beyond what pytest collects (see the module's docstring)."""
    configured: list[Path] = list(config.getini("lrcheck_paths") or [])
    if configured:
        return configured
    if config.args_source == pytest.Config.ArgsSource.TESTPATHS:
        return [config.rootpath]
    return []
