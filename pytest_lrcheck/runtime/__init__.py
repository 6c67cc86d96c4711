"""Everything that trains a model; the only part of pytest-lrcheck that imports TensorFlow,
and only inside the functions that need it."""
