"""Following a file's imports of its own project's modules (found by `project.py`).

An imported module's body runs once, when it is first imported, in its own namespace, with the
interpreter that runs the checked file: its functions, classes, models and constants are then
the same values in the importing file (``build_model()`` from ``model.py`` builds its model
there, ``config.LEARNING_RATE`` is the number ``config.py`` wrote).  Its
``if __name__ == "__main__":`` block does not run, as on a real import; its functions that the
checked file never calls are not analysed (their own file's check does that).

Every node of an imported module is remembered with its module (``origins``), so a finding on
it points at that module's file and line; and with the place in the checked file that led there
(``anchors``: the import, or the call into the module), which its message names.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pytest_lrcheck.lint.environment import Environment
from pytest_lrcheck.lint.names import NameResolver
from pytest_lrcheck.lint.project import Project, ProjectModule
from pytest_lrcheck.lint.values import Unknown, Value


@dataclass(eq=False)
class ModuleVal(Value):
    """A project module, as ``import config`` binds it."""

    module: ProjectModule

    def member(self, name: str) -> Value:
        value = self.module.namespace.get(name)
        return value if value is not None else Unknown(f"{self.module.name}.{name}")


class ImportFollower:
    """A mixin of the `Interpreter`: runs the project modules its file imports."""

    env: Environment
    resolver: NameResolver

    def __init__(self, project: Project | None) -> None:
        self.project = project
        self.origins: dict[int, ProjectModule] = {}  # node id -> the imported module it is in
        self.anchors: dict[int, ast.AST] = {}  # node id -> the checked file's node that led there
        self.anchor: ast.AST | None = None  # while running imported code: how it was reached
        self._project_roots: set[str] = set()  # top-level names of imported project modules

    def exec_block(self, body: list[ast.stmt]) -> None:
        raise NotImplementedError

    def is_project_name(self, qualname: str) -> bool:
        """Whether a name resolved through an import names a project module's member: it is
        then the value that module bound, not a library's object."""
        return qualname.partition(".")[0] in self._project_roots

    def skipped_on_import(self, stmt: ast.stmt) -> bool:
        """The ``if __name__ == "__main__":`` block of an imported module."""
        return id(stmt) in self.origins and isinstance(stmt, ast.If) and _is_main_guard(stmt.test)

    def follow_import(self, stmt: ast.Import | ast.ImportFrom) -> None:
        if self.project is None:
            return
        importer = self.origins.get(id(stmt))
        path = importer.path if importer is not None else self.project.file
        depth = importer.depth + 1 if importer is not None else 1
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                self._import(stmt, alias, path, depth)
            return
        name = stmt.module or ""
        source = self._module(stmt, name, stmt.level, path, depth)
        if source is None:
            return
        if not stmt.level:
            self._project_roots.add(name.partition(".")[0])
        for alias in stmt.names:
            if alias.name == "*":
                exported = {k for k in source.module.namespace if not k.startswith("_")}
                for key in exported:
                    self.env.bind(key, source.module.namespace[key])
                if source.module.started and not source.module.running:
                    self.resolver.star_exports(self.env.scope, stmt.lineno, exported)
                continue
            value = source.module.namespace.get(alias.name)
            if value is None:  # ``from pkg import submodule``
                full = f"{name}.{alias.name}" if name else alias.name
                value = self._module(stmt, full, stmt.level, path, depth)
            self.env.bind(alias.asname or alias.name, value or Unknown(f"import {alias.name}"))

    def _import(self, stmt: ast.Import, alias: ast.alias, path: Path, depth: int) -> None:
        """``import a.b.c``: binds ``a`` (or the alias, to ``a.b.c``); each module is an
        attribute of its package."""
        parts = alias.name.split(".")
        chain: list[ModuleVal] = []
        for index in range(len(parts)):
            found = self._module(stmt, ".".join(parts[: index + 1]), 0, path, depth)
            if found is None:
                break
            if chain:
                chain[-1].module.namespace.setdefault(parts[index], found)
            chain.append(found)
        if chain:
            self._project_roots.add(parts[0])  # ``m.build`` resolves to ``model.build``
        if alias.asname is not None:
            if len(chain) == len(parts):
                self.env.bind(alias.asname, chain[-1])
        elif chain:
            self.env.bind(parts[0], chain[0])

    def _module(
        self, stmt: ast.stmt, name: str, level: int, importer: Path, depth: int
    ) -> ModuleVal | None:
        assert self.project is not None
        path = self.project.find(name, level, importer)
        module = self.project.load(path, name, depth) if path is not None else None
        if module is None:
            return None
        if not module.started:
            self._run(module, stmt)
        return ModuleVal(module)

    def _run(self, module: ProjectModule, stmt: ast.stmt) -> None:
        module.started = module.running = True
        tree = module.tree
        self.resolver.add_module(tree)
        for node in ast.walk(tree):
            self.origins[id(node)] = module
        anchor = self.anchor or self.anchors.get(id(stmt), stmt)
        saved, self.anchor = self.anchor, anchor
        try:
            with self.env.function_body():
                self.env.run_in(tree, module.namespace, lambda: self.exec_block(tree.body))
        finally:
            self.anchor = saved
            module.running = False
        for node in _module_level(tree):
            self.anchors.setdefault(id(node), anchor)

    def enter(self, node: ast.AST, call: ast.AST | None) -> ast.AST | None:
        """Before running the body of ``node`` for ``call``: the anchor it had (to give back
        to `leave`).  A call from the checked file into an imported module anchors what runs."""
        saved = self.anchor
        if saved is None and call is not None and id(node) in self.origins:
            self.anchor = self.anchors.get(id(call), call)
        return saved

    def leave(self, nodes: list[ast.AST], saved: ast.AST | None) -> None:
        if self.anchor is not None:
            for node in nodes:
                self.anchors.setdefault(id(node), self.anchor)
        self.anchor = saved


def _is_main_guard(test: ast.expr) -> bool:
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return False
    sides = [test.left, test.comparators[0]]
    names = [s for s in sides if isinstance(s, ast.Name) and s.id == "__name__"]
    texts = [s for s in sides if isinstance(s, ast.Constant) and s.value == "__main__"]
    return isinstance(test.ops[0], ast.Eq) and len(names) == 1 and len(texts) == 1


def _module_level(tree: ast.Module) -> Iterator[ast.AST]:
    """The nodes that run when the module is imported: not the bodies of its functions."""
    pending: list[ast.AST] = list(tree.body)
    while pending:
        node = pending.pop()
        yield node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        pending.extend(ast.iter_child_nodes(node))
