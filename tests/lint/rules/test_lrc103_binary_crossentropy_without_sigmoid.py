"""LRC103 binary-crossentropy-without-sigmoid: edge cases beyond the rule's document."""

from __future__ import annotations

import pytest

from tests.lint.rules.conftest import findings_for, fixed, lines_for

CODE = "LRC103"


@pytest.mark.parametrize(
    ("imports", "dense", "loss"),
    [
        (
            "import tensorflow as tf",
            "tf.keras.layers.Dense",
            "tf.keras.losses.BinaryCrossentropy()",
        ),
        ("import keras", "keras.layers.Dense", "keras.losses.binary_crossentropy"),
        ("from tensorflow.keras.layers import Dense as D", "D", "'binary_crossentropy'"),
        ("from keras import layers, losses", "layers.Dense", "losses.BinaryFocalCrossentropy()"),
        (
            "import tensorflow.keras as tfk",
            "tfk.layers.Dense",
            "tfk.losses.BinaryCrossentropy(False)",
        ),
        ("import tf_keras", "tf_keras.layers.Dense", "tf_keras.losses.BinaryCrossentropy()"),
        ("import keras", "keras.layers.core.Dense", "'binary_crossentropy'"),
    ],
)
def test_every_spelling_of_layer_and_loss(imports: str, dense: str, loss: str):
    source = f"""
        {imports}
        import keras
        model = keras.Sequential([keras.Input((8,)), {dense}(1, activation="relu")])
        model.compile(optimizer="adam", loss={loss})
    """
    (finding,) = findings_for(CODE, source.replace("\n        ", "\n"))
    assert finding.span.line == 4
    line = source.replace("\n        ", "\n").splitlines()[3]
    assert finding.span.column == line.index('"relu"') + 1
    assert "activation is relu" in finding.message


def test_linear_default_is_reported_at_the_layer_call_without_fix():
    source = """
        import keras
        from keras import layers

        model = keras.Sequential()
        model.add(keras.Input(shape=(8,)))
        model.add(layers.Dense(1))
        model.compile(optimizer="adam", loss="binary_crossentropy")
    """
    (finding,) = findings_for(CODE, source)
    assert (finding.span.line, finding.span.column) == (7, 11)
    assert "linear (no activation)" in finding.message
    assert "from_logits=True to BinaryCrossentropy" in finding.message
    assert finding.fix is None


def test_focal_loss_message_names_its_own_class():
    source = """
        import keras

        model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss=keras.losses.BinaryFocalCrossentropy())
    """
    (finding,) = findings_for(CODE, source)
    assert "binary_focal_crossentropy expects" in finding.message
    assert "from_logits=True to BinaryFocalCrossentropy" in finding.message


@pytest.mark.parametrize("activation", ["tanh", "relu", "linear", "elu", "softplus", "LeakyReLU"])
def test_non_probability_activations_are_fixed_to_sigmoid(activation: str):
    source = f"""
        from tensorflow import keras

        model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(1, "{activation}")])
        model.compile(optimizer="adam", loss="binary_crossentropy")
    """
    if activation == "LeakyReLU":
        # Not a string Keras knows as an activation: the checker must not guess.
        assert not findings_for(CODE, source)
        return
    (finding,) = findings_for(CODE, source)
    assert finding.fix is not None and finding.fix.safety == "unsafe"
    repaired = fixed(source)
    assert 'Dense(1, "sigmoid")' in repaired
    assert not findings_for(CODE, repaired)


def test_activation_layer_after_linear_dense_is_fixed_there():
    source = """
        import tensorflow as tf

        inputs = tf.keras.Input(shape=(8,))
        logit = tf.keras.layers.Dense(1)(inputs)
        outputs = tf.keras.layers.Activation('tanh')(logit)
        model = tf.keras.Model(inputs, outputs)
        model.compile(optimizer="adam", loss="binary_crossentropy")
    """
    assert lines_for(CODE, source) == [6]
    assert "tf.keras.layers.Activation('sigmoid')(logit)" in fixed(source)


def test_no_fix_when_two_nonlinearities_are_stacked():
    source = """
        import keras
        from keras import layers

        model = keras.Sequential(
            [keras.Input((8,)), layers.Dense(1, activation="relu"), layers.Activation("tanh")]
        )
        model.compile(optimizer="adam", loss="binary_crossentropy")
    """
    (finding,) = findings_for(CODE, source)
    assert finding.span.line == 6
    assert finding.fix is None


def test_keras2_model_with_input_dim_built_in_a_function():
    source = """
        from keras.models import Sequential
        from keras.layers import Dense

        def make_model():
            model = Sequential()
            model.add(Dense(12, input_dim=8, activation="relu"))
            model.add(Dense(1, activation="relu"))
            return model

        model = make_model()
        model.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
        model.fit(X, Y, nb_epoch=150, batch_size=10)
    """
    assert lines_for(CODE, source) == [8]


