"""Helpers shared by the rule tests: lint a snippet and keep one rule's findings."""

from __future__ import annotations

import textwrap

from pytest_lrcheck.lint.api import lint_source
from pytest_lrcheck.lint.findings import Finding
from pytest_lrcheck.lint.fixer import apply_fixes

# One Dense layer, spelled as users import it: the rules must treat these as one name.
DENSE_SPELLINGS = [
    ("import tensorflow as tf", "tf.keras.layers.Dense"),
    ("import keras", "keras.layers.Dense"),
    ("from tensorflow.keras.layers import Dense as D", "D"),
    ("from keras import layers", "layers.Dense"),
    ("import tensorflow.keras as tfk", "tfk.layers.Dense"),
    ("import tf_keras", "tf_keras.layers.Dense"),
    ("import keras", "keras.layers.core.Dense"),  # the Keras 2 module path
]


def findings_for(code: str, source: str) -> list[Finding]:
    """The findings of rule ``code`` on ``source`` (dedented), in source order."""
    return [f for f in lint_source(textwrap.dedent(source)) if f.code == code]


def lines_for(code: str, source: str) -> list[int]:
    """The 1-based lines where rule ``code`` reports on ``source`` (dedented)."""
    return [f.span.line for f in findings_for(code, source)]


def fixed(source: str, *, unsafe: bool = True) -> str:
    """``source`` (dedented) after applying every offered fix, unsafe ones included by default."""
    text = textwrap.dedent(source)
    return apply_fixes(text, lint_source(text), unsafe=unsafe).source
