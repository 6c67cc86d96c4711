"""LRC110 output-range-misses-targets: edge cases beyond the rule's document."""

from __future__ import annotations

import pytest

from .conftest import findings_for, lines_for

CODE = "LRC110"


def regression(targets: str, activation: str, loss: str = "'mse'") -> str:
    return (
        "import numpy as np\n"
        "import keras\n"
        "from sklearn.preprocessing import MinMaxScaler, StandardScaler\n"
        "x = np.random.rand(500, 3)\n"
        f"{targets}\n"
        "model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(16, activation='relu'),\n"
        f"    keras.layers.Dense(1, activation={activation})])\n"
        f"model.compile(optimizer='adam', loss={loss})\n"
        "model.fit(x, y)\n"
    )


@pytest.mark.parametrize(
    ("targets", "activation"),
    [
        ("y = 10 + 5 * np.random.rand(500)", "'sigmoid'"),
        ("y = 5.0 * np.sin(np.linspace(0, 6, 500))", "'tanh'"),
        ("y = StandardScaler().fit_transform(raw)", "'relu'"),
        ("y = MinMaxScaler(feature_range=(-1, 1)).fit_transform(raw)", "'sigmoid'"),
        ("y = np.random.normal(3.0, 1.0, size=500)", "'sigmoid'"),
        ("y = -np.random.rand(500) * 4", "'softplus'"),
    ],
)
def test_targets_out_of_the_output_range_fire_at_the_output(targets, activation):
    (finding,) = findings_for(CODE, regression(targets, activation))
    assert finding.span.line == 7
    assert "linear output" in finding.message


@pytest.mark.parametrize(
    ("targets", "activation", "loss"),
    [
        ("y = np.random.rand(500)", "'sigmoid'", "'mse'"),  # within [0, 1]
        ("y = 1.2 * np.random.rand(500)", "'sigmoid'", "'mse'"),  # mostly reachable
        ("y = MinMaxScaler().fit_transform(raw)", "'sigmoid'", "'mse'"),
        ("y = MinMaxScaler(feature_range=(-1, 1)).fit_transform(raw)", "'tanh'", "'mse'"),
        ("y = StandardScaler().fit_transform(raw)", "None", "'mse'"),  # linear output
        ("y = 10 + 5 * np.random.rand(500)", "'relu'", "'mse'"),  # positive targets
        ("y = 10 + 5 * np.random.rand(500)", "'sigmoid'", "'binary_crossentropy'"),
        ("y = read_targets()", "'sigmoid'", "'mse'"),  # nothing shown
        ("y = np.random.rand(500)\nif scale:\n    y = y * 100", "'sigmoid'", "'mse'"),
    ],
)
def test_silent_without_evidence_of_unreachable_targets(targets, activation, loss):
    assert lines_for(CODE, regression(targets, activation, loss)) == []
