"""The vocabulary's derived tables: one entry per loss, consistent groups, no Keras needed."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from pytest_lrcheck import keras_vocab as vocab

PACKAGE = Path(vocab.__file__).parent


def test_every_alias_and_class_resolves_to_one_loss():
    assert set(vocab.LOSS_ALIASES.values()) == set(vocab.LOSSES)
    assert set(vocab.LOSS_CLASSES.values()) == set(vocab.LOSSES)
    assert vocab.LOSS_ALIASES["mse"] == vocab.LOSS_ALIASES["MSE"] == "mean_squared_error"
    assert vocab.LOSS_CLASSES["CategoricalFocalCrossentropy"] == "categorical_focal_crossentropy"


@pytest.mark.parametrize(
    ("loss", "group"),
    [
        ("categorical_crossentropy", "categorical"),
        ("categorical_focal_crossentropy", "categorical"),
        ("sparse_categorical_crossentropy", "categorical"),
        ("binary_focal_crossentropy", "binary"),
        ("huber", "regression"),
        ("kl_divergence", "other"),
        ("cosine_similarity", "other"),
        ("my_custom_loss", None),
        (None, None),
    ],
)
def test_loss_groups(loss: str | None, group: str | None):
    assert vocab.loss_group(loss) == group


def test_the_groups_do_not_overlap_and_cover_the_crossentropies():
    groups = [vocab.CATEGORICAL_LOSSES, vocab.SPARSE_LOSSES, vocab.BINARY_LOSSES]
    assert sum(len(g) for g in groups) == len(vocab.CLASSIFICATION_LOSSES)
    assert vocab.CLASSIFICATION_LOSSES == vocab.LOGIT_LOSSES
    assert not vocab.CLASSIFICATION_LOSSES & vocab.REGRESSION_LOSSES


def test_activation_sets():
    assert sorted(vocab.PROBABILITY_ACTIVATIONS) == ["hard_sigmoid", "sigmoid", "softmax"]
    assert sorted(vocab.SIGMOIDS) == ["hard_sigmoid", "sigmoid"]
    assert sorted(vocab.RELU_FAMILY) == ["relu", "relu6"]
    assert sorted(vocab.SATURATING_ACTIVATIONS) == ["hard_sigmoid", "sigmoid", "softsign", "tanh"]
    assert vocab.ACTIVATION_STRINGS["swish"] == "silu"
    assert "prelu" not in vocab.ACTIVATION_STRINGS  # a layer only, not an identifier
    layers = {a for a in vocab.ACTIVATION_LAYERS.values() if a is not None}
    assert layers <= set(vocab.ACTIVATIONS)


def test_the_vocabulary_imports_nothing_but_the_standard_library():
    allowed = set(sys.stdlib_module_names) | {"pytest_lrcheck"}
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                roots = [alias.name.split(".")[0] for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                roots = [node.module.split(".")[0]]
            else:
                continue
            assert set(roots) <= allowed, f"{path.name}: {roots}"
            if "pytest_lrcheck" in roots and isinstance(node, ast.ImportFrom):
                assert node.module.startswith("pytest_lrcheck.keras_vocab"), path.name
