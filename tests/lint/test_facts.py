"""The interpreter: what a file says about its models and data."""

from __future__ import annotations

import ast
import textwrap

from pytest_lrcheck.lint.facts import FileFacts, build_facts
from pytest_lrcheck.lint.values import DataVal, ModelFact, PredictionVal, Unknown


def facts(source: str) -> FileFacts:
    # Sources are the KERAS imports followed by an indented triple-quoted body.
    head, _, body = source.rpartition(KERAS)
    return build_facts(ast.parse(head + _ + textwrap.dedent(body)))


def only_model(source: str) -> ModelFact:
    found = facts(source).models
    assert len(found) == 1, found
    return found[0]


def kinds(model: ModelFact) -> list[str]:
    return [layer.kind for layer in model.layers]


def fit_x(model: ModelFact) -> DataVal:
    (call,) = model.calls_of("fit")
    assert isinstance(call.x, DataVal), call.x
    return call.x


KERAS = "from tensorflow import keras\nfrom tensorflow.keras import layers\n"


def test_sequential_list_and_add_forms_give_the_same_layers():
    listed = only_model(
        KERAS
        + "m = keras.Sequential([layers.Dense(8, activation='relu'), layers.Dense(3, 'softmax')])"
    )
    added = only_model(
        KERAS
        + "m = keras.Sequential()\n"
        + "m.add(layers.Dense(8, activation='relu'))\n"
        + "m.add(layers.Dense(3, 'softmax'))\n"
    )
    for model in (listed, added):
        assert kinds(model) == ["Dense", "Dense"]
        assert model.output_units() == 3
        assert model.output_activation().name == "softmax"
        assert model.complete


def test_following_activation_layer_is_the_output_activation():
    model = only_model(
        KERAS + "m = keras.Sequential([layers.Dense(10), layers.Dropout(0.1), layers.Softmax()])"
    )
    assert model.output_activation().name == "softmax"
    assert [layer.kind for layer in model.head()] == ["Dense", "Dropout", "Softmax"]


def test_default_activation_is_implicit_linear():
    activation = only_model(KERAS + "m = keras.Sequential([layers.Dense(4)])").output_activation()
    assert (activation.name, activation.explicit) == ("linear", False)


def test_activation_function_objects_resolve():
    body = "m = keras.Sequential([layers.Dense(4, tf.nn.softmax)])"
    source = KERAS + "import tensorflow as tf\n" + body
    assert only_model(source).output_activation().name == "softmax"


def test_functional_chain_from_input_to_output():
    model = only_model(
        KERAS
        + """
        inputs = keras.Input(shape=(28, 28, 1))
        x = layers.Conv2D(8, 3, activation="relu")(inputs)
        x = layers.Flatten()(x)
        x = layers.Dense(10)(x)
        outputs = layers.Activation("softmax")(x)
        model = keras.Model(inputs=inputs, outputs=outputs)
        """
    )
    assert kinds(model) == ["InputLayer", "Conv2D", "Flatten", "Dense", "Activation"]
    assert model.layers[0].input_shape == (28, 28, 1)
    assert model.output_activation().name == "softmax"


def test_functional_merge_keeps_the_head_but_not_the_whole_model():
    model = only_model(
        KERAS
        + """
        a = keras.Input(shape=(4,))
        b = keras.Input(shape=(4,))
        x = layers.Concatenate()([a, b])
        out = layers.Dense(1, activation="sigmoid")(x)
        model = keras.Model([a, b], out)
        """
    )
    assert not model.complete
    assert model.output_activation().name == "sigmoid"


def test_model_built_in_a_function_is_trained_at_module_level():
    model = only_model(
        KERAS
        + """
        def build(units):
            model = keras.Sequential([layers.Dense(units, activation="softmax")])
            model.compile(optimizer="adam", loss="categorical_crossentropy")
            return model

        (x_train, y_train), _ = keras.datasets.mnist.load_data()
        model = build(10)
        model.fit(x_train, y_train)
        """
    )
    assert model.compile.loss.name == "categorical_crossentropy"
    assert {s.name for s in fit_x(model).sources} == {"mnist"}


def test_function_called_before_its_definition_is_interpreted_on_call():
    model = only_model(
        KERAS
        + """
        def main():
            model = build()
            model.compile(loss="mse", optimizer="sgd")

        def build():
            return keras.Sequential([layers.Dense(1)])

        main()
        """
    )
    assert model.compile.loss.name == "mean_squared_error"


