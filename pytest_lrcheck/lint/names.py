"""Keras name resolution from a file's own imports, in one cheap pass.

``tf.keras.layers.Dense``, ``keras.layers.Dense``, ``tensorflow.keras.layers.Dense``,
``from keras import layers; layers.Dense`` and ``from tensorflow.keras.layers import Dense as D``
all resolve to the canonical name ``keras.layers.Dense``.

libcst's ``QualifiedNameProvider`` would do this too, but it runs a full scope analysis that costs
more than parsing; a linter for pre-commit cannot pay that on every file.  This pass records, per
scope, which names are bound by imports and which by anything else.  A name bound by both (a local
``class Dense``, a parameter called ``layers``), or imported before a star import, is ambiguous and
resolves to nothing, which makes every rule that needs it stay silent.  A name no scope binds
resolves through a Keras star import (``from keras.layers import *``) when that module exports it
(`keras_vocab.PUBLIC_NAMES`).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from pytest_lrcheck.keras_vocab import PUBLIC_NAMES

Scope = ast.AST  # Module, FunctionDef, AsyncFunctionDef, Lambda, ClassDef or a comprehension

_TRUSTED_STAR_ROOTS = frozenset({"keras", "tensorflow", "tf_keras", "numpy"})
# Builtins the interpreter gives a meaning to, when no scope binds their name.
_BUILTINS = {"len": "builtins.len", "dict": "builtins.dict"}

_SCOPE_NODES = (
    ast.Module,
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.Lambda,
    ast.ClassDef,
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
    ast.GeneratorExp,
)

# Aliases of the Keras namespace, folded onto ``keras.``; longest prefix first.
_KERAS_PREFIXES: tuple[tuple[str, str], ...] = (
    ("tensorflow.compat.v1.keras.", "keras."),
    ("tensorflow.compat.v2.keras.", "keras."),
    ("tensorflow.python.keras.", "keras."),
    ("tensorflow.keras.", "keras."),
    ("tf_keras.src.", "keras."),
    ("tf_keras.", "keras."),
    ("keras.src.", "keras."),
    ("keras.api._v2.keras.", "keras."),
    ("keras.api.", "keras."),
    ("tensorflow.compat.v1.", "tensorflow."),
    ("tensorflow.compat.v2.", "tensorflow."),
)
_EXACT: dict[str, str] = {
    "tensorflow.keras": "keras",
    "tf_keras": "keras",
    "tensorflow.python.keras": "keras",
    "keras.models.Sequential": "keras.Sequential",
    "keras.models.Model": "keras.Model",
    "keras.engine.sequential.Sequential": "keras.Sequential",
    "keras.engine.training.Model": "keras.Model",
    "keras.engine.functional.Functional": "keras.Model",
    "keras.models.sequential.Sequential": "keras.Sequential",
    "keras.models.model.Model": "keras.Model",
    "keras.layers.Input": "keras.Input",
    "keras.engine.input_layer.Input": "keras.Input",
    "keras.layers.core.input_layer.Input": "keras.Input",
    "keras.utils.np_utils.to_categorical": "keras.utils.to_categorical",
    "keras.utils.numerical_utils.to_categorical": "keras.utils.to_categorical",
    "keras.preprocessing.image.load_img": "keras.utils.load_img",
    "keras.preprocessing.image.img_to_array": "keras.utils.img_to_array",
    "keras.preprocessing.image_dataset_from_directory": "keras.utils.image_dataset_from_directory",
    "tensorflow.random.set_seed": "tensorflow.random.set_seed",
    "numpy.core.fromnumeric.argmax": "numpy.argmax",
}
# Keras re-exports one class under several module paths; keep only the public one.
_SUBMODULE_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^keras\.layers\.(?:[a-z_0-9]+\.)+([A-Z]\w*)$"), r"keras.layers.\1"),
    (re.compile(r"^keras\.optimizers\.(?:legacy|experimental)\.(\w+)$"), r"keras.optimizers.\1"),
    (re.compile(r"^keras\.optimizer_v2\.[a-z_0-9]+\.(\w+)$"), r"keras.optimizers.\1"),
    (re.compile(r"^keras\.optimizers\.(?:[a-z_0-9]+\.)+([A-Z]\w*)$"), r"keras.optimizers.\1"),
    (re.compile(r"^keras\.losses\.[a-z_0-9]+\.(\w+)$"), r"keras.losses.\1"),
    (re.compile(r"^keras\.activations\.[a-z_0-9]+\.(\w+)$"), r"keras.activations.\1"),
    (re.compile(r"^keras\.initializers\.[a-z_0-9]+\.([A-Z]\w*)$"), r"keras.initializers.\1"),
    (re.compile(r"^keras\.legacy\.preprocessing\.image\.(\w+)$"), r"keras.preprocessing.image.\1"),
    (re.compile(r"^keras\.datasets\.(\w+)\.\w+\.load_data$"), r"keras.datasets.\1.load_data"),
    (re.compile(r"^tensorflow\.math\.(argmax|sigmoid|softmax|tanh)$"), r"tensorflow.\1"),
    (re.compile(r"^tensorflow\.nn\.(sigmoid|tanh)$"), r"tensorflow.\1"),
)


@lru_cache(maxsize=4096)  # a file spells few names, many times over
def canonical(qualified: str) -> str:
    """Fold the many spellings of one Keras/TensorFlow object onto one name."""
    name = _EXACT.get(qualified, qualified)
    for prefix, replacement in _KERAS_PREFIXES:
        if name.startswith(prefix):
            name = replacement + name[len(prefix) :]
            break
    name = _EXACT.get(name, name)
    for pattern, replacement in _SUBMODULE_FOLDS:
        folded = pattern.sub(replacement, name)
        if folded != name:
            return _EXACT.get(folded, folded)
    return name


@dataclass
class _ScopeInfo:
    parent: Scope | None
    # name -> qualified names it was imported as (several if imported more than once)
    imports: dict[str, set[str]] = field(default_factory=dict)
    import_lines: dict[str, int] = field(default_factory=dict)
    # name -> expressions of module aliases such as ``layers = tf.keras.layers``
    aliases: dict[str, list[ast.expr]] = field(default_factory=dict)
    # names bound by anything else: assignment, def, class, parameter, loop target...
    others: set[str] = field(default_factory=set)
    star_lines: list[int] = field(default_factory=list)
    # Keras/TF star imports: (module as spelled, line); they bind the module's public names.
    star_modules: list[tuple[str, int]] = field(default_factory=list)
    declared_global: set[str] = field(default_factory=set)


class NameResolver:
    """Answers "what Keras/TF/NumPy object does this expression name?" for one module."""

    def __init__(self, tree: ast.Module) -> None:
        self._scopes: dict[Scope, _ScopeInfo] = {}
        self._resolving: set[tuple[int, str]] = set()
        _Collector(self._scopes).collect(tree)
        self.module = tree

    def add_module(self, tree: ast.Module) -> None:
        """Resolve names in another module too (a project module the file imports)."""
        if tree not in self._scopes:
            _Collector(self._scopes).collect(tree)

    def star_exports(self, scope: Scope, line: int, names: set[str]) -> None:
        """The star import at ``line`` was of a project module that binds exactly ``names``:
        they, and no others, are now ambiguous (instead of every import before it)."""
        info = self._scopes.get(scope)
        if info is not None and line in info.star_lines:
            info.star_lines.remove(line)
            info.others.update(names)

    def scope_info_exists(self, scope: Scope) -> bool:
        return scope in self._scopes

    def parent(self, scope: Scope) -> Scope | None:
        return self._scopes[scope].parent

    def is_local(self, name: str, scope: Scope) -> bool:
        """Whether ``name`` is bound (by anything) in ``scope`` itself."""
        info = self._scopes.get(scope)
        if info is None or name in info.declared_global:
            return False
        return name in info.imports or name in info.aliases or name in info.others

    def qualname(self, expr: ast.expr, scope: Scope) -> str | None:
        """The canonical qualified name of a ``Name`` or dotted ``Attribute`` chain, or None."""
        dotted = self.dotted_name(expr, scope)
        return None if dotted is None else canonical(dotted)

    def dotted_name(self, expr: ast.expr, scope: Scope) -> str | None:
        """The qualified name as the file spells it, before `canonical` folds the spellings.

        Some distinctions live only in the spelling: ``tf.keras.optimizers.legacy.Adam`` and
        ``tf.keras.optimizers.Adam`` are one class to the rules, but accept different arguments.
        """
        parts: list[str] = []
        node = expr
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return None
        base = self._resolve_name(node.id, scope)
        if base is None:
            return None
        parts.append(base)
        return ".".join(reversed(parts))

    def _resolve_name(self, name: str, scope: Scope) -> str | None:
        current: Scope | None = scope
        first = True
        while current is not None:
            info = self._scopes[current]
            # Class bodies are not visible from the functions nested in them.
            visible = first or not isinstance(current, ast.ClassDef)
            if visible and name in info.declared_global:
                current = self._root(current)
                first = False
                continue
            if visible and (name in info.imports or name in info.aliases or name in info.others):
                return self._binding(name, current, info)
            first = False
            if info.parent is None:
                return self._star_import(name, current) or _BUILTINS.get(name)
            current = info.parent
        return None

    def _root(self, scope: Scope) -> Scope:
        """The module a scope is in (the checked file, or a project module it imports)."""
        while (parent := self._scopes[scope].parent) is not None:
            scope = parent
        return scope

    def _star_import(self, name: str, scope: Scope) -> str | None:
        """A name no scope binds, from the last Keras star import that exports it."""
        info = self._scopes[scope]
        for module, line in reversed(info.star_modules):
            if name in PUBLIC_NAMES.get(canonical(module), ()):
                if any(star > line for star in info.star_lines):
                    return None  # a later star import of other code may rebind it
                return f"{module}.{name}"
        return None

    def _binding(self, name: str, scope: Scope, info: _ScopeInfo) -> str | None:
        if name in info.others:
            return None
        targets = set(info.imports.get(name, ()))
        key = (id(scope), name)
        if name in info.aliases and key not in self._resolving:
            self._resolving.add(key)
            try:
                for expr in info.aliases[name]:
                    resolved = self.qualname(expr, info.parent or scope)
                    targets.add(resolved if resolved is not None else "")
            finally:
                self._resolving.discard(key)
        if len(targets) != 1 or "" in targets:
            return None
        line = info.import_lines.get(name, 0)
        if any(star > line for star in info.star_lines):
            return None
        return next(iter(targets))


def _is_module_alias(value: ast.expr) -> bool:
    node = value
    if not isinstance(node, ast.Attribute):
        return False
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name)


# Nodes that bind nothing and hold nothing that binds (a name is bound by the statement that
# holds it): not walked, which halves the walk of data-heavy generated files.
_LEAVES = (
    ast.Constant,
    ast.Name,
    ast.expr_context,
    ast.operator,
    ast.unaryop,
    ast.cmpop,
    ast.boolop,
)


class _Collector:
    """One walk of the tree recording each scope's bindings."""

    def __init__(self, scopes: dict[Scope, _ScopeInfo]) -> None:
        self.scopes = scopes

    def collect(self, tree: ast.Module) -> None:
        self.scopes[tree] = _ScopeInfo(parent=None)
        stack: list[tuple[ast.AST, Scope]] = [(child, tree) for child in tree.body]
        while stack:
            node, scope = stack.pop()
            inner = self._visit(node, scope)
            for child in ast.iter_child_nodes(node):
                if not isinstance(child, _LEAVES):
                    stack.append((child, inner(child) if callable(inner) else inner))

    def _new_scope(self, node: Scope, parent: Scope) -> Scope:
        self.scopes[node] = _ScopeInfo(parent=parent)
        return node

    def _visit(self, node: ast.AST, scope: Scope) -> Scope | Callable[[ast.AST], Scope]:
        """Record what ``node`` binds; return the scope of its children (or a function that
        tells each child's scope, for nodes whose defaults and decorators belong outside)."""
        info = self.scopes[scope]
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    self._import(info, alias.asname, alias.name, node.lineno)
                else:
                    top = alias.name.split(".")[0]
                    self._import(info, top, top, node.lineno)
            return scope
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            for alias in node.names:
                if alias.name == "*":
                    # Keras/TF/NumPy star imports export only their own names; any other may
                    # rebind whatever was imported before it.
                    if node.level or module.split(".")[0] not in _TRUSTED_STAR_ROOTS:
                        info.star_lines.append(node.lineno)
                    else:
                        info.star_modules.append((module, node.lineno))
                    continue
                target = f"{module}.{alias.name}" if module and not node.level else ""
                self._import(info, alias.asname or alias.name, target, node.lineno)
            return scope
        if isinstance(node, (ast.Global, ast.Nonlocal)):
            if isinstance(node, ast.Global):
                info.declared_global.update(node.names)
            return scope
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            info.others.add(node.name)
            new = self._new_scope(node, scope)
            if isinstance(node, ast.ClassDef):
                outer = {id(n) for n in (*node.bases, *node.keywords, *node.decorator_list)}
            else:
                self._parameters(node.args, self.scopes[new])
                outer = {id(n) for n in (*node.decorator_list, *_defaults(node.args))}
                if node.returns is not None:
                    outer.add(id(node.returns))
            return lambda child: scope if id(child) in outer else new
        if isinstance(node, ast.Lambda):
            new = self._new_scope(node, scope)
            self._parameters(node.args, self.scopes[new])
            outer = {id(n) for n in _defaults(node.args)}
            return lambda child: scope if id(child) in outer else new
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            new = self._new_scope(node, scope)
            first_iter = id(node.generators[0].iter)
            return lambda child: scope if id(child) == first_iter else new
        if isinstance(node, ast.comprehension):
            self._targets(node.target, info)
            return scope
        if isinstance(node, ast.Assign):
            if (
                len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
                and _is_module_alias(node.value)
            ):
                info.aliases.setdefault(node.targets[0].id, []).append(node.value)
            else:
                for assigned in node.targets:
                    self._targets(assigned, info)
            return scope
        if isinstance(node, (ast.AugAssign, ast.AnnAssign, ast.For, ast.AsyncFor)):
            self._targets(node.target, info)
            return scope
        if isinstance(node, ast.NamedExpr):
            self._targets(node.target, info)
            return scope
        if isinstance(node, ast.withitem) and node.optional_vars is not None:
            self._targets(node.optional_vars, info)
            return scope
        if isinstance(node, ast.ExceptHandler) and node.name:
            info.others.add(node.name)
            return scope
        if isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
            info.others.add(node.name)
        return scope

    @staticmethod
    def _import(info: _ScopeInfo, name: str, target: str, line: int) -> None:
        # A relative import (target "") is a project module: never Keras.
        info.imports.setdefault(name, set()).add(target)
        info.import_lines[name] = max(line, info.import_lines.get(name, 0))

    @staticmethod
    def _parameters(args: ast.arguments, info: _ScopeInfo) -> None:
        for param in (*args.posonlyargs, *args.args, *args.kwonlyargs):
            info.others.add(param.arg)
        for star in (args.vararg, args.kwarg):
            if star is not None:
                info.others.add(star.arg)

    @staticmethod
    def _targets(target: ast.AST, info: _ScopeInfo) -> None:
        # ``obj.attr = v`` and ``obj[i] = v`` bind nothing; only names, possibly unpacked, do.
        pending = [target]
        while pending:
            node = pending.pop()
            if isinstance(node, ast.Name):
                info.others.add(node.id)
            elif isinstance(node, (ast.Tuple, ast.List)):
                pending.extend(node.elts)
            elif isinstance(node, ast.Starred):
                pending.append(node.value)


def _defaults(args: ast.arguments) -> list[ast.expr]:
    defaults = [*args.defaults, *(d for d in args.kw_defaults if d is not None)]
    annotations = [
        a.annotation
        for a in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg)
        if a is not None and a.annotation is not None
    ]
    return [*defaults, *annotations]
