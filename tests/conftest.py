from __future__ import annotations

import os

# TensorFlow's C++ logging drowns test output; tests that need TensorFlow import it lazily.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def _import_the_whole_package() -> None:
    """Import every module of the package but the runtime (which may load Keras).

    ``pytester.runpytest`` runs an inner session in this process and, when it ends, removes
    from ``sys.modules`` every module imported during it.  A lint module first imported inside
    an inner session would be imported again afterwards as a second copy whose classes are not
    the ones the rest of the package holds, and checks in later tests would quietly see nothing.
    Importing everything up front keeps one copy of each module for the whole run.
    """
    import contextlib
    import importlib
    import pkgutil

    import pytest_lrcheck

    for module in pkgutil.walk_packages(pytest_lrcheck.__path__, "pytest_lrcheck."):
        # __main__ runs the command when imported; the runtime's callback module imports Keras,
        # which tests that need it load themselves.
        if module.name.endswith("__main__") or module.name.startswith(
            ("pytest_lrcheck._catalog", "pytest_lrcheck.runtime")
        ):
            continue
        # An optional extra that is not installed (the language server's pygls, say): its
        # tests skip, and nothing imports the module.
        with contextlib.suppress(ImportError):
            importlib.import_module(module.name)


_import_the_whole_package()
