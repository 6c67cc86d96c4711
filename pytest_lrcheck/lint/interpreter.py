"""The abstract interpreter: runs a module's statements in source order over abstract values.

A ``Sequential`` grows with each ``.add``, a functional graph with each layer call, an array
collects the operations done to it through assignments and tuple unpacking.  A function's body
is interpreted at each call with that call's arguments (`arguments.py`), so a model built in
``build_model()`` and trained at module level is one model, and a helper called with two
learning rates is judged on each; functions nobody calls are interpreted once at the end, with
unknown parameters.  Branches and loops are followed once (`environment.py`).

This module only walks, binds and dispatches: what a call does is decided by the handlers in
`handlers.py`, which see the interpreter through the `Evaluator` protocol and never import it.
"""

from __future__ import annotations

import ast

from pytest_lrcheck.lint import classes, containers
from pytest_lrcheck.lint.arguments import escape, leaves_early
from pytest_lrcheck.lint.calls import FunctionCalls
from pytest_lrcheck.lint.data_ops import binop, subscript, unary, unpack
from pytest_lrcheck.lint.environment import Environment
from pytest_lrcheck.lint.folding import UNKNOWN, truth
from pytest_lrcheck.lint.handlers import METHOD_HANDLERS, call_handler
from pytest_lrcheck.lint.imports import ImportFollower, ModuleVal
from pytest_lrcheck.lint.keras_models import attribute, call_value
from pytest_lrcheck.lint.names import NameResolver
from pytest_lrcheck.lint.project import Project
from pytest_lrcheck.lint.syntax import parameters
from pytest_lrcheck.lint.values import (
    Block,
    CallSite,
    Const,
    DataVal,
    FunctionVal,
    LayerVal,
    MethodCall,
    ModelFact,
    ModelVal,
    OptimizerFact,
    TupleVal,
    Unknown,
    Value,
    merge_data,
)

_BRANCHING: tuple[type[ast.stmt], ...] = (
    ast.If, ast.For, ast.AsyncFor, ast.While, ast.Try, ast.Match
)  # fmt: skip
if hasattr(ast, "TryStar"):  # Python 3.11+
    _BRANCHING = (*_BRANCHING, ast.TryStar)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
MAX_UNROLLED = 8  # items of a literal sequence a ``for`` loop is unrolled over


