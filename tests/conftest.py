from __future__ import annotations

import os

# TensorFlow's C++ logging drowns test output; tests that need TensorFlow import it lazily.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
