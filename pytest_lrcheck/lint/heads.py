"""What a model's output head computes, as the activation-versus-loss rules see it.

A head is the model's last weighted layer (Dense, a convolution...) followed by the activation and
pass-through layers after it (`ModelFact.head`).  LRC102-LRC105 ask the same questions of it:
which activation is applied last and where it is set, how many units a softmax runs over, which
single loss the model is trained with, and which literal string (if any) a fix may rewrite.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pytest_lrcheck.keras_vocab import ACTIVATION_LAYERS, DENSE_LIKE, FILTER_LAYERS, LOSS_CLASSES
from pytest_lrcheck.lint.syntax import arg
from pytest_lrcheck.lint.values import ActivationFact, Const, LayerFact, LossFact, ModelFact

if TYPE_CHECKING:
    import libcst as cst

    from pytest_lrcheck.lint.facts import FileFacts

_LOSS_CLASS_OF = {name: cls for cls, name in LOSS_CLASSES.items()}


@dataclass(frozen=True)
class Head:
    model: ModelFact
    # The last weighted layer first, then the activation / pass-through layers after it.
    layers: tuple[LayerFact, ...]
    activation: ActivationFact  # the activation applied last; its name is known
    units: int | None  # units (Dense) or filters (convolution) of the weighted layer

    @property
    def layer(self) -> LayerFact:
        return self.layers[0]

    @property
    def node(self) -> ast.AST:
        """Where the output activation is set: its argument, its layer, or the weighted layer."""
        return self.activation.node if self.activation.node is not None else self.layer.node

    @property
    def line(self) -> int:
        return getattr(self.node, "lineno", 0)

    @property
    def activation_layer(self) -> LayerFact:
        """The layer of the head that applies the output activation."""
        for layer in reversed(self.layers):
            if layer.node is self.activation.node:
                return layer
            if layer.activation is not None and layer.activation.node is self.activation.node:
                return layer
        return self.layer

    def shown(self) -> str:
        """The output activation as a message names it."""
        if not self.activation.explicit:
            return "linear (no activation)"
        return str(self.activation.name)

    def described_layer(self) -> str:
        """``Dense(1)`` / ``Conv2D(1)`` when the size is known, else the layer kind."""
        size = f"({self.units})" if self.units is not None else ""
        return f"{self.layer.kind}{size}"

    def sole_literal(self) -> ast.Constant | None:
        """The string literal that alone decides the output activation: what a fix may rewrite.

        None when the activation is a function or a variable, or when another layer of the head
        applies a nonlinearity too: rewriting one of two stacked activations would not give the
        output the fix promises.
        """
        holder = self.activation_layer
        node = self.activation.node
        if holder.kind == "Activation" and holder.activation is not None:
            node = holder.activation.node  # the argument of Activation(...), not the call
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            return None
        for layer in self.layers:
            if layer is holder:
                continue
            if layer.kind in ACTIVATION_LAYERS:
                applied = layer.applies_activation
            elif layer.activation is not None:
                applied = layer.activation.name
            else:
                continue
            if applied != "linear":
                return None
        return node


def units_of(layer: LayerFact, facts: FileFacts) -> int | None:
    """The number of outputs along the last axis: Dense units or convolution filters."""
    if layer.kind in DENSE_LIKE:
        return layer.units
    if layer.kind in FILTER_LAYERS:
        return _int(facts, arg(layer.node, 0, "filters"))
    return None


def softmax_axis(layer: LayerFact, facts: FileFacts) -> int | None:
    """The axis a softmax-applying layer normalises; None when a ``Softmax(axis=...)`` is unknown.

    ``activation='softmax'`` and ``Activation('softmax')`` always use the last axis.
    """
    if layer.kind != "Softmax":
        return -1
    expr = arg(layer.node, 0, "axis")
    return -1 if expr is None else _int(facts, expr)


def output_head(model: ModelFact, facts: FileFacts) -> Head | None:
    """The model's head when its layers and its last activation are known, else None."""
    layers = model.head()
    activation = model.output_activation()
    if layers is None or activation is None or activation.name is None:
        return None
    return Head(model, tuple(layers), activation, units_of(layers[0], facts))


def trained_loss(model: ModelFact) -> LossFact | None:
    """The single loss the model is compiled with; None for several compiles or loss dicts."""
    compiled = model.compile
    if compiled is None or compiled.losses_are_multi:
        return None
    return compiled.loss


def loss_class(loss: LossFact) -> str:
    """The Keras class of a loss (``BinaryCrossentropy``), for messages that suggest arguments."""
    return _LOSS_CLASS_OF.get(loss.name or "", "the loss")


def rewrite_string(node: cst.CSTNode, text: str) -> cst.CSTNode:
    """A string literal with new contents, in the same quotes and prefix."""
    import libcst as cst

    if not isinstance(node, cst.SimpleString):
        raise TypeError(f"expected a string literal, got {type(node).__name__}")
    return node.with_changes(value=f"{node.prefix}{node.quote}{text}{node.quote}")


def _int(facts: FileFacts, expr: ast.expr | None) -> int | None:
    value = facts.value_of(expr)
    if isinstance(value, Const) and isinstance(value.value, int):
        return None if isinstance(value.value, bool) else value.value
    return None
