"""The file's own classes: models and settings kept on ``self`` and in dataclass fields."""

from __future__ import annotations

import ast
import textwrap

from pytest_lrcheck.lint.api import lint_source
from pytest_lrcheck.lint.facts import FileFacts, build_facts


def facts(source: str) -> FileFacts:
    return build_facts(ast.parse(textwrap.dedent(source)))


def codes(source: str) -> list[tuple[str, int]]:
    return [(f.code, f.span.line) for f in lint_source(textwrap.dedent(source))]


TRAINER = """
import keras
from dataclasses import dataclass

@dataclass
class Config:
    classes: int = 10
    rate: float = 1e-3

class Trainer:
    def __init__(self, config):
        self.config = config
        self.model = self.build()

    def build(self):
        model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(
            self.config.classes, activation="softmax")])
        model.compile(optimizer=keras.optimizers.Adam(self.config.rate),
                      loss="sparse_categorical_crossentropy")
        return model

    def train(self, x, y):
        return self.model.fit(x, y, epochs=3)

trainer = Trainer(Config({args}))
trainer.train(x_train, y_train)
"""


def test_a_model_on_self_is_built_by_one_method_and_fitted_by_another():
    (model,) = facts(TRAINER.format(args="")).models
    assert model.output_units() == 10
    assert len(model.compiles) == 1 and len(model.calls_of("fit")) == 1


def test_dataclass_fields_take_the_arguments_else_their_defaults():
    (model,) = facts(TRAINER.format(args="classes=1")).models
    assert model.output_units() == 1
    lines = TRAINER.splitlines()
    call = next(n for n, text in enumerate(lines, 1) if text.startswith("trainer = "))
    assert "LRC102" in {code for code, _ in codes(TRAINER.format(args="classes=1"))}
    # The rate is reported where it is written: the call that builds the config.
    assert ("LRC301", call) in codes(TRAINER.format(args="rate=3.0"))
    assert codes(TRAINER.format(args="20, 1e-4")) == []


def test_a_class_attribute_is_read_through_self():
    source = """
    import keras

    class Net:
        rate = 5.0

        def optimizer(self):
            return keras.optimizers.Adam(learning_rate=self.rate)

    opt = Net().optimizer()
    """
    assert [o.learning_rate for o in facts(source).optimizers] == [5.0]


def test_an_attribute_set_on_one_branch_only_is_unknown():
    source = """
    import keras

    class Net:
        def __init__(self, big):
            self.units = 1
            if big:
                self.units = 10
            self.model = keras.Sequential([keras.layers.Dense(self.units, activation="softmax")])

    Net(len(sys.argv) > 1)
    """
    (model,) = facts("import sys\n" + textwrap.dedent(source)).models
    assert model.output_units() is None


def test_a_branch_the_arguments_settle_is_followed_surely():
    source = """
    import keras

    class Net:
        def __init__(self, big):
            self.units = 1
            if big:
                self.units = 10
            self.model = keras.Sequential([keras.layers.Dense(self.units, activation="softmax")])

    Net(True)
    """
    (model,) = facts(source).models
    assert model.output_units() == 10


def test_classes_with_bases_from_elsewhere_stay_unknown():
    source = """
    import keras

    class Classifier(keras.Model):
        def __init__(self):
            super().__init__()
            self.head = keras.layers.Dense(1, activation="sigmoid")

    class Trainer(SomeFrameworkTrainer):
        units = 1

    Trainer().units
    model = Classifier()
    model.compile(optimizer="adam", loss="binary_crossentropy")
    """
    found = facts(source)
    assert codes(source) == []
    assert not any(m.compiles for m in found.models)


def test_a_subclass_of_a_file_class_inherits_its_methods():
    source = """
    import keras

    class Base:
        def optimizer(self):
            return keras.optimizers.SGD(learning_rate=self.rate)

    class Fast(Base):
        rate = 50.0

    Fast().optimizer()
    """
    assert [o.learning_rate for o in facts(source).optimizers] == [50.0]


def test_dataclass_options_that_keep_the_generated_init_are_followed():
    source = """
    import keras
    from dataclasses import dataclass

    @dataclass({options})
    class Config:
        rate: float = 5.0

    opt = keras.optimizers.Adam(learning_rate=Config().rate)
    """
    rate = facts(source.format(options="frozen=True")).optimizers[0].learning_rate
    assert rate == 5.0
    # With init=False the class stores what its own code says: not followed.
    assert facts(source.format(options="init=False")).optimizers[0].learning_rate is None
