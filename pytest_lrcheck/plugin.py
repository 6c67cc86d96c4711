"""The pytest11 entry point of pytest-lrcheck.

This module must stay cheap to import: it never imports TensorFlow, NumPy or libcst at module
level, because pytest imports it in every session of every project that has the package
installed.
"""

from __future__ import annotations
