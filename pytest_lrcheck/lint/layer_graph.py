"""Which layer follows which: a model's layers as a graph of layer applications.

Rules about neighbouring layers (two stacked linear Dense layers, a constant-initialised layer
feeding another) ask "what comes right after this layer, on every path?":

- In a Sequential model, layers follow in the order of the ``.add`` calls.  Calls inside a loop
  repeat: the last layer of the loop body is followed by the body's first layer (the next
  iteration) and by the first layer after the loop.  A layer added under an ``if`` is followed
  by what comes after the ``if``.  Code the checker does not follow (``add_block(model)``) may add
  anything: the successor is then unknown.
- In a functional model, a layer's successors are the layers that read its output tensor, plus
  the model itself when that tensor is an output.  Readers are counted over every functional
  model of the file, so a tensor shared with a second model has a successor there too.

A successor is a `Node`, `END` (the model's output) or `UNKNOWN`; rules stay silent on any path
that reaches `UNKNOWN`.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pytest_lrcheck.lint.values import LayerFact, ModelFact, TensorVal

if TYPE_CHECKING:
    from pytest_lrcheck.lint.facts import FileFacts


@dataclass(frozen=True, eq=False)
class Node:
    """One application of a layer (a shared layer applied twice is two nodes)."""

    layer: LayerFact


END = "end"
UNKNOWN = "unknown"
Step = Node | str
_LOOPS = (ast.For, ast.AsyncFor, ast.While)


class LayerGraph:
    """The layer applications of one model and, for each, what follows it."""

    def __init__(self, nodes: list[Node], successors: dict[Node, list[Step]]) -> None:
        self.nodes = nodes
        self._successors = successors

    def successors(self, node: Node) -> list[Step]:
        return self._successors.get(node, [UNKNOWN])

    def first_beyond(self, node: Node, skip: Callable[[LayerFact], bool]) -> list[Node] | None:
        """The first layers after ``node`` that ``skip`` does not pass over, on every path.

        None when some path reaches the output, or code the checker does not follow, first.
        """
        found: list[Node] = []
        seen: set[Node] = set()  # ``node`` itself may come again, on a loop's next iteration
        pending = list(self.successors(node))
        while pending:
            step = pending.pop()
            if not isinstance(step, Node):
                return None
            if step in seen:
                continue
            seen.add(step)
            if step.layer.kind != "?" and skip(step.layer):
                pending.extend(self.successors(step))
            else:
                found.append(step)
        return found or None


def model_graphs(facts: FileFacts) -> Iterator[tuple[ModelFact, LayerGraph]]:
    """Every model of the file whose layers the checker has seen, with its graph."""
    readers = _functional_readers(facts.models)
    for model in facts.models:
        if model.kind == "sequential":
            if model.head_known:  # False after ``model.layers[i].x = ...`` or a guarded pop()
                yield model, _sequential_graph(model)
        elif model.outputs:
            yield model, _functional_graph(model, readers)


# --- Sequential --------------------------------------------------------------------------------
def _sequential_graph(model: ModelFact) -> LayerGraph:
    nodes = [Node(layer) for layer in model.layers]
    successors: dict[Node, list[Step]] = {}
    for index, node in enumerate(nodes):
        successors[node] = [
            step if isinstance(step, str) else nodes[step]
            for step in _sequential_next(model, index)
        ]
    return LayerGraph(nodes, successors)


def _sequential_next(model: ModelFact, index: int) -> list[int | str]:
    layers = model.layers
    after = index + 1
    if after in model.escapes:
        return [UNKNOWN]
    here = layers[index].block
    following = layers[after].block if after < len(layers) else None
    if following == here:
        return [after]  # the next statement of the same block
    if following is not None and following[: len(here)] == here:
        return [UNKNOWN]  # a nested if or loop follows: it may add layers or none
    if not here:
        return [END] if following is None else [UNKNOWN]
    statement, part = here[-1]
    outer = here[:-1]
    if following == outer:
        leave: list[int | str] = [after]
    elif following is None and not outer:
        leave = [END]
    else:
        return [UNKNOWN]
    if isinstance(statement, ast.If):
        return leave
    if isinstance(statement, _LOOPS) and part == "body" and not statement.orelse:
        start = next(i for i, layer in enumerate(layers) if layer.block[: len(here)] == here)
        if layers[start].block != here or start in model.escapes:
            return [UNKNOWN]
        return [start, *leave]  # the next iteration, or the code after the loop
    return [UNKNOWN]  # try, match, comprehensions: which part runs is not known


# --- functional --------------------------------------------------------------------------------
def _tensors_of(model: ModelFact) -> list[TensorVal]:
    """The tensors computed on the way to the model's outputs, each once."""
    found: dict[int, TensorVal] = {}
    pending = [t for t in model.outputs if isinstance(t, TensorVal)]
    while pending:
        tensor = pending.pop()
        if id(tensor) in found:
            continue
        found[id(tensor)] = tensor
        pending.extend(tensor.inputs)
    return list(found.values())


def _functional_readers(models: list[ModelFact]) -> dict[int, list[TensorVal | str]]:
    """For each tensor (by id): the tensors computed from it, and END for a model output."""
    readers: dict[int, list[TensorVal | str]] = {}
    linked: set[tuple[int, int]] = set()
    for model in models:
        if model.kind == "sequential":
            continue
        for tensor in _tensors_of(model):
            for source in tensor.inputs:
                if (id(source), id(tensor)) not in linked:
                    linked.add((id(source), id(tensor)))
                    readers.setdefault(id(source), []).append(tensor)
        for output in model.outputs:
            readers.setdefault(id(output), []).append(END)
    return readers


def _functional_graph(model: ModelFact, readers: dict[int, list[TensorVal | str]]) -> LayerGraph:
    tensors = [t for t in _tensors_of(model) if t.layer is not None]
    nodes = {id(t): Node(t.layer) for t in tensors if t.layer is not None}
    successors: dict[Node, list[Step]] = {}
    for tensor in tensors:
        steps: list[Step] = []
        for reader in readers.get(id(tensor), [UNKNOWN]):
            if isinstance(reader, str):
                steps.append(reader)
            else:
                steps.append(nodes.get(id(reader), UNKNOWN))
        successors[nodes[id(tensor)]] = steps
    ordered = sorted(nodes.values(), key=lambda n: (n.layer.node.lineno, n.layer.node.col_offset))
    return LayerGraph(ordered, successors)
