"""Values flow from call sites into the file's functions and back through ``return``."""

from __future__ import annotations

import ast
import textwrap

from pytest_lrcheck.lint import calls
from pytest_lrcheck.lint.facts import FileFacts, build_facts


def facts(source: str) -> FileFacts:
    return build_facts(ast.parse(textwrap.dedent(source)))


def test_a_helper_that_fits_records_the_fit_on_the_callers_model():
    found = facts(
        """
        import keras

        def train(model, x, y, epochs=3):
            model.compile(optimizer="adam", loss="mse")
            return model.fit(x, y, epochs=epochs)

        net = keras.Sequential([keras.layers.Dense(1)])
        train(net, x_train, y_train)
        """
    )
    (model,) = found.models
    assert len(model.compiles) == 1 and len(model.calls_of("fit")) == 1


def test_a_builder_called_twice_gives_two_models_each_with_its_own_units():
    found = facts(
        """
        import keras

        def build(classes):
            return keras.Sequential([keras.layers.Dense(classes, activation="softmax")])

        small, large = build(3), build(100)
        """
    )
    assert sorted(m.output_units() for m in found.models) == [3, 100]


def test_recursion_is_not_followed_into_itself():
    found = facts(
        """
        import keras

        def deep(n, model):
            model.add(keras.layers.Dense(4))
            return deep(n - 1, model)

        net = keras.Sequential()
        deep(3, net)
        """
    )
    (model,) = found.models
    assert len(model.layers) == 1
    # The model went into a call that was not followed: what it added there is unknown.
    assert model.head() is None


def test_analyses_of_one_function_are_bounded():
    sites = "\n".join(f"opt{i} = build({i + 1}.0)" for i in range(calls.MAX_CONTEXTS + 5))
    found = facts(
        "import keras\n"
        "def build(rate):\n"
        "    return keras.optimizers.Adam(learning_rate=rate)\n" + sites
    )
    assert len(found.optimizers) == calls.MAX_CONTEXTS


def test_a_call_repeated_with_the_same_literals_is_analysed_once():
    found = facts(
        """
        import keras

        def build(rate):
            return keras.optimizers.Adam(learning_rate=rate)

        a = build(0.1)
        b = build(0.1)
        """
    )
    assert len(found.optimizers) == 1


def test_a_model_built_in_a_loop_body_keeps_the_head_that_body_gives_it():
    found = facts(
        """
        import keras

        for depth in depths:
            model = keras.Sequential()
            for _ in range(depth):
                model.add(keras.layers.Dense(64, activation="relu"))
            model.add(keras.layers.Dense(10, activation="sigmoid"))
        """
    )
    (model,) = found.models
    assert model.output_activation().name == "sigmoid"
    assert not model.complete  # the inner loop adds a number of layers nobody knows


def test_a_layer_added_under_a_branch_inside_the_loop_body_stays_conditional():
    found = facts(
        """
        import keras

        for wide in options:
            model = keras.Sequential([keras.layers.Dense(8)])
            if wide:
                model.add(keras.layers.Dense(10, activation="softmax"))
        """
    )
    (model,) = found.models
    assert model.head() is None


def test_a_loop_over_a_literal_sequence_runs_its_body_once_per_item():
    found = facts(
        """
        import keras

        model = keras.Sequential([keras.Input((8,))])
        for units in (128, 64, 32):
            model.add(keras.layers.Dense(units, activation="relu"))
        model.add(keras.layers.Dense(3, activation="softmax"))
        """
    )
    (model,) = found.models
    assert [layer.units for layer in model.layers[1:]] == [128, 64, 32, 3]
    assert model.complete and not any(layer.conditional for layer in model.layers)


def test_loops_that_may_stop_early_or_over_unknown_items_are_followed_once():
    for loop in (
        "for units in (128, 64):\n    if units < 100:\n        break",
        "for units in sizes:",
    ):
        found = facts(
            "import keras\n"
            "model = keras.Sequential([keras.Input((8,))])\n"
            f"{loop}\n"
            "    model.add(keras.layers.Dense(16, activation='relu'))\n"
        )
        (model,) = found.models
        assert len(model.layers) == 2 and not model.complete


def test_a_list_comprehension_of_models_gives_each_loop_variable_that_model():
    found = facts(
        """
        import keras

        def member(seed):
            return keras.Sequential([keras.Input((4,)), keras.layers.Dense(1, activation="relu")])

        ensemble = [member(seed) for seed in range(5)]
        for net in ensemble:
            net.compile(optimizer="adam", loss="binary_crossentropy")
        """
    )
    (model,) = found.models
    assert len(model.compiles) == 1


def test_running_bodies_again_is_bounded_by_the_size_of_the_file(monkeypatch):
    source = """
    import keras

    def build(rate):
        return keras.optimizers.Adam(learning_rate=rate)

    for units in (1, 2, 3):
        keras.layers.Dense(units)
    a, b = build(0.1), build(0.2)
    """
    assert len(facts(source).optimizers) == 2
    assert len(list(facts(source).calls_to("keras.layers.Dense"))) == 3
    monkeypatch.setattr(calls, "WORK_FLOOR", 0)
    monkeypatch.setattr(calls, "WORK_PER_LINE", 0)
    # No budget: the second call is not followed, and the loop is followed once, as a branch.
    assert [o.learning_rate for o in facts(source).optimizers] == [0.1]
    assert len(list(facts(source).calls_to("keras.layers.Dense"))) == 1
