"""Output heads as the activation/loss rules see them, and the interpreter facts they rest on."""

from __future__ import annotations

import ast
import textwrap

import pytest

from pytest_lrcheck.lint.facts import FileFacts, build_facts
from pytest_lrcheck.lint.heads import Head, output_head, softmax_axis, trained_loss, units_of

KERAS = "import keras\nfrom keras import layers\n"


def facts(body: str) -> FileFacts:
    return build_facts(ast.parse(KERAS + textwrap.dedent(body)))


def head_of(body: str) -> tuple[Head, FileFacts]:
    found = facts(body)
    heads = [output_head(model, found) for model in found.models]
    known = [head for head in heads if head is not None]
    assert len(known) == 1, heads
    return known[0], found


def test_head_of_a_dense_with_its_own_activation():
    head, _ = head_of("m = keras.Sequential([keras.Input((4,)), layers.Dense(3, 'softmax')])")
    assert head.activation.name == "softmax"
    assert head.units == 3
    assert head.activation_layer is head.layer
    assert isinstance(head.sole_literal(), ast.Constant)
    assert head.described_layer() == "Dense(3)"
    assert head.line == 3


def test_activation_layer_holds_the_output_activation_and_its_literal():
    head, _ = head_of(
        "m = keras.Sequential([keras.Input((4,)), layers.Dense(1), layers.Dropout(0.1),\n"
        "    layers.Activation('tanh')])"
    )
    assert head.activation_layer.kind == "Activation"
    assert head.node is head.activation_layer.node  # reported at the layer call
    literal = head.sole_literal()
    assert isinstance(literal, ast.Constant) and literal.value == "tanh"


@pytest.mark.parametrize(
    "layers_list",
    [
        "layers.Dense(1, activation='relu'), layers.Activation('tanh')",  # two nonlinearities
        "layers.Dense(1, activation=keras.activations.relu)",  # a function, not a string
        "layers.Dense(1), layers.Softmax()",  # a layer class, not a string
    ],
)
def test_no_sole_literal(layers_list: str):
    head, _ = head_of(f"m = keras.Sequential([keras.Input((4,)), {layers_list}])")
    assert head.sole_literal() is None


@pytest.mark.parametrize(("activation", "units"), [("sigmoid", 1), ("softmax", 10)])
def test_identity_activation_layer_keeps_the_activation_before_it(activation: str, units: int):
    # Mixed precision casts the output with Activation('linear', dtype='float32').
    head, _ = head_of(
        f"m = keras.Sequential([keras.Input((4,)), layers.Dense({units}, '{activation}'),"
        "\n    layers.Activation('linear', dtype='float32')])"
    )
    assert head.activation.name == activation
    assert head.activation_layer is head.layer
    assert head.sole_literal() is not None


def test_linear_default_is_shown_as_such():
    head, _ = head_of("m = keras.Sequential([keras.Input((4,)), layers.Dense(2)])")
    assert head.shown() == "linear (no activation)"
    assert head.node is head.layer.node


@pytest.mark.parametrize(
    ("layer", "units"),
    [
        ("layers.Dense(7)", 7),
        ("layers.Conv2D(5, 3)", 5),
        ("layers.Conv2D(filters=4, kernel_size=3)", 4),
        ("layers.SeparableConv1D(N, 3)", 6),
        ("layers.DepthwiseConv2D(3)", None),  # kernel size first, not filters
        ("layers.Conv2D(unknown, 3)", None),
        ("layers.Conv2D(True, 3)", None),
    ],
)
def test_units_of(layer: str, units: int | None):
    found = facts(f"N = 6\nlayer = {layer}\n")
    (site,) = [c for c in found.calls if c.qualname.startswith("keras.layers.")]
    value = found.value_of(site.node)
    assert units_of(value.layer, found) == units  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("layer", "axis"),
    [
        ("layers.Softmax()", -1),
        ("layers.Softmax(axis=1)", 1),
        ("layers.Softmax(2)", 2),
        ("layers.Softmax(axis=AXIS)", None),
        ("layers.Activation('softmax')", -1),
        ("layers.Dense(3, activation='softmax')", -1),
    ],
)
def test_softmax_axis(layer: str, axis: int | None):
    found = facts(f"def build(AXIS):\n    return {layer}\n")
    (site,) = [c for c in found.calls if c.qualname.startswith("keras.layers.")]
    value = found.value_of(site.node)
    assert softmax_axis(value.layer, found) == axis  # type: ignore[attr-defined]


