"""Findings on real files for the output tests: a Python script and a notebook."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pytest_lrcheck.lint.api import lint_file
from pytest_lrcheck.lint.findings import Finding

SCRIPT = """\
from tensorflow import keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3, activation="sigmoid")])
model.compile(optimizer=keras.optimizers.Adam(learning_rate=5.0), loss="categorical_crossentropy")
"""


@pytest.fixture
def script(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Finding]:
    """LRC101 at 3:85 and LRC301 at 4:61 in ``train.py``, shown relative to the current dir."""
    monkeypatch.chdir(tmp_path)
    Path("train.py").write_text(SCRIPT)
    return lint_file("train.py")


@pytest.fixture
def notebook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Finding]:
    """The same program as a notebook: a markdown cell, the import, then the model (cell 3)."""
    monkeypatch.chdir(tmp_path)
    statements = SCRIPT.split("\n\n")
    cells = [{"cell_type": "markdown", "metadata": {}, "source": ["# Model\n"]}]
    for code in statements:
        cells.append(
            {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
             "source": code.strip("\n").splitlines(keepends=True)}
        )  # fmt: skip
    document = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    Path("explore.ipynb").write_text(json.dumps(document, indent=1) + "\n")
    return lint_file("explore.ipynb")