def test_layers_added_in_a_loop_are_conditional():
    model = only_model(
        KERAS
        + """
        model = keras.Sequential()
        for units in widths:
            model.add(layers.Dense(units, activation="relu"))
        model.add(layers.Dense(3, activation="softmax"))
        """
    )
    assert not model.complete
    assert model.output_activation().name == "softmax"  # the head is after the loop


def test_head_added_under_if_is_unknown():
    model = only_model(
        KERAS
        + """
        model = keras.Sequential([layers.Dense(8)])
        if binary:
            model.add(layers.Dense(1, activation="sigmoid"))
        """
    )
    assert model.output_activation() is None


def test_mutating_the_model_makes_its_head_unknown():
    model = only_model(
        KERAS
        + """
        model = keras.Sequential([layers.Dense(3, activation="sigmoid")])
        model.layers[-1].activation = keras.activations.softmax
        """
    )
    assert model.output_activation() is None


def test_compile_facts():
    model = only_model(
        KERAS
        + """
        lr = 3e-4
        model = keras.Sequential([layers.Dense(3)])
        model.compile(
            optimizer=keras.optimizers.Adam(learning_rate=lr),
            loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
            metrics=["acc", keras.metrics.SparseCategoricalAccuracy()],
        )
        """
    )
    compiled = model.compile
    assert (compiled.loss.name, compiled.loss.from_logits) == (
        "sparse_categorical_crossentropy",
        True,
    )
    assert (compiled.optimizer.name, compiled.optimizer.learning_rate) == ("Adam", 3e-4)
    assert [m.name for m in compiled.metrics] == ["accuracy", "sparse_categorical_accuracy"]


def test_from_logits_given_by_a_variable_is_unknown():
    model = only_model(
        KERAS
        + """
        model = keras.Sequential([layers.Dense(3)])
        model.compile(loss=keras.losses.CategoricalCrossentropy(from_logits=use_logits))
        """
    )
    assert model.compile.loss.from_logits is None


def test_dict_losses_are_multi_output():
    model = only_model(
        KERAS
        + "m = keras.Sequential([layers.Dense(3)])\n"
        + "m.compile(loss={'a': 'mse', 'b': 'binary_crossentropy'})"
    )
    assert model.compile.losses_are_multi and model.compile.loss is None


def test_legacy_tf1_and_string_optimizers():
    found = facts(
        """
        import tensorflow as tf
        a = tf.compat.v1.train.AdamOptimizer(0.5)
        b = tf.keras.optimizers.SGD(lr=0.1, decay=1e-6)
        """
    ).optimizers
    assert [(o.name, o.form, o.learning_rate) for o in found] == [
        ("Adam", "tf1", 0.5),
        ("SGD", "instance", 0.1),
    ]
    assert set(found[1].keywords) == {"lr", "decay"}


def test_division_by_255_is_scaling_on_every_path():
    model = only_model(
        KERAS
        + """
        (x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
        x_train = x_train.astype("float32")
        x_train /= 255
        model = keras.Sequential([layers.Dense(10, activation="softmax")])
        model.fit(x_train, y_train)
        """
    )
    data = fit_x(model)
    assert data.must_have("scale") and data.complete
    (scale,) = data.ops("scale")
    assert (scale.detail, scale.number) == ("div", 255.0)


def test_scaling_under_if_is_may_but_not_must():
    model = only_model(
        KERAS
        + """
        (x, y), _ = keras.datasets.mnist.load_data()
        if normalise:
            x = x / 255.0
        model = keras.Sequential([layers.Dense(10, activation="softmax")])
        model.fit(x, y)
        """
    )
    data = fit_x(model)
    assert data.may_have("scale") and not data.must_have("scale")


def test_unknown_function_hides_the_data():
    model = only_model(
        KERAS
        + """
        (x, y), _ = keras.datasets.mnist.load_data()
        x = preprocess(x)
        model = keras.Sequential([layers.Dense(10, activation="softmax")])
        model.fit(x, y)
        """
    )
    assert isinstance(model.calls_of("fit")[0].x, Unknown)


def test_subscript_assignment_makes_data_incomplete():
    model = only_model(
        KERAS
        + """
        (x, y), _ = keras.datasets.mnist.load_data()
        x[x > 0] = 1
        model = keras.Sequential([layers.Dense(10, activation="softmax")])
        model.fit(x, y)
        """
    )
    assert not fit_x(model).complete


