"""Hyper-parameters, kept apart from the code."""

NUM_CLASSES = 10
LEARNING_RATE = 1e-3
BATCH_SIZE = 128
EPOCHS = 12
VALIDATION_SPLIT = 0.1
