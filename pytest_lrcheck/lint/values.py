"""Abstract values: what the linter knows an expression evaluates to.

The interpreter (`interpreter.py`) evaluates each statement once, in source order, into these
values.  Anything it cannot follow becomes an `Unknown`, and rules treat unknowns as "say nothing".
`Unknown` is deliberately not a singleton: two reads of the same unknown binding give the same
object, so identity still tells "the same data" apart from "other data".
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field, replace

from pytest_lrcheck.keras_vocab import ACTIVATION_LAYERS, PASSTHROUGH_LAYERS

# A branch or loop being run: (the statement, its part: "body", "orelse", "handler 0"...).
Block = tuple[ast.AST, str]


class Value:
    """Base of every abstract value."""


@dataclass(eq=False)
class Unknown(Value):
    reason: str = ""


@dataclass(frozen=True, eq=False)
class Const(Value):
    value: object
    node: ast.AST  # the literal, or the expression folded into it
    # The call that handed the literal to a function's parameter (or omitted it, so that its
    # default applies), or the ``cfg["lr"]`` / ``args.lr`` that read it out of a container:
    # rules judging it where it is used name this place.
    via: ast.expr | None = None


@dataclass(eq=False)
class TupleVal(Value):
    items: tuple[Value, ...]


# --- data --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Source:
    """Where an array comes from.

    ``kind``: ``dataset`` (``keras.datasets.X.load_data``), ``images`` (files decoded to
    pixels), ``image_generator`` (``ImageDataGenerator`` flows), ``generated`` (NumPy random,
    literals), ``bundled`` (a scikit-learn ``load_*`` table), ``prediction``.  ``role``: ``x``
    or ``y``; ``split``: ``train``/``test``.
    """

    kind: str
    name: str = ""
    role: str = ""
    split: str = ""
    line: int = 0
    # For ``generated`` arrays: the length of the first axis when the shape is literal and has
    # at least two axes, i.e. how many samples the array holds.
    rows: int | None = None


@dataclass(frozen=True)
class Op:
    """A transformation applied to data.

    ``kind``: ``scale`` (any arithmetic normalisation), ``one_hot``, ``integer`` (argmax or a
    label encoder), ``reshape``, ``cast``, ``select`` (slicing), ``split``, ``unknown``.
    """

    kind: str
    detail: str = ""
    line: int = 0
    number: float | None = None  # e.g. the divisor, or the class count of ``to_categorical``
    # Where the expression applying it ends, (line, column): a step's result is used only by
    # code that ends later, so this orders steps on one line (``to_categorical(enc.fit(y))``),
    # and it tells apart look-alike steps on one line (``a, b = x[:80], x[80:]``).
    end: tuple[int, int] | None = None

    def order(self) -> tuple[int, int]:
        return self.end if self.end is not None else (self.line, 0)


@dataclass(frozen=True, eq=False)
class DataVal(Value):
    """An array or dataset with its provenance.

    ``may`` holds the operations applied on at least one path to this point, ``must`` those
    applied on every path.  ``complete`` is False when a step could not be followed (a call
    into user code, a subscript assignment...): then rules may not claim that something did
    *not* happen.
    """

    sources: frozenset[Source]
    may: frozenset[Op] = frozenset()
    must: frozenset[Op] = frozenset()
    complete: bool = True
    node: ast.AST | None = None

    def with_op(self, op: Op, node: ast.AST | None = None) -> DataVal:
        end_line = getattr(node, "end_lineno", None)
        if op.end is None and end_line is not None:
            op = replace(op, end=(end_line, getattr(node, "end_col_offset", 0) or 0))
        return replace(self, may=self.may | {op}, must=self.must | {op}, node=node or self.node)

    def incomplete(self, node: ast.AST | None = None) -> DataVal:
        return replace(self, complete=False, node=node or self.node)

    def may_have(self, kind: str) -> bool:
        return any(op.kind == kind for op in self.may)

    def must_have(self, kind: str) -> bool:
        return any(op.kind == kind for op in self.must)

    def ops(self, kind: str) -> list[Op]:
        return sorted((op for op in self.may if op.kind == kind), key=lambda o: o.line)

    def source_kinds(self) -> set[str]:
        return {s.kind for s in self.sources}


def merge_data(old: DataVal, new: DataVal) -> DataVal:
    """The value after a branch that may or may not have run the assignment."""
    return DataVal(
        sources=old.sources | new.sources,
        may=old.may | new.may,
        must=old.must & new.must,
        complete=old.complete and new.complete,
        node=new.node,
    )


# --- Keras objects -----------------------------------------------------------------------------
@dataclass(frozen=True)
class ActivationFact:
    """An activation: ``name`` canonical (``softmax``...), or ``None`` when not understood."""

    name: str | None
    node: ast.expr | None  # the argument or layer call that sets it; None for the default
    explicit: bool  # False when the layer's default (linear) applies


@dataclass(eq=False)
class LayerFact:
    kind: str  # class name without module, e.g. "Dense"
    qualname: str
    node: ast.Call
    units: int | None = None
    units_node: ast.expr | None = None
    activation: ActivationFact | None = None  # for layers taking ``activation=``
    kernel_initializer: str | None = None
    kernel_initializer_node: ast.expr | None = None
    # For ``Input``/``InputLayer`` and layers given ``input_shape``: the shape without batch.
    input_shape: tuple[int | None, ...] | None = None
    keywords: dict[str, ast.expr] = field(default_factory=dict)
    # Added under an ``if`` or in a loop: it may be absent, or repeated.
    conditional: bool = False
    # For a layer added with ``.add``: the branches and loops around that call, outermost first,
    # such as (the ``for`` statement, "body"); () when unconditional.  Rules use it to tell
    # which layer follows which when the loop body repeats.
    block: tuple[Block, ...] = ()
    # For an opaque layer (kind "?") that is a model of this file used as a layer: that model.
    nested: ModelFact | None = None
    # The ``TimeDistributed(...)`` call applying this layer at every step, if any: the layer's
    # activation and units are the model's, but its input has one more axis.
    wrapped_in: ast.Call | None = None

    @property
    def applies_activation(self) -> str | None:
        """The activation an activation-only layer applies, e.g. ``Softmax`` -> softmax."""
        if self.kind not in ACTIVATION_LAYERS:
            return None
        if self.activation is not None:
            return self.activation.name
        return ACTIVATION_LAYERS[self.kind]


@dataclass(eq=False)
class TensorVal(Value):
    """A symbolic tensor of the functional API: produced by ``layer`` from ``inputs``."""

    layer: LayerFact | None  # None for ``keras.Input`` and opaque tensors
    inputs: tuple[TensorVal, ...]
    node: ast.AST
    shape: tuple[int | None, ...] | None = None  # for keras.Input
    # True for a tensor of unknown origin (``base_model.output``, a function parameter...).
    opaque: bool = False


@dataclass(eq=False)
class LayerVal(Value):
    layer: LayerFact


@dataclass(frozen=True)
class LossFact:
    name: str | None  # canonical loss name, None when custom/unknown
    from_logits: bool | None  # None when not statically known
    node: ast.expr
    form: str  # "string", "function", "instance"
    from_logits_node: ast.expr | None = None


@dataclass(eq=False)
class OptimizerFact:
    name: str | None  # Keras class name (Adam, SGD...), None when unknown
    node: ast.expr
    form: str  # "string", "instance", "tf1"
    learning_rate: float | None = None  # a literal (or a constant bound to a name)
    lr_node: ast.expr | None = None  # the argument expression giving the rate
    lr_keyword: ast.keyword | None = None  # the keyword when given by keyword
    lr_value: Value | None = None  # the rate's abstract value (a `Const` knows where it came from)
    keywords: dict[str, ast.keyword] = field(default_factory=dict)


@dataclass(eq=False)
class OptimizerVal(Value):
    optimizer: OptimizerFact


@dataclass(eq=False)
class LossVal(Value):
    loss: LossFact


@dataclass(frozen=True)
class MetricFact:
    name: str | None  # "accuracy", "binary_accuracy", ...; None when unknown
    node: ast.expr


@dataclass(eq=False)
class CompileFact:
    node: ast.Call
    loss: LossFact | None
    losses_are_multi: bool  # a dict/list of losses (multi-output)
    optimizer: OptimizerFact | None
    metrics: tuple[MetricFact, ...] | None  # None: not given or not understood


@dataclass(eq=False)
class CallFact:
    """``fit``/``evaluate``/``predict`` on a model, with the evaluated data arguments."""

    method: str
    node: ast.Call
    x: Value | None
    y: Value | None
    x_node: ast.expr | None
    y_node: ast.expr | None
    validation: Value | None = None
    validation_node: ast.expr | None = None
    keywords: dict[str, ast.expr] = field(default_factory=dict)


@dataclass(eq=False)
class ModelFact:
    node: ast.Call
    kind: str  # "sequential", "functional", "other"
    layers: list[LayerFact] = field(default_factory=list)
    # False when something opaque went into the model (an unknown layer, a nested model, a
    # ``.add`` of something unknown, a loop of ``.add``): rules about *all* layers stay silent.
    complete: bool = True
    # Functional models: the symbolic outputs; several for multi-output models.
    outputs: tuple[TensorVal, ...] = ()
    inputs: tuple[TensorVal, ...] = ()
    compiles: list[CompileFact] = field(default_factory=list)
    calls: list[CallFact] = field(default_factory=list)
    # False when the output head cannot be trusted: set after ``model.layers[-1].x = ...``,
    # for multi-output models, loaded models, or when the last layer was added conditionally.
    head_known: bool = True
    # Sequential models passed to code the checker does not follow (``add_block(model)``): the
    # number of layers the model had at each such call.  That code may have added layers there.
    escapes: list[int] = field(default_factory=list)
    # Every layer object ever added, to notice one added twice without scanning ``layers``
    # (a generated model with thousands of ``add`` calls would make that quadratic).
    added: set[LayerFact] = field(default_factory=set, repr=False)
    # The branches and loops around the call that built it: a model built in a loop body grows
    # unconditionally by the ``.add`` calls of that same body.
    created_in: tuple[Block, ...] = ()

    def head(self) -> list[LayerFact] | None:
        """The last weighted layer and the layers after it, or None when unknown.

        For ``Dense(10)``, ``Activation("softmax")`` it returns both, so rules can see which
        activation is applied last and whether two are stacked.
        """
        if not self.head_known or not self.layers:
            return None
        if len(self.layers) in self.escapes:
            # Code the checker does not follow got the model after its last known layer, and
            # may have added the real output layers there.
            return None
        tail: list[LayerFact] = []
        for layer in reversed(self.layers):
            if layer.kind == "?" or layer.conditional:
                return None
            tail.append(layer)
            if layer.kind in ACTIVATION_LAYERS or layer.kind in PASSTHROUGH_LAYERS:
                continue
            if layer.activation is None:
                return None
            return list(reversed(tail))
        return None

    def applied_activation(self) -> ActivationFact | None:
        """The activation the model applies last (its name None when not understood), or None
        when the head is not known."""
        head = self.head()
        if head is None:
            return None
        for layer in reversed(head):
            if layer.kind in ACTIVATION_LAYERS:
                name = layer.applies_activation
                if name == "linear":
                    # An identity layer, e.g. ``Activation('linear', dtype='float32')`` that
                    # casts a mixed-precision output: the activation before it is the one.
                    continue
                return ActivationFact(name, layer.node, True)
            if layer.activation is not None:
                return layer.activation
        return None

    def output_activation(self) -> ActivationFact | None:
        """The activation the model applies last, or None when not known."""
        applied = self.applied_activation()
        return applied if applied is not None and applied.name else None

    def output_units(self) -> int | None:
        head = self.head()
        return None if head is None else head[0].units

    @property
    def compile(self) -> CompileFact | None:
        """The compile in effect; None when never compiled or compiled more than once."""
        return self.compiles[0] if len(self.compiles) == 1 else None

    def calls_of(self, method: str) -> list[CallFact]:
        return [c for c in self.calls if c.method == method]


@dataclass(eq=False)
class ModelVal(Value):
    model: ModelFact


@dataclass(eq=False)
class PredictionVal(Value):
    """The output of ``model.predict(x)`` or ``model(x)``."""

    model: ModelFact | None
    input: Value
    node: ast.Call


@dataclass(eq=False)
class ObjectVal(Value):
    """An instance of a known non-Keras-model class (a scaler, an ImageDataGenerator...)."""

    qualname: str
    node: ast.Call
    scales: bool = False  # e.g. ImageDataGenerator(rescale=...), StandardScaler()
    classes: int | None = None  # a label encoder fitted on a literal list of classes


@dataclass(eq=False)
class FunctionVal(Value):
    node: ast.FunctionDef | ast.AsyncFunctionDef
    scope: ast.AST  # where it was defined
    returns: Value | None = None  # what the latest analysis of its body returned
    analysed: bool = False
    # The analyses of its body, one per distinct set of arguments (`arguments.context_key`),
    # and what each returned; bounded by the interpreter.
    contexts: dict[tuple[object, ...], Value | None] = field(default_factory=dict, repr=False)


# --- what the interpreter records ------------------------------------------------------------
@dataclass(frozen=True)
class CallSite:
    """A call whose callee resolved through the file's imports."""

    qualname: str
    node: ast.Call
    scope: ast.AST  # the module, function, class, lambda or comprehension it is in


@dataclass(frozen=True)
class MethodCall:
    """A method call on an evaluated receiver, e.g. ``preds.argmax()``."""

    receiver: Value
    method: str
    node: ast.Call