def test_segmentation_head_without_sigmoid():
    source = """
        import keras
        from keras import layers

        inputs = keras.Input(shape=(128, 128, 3))
        x = layers.Conv2D(32, 3, padding="same", activation="relu")(inputs)
        masks = layers.Conv2D(1, 1, padding="same")(x)
        model = keras.Model(inputs, masks)
        model.compile(optimizer="adam", loss="binary_crossentropy")
    """
    assert lines_for(CODE, source) == [7]


def test_softmax_over_many_units_gets_the_softmax_message_and_no_fix():
    source = """
        import keras

        model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(5, activation="softmax")])
        model.compile(optimizer="adam", loss="binary_crossentropy")
    """
    (finding,) = findings_for(CODE, source)
    assert "each of the 5 outputs" in finding.message
    assert "categorical_crossentropy" in finding.message
    assert "activation='sigmoid'" in finding.message  # for multi-label data
    assert finding.fix is None


@pytest.mark.parametrize(
    ("head", "loss"),
    [
        # the expert idiom: logits and a loss told so
        ("keras.layers.Dense(1)", "keras.losses.BinaryCrossentropy(from_logits=True)"),
        ("keras.layers.Dense(1)", "keras.losses.BinaryCrossentropy(True)"),
        # sigmoid outputs, including multi-label heads
        ("keras.layers.Dense(1, activation='sigmoid')", "'binary_crossentropy'"),
        ("keras.layers.Dense(5, activation='sigmoid')", "'binary_crossentropy'"),
        ("keras.layers.Dense(1, activation='hard_sigmoid')", "'binary_crossentropy'"),
        # two softmax units with binary cross-entropy equal categorical cross-entropy
        ("keras.layers.Dense(2, activation='softmax')", "'binary_crossentropy'"),
        # one softmax unit: LRC102's finding
        ("keras.layers.Dense(1, activation='softmax')", "'binary_crossentropy'"),
        # a softmax over an unknown number of units
        ("keras.layers.Dense(N, activation='softmax')", "'binary_crossentropy'"),
        # from_logits unknown
        ("keras.layers.Dense(1)", "keras.losses.BinaryCrossentropy(from_logits=LOGITS)"),
        # a custom loss
        ("keras.layers.Dense(1)", "my_loss"),
        # other losses
        ("keras.layers.Dense(1)", "'mse'"),
        ("keras.layers.Dense(1)", "'hinge'"),
        # an activation the checker cannot read
        ("keras.layers.Dense(1, activation=my_activation)", "'binary_crossentropy'"),
        ("keras.layers.Lambda(lambda t: t)", "'binary_crossentropy'"),
    ],
)
def test_stays_silent(head: str, loss: str):
    assert not findings_for(CODE, TEMPLATE.format(head=head, loss=loss))


def test_the_silence_template_does_report_a_linear_head():
    # The control for test_stays_silent: the same program with a real bug is reported.
    source = TEMPLATE.format(head="keras.layers.Dense(1)", loss="'binary_crossentropy'")
    assert lines_for(CODE, source) == [11]


TEMPLATE = """
import keras

def my_loss(y_true, y_pred):
    return keras.ops.mean(y_pred)

def my_activation(x):
    return x

def build(N, LOGITS):
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(4), {head}])
    model.compile(optimizer="adam", loss={loss})
"""


def test_silent_for_multi_output_dict_losses_and_double_compile():
    source = """
        import keras
        from keras import layers

        inputs = keras.Input(shape=(8,))
        a = layers.Dense(1, name="a")(inputs)
        b = layers.Dense(1, name="b")(inputs)
        two = keras.Model(inputs, [a, b])
        two.compile(optimizer="adam", loss={"a": "binary_crossentropy", "b": "mse"})

        one = keras.Sequential([keras.Input((8,)), layers.Dense(1)])
        one.compile(optimizer="adam", loss="binary_crossentropy")
        one.compile(optimizer="adam", loss=keras.losses.BinaryCrossentropy(from_logits=True))
    """
    assert not findings_for(CODE, source)


def test_silent_for_subclassed_and_loaded_models():
    source = """
        import keras

        class Net(keras.Model):
            def __init__(self):
                super().__init__()
                self.out = keras.layers.Dense(1)

            def call(self, x):
                return self.out(x)

        net = Net()
        net.compile(optimizer="adam", loss="binary_crossentropy")
        loaded = keras.models.load_model("model.keras")
        loaded.compile(optimizer="adam", loss="binary_crossentropy")
    """
    assert not findings_for(CODE, source)


def test_local_dense_class_is_not_keras():
    source = """
        import keras

        class Dense:
            def __init__(self, units, activation=None):
                self.units = units

        model = keras.Sequential([keras.Input((8,)), Dense(1, activation="relu")])
        model.compile(optimizer="adam", loss="binary_crossentropy")
    """
    assert not findings_for(CODE, source)
