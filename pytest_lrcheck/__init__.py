"""pytest-lrcheck: catch the Keras/TensorFlow mistakes that make training fail silently.

Two halves share one catalog of rules:

* ``lrcheck``, a static checker that reads source and never imports TensorFlow;
* a pytest plugin whose fixtures briefly train a model and explain why its loss misbehaves.

Everything that needs TensorFlow is imported lazily, on first use of one of its names, so that
``import pytest_lrcheck`` (and the pytest plugin, and the ``lrcheck`` command) stay fast and
work without TensorFlow installed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> module that defines it; resolved on first attribute access.
_LAZY: dict[str, str] = {
    "check_training": "pytest_lrcheck.runtime.check",
    "check_step": "pytest_lrcheck.runtime.check",
    "lr_range": "pytest_lrcheck.runtime.lr_range",
    "TrainingReport": "pytest_lrcheck.runtime.report",
    "Symptom": "pytest_lrcheck.runtime.report",
    "LRRangeResult": "pytest_lrcheck.runtime.lr_range",
    "LossWatcher": "pytest_lrcheck.runtime.watcher",
    "lint_paths": "pytest_lrcheck.lint.api",
    "lint_source": "pytest_lrcheck.lint.api",
    "Finding": "pytest_lrcheck.lint.findings",
}

__all__ = ["__version__", *_LAZY]

if TYPE_CHECKING:  # pragma: no cover
    from pytest_lrcheck.lint.api import lint_paths as lint_paths
    from pytest_lrcheck.lint.api import lint_source as lint_source
    from pytest_lrcheck.lint.findings import Finding as Finding
    from pytest_lrcheck.runtime.check import check_step as check_step
    from pytest_lrcheck.runtime.check import check_training as check_training
    from pytest_lrcheck.runtime.lr_range import LRRangeResult as LRRangeResult
    from pytest_lrcheck.runtime.lr_range import lr_range as lr_range
    from pytest_lrcheck.runtime.report import Symptom as Symptom
    from pytest_lrcheck.runtime.report import TrainingReport as TrainingReport
    from pytest_lrcheck.runtime.watcher import LossWatcher as LossWatcher


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'pytest_lrcheck' has no attribute {name!r}")
    try:
        value = getattr(importlib.import_module(module), name)
    except ImportError as error:
        from pytest_lrcheck.extras import install_hint

        hint = install_hint(error)
        if hint is None:
            raise
        raise ModuleNotFoundError(f"{name}: {hint}", name=error.name) from None
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
