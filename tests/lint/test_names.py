from __future__ import annotations

import ast

import pytest

from pytest_lrcheck.lint.names import NameResolver, canonical


def resolve(source: str, expression: str, scope_path: tuple[int, ...] = ()) -> str | None:
    """Resolve ``expression`` as if written at the end of the scope reached by ``scope_path``."""
    tree = ast.parse(source)
    resolver = NameResolver(tree)
    scope: ast.AST = tree
    for index in scope_path:
        scope = scope.body[index]  # type: ignore[attr-defined]
    return resolver.qualname(ast.parse(expression, mode="eval").body, scope)


@pytest.mark.parametrize(
    ("source", "expression"),
    [
        ("import tensorflow as tf", "tf.keras.layers.Dense"),
        ("import keras", "keras.layers.Dense"),
        ("import tensorflow", "tensorflow.keras.layers.Dense"),
        ("from keras import layers", "layers.Dense"),
        ("from tensorflow.keras import layers", "layers.Dense"),
        ("from tensorflow.keras.layers import Dense as D", "D"),
        ("import tensorflow.keras as tfk", "tfk.layers.Dense"),
        ("import tf_keras", "tf_keras.layers.Dense"),
        ("import keras", "keras.layers.core.Dense"),
        ("import keras", "keras.src.layers.core.dense.Dense"),
        ("import tensorflow as tf\nL = tf.keras.layers", "L.Dense"),
        ("from tensorflow.python.keras.layers import Dense", "Dense"),
    ],
)
def test_every_spelling_of_dense_is_one_name(source: str, expression: str):
    assert resolve(source, expression) == "keras.layers.Dense"


@pytest.mark.parametrize(
    ("qualified", "expected"),
    [
        ("tensorflow.keras.models.Sequential", "keras.Sequential"),
        ("keras.models.Model", "keras.Model"),
        ("tensorflow.keras.layers.Input", "keras.Input"),
        ("tensorflow.keras.optimizers.legacy.Adam", "keras.optimizers.Adam"),
        ("keras.optimizers.optimizer_v2.adam.Adam", "keras.optimizers.Adam"),
        ("tensorflow.keras.layers.experimental.preprocessing.Rescaling", "keras.layers.Rescaling"),
        ("keras.utils.np_utils.to_categorical", "keras.utils.to_categorical"),
        ("tensorflow.compat.v1.train.AdamOptimizer", "tensorflow.train.AdamOptimizer"),
        ("tensorflow.math.argmax", "tensorflow.argmax"),
        ("tensorflow.keras.datasets.mnist.load_data", "keras.datasets.mnist.load_data"),
        ("numpy.argmax", "numpy.argmax"),
    ],
)
def test_canonical_folds_aliases(qualified: str, expected: str):
    assert canonical(qualified) == expected


def test_local_class_shadows_the_import():
    source = "from keras.layers import Dense\nclass Dense:\n    pass\n"
    assert resolve(source, "Dense") is None


def test_star_import_from_other_module_makes_earlier_imports_ambiguous():
    source = "from keras.layers import Dense\nfrom mylayers import *\n"
    assert resolve(source, "Dense") is None


def test_keras_star_import_keeps_other_imports():
    source = "import tensorflow as tf\nfrom tensorflow.keras.layers import *\n"
    assert resolve(source, "tf.keras.layers.Dense") == "keras.layers.Dense"


@pytest.mark.parametrize(
    ("star", "name", "expected"),
    [
        ("from tensorflow.keras.layers import *", "Dense", "keras.layers.Dense"),
        ("from keras.layers import *", "TimeDistributed", "keras.layers.TimeDistributed"),
        ("from tensorflow.keras.models import *", "Sequential", "keras.Sequential"),
        ("from keras.optimizers import *", "Adam", "keras.optimizers.Adam"),
        ("from tensorflow.keras.losses import *", "mse", "keras.losses.mse"),
        ("from tensorflow.keras.initializers import *", "Zeros", "keras.initializers.Zeros"),
        # Names the module does not export stay unresolved: a user's own undefined name.
        ("from tensorflow.keras.layers import *", "Sequential", None),
        ("from keras.optimizers import *", "Dense", None),
        ("from numpy import *", "Dense", None),
    ],
)
def test_keras_star_imports_bind_the_public_names_of_their_module(star, name, expected):
    assert resolve(f"{star}\n", name) == expected


def test_star_imported_names_are_shadowed_by_local_definitions():
    star = "from tensorflow.keras.layers import *\n"
    assert resolve(star + "class Dense:\n    pass\n", "Dense") is None
    assert resolve(star + "def build(Dense):\n    pass\n", "Dense", (1,)) is None
    assert resolve(star + "from mylayers import Dense\n", "Dense") == "mylayers.Dense"
    # A later star import of other code may rebind any name.
    assert resolve(star + "from mylayers import *\n", "Dense") is None
    # The last Keras star import that exports the name wins.
    two = "from keras.layers import *\nfrom keras.models import *\n"
    assert resolve(two, "Dense") == "keras.layers.Dense"
    assert resolve(two, "Sequential") == "keras.Sequential"


def test_function_parameter_shadows_module_import_only_inside():
    source = "from keras import layers\ndef build(layers):\n    pass\n"
    assert resolve(source, "layers.Dense", (1,)) is None
    assert resolve(source, "layers.Dense") == "keras.layers.Dense"


def test_import_inside_function_is_visible_there_only():
    source = "def build():\n    from keras import layers\n"
    assert resolve(source, "layers.Dense", (0,)) == "keras.layers.Dense"
    assert resolve(source, "layers.Dense") is None


def test_nested_function_sees_enclosing_import_but_not_class_scope():
    source = (
        "def outer():\n"
        "    import keras\n"
        "    def inner():\n"
        "        pass\n"
        "class Holder:\n"
        "    import keras\n"
        "    def method(self):\n"
        "        pass\n"
    )
    assert resolve(source, "keras.Input", (0, 1)) == "keras.Input"
    assert resolve(source, "keras.Input", (1, 1)) is None


def test_rebinding_a_module_name_makes_it_unresolvable():
    source = "import numpy as np\nnp = make_fake_numpy()\n"
    assert resolve(source, "np.argmax") is None


def test_attribute_assignment_does_not_bind_the_base_name():
    source = "import keras\nkeras.config_value = 1\n"
    assert resolve(source, "keras.layers.Dense") == "keras.layers.Dense"


def test_relative_imports_are_project_code():
    source = "from .keras import layers\n"
    assert resolve(source, "layers.Dense") is None


def test_global_declaration_reads_module_binding():
    source = "import keras\ndef f():\n    global keras\n"
    assert resolve(source, "keras.Input", (1,)) == "keras.Input"


def test_unknown_names_resolve_to_nothing():
    assert resolve("", "Dense") is None
    assert resolve("import keras", "model.fit") is None
