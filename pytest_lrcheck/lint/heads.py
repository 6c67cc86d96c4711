"""A model's output head: the one way rules ask what a model outputs and what it is trained on.

A head is the model's last weighted layer (Dense, a convolution...) followed by the activation and
pass-through layers after it (`ModelFact.head`), with the activation applied last, the width of
its output, and the single loss the model is compiled with.  Whether that activation fits that
loss is the shared pairing table's decision (`Head.mismatches`).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pytest_lrcheck import keras_vocab as vocab
from pytest_lrcheck.lint.syntax import arg, line
from pytest_lrcheck.lint.values import ActivationFact, Const, LayerFact, LossFact, ModelFact

if TYPE_CHECKING:
    from pytest_lrcheck.lint.facts import FileFacts


@dataclass(frozen=True)
class Head:
    model: ModelFact
    # The last weighted layer first, then the activation / pass-through layers after it.
    layers: tuple[LayerFact, ...]
    # The activation applied last; its name is None when the checker does not understand it.
    activation: ActivationFact
    units: int | None  # units (Dense) or filters (convolution) of the weighted layer
    loss: LossFact | None  # the single loss of the model's one compile

    @property
    def layer(self) -> LayerFact:
        return self.layers[0]

    @property
    def node(self) -> ast.AST:
        """Where the output activation is set: its argument, its layer, or the weighted layer."""
        return self.activation.node if self.activation.node is not None else self.layer.node

    @property
    def line(self) -> int:
        return line(self.node)

    @property
    def activation_layer(self) -> LayerFact:
        """The layer of the head that applies the output activation."""
        for layer in reversed(self.layers):
            if layer.node is self.activation.node:
                return layer
            if layer.activation is not None and layer.activation.node is self.activation.node:
                return layer
        return self.layer

    def mismatches(self, targets: vocab.Targets | None = None) -> tuple[vocab.Mismatch, ...]:
        """How the output activation and the loss fail to fit, by the shared pairing table."""
        loss = self.loss
        return vocab.mismatches(
            self.activation.name,
            None if loss is None else loss.name,
            from_logits=None if loss is None else loss.from_logits,
            units=self.units,
            targets=targets,
        )

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
            if layer.kind in vocab.ACTIVATION_LAYERS:
                applied = layer.applies_activation
            elif layer.activation is not None:
                applied = layer.activation.name
            else:
                continue
            if applied != "linear":
                return None
        return node


def output_head(model: ModelFact, facts: FileFacts) -> Head | None:
    """The model's head when its layers are known (its activation may still be unknown)."""
    layers = model.head()
    activation = model.applied_activation()
    if layers is None or activation is None:
        return None
    return Head(model, tuple(layers), activation, units_of(layers[0], facts), trained_loss(model))


def trained_loss(model: ModelFact) -> LossFact | None:
    """The single loss the model is compiled with; None for several compiles or loss dicts."""
    compiled = model.compile
    if compiled is None or compiled.losses_are_multi:
        return None
    return compiled.loss


def units_of(layer: LayerFact, facts: FileFacts) -> int | None:
    """The number of outputs along the last axis: Dense units or convolution filters."""
    if layer.kind in vocab.DENSE_LIKE:
        return layer.units
    if layer.kind in vocab.FILTER_LAYERS:
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


def loss_class(loss: LossFact) -> str:
    """The Keras class of a loss (``BinaryCrossentropy``), for messages that suggest arguments."""
    info = vocab.loss_named(loss.name)
    return "the loss" if info is None else info.class_name


def _int(facts: FileFacts, expr: ast.expr | None) -> int | None:
    value = facts.value_of(expr)
    if isinstance(value, Const) and isinstance(value.value, int):
        return None if isinstance(value.value, bool) else value.value
    return None
