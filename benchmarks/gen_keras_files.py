"""A deterministic generator of realistic Keras training scripts, for benchmarks.

Each file combines an import style (``tf.keras``, ``keras``, ``from tensorflow import keras``),
a data source (``keras.datasets``, scikit-learn, generated arrays, image folders), a model
(Sequential list or ``.add``, functional, built in a function), compile/fit/evaluate, and the
ordinary Python that surrounds real training code (argument parsing, plotting, reports, custom
loops), until it reaches a length drawn between 30 and 300 lines.  About one file in five
carries a mistake a Keras checker reports, so output is part of what is measured.

    python benchmarks/gen_keras_files.py OUT_DIR [--count 300] [--seed 0]
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from pathlib import Path

# (module prefix for keras, prefix for layers, import lines)
IMPORT_STYLES = (
    ("tf.keras", "tf.keras.layers", ["import numpy as np", "import tensorflow as tf"]),
    ("keras", "layers", ["import keras", "import numpy as np", "from keras import layers"]),
    (
        "keras",
        "layers",
        [
            "import numpy as np",
            "from tensorflow import keras",
            "from tensorflow.keras import layers",
        ],
    ),
)
IMAGE_DATASETS = {"mnist": (28, 28, 1, 10), "fashion_mnist": (28, 28, 1, 10),
                  "cifar10": (32, 32, 3, 10), "cifar100": (32, 32, 3, 100)}  # fmt: skip
TEXT_DATASETS = {"imdb": 2, "reuters": 46}
ACTIVATIONS = ("relu", "relu", "elu", "gelu", "tanh", "selu")
MAX_LINES = 300


@dataclass(frozen=True)
class Data:
    kind: str  # "image", "text", "tabular", "regression"
    lines: tuple[str, ...]
    shape: tuple[int, ...]
    classes: int  # 1 for regression
    one_hot: bool


def _data(rng: random.Random, k: str, buggy: bool) -> Data:
    kind = rng.choice(("image", "image", "text", "tabular", "regression"))
    if kind == "image":
        name = rng.choice(sorted(IMAGE_DATASETS))
        height, width, channels, classes = IMAGE_DATASETS[name]
        one_hot = rng.random() < 0.5
        lines = [f"(x_train, y_train), (x_test, y_test) = {k}.datasets.{name}.load_data()"]
        if not buggy:
            divisor = rng.choice(("255.0", "255", "127.5"))
            lines += [f'x_train = x_train.astype("float32") / {divisor}',
                      f'x_test = x_test.astype("float32") / {divisor}']  # fmt: skip
        lines.append(f"x_train = x_train.reshape(-1, {height}, {width}, {channels})")
        lines.append(f"x_test = x_test.reshape(-1, {height}, {width}, {channels})")
        if one_hot:
            lines += [f"y_train = {k}.utils.to_categorical(y_train, {classes})",
                      f"y_test = {k}.utils.to_categorical(y_test, {classes})"]  # fmt: skip
        return Data(kind, tuple(lines), (height, width, channels), classes, one_hot)
    if kind == "text":
        name = rng.choice(sorted(TEXT_DATASETS))
        words, length = rng.choice((5000, 10000, 20000)), rng.choice((100, 200, 256))
        lines = [
            f"(x_train, y_train), (x_test, y_test) = {k}.datasets.{name}.load_data("
            f"num_words={words})",
            f"x_train = {k}.utils.pad_sequences(x_train, maxlen={length})",
            f"x_test = {k}.utils.pad_sequences(x_test, maxlen={length})",
            f"VOCABULARY = {words}",
        ]
        return Data(kind, tuple(lines), (length,), TEXT_DATASETS[name], False)
    features = rng.choice((8, 20, 30, 64))
    lines = [
        "from sklearn.model_selection import train_test_split",
        "from sklearn.preprocessing import StandardScaler",
        "rng = np.random.default_rng(0)",
        f"features = rng.normal(size=(5000, {features})).astype('float32')",
    ]
    if kind == "tabular":
        classes = rng.choice((2, 3, 5))
        lines.append(f"labels = rng.integers(0, {classes}, size=5000)")
    else:
        classes = 1
        lines.append("labels = features @ rng.normal(size=features.shape[1]) + 3.0")
    lines += [
        "x_train, x_test, y_train, y_test = train_test_split(features, labels, test_size=0.2)",
        "scaler = StandardScaler()",
        "x_train = scaler.fit_transform(x_train)",
        "x_test = scaler.transform(x_test)",
    ]
    return Data(kind, tuple(lines), (features,), classes, False)


def _head(rng: random.Random, data: Data, buggy: bool) -> tuple[int, str, str]:
    """Units, activation and loss of the output layer."""
    if data.classes == 1:
        return 1, "None", "'mse'"
    if data.classes == 2 and rng.random() < 0.7:
        return 1, "'softmax'" if buggy else "'sigmoid'", "'binary_crossentropy'"
    loss = "'categorical_crossentropy'" if data.one_hot else "'sparse_categorical_crossentropy'"
    return data.classes, "'sigmoid'" if buggy else "'softmax'", loss


def _layers(rng: random.Random, data: Data, lp: str) -> list[str]:
    if data.kind == "image":
        shape = ", ".join(map(str, data.shape))
        stack = [
            f"{lp}.Input(shape=({shape},))" if lp == "layers" else f"tf.keras.Input(({shape}))"
        ]
        for filters in rng.sample((16, 32, 64, 128), rng.randint(1, 3)):
            stack.append(f"{lp}.Conv2D({filters}, 3, padding='same', activation='relu')")
            stack.append(f"{lp}.MaxPooling2D()")
        stack.append(f"{lp}.{rng.choice(('Flatten', 'GlobalAveragePooling2D'))}()")
    elif data.kind == "text":
        stack = [f"{lp}.Embedding(VOCABULARY, {rng.choice((16, 32, 64))})"]
        stack.append(rng.choice((f"{lp}.GlobalAveragePooling1D()", f"{lp}.LSTM(32)")))
    else:
        stack = [f"{lp}.Input(shape=({data.shape[0]},))" if lp == "layers" else
                 f"tf.keras.Input(({data.shape[0]},))"]  # fmt: skip
    for _ in range(rng.randint(1, 3)):
        stack.append(f"{lp}.Dense({rng.choice((32, 64, 128, 256))}, "
                     f"activation='{rng.choice(ACTIVATIONS)}')")  # fmt: skip
        if rng.random() < 0.4:
            stack.append(f"{lp}.Dropout({rng.choice((0.2, 0.3, 0.5))})")
    return stack


def _model(rng: random.Random, data: Data, k: str, lp: str, name: str, buggy: bool) -> list[str]:
    units, activation, loss = _head(rng, data, buggy)
    stack = [*_layers(rng, data, lp), f"{lp}.Dense({units}, activation={activation})"]
    style = rng.choice(("list", "add", "functional"))
    if style == "list":
        body = [f"{name} = {k}.Sequential(["] + [f"    {layer}," for layer in stack] + ["])"]
    elif style == "add":
        body = [f"{name} = {k}.Sequential()"] + [f"{name}.add({layer})" for layer in stack]
    else:
        body = [f"x = inputs = {stack[0]}"] if "Input" in stack[0] else [
            f"inputs = {k}.Input(shape=({data.shape[0]},))", f"x = {stack[0]}(inputs)"]  # fmt: skip
        body += [f"x = {layer}(x)" for layer in stack[1:]]
        body.append(f"{name} = {k}.Model(inputs, x)")
    optimizer, rate = rng.choice((("Adam", "1e-3"), ("SGD", "0.01"), ("RMSprop", "1e-3")))
    if buggy and rng.random() < 0.3:
        rate = "1.0"
    metric = "'mae'" if data.classes == 1 else "'accuracy'"
    body += [
        f"{name}.compile(",
        f"    optimizer={k}.optimizers.{optimizer}(learning_rate={rate}),",
        f"    loss={loss},",
        f"    metrics=[{metric}],",
        ")",
    ]
    return body


FILLERS = (
    """def plot_history(history, metric):
    import matplotlib.pyplot as plt

    plt.figure(figsize=(8, 4))
    plt.plot(history.history[metric], label="train")
    if "val_" + metric in history.history:
        plt.plot(history.history["val_" + metric], label="validation")
    plt.xlabel("epoch")
    plt.ylabel(metric)
    plt.legend()
    plt.tight_layout()
    plt.savefig(f"{metric}.png")""",
    """def parse_args():
    import argparse

    parser = argparse.ArgumentParser(description="train a model")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--output", default="model.keras")
    parser.add_argument("--verbose", action="store_true")
    return parser.parse_args([])""",
    """def confusion(actual, predicted, classes):
    table = np.zeros((classes, classes), dtype=int)
    for a, p in zip(actual, predicted, strict=False):
        table[int(a), int(p)] += 1
    for row in table:
        print(" ".join(f"{value:5d}" for value in row))
    return table""",
    """class Timer:
    def __init__(self, label):
        self.label = label

    def __enter__(self):
        import time

        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        import time

        print(f"{self.label}: {time.perf_counter() - self.start:.2f}s")""",
    """def save_results(path, **results):
    import json

    with open(path, "w", encoding="utf-8") as handle:
        json.dump({key: float(value) for key, value in results.items()}, handle, indent=2)""",
)


def _experiment(rng: random.Random, data: Data, k: str, lp: str, index: int) -> list[str]:
    lines = [f"def run_experiment_{index}(x_train, y_train, x_test, y_test, epochs=5):"]
    body = _model(rng, data, k, lp, "model", buggy=False)
    body += [
        f"history = model.fit(x_train, y_train, epochs=epochs, batch_size={rng.choice((32, 128))},"
        " validation_split=0.1, verbose=0)",
        "scores = model.evaluate(x_test, y_test, verbose=0)",
        f'print("experiment {index}:", scores)',
        "return model, history, scores",
    ]
    return lines + [f"    {line}" for line in body] + [""]


def generate_source(index: int, seed: int = 0) -> str:
    rng = random.Random(seed * 100_003 + index)
    k, lp, imports = rng.choice(IMPORT_STYLES)
    buggy = rng.random() < 0.2
    data = _data(rng, k, buggy)
    target = rng.randint(30, 300)
    lines = [f'"""Training script {index}: {data.kind} data."""', "", *imports, "", *data.lines, ""]
    lines += [*_model(rng, data, k, lp, "model", buggy), ""]
    epochs = rng.choice((5, 10, 20))
    lines += [f"history = model.fit(x_train, y_train, epochs={epochs}, "
              "validation_data=(x_test, y_test))",
              "loss, metric = model.evaluate(x_test, y_test, verbose=0)",
              "predictions = model.predict(x_test)", ""]  # fmt: skip
    if data.classes > 2:
        lines += ["predicted = np.argmax(predictions, axis=-1)", ""]
    extras = 0
    while len(lines) < target:
        if rng.random() < 0.5:
            block = _experiment(rng, data, k, lp, extras)
        else:
            block = [*rng.choice(FILLERS).replace("def ", f"def v{extras}_", 1).split("\n"), "", ""]
        if len(lines) + len(block) > MAX_LINES:
            break
        lines += block
        extras += 1
    return "\n".join(lines).rstrip() + "\n"


def generate(directory: Path, count: int, seed: int = 0) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = directory / f"train_{index:04d}.py"
        path.write_text(generate_source(index, seed), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    paths = generate(args.directory, args.count, args.seed)
    lines = sum(path.read_text(encoding="utf-8").count("\n") for path in paths)
    print(f"{len(paths)} files, {lines} lines in {args.directory}")


if __name__ == "__main__":
    main()
