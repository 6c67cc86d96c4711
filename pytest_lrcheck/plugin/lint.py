"""``pytest --lrcheck``: every Python file and notebook becomes a test item run by the linter.

In the manner of pytest-ruff and pytest-mypy: `LintCollection` is registered only when the flag
is on; each file yields one item named ``LRCHECK`` (node id ``path::LRCHECK``) carrying the
``lrcheck`` marker, so ``-m lrcheck`` selects the lint items; a failing item prints the findings
as the ``lrcheck`` command does, without a traceback.  Items run the static checker through its
public API, which never imports TensorFlow.

Which files: those under the ini option ``lrcheck_paths`` when it is set, otherwise every file
pytest walks for the given arguments (or ``testpaths``).  Configured paths that the walk does not
reach are walked too, honouring ``--ignore``, ``collect_ignore`` and ``norecursedirs``.  The
linter's own configuration (``[tool.lrcheck]``, found from the rootdir) applies as it does for
the ``lrcheck`` command: its rule selection, ``per-file-ignores`` and exclusions.
"""

from __future__ import annotations

import dataclasses
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
MARKER = "lrcheck"
PLUGIN_NAME = "lrcheck-lint"
SUFFIXES = frozenset({".py", ".ipynb"})


class LintFailure(Exception):
    """What one file's check reported; shown by `LintItem.repr_failure`, never as a traceback."""

    def __init__(self, findings: Sequence[Finding], internal_errors: Sequence[str] = ()) -> None:
        super().__init__(f"{len(findings)} lrcheck finding(s)")
        self.findings = tuple(findings)
        self.internal_errors = tuple(internal_errors)


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
        for path in self._unreached_files():
            items.extend(session.genitems(LintFile.from_parent(session, path=path)))

    def _unreached_files(self) -> Iterator[Path]:
        for root in self.paths:
            for path in sorted(_walk(root, self.config)):
                resolved = path.resolve()
                if resolved not in self._seen and self.wants(path):
                    self._seen.add(resolved)
                    yield path

    def rules(self) -> list[Rule]:
        """The rule instances, built once per session and shared by every item."""
        if self._rules is None:
            from pytest_lrcheck.lint.api import make_rules

            self._rules = make_rules(self.lint_config)
        return self._rules


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
        result = check_file(self.path, collection.rules(), config=collection.lint_config)
        if result.findings or result.internal_errors:
            shown = os.path.relpath(self.path, self.config.invocation_params.dir)
            findings = [dataclasses.replace(f, path=shown) for f in result.findings]
            raise LintFailure(findings, result.internal_errors)

    def repr_failure(
        self,
        excinfo: ExceptionInfo[BaseException],
        style: Any = None,
    ) -> str | TerminalRepr:
        failure = excinfo.value
        if not isinstance(failure, LintFailure):
            return super().repr_failure(excinfo, style)
        from pytest_lrcheck.output import render

        parts = [render(list(failure.findings), "text").rstrip("\n")] if failure.findings else []
        parts.extend(f"lrcheck internal error: {line}" for line in failure.internal_errors)
        return "\n".join(parts)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        # The third part heads the failure section (``___ bad.py::LRCHECK ___``).  pytest
        # rewrites dots to ``::`` in a heading that ends the node id (``bad::py::LRCHECK`` in
        # the -v lines); the trailing space keeps it from matching and only widens the centred
        # heading by one space.
        return self.path, None, f"{self.nodeid} "


def register(config: pytest.Config) -> None:
    """Turn on the lint items; a broken ``[tool.lrcheck]`` configuration is a usage error."""
    from pytest_lrcheck.config import load_config

    problem: str | None = None
    try:
        lint_config = load_config([config.rootpath])
    except ValueError as error:
        problem = f"lrcheck configuration: {error}"
    if problem is not None:
        raise pytest.UsageError(problem)
    paths: list[Path] = list(config.getini("lrcheck_paths") or [])
    config.pluginmanager.register(LintCollection(config, paths, lint_config), PLUGIN_NAME)
