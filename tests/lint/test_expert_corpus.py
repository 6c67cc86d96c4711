"""Silence on correct code: every program in ``corpus/`` is written the way experts write Keras.

The corpus holds complete, correct scripts in the idioms a checker must not mistake for bugs:
scaling by 127.5, ``Normalization.adapt``, ``Rescaling`` layers, ``preprocess_input``, logits
with ``from_logits=True``, sigmoid multi-label heads, autoencoders, Dense layers on sequences,
GANs, distillation, custom loops, schedules, Keras 2 spellings, notebooks exported as scripts...
Any finding on them is a false alarm.

Silence only means something if the checker understood the file, so the tests also check that
each program was analysed (not skipped), that its models were seen, and that small mutations of
some programs, each introducing one real bug, are reported.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

import pytest

from pytest_lrcheck.lint.api import check_file, lint_source
from pytest_lrcheck.lint.engine import make_rules
from pytest_lrcheck.lint.facts import build_facts
from pytest_lrcheck.lint.findings import Finding
from pytest_lrcheck.lint.registry import all_rules

CORPUS = Path(__file__).resolve().parent / "corpus"
PROGRAMS = sorted(CORPUS.glob("*.py"))


def _describe(findings: Iterable[Finding]) -> str:
    return "\n".join(
        f"{f.path}:{f.span.line}:{f.span.column}: {f.code} {f.message}" for f in findings
    )


def test_corpus_has_at_least_25_programs():
    assert len(PROGRAMS) >= 25


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: p.stem)
def test_expert_program_gets_no_finding(path: Path):
    result = check_file(path, make_rules())
    assert result.skipped is None, f"{path.name} was not analysed: {result.skipped}"
    assert not result.internal_errors, result.internal_errors
    assert not result.findings, "false alarm(s):\n" + _describe(result.findings)


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: p.stem)
def test_expert_program_models_are_seen(path: Path):
    facts = build_facts(ast.parse(path.read_text(encoding="utf-8")))
    assert facts.models, f"the checker found no model in {path.name}"


# (program, text to replace, replacement, code that must then be reported)
MUTATIONS = [
    ("mnist_quickstart_logits.py",
     "x_train, x_test = x_train / 255.0, x_test / 255.0", "", "LRC201"),
    ("mnist_cnn_channels_branch.py", "x_train /= 255\n", "", "LRC201"),
    ("image_data_generator_rescale.py", "    rescale=1.0 / 255,\n", "", "LRC201"),
    ("cifar100_coarse_centered_pixels.py",
     'x_train = x_train.astype("float32") / 127.5 - 1.0', "", "LRC201"),
    ("mnist_cnn_channels_branch.py",
     'Dense(num_classes, activation="softmax")', 'Dense(num_classes, activation="sigmoid")',
     "LRC101"),
    ("label_smoothing_cifar10.py",
     'layers.Dense(NUM_CLASSES, activation="softmax")', "layers.Dense(NUM_CLASSES)", "LRC101"),
    ("keras2_style_correct.py", "SGD(learning_rate=0.01,", "SGD(learning_rate=10.0,", "LRC301"),
    ("keras2_style_correct.py", "SGD(learning_rate=0.01,", "SGD(lr=0.01,", "LRC302"),
    ("imdb_multi_hot_vectors.py",
     'layers.Dense(1, activation="sigmoid")', 'layers.Dense(1, activation="softmax")', "LRC102"),
    ("multilabel_sigmoid_binary_crossentropy.py",
     'layers.Dense(N_TAGS, activation="sigmoid")', "layers.Dense(N_TAGS)", "LRC103"),
    ("tf_data_decode_convert_dtype.py",
     "tf.keras.layers.Dense(len(class_names))",
     'tf.keras.layers.Dense(len(class_names), activation="softmax")', "LRC104"),
    ("sigmoid_output_proportion_regression.py",
     'activation="sigmoid", name="ctr"', 'activation="softmax", name="ctr"', "LRC102"),
    ("label_encoder_to_categorical.py",
     'loss="categorical_crossentropy"', 'loss="sparse_categorical_crossentropy"', "LRC106"),
    ("reuters_embedding_lstm.py", "layers.Dense(46,", "layers.Dense(10,", "LRC107"),
    ("normalization_adapt_regression.py", 'metrics=["mae"]', 'metrics=["accuracy"]', "LRC108"),
    ("imdb_multi_hot_vectors.py",
     "validation_data=(x_val, y_val)", "validation_data=(partial_x_train, partial_y_train)",
     "LRC203"),
    ("keras2_style_correct.py", 'input_dim=20))\nmodel.add(Activation("relu"))\n',
     "input_dim=20))\n", "LRC401"),
    ("cifar100_coarse_centered_pixels.py", "layers.GlobalAveragePooling2D(),\n", "", "LRC402"),
    ("mnist_cnn_channels_branch.py", 'Dense(128, activation="relu")',
     'Dense(128, activation="relu", kernel_initializer="zeros")', "LRC403"),
    ("cifar100_coarse_centered_pixels.py", "probabilities.argmax(axis=1)", "probabilities.argmax()",
     "LRC404"),
    ("prediction_argmax_idioms.py", "np.argmax(logits, 1)", "np.argmax(logits)", "LRC404"),
    ("split_mnist_continual_task.py",
     "x_train, y_train = x_train[train_mask], y_train[train_mask]\n", "", "LRC107"),
    ("mnist_binary_digit_groups.py", "y_train = y_train // 5\n", "", "LRC107"),
    ("label_encoder_sparse_pipeline.py",
     'loss="sparse_categorical_crossentropy"', 'loss="categorical_crossentropy"', "LRC106"),
    ("bidirectional_sentiment_sigmoid.py",
     'layers.Dense(1, activation="sigmoid")', "layers.Dense(1)", "LRC103"),
    ("make_classification_heads.py", 'keras.layers.Dense(4, activation="softmax")',
     'keras.layers.Dense(4, activation="sigmoid")', "LRC101"),
    ("functional_residual_blocks.py", "SparseCategoricalCrossentropy(from_logits=True)",
     "SparseCategoricalCrossentropy()", "LRC101"),
    ("tf_data_map_cache_prefetch.py", "SparseCategoricalCrossentropy(from_logits=True)",
     "SparseCategoricalCrossentropy()", "LRC101"),
    ("distill_teacher.py", "SparseCategoricalCrossentropy(from_logits=True)",
     "SparseCategoricalCrossentropy()", "LRC101"),
    ("standardized_targets_linear_head.py", 'metrics=["mae"]', 'metrics=["accuracy"]', "LRC108"),
    ("positive_targets_relu_output.py", 'loss="mae")', 'loss="mae", metrics=["accuracy"])',
     "LRC108"),
    ("cifar10_animal_vs_vehicle.py", "        layers.Rescaling(1.0 / 255),\n", "", "LRC201"),
    ("large_batch_scaled_learning_rate.py", "        tf.keras.layers.Rescaling(1.0 / 255),\n", "",
     "LRC201"),
    ("lr_range_test_sweep.py", 'astype("float32") / 255.0', 'astype("float32")', "LRC201"),
    ("keras_sequence_image_batches.py", 'layers.Dense(n_classes, activation="softmax")',
     "layers.Dense(n_classes)", "LRC101"),
    ("timedistributed_video_frames.py", 'layers.Dense(NUM_CLASSES, activation="softmax")',
     'layers.Dense(NUM_CLASSES, activation="sigmoid")', "LRC101"),
    ("generator_multilabel_batches.py", 'tf.keras.layers.Dense(len(TAGS), activation="sigmoid")',
     "tf.keras.layers.Dense(len(TAGS))", "LRC103"),
    ("one_vs_rest_digit_detectors.py", 'keras.layers.Dense(1, activation="sigmoid")',
     'keras.layers.Dense(1, activation="softmax")', "LRC102"),
    ("multilabel_random_tags_smoke_test.py", 'Dense(N_TAGS, activation="sigmoid")',
     'Dense(N_TAGS, activation="softmax")', "LRC103"),
    ("tf1_graph_and_keras_twin.py", "tf.keras.optimizers.Adam(learning_rate=3e-4)",
     "tf.keras.optimizers.Adam(learning_rate=3.0)", "LRC301"),
    ("cnn_factory_argparse_rates.py", 'layers.Dense(num_classes, activation="softmax")',
     'layers.Dense(num_classes, activation="sigmoid")', "LRC101"),
    ("mlp_config_dict_sweep.py", 'tf.keras.layers.Dense(n_classes, activation="softmax")',
     'tf.keras.layers.Dense(n_classes, activation="sigmoid")', "LRC101"),
    ("custom_focal_loss_sigmoid.py", 'h = layers.Dense(64, activation="relu")(inputs)',
     "h = layers.Dense(64)(inputs)\nh = layers.Dense(64)(h)", "LRC401"),
    # Evidence that reaches the rule through functions, classes, star imports and wrappers.
    ("builders_called_per_task.py", '"sparse_categorical_crossentropy", 1e-2,',
     '"sparse_categorical_crossentropy", 5.0,', "LRC301"),
    ("builders_called_per_task.py", 'build(xb_train.shape[1], 1, "sigmoid",',
     'build(xb_train.shape[1], 1, "softmax",', "LRC102"),
    ("class_based_trainer_checkpoints.py", "    learning_rate = 1e-4\n",
     "    learning_rate = 10.0\n", "LRC301"),
    ("class_based_trainer_checkpoints.py", 'x.astype("float32") / 255.0, y',
     'x.astype("float32"), y', "LRC201"),
    ("star_import_keras2_cnn.py", 'model.add(Dense(10, activation="softmax"))',
     'model.add(Dense(10, activation="sigmoid"))', "LRC101"),
    ("star_import_keras2_cnn.py", "model.add(Flatten())\n", "", "LRC402"),
    ("bounded_outputs_on_scaled_targets.py", 'unit.transform(y_train.reshape(-1, 1))',
     "y_train", "LRC110"),
    ("bounded_outputs_on_scaled_targets.py", "wave / amplitude,", "wave,", "LRC110"),
    ("encoded_labels_and_toy_sets.py", "layers.Dense(len(encoder.classes_), activation",
     "layers.Dense(len(encoder.classes_) - 1, activation", "LRC107"),
    ("encoded_labels_and_toy_sets.py", 'loss="categorical_crossentropy", metrics=["accuracy"])\n'
     "one_hot_model.fit", 'loss="sparse_categorical_crossentropy", metrics=["accuracy"])\n'
     "one_hot_model.fit", "LRC106"),
    ("encoded_labels_and_toy_sets.py", "make_moons(n_samples=500, noise=0.2, random_state=0)",
     "make_blobs(n_samples=500, centers=3, random_state=0)", "LRC111"),
    ("encoded_labels_and_toy_sets.py", "count_model.fit(signals, visits,",
     "count_model.fit(points, centre,", "LRC112"),
    ("config_argparse_generator_training.py", "default=1e-3)", "default=3.0)", "LRC301"),
    ("config_argparse_generator_training.py", "    x = layers.GlobalAveragePooling2D()(x)\n",
     "", "LRC402"),
    ("config_argparse_generator_training.py", '"classes": 10,', '"classes": 100,', "LRC107"),
    ("config_argparse_generator_training.py", 'activation="softmax")(x)',
     'activation="sigmoid")(x)', "LRC101"),
    ("time_distributed_taggers.py", 'layers.TimeDistributed(layers.Dense(64, activation="relu")),',
     'layers.TimeDistributed(layers.Dense(64, activation="relu", kernel_initializer="zeros")),',
     "LRC403"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "old", "new", "code"), MUTATIONS, ids=[f"{m[0][:-3]}-{m[3]}" for m in MUTATIONS]
)
def test_a_bug_planted_in_an_expert_program_is_reported(name: str, old: str, new: str, code: str):
    assert code in all_rules()
    source = (CORPUS / name).read_text(encoding="utf-8")
    assert source.count(old) == 1, f"the mutation must match exactly once in {name}"
    findings = lint_source(source.replace(old, new), name)
    assert code in {f.code for f in findings}, _describe(findings)
