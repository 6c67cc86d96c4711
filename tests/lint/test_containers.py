"""Settings kept in config dicts and argparse defaults flow to where they are used."""

from __future__ import annotations

import ast
import textwrap

from pytest_lrcheck.lint.api import lint_source
from pytest_lrcheck.lint.facts import build_facts


def rates(source: str) -> list[float | None]:
    facts = build_facts(ast.parse(textwrap.dedent(source)))
    return [o.learning_rate for o in facts.optimizers]


def test_a_config_dict_item_reaches_the_optimizer_and_is_reported_where_written():
    source = """\
    import keras

    CONFIG = {
        "learning_rate": 2.0,
        "epochs": 10,
    }

    def build(cfg):
        return keras.optimizers.RMSprop(learning_rate=cfg["learning_rate"])

    opt = build(CONFIG)
    """
    assert rates(source) == [2.0]
    (finding,) = [f for f in lint_source(textwrap.dedent(source)) if f.code == "LRC301"]
    assert finding.span.line == 4
    assert "read as cfg['learning_rate'] at line 9" in finding.message


def test_config_spread_into_a_function_binds_its_keys():
    source = """\
    import keras

    def build(lr=1e-3, momentum=0.9):
        return keras.optimizers.SGD(learning_rate=lr, momentum=momentum)

    settings = dict(lr=5.0)
    opt = build(**settings)
    """
    assert rates(source) == [5.0]
    # A dict the checker cannot see fully may hold any key: the default is not assumed.
    assert rates(source.replace("dict(lr=5.0)", "load_settings()")) == [None]


def test_items_set_on_one_path_or_under_unknown_keys_are_unknown():
    base = """\
    import keras
    cfg = {"lr": 1e-3}
    CHANGE
    opt = keras.optimizers.Adam(learning_rate=cfg["lr"])
    """
    assert rates(base.replace("CHANGE", 'cfg["lr"] = 3e-4')) == [3e-4]
    assert rates(base.replace("CHANGE", 'if fast:\n        cfg["lr"] = 5.0')) == [None]
    assert rates(base.replace("CHANGE", "cfg[name] = 5.0")) == [None]
    assert rates(base.replace("CHANGE", "cfg.update(overrides)")) == [None]
    got = base.replace("CHANGE", 'rate = cfg.get("lr", 0.5)').replace('cfg["lr"])', "rate)")
    assert rates(got) == [1e-3]


def test_argparse_defaults_reach_the_code_that_reads_the_namespace():
    source = """\
    import argparse
    import keras

    parser = argparse.ArgumentParser()
    parser.add_argument("--learning-rate", type=float, default=1.0)
    parser.add_argument("--momentum", dest="beta", type=float, default=0.9)
    args = parser.parse_args()
    opt = keras.optimizers.SGD(learning_rate=args.learning_rate / 10, momentum=args.beta)
    adam = keras.optimizers.Adam(args.learning_rate)
    """
    assert rates(source) == [0.1, 1.0]
    (finding,) = [f for f in lint_source(textwrap.dedent(source)) if f.code == "LRC301"]
    assert finding.span.line == 5  # the default, where the rate is written
    # Arguments given in the file, or options added in ways not followed: not assumed.
    assert rates(source.replace("parse_args()", "parse_args(['--learning-rate', '0.1'])")) == [
        None,
        None,
    ]


def _layers(source: str) -> list[str]:
    (model,) = build_facts(ast.parse(textwrap.dedent(source))).models
    return [layer.kind for layer in model.layers]


def test_a_layer_list_grown_by_append_and_concatenation_reaches_the_model():
    source = """
    import keras
    from keras import layers

    def block(units, activation=None, dropout=0.0):
        parts = [layers.Dense(units)]
        if activation is not None:
            parts.append(layers.Activation(activation))
        if dropout:
            parts.extend([layers.Dropout(dropout)])
        return parts

    model = keras.Sequential([keras.Input((4,))] + block(8, dropout=0.1) + block(2, "softmax"))
    """
    assert _layers(source) == ["InputLayer", "Dense", "Dropout", "Dense", "Activation"]


def test_a_layer_appended_on_some_paths_only_leaves_a_gap():
    source = """
    import keras
    from keras import layers
    from mylib import wide

    parts = [layers.Dense(8)]
    if wide:
        parts.append(layers.Dense(8))
    parts.insert(0, keras.Input((4,)))
    model = keras.Sequential(parts)
    """
    # Whether the second Dense is there is not known: an unknown layer stands for it.
    assert _layers(source) == ["InputLayer", "Dense", "?"]