def test_labels_one_hot_and_train_test_split():
    model = only_model(
        KERAS
        + """
        from sklearn.model_selection import train_test_split
        (x, y), _ = keras.datasets.mnist.load_data()
        y = keras.utils.to_categorical(y, 10)
        x_tr, x_val, y_tr, y_val = train_test_split(x, y, test_size=0.2)
        model = keras.Sequential([layers.Dense(10, activation="softmax")])
        model.fit(x_tr, y_tr, validation_data=(x_val, y_val))
        """
    )
    (call,) = model.calls_of("fit")
    assert call.y.must_have("one_hot") and call.y.ops("one_hot")[0].number == 10
    assert call.validation.items[0] is not call.x  # different halves of the split


def test_two_calls_of_a_loader_return_different_data():
    model = only_model(
        KERAS
        + """
        import numpy as np
        def load(name):
            return np.load(name)
        def load_split(name):
            (x, y), _ = keras.datasets.mnist.load_data()
            return x, y
        x_a, y_a = load_split("train")
        x_b, y_b = load_split("val")
        model = keras.Sequential([layers.Dense(10, activation="softmax")])
        model.fit(x_a, y_a, validation_data=(x_b, y_b))
        """
    )
    (call,) = model.calls_of("fit")
    assert isinstance(call.x, DataVal) and call.validation.items[0] is not call.x


def test_same_binding_read_twice_is_the_same_value():
    model = only_model(
        KERAS
        + """
        def train(model, x, y):
            model.fit(x, y, validation_data=(x, y))
        model = keras.Sequential([layers.Dense(1)])
        model.fit(x_train, y_train, validation_data=(x_train, y_train))
        """
    )
    (call,) = model.calls_of("fit")
    assert call.validation.items[0] is call.x and call.validation.items[1] is call.y


def test_image_data_generator_rescale_scales_its_flows():
    model = only_model(
        KERAS
        + """
        from tensorflow.keras.preprocessing.image import ImageDataGenerator
        raw = ImageDataGenerator(horizontal_flip=True).flow_from_directory("data/train")
        scaled = ImageDataGenerator(rescale=1.0 / 255).flow_from_directory("data/train")
        model = keras.Sequential([layers.Dense(2, activation="softmax")])
        model.fit(raw)
        model.fit(scaled)
        """
    )
    raw, scaled = (c.x for c in model.calls_of("fit"))
    assert not raw.may_have("scale") and scaled.must_have("scale")


def test_predictions_are_tracked():
    f = facts(
        KERAS
        + """
        import numpy as np
        model = keras.Sequential([layers.Dense(10, activation="softmax")])
        preds = model.predict(x_test)
        labels = np.argmax(preds)
        """
    )
    (call,) = list(f.calls_to("numpy.argmax"))
    assert isinstance(f.value_of(call.node.args[0]), PredictionVal)


def test_comprehensions_and_lambdas_are_visited():
    f = facts(
        KERAS
        + """
        opts = [keras.optimizers.Adam(learning_rate=r) for r in (1e-3, 1e-4)]
        make = lambda: keras.optimizers.SGD(learning_rate=5.0)
        """
    )
    assert [o.name for o in f.optimizers] == ["Adam", "SGD"]
    assert f.optimizers[1].learning_rate == 5.0


def test_methods_of_classes_are_analysed():
    f = facts(
        KERAS
        + """
        class Trainer:
            def build(self):
                self.model = keras.Sequential([layers.Dense(2, activation="softmax")])
                return keras.optimizers.Adam(2.0)
        """
    )
    assert [o.learning_rate for o in f.optimizers] == [2.0]
    assert len(f.models) == 1


def test_time_distributed_is_the_wrapped_layer_at_every_step():
    model = only_model(
        KERAS
        + """
        inputs = keras.Input(shape=(20, 8))
        x = layers.TimeDistributed(layers.Dense(16, activation="relu"))(inputs)
        outputs = layers.TimeDistributed(layers.Dense(5, activation="sigmoid"))(x)
        m = keras.Model(inputs, outputs)
        """
    )
    assert kinds(model) == ["InputLayer", "Dense", "Dense"]
    assert (model.output_units(), model.output_activation().name) == (5, "sigmoid")


def test_bidirectional_is_not_seen_through_it_doubles_the_units():
    model = only_model(
        KERAS + "m = keras.Sequential([keras.Input((20, 8)), layers.Bidirectional(layers.LSTM(4))])"
    )
    assert kinds(model) == ["InputLayer", "Bidirectional"]