def test_trained_loss_needs_one_compile_with_one_loss():
    found = facts(
        """
        a = keras.Sequential([keras.Input((4,)), layers.Dense(1)])
        a.compile(loss="mse")
        b = keras.Sequential([keras.Input((4,)), layers.Dense(1)])
        b.compile(loss="mse")
        b.compile(loss="mae")
        c = keras.Sequential([keras.Input((4,)), layers.Dense(1)])
        d = keras.Sequential([keras.Input((4,)), layers.Dense(1)])
        d.compile(loss=["mse", "mae"])
        """
    )
    a, b, c, d = found.models
    loss = trained_loss(a)
    assert loss is not None and loss.name == "mean_squared_error"
    assert trained_loss(b) is None
    assert trained_loss(c) is None
    assert trained_loss(d) is None


def test_pop_removes_the_last_layer_of_a_sequential():
    found = facts(
        """
        m = keras.Sequential([keras.Input((4,)), layers.Dense(3), layers.Softmax()])
        m.pop()
        """
    )
    (model,) = found.models
    assert [layer.kind for layer in model.layers] == ["InputLayer", "Dense"]
    head = output_head(model, found)
    assert head is not None and head.activation.name == "linear"


def test_pop_under_a_branch_makes_the_head_unknown():
    found = facts(
        """
        m = keras.Sequential([keras.Input((4,)), layers.Dense(3), layers.Softmax()])
        if LOGITS:
            m.pop()
        """
    )
    (model,) = found.models
    assert model.head() is None
    assert output_head(model, found) is None


def test_a_model_used_as_a_layer_is_remembered():
    found = facts(
        """
        inner = keras.Sequential([keras.Input((4,)), layers.Dense(3, activation="softmax")])
        listed = keras.Sequential([inner, layers.Softmax()])
        added = keras.Sequential()
        added.add(inner)
        x = keras.Input((4,))
        called = keras.Model(x, layers.Softmax()(inner(x)))
        """
    )
    inner, listed, added, called = found.models
    for outer in (listed, added, called):
        nested = [layer for layer in outer.layers if layer.kind == "?"]
        assert [layer.nested for layer in nested] == [inner]
        assert not outer.complete


def test_model_handed_to_unknown_code_after_its_last_layer_has_no_known_head():
    found = facts(
        """
        from mylib import add_output, add_blocks

        open_end = keras.Sequential([keras.Input((4,)), layers.Dense(1)])
        add_output(open_end)
        closed = keras.Sequential([keras.Input((4,))])
        add_blocks(closed)
        closed.add(layers.Dense(1, activation="sigmoid"))
        """
    )
    open_end, closed = found.models
    assert output_head(open_end, found) is None
    head = output_head(closed, found)
    assert head is not None and head.activation.name == "sigmoid"


def test_the_head_carries_the_compiled_loss_and_asks_the_pairing_table():
    head, _ = head_of(
        """
        m = keras.Sequential([keras.Input((4,)), layers.Dense(10, activation="sigmoid")])
        m.compile(loss=keras.losses.CategoricalFocalCrossentropy())
        """
    )
    assert head.loss is not None and head.loss.name == "categorical_focal_crossentropy"
    assert [m.kind for m in head.mismatches()] == ["categorical_on_sigmoid"]
    assert head.mismatches()[0].use_activation == "softmax"


def test_a_convolution_head_counts_its_filters():
    head, _ = head_of(
        """
        m = keras.Sequential([keras.Input((8, 8, 3)), layers.Conv2D(1, 3, activation="softmax")])
        m.compile(loss="binary_crossentropy")
        """
    )
    assert head.units == 1 and head.layer.units is None  # filters, not Dense units
    assert [m.kind for m in head.mismatches()] == ["constant_softmax"]


def test_an_activation_the_checker_does_not_know_gives_a_head_without_a_verdict():
    found = facts(
        """
        from mylib import swishy
        m = keras.Sequential([keras.Input((4,)), layers.Dense(3, activation=swishy)])
        m.compile(loss="categorical_crossentropy")
        """
    )
    (model,) = found.models
    head = output_head(model, found)
    assert head is not None and head.activation.name is None and head.units == 3
    assert head.mismatches() == ()
    assert model.output_activation() is None  # the interpreter's own reading agrees
