"""Fixtures for the language server tests: a project directory and a client driving a server."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path

import pytest

if importlib.util.find_spec("pygls") is None:
    # The language server is the 'lsp' extra; without it only `lrcheck server`'s refusal is
    # tested (tests/server/test_command.py runs it with pygls hidden).
    collect_ignore = [
        p.name for p in Path(__file__).parent.glob("test_*.py") if p.name != "test_command.py"
    ]
else:
    from tests.server.lsp_client import LspClient

# A training script with one safe fix (LRC302) and one unsafe fix (LRC101).
SCRIPT = """\
import keras
from keras import layers

model = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(3, activation="sigmoid")])
model.compile(optimizer=keras.optimizers.SGD(lr=0.1), loss="categorical_crossentropy")
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    return root


@pytest.fixture
def client(project: Path) -> Iterator[LspClient]:
    lsp = LspClient(project)
    try:
        lsp.initialize(project)
        yield lsp
    finally:
        lsp.close()
