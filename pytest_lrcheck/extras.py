"""Which install extra brings a module that training needs, for one-line install hints.

The static checker needs none of these.  Training (the pytest fixture, ``check_training``,
``LossWatcher``) needs Keras 3, a backend and NumPy; each extra of the package brings one
backend with Keras and NumPy.  This module imports nothing.
"""

from __future__ import annotations

import os

# The extra for each Keras backend, by the name ``KERAS_BACKEND`` uses.
BACKEND_EXTRAS: dict[str, str] = {"tensorflow": "tensorflow", "jax": "jax", "torch": "torch"}
# The extra that brings each module training imports, by top-level name; None: the one for
# the backend in use.
MODULE_EXTRAS: dict[str, str | None] = {
    "tensorflow": "tensorflow",
    "jax": "jax",
    "jaxlib": "jax",
    "torch": "torch",
    "keras": None,
    "numpy": None,
}
DEFAULT_BACKEND = "tensorflow"


def backend_extra() -> str:
    """The extra for the Keras backend this process asks for (``KERAS_BACKEND``)."""
    backend = os.environ.get("KERAS_BACKEND", "").strip().lower()
    return BACKEND_EXTRAS.get(backend, BACKEND_EXTRAS[DEFAULT_BACKEND])


def install_command(extra: str) -> str:
    return f"pip install 'pytest-lrcheck[{extra}]'"


def install_hint(error: ImportError) -> str | None:
    """One line saying what to install for a module training needs, or None when ``error``
    is about some other module (the user's own imports keep their own error)."""
    missing = (error.name or "").split(".")[0]
    if missing not in MODULE_EXTRAS:
        return None
    extra = MODULE_EXTRAS[missing] or backend_extra()
    others = ", ".join(f"[{name}]" for name in BACKEND_EXTRAS.values() if name != extra)
    return (
        f"training needs Keras 3 with a backend, but {missing!r} is not installed: "
        f"{install_command(extra)} (or {others} for another Keras backend)"
    )
