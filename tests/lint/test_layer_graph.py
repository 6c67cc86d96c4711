"""Which layer follows which: Sequential order through loops and branches, functional readers."""

from __future__ import annotations

import ast
import textwrap

import pytest

from pytest_lrcheck.lint.facts import build_facts
from pytest_lrcheck.lint.layer_graph import END, UNKNOWN, LayerGraph, Node, model_graphs
from pytest_lrcheck.lint.values import ModelFact

# ``flag`` comes from elsewhere: a branch on it may go either way.
HEAD = "import keras\nfrom keras import layers\nfrom mylib import flag, helper\n"


def graph_of(body: str) -> tuple[ModelFact, LayerGraph]:
    facts = build_facts(ast.parse(HEAD + textwrap.dedent(body)))
    ((model, graph),) = list(model_graphs(facts))
    return model, graph


def named(graph: LayerGraph) -> dict[str, Node]:
    """Nodes by ``name=`` keyword (layers in these tests are named after themselves)."""
    found = {}
    for node in graph.nodes:
        name = node.layer.keywords.get("name")
        if isinstance(name, ast.Constant):
            found[name.value] = node
    return found


def following(graph: LayerGraph, node: Node) -> list[str]:
    names = []
    for step in graph.successors(node):
        if isinstance(step, Node):
            names.append(step.layer.keywords["name"].value)  # type: ignore[attr-defined]
        else:
            names.append(step)
    return sorted(names)


def test_straight_sequential_order_ends_at_the_output():
    _, graph = graph_of(
        """
        m = keras.Sequential([layers.Dense(4, name="a"), layers.Dense(2, name="b")])
        """
    )
    nodes = named(graph)
    assert following(graph, nodes["a"]) == ["b"]
    assert following(graph, nodes["b"]) == [END]


def test_loop_body_wraps_around_and_leaves():
    _, graph = graph_of(
        """
        m = keras.Sequential([keras.Input((4,))])
        for units in widths:
            m.add(layers.Dense(units, name="first"))
            m.add(layers.Dropout(0.1, name="last"))
        m.add(layers.Dense(1, name="after"))
        """
    )
    nodes = named(graph)
    assert following(graph, nodes["first"]) == ["last"]
    assert following(graph, nodes["last"]) == ["after", "first"]
    assert following(graph, nodes["after"]) == [END]


def test_if_body_leaves_to_the_code_after_and_branches_do_not_follow_each_other():
    _, graph = graph_of(
        """
        m = keras.Sequential([layers.Dense(4, name="top")])
        if flag:
            m.add(layers.Dense(4, name="then"))
        else:
            m.add(layers.Dense(4, name="otherwise"))
        m.add(layers.Dense(1, name="after"))
        """
    )
    nodes = named(graph)
    assert following(graph, nodes["top"]) == [UNKNOWN]  # the branch may add layers or not
    assert following(graph, nodes["then"]) == [UNKNOWN]  # the else branch is next in the list
    assert following(graph, nodes["otherwise"]) == ["after"]


@pytest.mark.parametrize(
    "middle",
    [
        "helper(m)",  # code the checker does not follow may add layers
        "for _ in range(2):\n    m.add(layers.Dense(4))",
        "try:\n    m.add(layers.Dense(4))\nexcept ValueError:\n    pass",
    ],
)
def test_unknown_successors(middle: str):
    model, graph = graph_of(
        f"""
m = keras.Sequential([keras.Input((4,)), layers.Dense(4, name="before")])
{middle}
m.add(layers.Dense(1, name="after"))
"""
    )
    assert following(graph, named(graph)["before"]) == [UNKNOWN]
    if middle == "helper(m)":
        assert model.escapes == [2]


def test_functional_readers_include_other_models_and_outputs():
    _, graph = graph_of(
        """
        inputs = keras.Input((8,))
        h = layers.Dense(4, name="h")(inputs)
        a = layers.Dense(2, name="a")(h)
        b = layers.Dense(2, name="b")(h)
        merged = layers.Add(name="sum")([a, b])
        m = keras.Model(inputs, [merged, a])
        """
    )
    nodes = named(graph)
    assert following(graph, nodes["h"]) == ["a", "b"]
    assert following(graph, nodes["a"]) == [END, "sum"]
    assert following(graph, nodes["sum"]) == [END]


def test_first_beyond_skips_only_what_it_is_told_and_needs_every_path():
    _, graph = graph_of(
        """
        m = keras.Sequential([keras.Input((4,))])
        for units in widths:
            m.add(layers.Dense(units, name="d"))
            m.add(layers.Dropout(0.1, name="drop"))
        m.add(layers.Dense(1, name="out"))
        """
    )
    nodes = named(graph)
    beyond = graph.first_beyond(nodes["d"], lambda layer: layer.kind == "Dropout")
    assert beyond is not None
    assert sorted(n.layer.keywords["name"].value for n in beyond) == ["d", "out"]  # type: ignore[attr-defined]
    # From the output layer every path ends at the model's output: nothing follows.
    assert graph.first_beyond(nodes["out"], lambda layer: True) is None


def test_blocks_record_the_branches_around_add_and_reset_in_functions():
    source = HEAD + textwrap.dedent(
        """
        def build(deep):
            m = keras.Sequential([keras.Input((4,))])
            if deep:
                m.add(layers.Dense(4))
            m.add(layers.Dense(1))
            return m

        for _ in range(3):
            model = build(helper())
        """
    )
    facts = build_facts(ast.parse(source))
    (model,) = facts.models
    inner, last = model.layers[1], model.layers[2]
    assert [(type(stmt).__name__, part) for stmt, part in inner.block] == [("If", "body")]
    assert last.block == ()
