"""Networks by name; builders register themselves on import (which imports this module back)."""

MODELS = {}


def register(name):
    def decorate(builder):
        MODELS[name] = builder
        return builder

    return decorate
