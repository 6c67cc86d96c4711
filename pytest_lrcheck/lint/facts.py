"""What one file says about its models and data, computed once and shared by every rule.

`build_facts` runs the abstract interpreter (`interpreter.py`) over a module; `FileFacts` is what
it recorded: the models with their layers, compiles and fits, the optimizers, every resolved call
and method call, and the abstract value of every expression it evaluated.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field

from pytest_lrcheck.lint.interpreter import Interpreter
from pytest_lrcheck.lint.names import NameResolver
from pytest_lrcheck.lint.project import Project, ProjectModule
from pytest_lrcheck.lint.values import CallSite, MethodCall, ModelFact, OptimizerFact, Value

__all__ = ["FileFacts", "build_facts"]


@dataclass
class FileFacts:
    tree: ast.Module
    resolver: NameResolver
    models: list[ModelFact] = field(default_factory=list)
    optimizers: list[OptimizerFact] = field(default_factory=list)
    calls: list[CallSite] = field(default_factory=list)
    method_calls: list[MethodCall] = field(default_factory=list)
    values: dict[int, Value] = field(default_factory=dict)
    # Nodes of the project modules the file imports (`imports.py`): their module, and the
    # node of this file that led there.
    origins: dict[int, ProjectModule] = field(default_factory=dict)
    anchors: dict[int, ast.AST] = field(default_factory=dict)

    def value_of(self, expr: ast.AST | None) -> Value | None:
        """The abstract value an expression evaluated to, if the interpreter reached it."""
        return None if expr is None else self.values.get(id(expr))

    def calls_to(self, *qualnames: str) -> Iterator[CallSite]:
        wanted = set(qualnames)
        return (c for c in self.calls if c.qualname in wanted)


def build_facts(
    tree: ast.Module, resolver: NameResolver | None = None, project: Project | None = None
) -> FileFacts:
    """``project``: where the file's imports of its own project are found (None: not followed)."""
    resolver = resolver or NameResolver(tree)
    interpreter = Interpreter(tree, resolver, project)
    interpreter.run()
    return FileFacts(
        tree=tree,
        resolver=resolver,
        models=interpreter.models,
        optimizers=interpreter.optimizers,
        calls=interpreter.calls,
        method_calls=interpreter.method_calls,
        values=interpreter.values,
        origins=interpreter.origins,
        anchors=interpreter.anchors,
    )