class Interpreter(ImportFollower, FunctionCalls):
    """Runs one module; afterwards its attributes hold what it recorded (see `facts.FileFacts`)."""

    def __init__(
        self, tree: ast.Module, resolver: NameResolver, project: Project | None = None
    ) -> None:
        self.tree = tree
        self.resolver = resolver
        self.env = Environment(tree, resolver)
        self.models: list[ModelFact] = []
        self.optimizers: list[OptimizerFact] = []
        self.calls: list[CallSite] = []
        self.method_calls: list[MethodCall] = []
        # The value of every expression evaluated, by ``id`` of its node.
        self.values: dict[int, Value] = {}
        self._functions: list[FunctionVal] = []
        self._unrolling = 0  # loops being unrolled, nested
        FunctionCalls.__init__(self, tree.body[-1].end_lineno or 0 if tree.body else 0)
        ImportFollower.__init__(self, project)

    # --- the Evaluator protocol, for the handlers ----------------------------------------------
    @property
    def conditional(self) -> bool:
        return self.env.conditional

    @property
    def blocks(self) -> tuple[Block, ...]:
        return self.env.blocks

    def qualname(self, expr: ast.expr) -> str | None:
        name = self.resolver.qualname(expr, self.env.scope)
        return None if name is not None and self.is_project_name(name) else name

    def add_model(self, model: ModelFact) -> None:
        self.models.append(model)

    def add_optimizer(self, optimizer: OptimizerFact) -> None:
        self.optimizers.append(optimizer)

    # --- statements ----------------------------------------------------------------------------
    def run(self) -> None:
        self.exec_block(self.tree.body)
        # Functions nobody called (methods, entry points) still hold models worth checking;
        # the list grows while it is walked, with the functions defined in those bodies.
        for function in self._functions:
            # An imported module's functions are analysed by its own file's check.
            if not function.analysed and id(function.node) not in self.origins:
                self.analyse_function(function)

    def exec_block(self, body: list[ast.stmt]) -> None:
        for statement in body:
            self.exec_stmt(statement)

    def exec_stmt(self, stmt: ast.stmt) -> None:
        if isinstance(stmt, ast.Assign):
            value = self.eval(stmt.value)
            for target in stmt.targets:
                self.bind_target(target, value)
        elif isinstance(stmt, ast.AnnAssign):
            if stmt.value is not None:
                self.bind_target(stmt.target, self.eval(stmt.value))
        elif isinstance(stmt, ast.AugAssign):
            self._aug_assign(stmt)
        elif isinstance(stmt, ast.Expr):
            self.eval(stmt.value)
        elif isinstance(stmt, ast.Return):
            value = self.eval(stmt.value) if stmt.value is not None else Const(None, stmt)
            if self._returns is not None:
                self._returns.append(value)
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            kw_defaults = [d for d in stmt.args.kw_defaults if d is not None]
            for expr in (*stmt.decorator_list, *stmt.args.defaults, *kw_defaults):
                self.eval(expr)
            function = FunctionVal(node=stmt, scope=self.env.scope)
            self._functions.append(function)
            self.env.bind(stmt.name, function if not stmt.decorator_list else Unknown("decorated"))
        elif isinstance(stmt, ast.ClassDef):
            bases = [self.eval(expr) for expr in stmt.bases]
            decorators = [
                classes.decorator_name(self.resolver, d, self.env.scope)
                for d in stmt.decorator_list
            ]
            namespace: dict[str, Value] = {}
            self.env.run_in(stmt, namespace, lambda: self.exec_block(stmt.body))
            self.env.bind(stmt.name, classes.class_value(stmt, namespace, bases, decorators))
        elif isinstance(stmt, (ast.For, ast.AsyncFor)) and self._unrolled(stmt):
            pass
        elif isinstance(stmt, ast.If) and (taken := self._settled(stmt.test)) is not None:
            self.exec_block(stmt.body if taken else stmt.orelse)  # the other way never runs
        elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
            self.follow_import(stmt)
        elif self.skipped_on_import(stmt):
            pass
        elif isinstance(stmt, _BRANCHING):
            with self.env.branch():
                self._branching(stmt)
        elif isinstance(stmt, (ast.With, ast.AsyncWith)):
            for item in stmt.items:
                self.eval(item.context_expr)
                if item.optional_vars is not None:
                    self.bind_target(item.optional_vars, Unknown("with"))
            self.exec_block(stmt.body)
        elif isinstance(stmt, ast.Delete):
            for target in stmt.targets:
                self.bind_target(target, Unknown("deleted"))
        else:
            for child in ast.iter_child_nodes(stmt):
                if isinstance(child, ast.expr):
                    self.eval(child)

    def _branching(self, stmt: ast.stmt) -> None:
        if isinstance(stmt, (ast.For, ast.AsyncFor)):
            self.bind_target(stmt.target, containers.element_of(self.eval(stmt.iter)))
        elif isinstance(stmt, (ast.If, ast.While)):
            self.eval(stmt.test)
        elif isinstance(stmt, ast.Match):
            self.eval(stmt.subject)
            for index, case in enumerate(stmt.cases):
                self._exec_part(stmt, f"case {index}", case.body)
        for name in ("body", "orelse", "finalbody"):
            self._exec_part(stmt, name, getattr(stmt, name, []))
        for index, handler in enumerate(getattr(stmt, "handlers", [])):
            if handler.name:
                self.env.bind(handler.name, Unknown("exception"))
            self._exec_part(stmt, f"handler {index}", handler.body)

    def _settled(self, test: ast.expr) -> bool | None:
        """Whether an ``if`` surely runs its body (True) or its ``else`` (False), from the
        constants its test compares (a parameter's value in this call); None: either."""
        self.eval(test)
        known = self.values.get
        return truth(test, lambda e: v.value if isinstance(v := known(id(e)), Const) else UNKNOWN)

    def _unrolled(self, stmt: ast.For | ast.AsyncFor) -> bool:
        """``for units in (128, 64):`` runs its body once per item, each surely: a model
        grows by every pass.  Only short literal sequences, in loops that cannot stop early,
        two deep at most; any other loop is followed once, as a branch."""
        items = self.eval(stmt.iter)
        if not (isinstance(items, TupleVal) and 1 < len(items.items) <= MAX_UNROLLED):
            return False
        if self._unrolling >= 2 or leaves_early(stmt.body):
            return False
        body = self.body_of(stmt)
        if not self.run_again(body, len(items.items) - 1):
            return False
        self._unrolling += 1
        try:
            for index, item in enumerate(items.items):
                if index:  # values recorded by the previous pass belong to another item
                    for inner in body:
                        self.values.pop(id(inner), None)
                self.bind_target(stmt.target, item)
                self.exec_block(stmt.body)
            self.exec_block(stmt.orelse)
        finally:
            self._unrolling -= 1
        return True

    def _exec_part(self, stmt: ast.AST, part: str, body: list[ast.stmt]) -> None:
        with self.env.block(stmt, part):
            self.exec_block(body)

    def _aug_assign(self, stmt: ast.AugAssign) -> None:
        operand = self.eval(stmt.value)
        if isinstance(stmt.target, ast.Name):
            old = self.env.lookup(stmt.target.id)
            self.env.bind(stmt.target.id, binop(self, stmt, old, stmt.op, operand))
        else:
            self.bind_target(stmt.target, Unknown("augmented subscript"))

    # --- binding -------------------------------------------------------------------------------
    def bind_target(self, target: ast.expr, value: Value) -> None:
        self.values[id(target)] = value
        if isinstance(target, ast.Name):
            self.env.bind(target.id, value)
        elif isinstance(target, (ast.Tuple, ast.List)):
            items = unpack(value, len(target.elts))
            if items is None or any(isinstance(e, ast.Starred) for e in target.elts):
                items = tuple(Unknown("unpacked") for _ in target.elts)
            for element, item in zip(target.elts, items, strict=True):
                self.bind_target(element, item)
        elif isinstance(target, ast.Starred):
            self.bind_target(target.value, Unknown("starred"))
        elif isinstance(target, ast.Attribute) and isinstance(
            owner := self.eval(target.value), classes.InstanceVal
        ):
            owner.set(target.attr, value, conditional=self.conditional)
        elif isinstance(target, ast.Subscript) and containers.set_item(
            self.eval(target.value), self.eval(target.slice), value, conditional=self.conditional
        ):
            pass  # ``cfg["lr"] = 0.1``
        elif isinstance(target, (ast.Subscript, ast.Attribute)):
            self._mutate(target)

    def _mutate(self, target: ast.Subscript | ast.Attribute) -> None:
        """``x[mask] = 0`` or ``model.layers[-1].activation = ...``: what it held is now unknown."""
        self.eval(target.value)
        if isinstance(target, ast.Subscript):
            self.eval(target.slice)
        root = target.value
        while isinstance(root, (ast.Subscript, ast.Attribute)):
            root = root.value
        if not isinstance(root, ast.Name):
            return
        held = self.env.lookup(root.id)
        if isinstance(held, DataVal):
            self.env.bind(root.id, held.incomplete(target))
        elif isinstance(held, ModelVal):
            held.model.complete = False
            held.model.head_known = False

    # --- expressions ---------------------------------------------------------------------------
    def eval(self, expr: ast.expr) -> Value:
        key = id(expr)
        known = self.values.get(key)
        if known is not None:
            return known
        value = self._eval(expr)
        self.values[key] = value
        return value

    def _eval(self, expr: ast.expr) -> Value:
        if isinstance(expr, ast.Constant):
            return Const(expr.value, expr)
        if isinstance(expr, ast.Name):
            return self.env.lookup(expr.id)
        if isinstance(expr, (ast.Tuple, ast.List)):
            return TupleVal(tuple(self.eval(e) for e in expr.elts))
        if isinstance(expr, ast.Dict):
            return containers.dict_literal(self, expr)
        if isinstance(expr, ast.Call):
            return self._call(expr)
        if isinstance(expr, ast.BinOp):
            return binop(self, expr, self.eval(expr.left), expr.op, self.eval(expr.right))
        if isinstance(expr, ast.UnaryOp):
            return unary(self, expr, self.eval(expr.operand))
        if isinstance(expr, ast.Attribute):
            base = self.eval(expr.value)
            if isinstance(base, classes.InstanceVal):
                return base.attribute(expr.attr)
            if isinstance(base, ModuleVal):
                return base.member(expr.attr)
            return attribute(self, expr, base)
        if isinstance(expr, ast.Subscript):
            return subscript(self, expr, self.eval(expr.value), self.eval(expr.slice))
        if isinstance(expr, ast.IfExp):
            self.eval(expr.test)
            body, orelse = self.eval(expr.body), self.eval(expr.orelse)
            if isinstance(body, DataVal) and isinstance(orelse, DataVal):
                return merge_data(body, orelse)
            return Unknown("conditional expression")
        if isinstance(expr, ast.NamedExpr):
            value = self.eval(expr.value)
            self.bind_target(expr.target, value)
            return value
        if isinstance(expr, ast.Lambda):
            lambda_ = expr
            params: dict[str, Value] = {
                a.arg: Unknown("lambda parameter") for a in parameters(lambda_.args)
            }
            for default in lambda_.args.defaults:
                self.eval(default)
            self.env.run_in(lambda_, params, lambda: self._eval_discarded(lambda_.body))
            return Unknown("lambda")
        if isinstance(expr, _COMPREHENSIONS):
            element = self._comprehension(expr)
            return containers.EachVal(element) if isinstance(expr, ast.ListComp) else element
        for child in ast.iter_child_nodes(expr):
            if isinstance(child, ast.expr):
                self.eval(child)
        return Unknown(type(expr).__name__)

    def _eval_discarded(self, expr: ast.expr) -> None:
        self.eval(expr)

    def _comprehension(
        self, expr: ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp
    ) -> Value:
        """Evaluate the comprehension once; the value of its element (unknown for dicts)."""
        self.eval(expr.generators[0].iter)

        def body() -> None:
            for index, generator in enumerate(expr.generators):
                if index:
                    self.eval(generator.iter)
                self.bind_target(generator.target, containers.element_of(self.eval(generator.iter)))
                for condition in generator.ifs:
                    self.eval(condition)
            parts = (expr.key, expr.value) if isinstance(expr, ast.DictComp) else (expr.elt,)
            for part in parts:
                self.eval(part)

        with self.env.branch(), self.env.block(expr, "comprehension"):
            self.env.run_in(expr, {}, body)
        if isinstance(expr, ast.DictComp):
            return Unknown("dict comprehension")
        return self.values.get(id(expr.elt)) or Unknown("comprehension")

    def _call(self, call: ast.Call) -> Value:
        qualname = self.qualname(call.func)
        receiver: Value | None = None
        if qualname is None:
            callee = call.func
            receiver = self.eval(callee.value if isinstance(callee, ast.Attribute) else callee)
        args = [self.eval(a.value if isinstance(a, ast.Starred) else a) for a in call.args]
        kwargs: dict[str, Value] = {}
        for keyword in call.keywords:
            value = self.eval(keyword.value)
            if keyword.arg is not None:
                kwargs[keyword.arg] = value
            elif isinstance(value, containers.DictVal) and value.complete:
                kwargs.update(value.items)  # ``**config``: its keys are the keywords
        if qualname is not None:
            self.calls.append(CallSite(qualname, call, self.env.scope))
            handler = call_handler(qualname)
            if handler is not None:
                return handler(self, call, qualname, args, kwargs)
            escape(args, kwargs)
            return Unknown(f"call to {qualname}")
        assert receiver is not None
        if isinstance(call.func, ast.Attribute) and isinstance(receiver, ModuleVal):
            receiver = receiver.member(call.func.attr)  # ``model.build(...)``: a function
        elif isinstance(call.func, ast.Attribute):
            method = call.func.attr
            own = classes.method(receiver, method)
            if own is not None:
                return self.call_function(own, call, args, kwargs, receiver)
            self.method_calls.append(MethodCall(receiver, method, call))
            for method_handler in METHOD_HANDLERS:
                result = method_handler(self, call, receiver, method, args, kwargs)
                if result is not None:
                    return result
            escape(args, kwargs)
            return Unknown(f"method {method}")
        if isinstance(receiver, FunctionVal):
            return self.call_function(receiver, call, args, kwargs)
        if isinstance(receiver, classes.ClassVal):
            return classes.instantiate(
                receiver, call, args, kwargs, lambda init, obj: self.call_function(*init, obj)
            )
        if not isinstance(receiver, (LayerVal, ModelVal)):
            escape(args, kwargs)
        return call_value(self, call, receiver, args, kwargs)
