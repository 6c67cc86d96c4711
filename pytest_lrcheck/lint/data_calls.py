"""What data calls do to abstract values: sources, scaling, label encoding, reshaping.

The rules ask questions such as "may these pixels have been scaled on some path?" or "are these
labels one-hot on every path?".  Anything this module does not understand makes the value
incomplete (or unknown), and then rules do not claim that something did *not* happen.
"""

from __future__ import annotations

import ast
from dataclasses import replace

from pytest_lrcheck.keras_vocab import IMAGE_LOADERS
from pytest_lrcheck.lint.data_labels import fitted_encoder, identity, random_class_ids
from pytest_lrcheck.lint.data_ops import count, merge_all, stacked
from pytest_lrcheck.lint.evaluator import CallHandler, Evaluator, const
from pytest_lrcheck.lint.folding import as_float
from pytest_lrcheck.lint.syntax import arg
from pytest_lrcheck.lint.values import (
    Const,
    DataVal,
    ObjectVal,
    Op,
    PredictionVal,
    Source,
    TupleVal,
    Unknown,
    Value,
)

_SHAPE_METHODS = frozenset(
    {"astype", "reshape", "squeeze", "flatten", "ravel", "copy", "transpose", "swapaxes",
     "to_numpy", "numpy", "batch", "shuffle", "prefetch", "cache", "repeat", "take", "skip",
     "unbatch", "with_options", "padded_batch", "rebatch"}
)  # fmt: skip
_STATISTICS = frozenset({"mean", "std", "var", "max", "min", "sum", "argmin", "any", "all"})
_SCALERS = frozenset(
    {"StandardScaler", "MinMaxScaler", "RobustScaler", "MaxAbsScaler", "Normalizer",
     "QuantileTransformer", "PowerTransformer"}
)  # fmt: skip
_GENERATOR_SCALING_KEYWORDS = frozenset(
    {"rescale", "preprocessing_function", "featurewise_center", "samplewise_center",
     "featurewise_std_normalization", "samplewise_std_normalization", "zca_whitening"}
)  # fmt: skip


def _first_data(args: list[Value]) -> DataVal | None:
    return args[0] if args and isinstance(args[0], DataVal) else None


def load_data(
    ev: Evaluator, call: ast.Call, qualname: str, args: list[Value], kwargs: dict[str, Value]
) -> Value:
    parts = qualname.split(".")
    if len(parts) != 4 or parts[3] != "load_data":
        return Unknown(f"call to {qualname}")
    name = parts[2]
    if name == "cifar100" and const(ev, arg(call, 0, "label_mode")) == "coarse":
        name = "cifar100_coarse"
    line = call.lineno

    def part(role: str, split: str) -> DataVal:
        return DataVal(frozenset({Source("dataset", name, role, split, line)}), node=call)

    return TupleVal(
        (TupleVal((part("x", "train"), part("y", "train"))),
         TupleVal((part("x", "test"), part("y", "test"))))
    )  # fmt: skip


def passthrough(
    ev: Evaluator, call: ast.Call, qualname: str, args: list[Value], kwargs: dict[str, Value]
) -> Value:
    data = _first_data(args)
    if data is None and args:
        data = stacked(args[0], call)  # ``np.array(windows)``: a list of arrays
    if data is None:
        return Unknown(f"call to {qualname}")
    return data.with_op(Op("reshape", qualname.rsplit(".", 1)[1], call.lineno), call)


def concatenate(
    ev: Evaluator, call: ast.Call, qualname: str, args: list[Value], kwargs: dict[str, Value]
) -> Value:
    items = args[0].items if args and isinstance(args[0], TupleVal) else ()
    data = [v for v in items if isinstance(v, DataVal)]
    if not data:
        return Unknown(f"call to {qualname}")
    merged = merge_all(data)
    return merged if len(data) == len(items) else merged.incomplete(call)


def generated(
    ev: Evaluator, call: ast.Call, qualname: str, args: list[Value], kwargs: dict[str, Value]
) -> Value:
    if qualname in {"numpy.random.default_rng", "numpy.random.RandomState"}:
        return ObjectVal("numpy.random.Generator", call)
    if qualname.endswith(("seed", "set_seed")):
        return Unknown("seeding")
    if qualname == "numpy.eye":
        return identity(call, args)
    source = Source("generated", line=call.lineno, rows=_rows(qualname, args, kwargs))
    return random_class_ids(qualname, args, kwargs, DataVal(frozenset({source}), node=call), call)


# Where NumPy's random and filled-array functions take their shape when it is positional.
_SHAPE_POSITION = {
    "random": 0, "random_sample": 0, "sample": 0, "ranf": 0, "standard_normal": 0, "zeros": 0,
    "ones": 0, "empty": 0, "full": 0, "normal": 2, "uniform": 2, "randint": 2, "integers": 2,
}  # fmt: skip


def _rows(function: str, args: list[Value], kwargs: dict[str, Value]) -> int | None:
    """How many samples a generated array holds: its first axis, when the shape is literal and
    has at least two axes (``np.random.rand(100, 20)``, ``rng.normal(size=(100, 20))``)."""
    name = function.rsplit(".", 1)[-1]
    if name in {"rand", "randn"}:
        dims = [_literal_int(v) for v in args]
        return dims[0] if len(dims) >= 2 else None
    position = 0 if function.startswith("tensorflow.") else _SHAPE_POSITION.get(name)
    shape = kwargs.get("size") or kwargs.get("shape")
    if shape is None and position is not None and position < len(args):
        shape = args[position]
    if isinstance(shape, TupleVal) and len(shape.items) >= 2:
        return _literal_int(shape.items[0])
    return None


def _literal_int(value: Value) -> int | None:
    if isinstance(value, Const) and count(value.value):
        return value.value  # type: ignore[return-value]
    return None


def scaling_call(
    ev: Evaluator, call: ast.Call, qualname: str, args: list[Value], kwargs: dict[str, Value]
) -> Value:
    data = _first_data(args)
    if data is None:
        return Unknown(f"call to {qualname}")
    return data.with_op(Op("scale", qualname.rsplit(".", 1)[1], call.lineno), call)


def one_hot(
    ev: Evaluator, call: ast.Call, qualname: str, args: list[Value], kwargs: dict[str, Value]
) -> Value:
    depth_name = "depth" if qualname == "tensorflow.one_hot" else "num_classes"
    # get_dummies' second parameter is ``prefix``: it never states a class count.
    depth_expr = arg(call, 1, depth_name) or arg(call, None, "nb_classes")  # Keras 1 spelling
    depth = None if qualname == "pandas.get_dummies" else const(ev, depth_expr)
    classes = as_float(depth) if isinstance(depth, int) else None
    base = _first_data(args) or DataVal(frozenset(), complete=False, node=call)
    drop_first = arg(call, None, "drop_first")
    if drop_first is not None and const(ev, drop_first) is not False:
        # k-1 columns: for two classes a single 0/1 column, which is not one-hot.
        return base.with_op(Op("unknown", "get_dummies", call.lineno), call).incomplete(call)
    return base.with_op(Op("one_hot", qualname.rsplit(".", 1)[1], call.lineno, classes), call)


def to_integer(
    ev: Evaluator, call: ast.Call, qualname: str, args: list[Value], kwargs: dict[str, Value]
) -> Value:
    data = _first_data(args)
    if data is None:
        return Unknown(f"call to {qualname}")
    return data.with_op(Op("integer", qualname.rsplit(".", 1)[1], call.lineno), call)


def split(
    ev: Evaluator, call: ast.Call, qualname: str, args: list[Value], kwargs: dict[str, Value]
) -> Value:
    outputs: list[Value] = []
    for value in args:
        for part in ("train", "test"):
            if isinstance(value, DataVal):
                outputs.append(replace(value).with_op(Op("split", part, call.lineno), call))
            else:
                outputs.append(Unknown("split of unknown data"))
    return TupleVal(tuple(outputs))


def images(
    ev: Evaluator, call: ast.Call, qualname: str, args: list[Value], kwargs: dict[str, Value]
) -> Value:
    if qualname == "keras.utils.img_to_array" and _first_data(args) is not None:
        return passthrough(ev, call, qualname, args, kwargs)
    kind = "images"
    return DataVal(frozenset({Source(kind, qualname, line=call.lineno)}), node=call)


def dataset_from(
    ev: Evaluator, call: ast.Call, qualname: str, args: list[Value], kwargs: dict[str, Value]
) -> Value:
    first = args[0] if args else None
    items = first.items if isinstance(first, TupleVal) else (first,) if first else ()
    data = [v for v in items if isinstance(v, DataVal)]
    if not data:
        return Unknown(f"call to {qualname}")
    merged = merge_all(data).with_op(Op("reshape", "dataset", call.lineno), call)
    return merged if len(data) == len(items) else merged.incomplete(call)


def sklearn_object(
    ev: Evaluator, call: ast.Call, qualname: str, args: list[Value], kwargs: dict[str, Value]
) -> Value:
    name = qualname.rsplit(".", 1)[1]
    if name in _SCALERS:
        return ObjectVal("scaler", call, scales=True)
    if name in {"LabelEncoder", "OrdinalEncoder"}:
        return ObjectVal("label_encoder", call)
    if name == "OneHotEncoder" and not any(kw.arg in {None, "drop"} for kw in call.keywords):
        return ObjectVal("one_hot_columns", call)
    if name in {"LabelBinarizer", "OneHotEncoder", "MultiLabelBinarizer"}:
        return ObjectVal("one_hot_encoder", call)
    return Unknown(f"call to {qualname}")


def _is_off(value: Value) -> bool:
    return isinstance(value, Const) and value.value in (None, False, 0)


def image_generator(
    ev: Evaluator, call: ast.Call, qualname: str, args: list[Value], kwargs: dict[str, Value]
) -> Value:
    # A scaling option counts unless it is a literal that turns it off: a function
    # (``preprocessing_function=preprocess_input``) or a name bound elsewhere scales.
    scales = any(
        kw.arg in _GENERATOR_SCALING_KEYWORDS and not _is_off(ev.eval(kw.value))
        for kw in call.keywords
    ) or any(kw.arg is None for kw in call.keywords)  # **options: cannot tell, assume it does
    return ObjectVal("image_generator", call, scales=scales)


def method_call(
    ev: Evaluator,
    call: ast.Call,
    receiver: Value,
    method: str,
    args: list[Value],
    kwargs: dict[str, Value],
) -> Value | None:
    if isinstance(receiver, DataVal):
        if method in _SHAPE_METHODS:
            return receiver.with_op(Op("reshape", method, call.lineno), call)
        if method in _STATISTICS:
            return Unknown(f"statistic {method}")
        if method == "argmax":
            return receiver.with_op(Op("integer", "argmax", call.lineno), call)
        if method == "clip":
            return receiver.with_op(Op("scale", "clip", call.lineno), call)
        return receiver.with_op(Op("unknown", method, call.lineno), call).incomplete(call)
    if isinstance(receiver, ObjectVal):
        return _object_method(call, receiver, method, args, kwargs)
    if isinstance(receiver, PredictionVal):
        return Unknown(f"prediction.{method}")
    return None


def _object_method(
    call: ast.Call, receiver: ObjectVal, method: str, args: list[Value], kwargs: dict[str, Value]
) -> Value:
    data = _first_data(args)
    line = call.lineno
    if receiver.qualname == "numpy.random.Generator":
        rows = _rows(f"numpy.random.{method}", args, kwargs)
        drawn = DataVal(frozenset({Source("generated", line=line, rows=rows)}), node=call)
        return random_class_ids(method, args, kwargs, drawn, call)
    if method == "fit":
        return fitted_encoder(receiver, args)  # sklearn's fit returns the estimator
    if receiver.qualname == "image_generator":
        if method == "flow" and data is not None:
            return data.with_op(Op("scale", "generator", line), call) if receiver.scales else data
        if method in {"flow_from_directory", "flow_from_dataframe"}:
            flow = DataVal(frozenset({Source("image_generator", method, line=line)}), node=call)
            return flow.with_op(Op("scale", "generator", line), call) if receiver.scales else flow
        return Unknown(f"generator.{method}")
    transforms = method in {"fit_transform", "transform"}
    # A scaler's output is scaled whatever went in: where it came from stays unknown.
    encoders = {"label_encoder", "one_hot_encoder", "one_hot_columns", "scaler"}
    if transforms and data is None and receiver.qualname in encoders:
        # An encoder's output is class ids / one-hot rows whatever went in (a DataFrame
        # column...), like to_categorical's.
        data = DataVal(frozenset(), complete=False, node=call)
    if method not in {"fit_transform", "transform"} or data is None:
        return Unknown(f"{receiver.qualname}.{method}")
    kind = {"scaler": "scale", "label_encoder": "integer", "one_hot_encoder": "one_hot"}
    if receiver.qualname == "one_hot_columns":
        # OneHotEncoder keeps a column per class, two for two classes (LabelBinarizer does not).
        return data.with_op(Op("one_hot", f"OneHotEncoder.{method}", line), call)
    classes = float(receiver.classes) if receiver.classes is not None else None
    step = Op(kind.get(receiver.qualname, "unknown"), method, line, classes)
    return data.with_op(step, call)


_PASSTHROUGH = [
    "numpy.array",
    "numpy.asarray",
    "numpy.asanyarray",
    "numpy.ascontiguousarray",
    "numpy.expand_dims",
    "numpy.reshape",
    "numpy.squeeze",
    "numpy.copy",
    "numpy.float32",
    "numpy.float64",
    "numpy.transpose",
    "numpy.moveaxis",
    "numpy.swapaxes",
    "numpy.ravel",
    "numpy.atleast_2d",
    "tensorflow.convert_to_tensor",
    "tensorflow.cast",
    "tensorflow.expand_dims",
    "tensorflow.reshape",
    "tensorflow.constant",
    "tensorflow.squeeze",
    "tensorflow.transpose",
    "keras.ops.convert_to_tensor",
    "keras.ops.cast",
    "keras.ops.expand_dims",
    "keras.ops.reshape",
    "keras.utils.img_to_array",
]
_CONCATENATE = [
    "numpy.concatenate",
    "numpy.vstack",
    "numpy.hstack",
    "numpy.stack",
    "numpy.append",
    "tensorflow.concat",
    "tensorflow.stack",
]
_SCALING = [
    "keras.utils.normalize",
    "tensorflow.image.per_image_standardization",
    "tensorflow.image.convert_image_dtype",
    "sklearn.preprocessing.scale",
    "sklearn.preprocessing.normalize",
    "sklearn.preprocessing.minmax_scale",
    "sklearn.preprocessing.robust_scale",
    "sklearn.preprocessing.maxabs_scale",
    "tensorflow.nn.l2_normalize",
    "tensorflow.math.l2_normalize",
    "keras.ops.normalize",
    "numpy.clip",
]
# Elementwise functions: they change the scale of the values (and their range).
_ELEMENTWISE = [
    "numpy.sin",
    "numpy.cos",
    "numpy.tanh",
    "numpy.exp",
    "numpy.log",
    "numpy.log1p",
    "numpy.sqrt",
    "numpy.abs",
]
_GENERATED = [
    "numpy.zeros",
    "numpy.ones",
    "numpy.full",
    "numpy.arange",
    "numpy.linspace",
    "numpy.eye",
]

HANDLERS: dict[str, CallHandler] = {
    **dict.fromkeys(_PASSTHROUGH, passthrough),
    **dict.fromkeys(_CONCATENATE, concatenate),
    **dict.fromkeys(_SCALING, scaling_call),
    **dict.fromkeys(_ELEMENTWISE, scaling_call),
    **dict.fromkeys(_GENERATED, generated),
    **dict.fromkeys(IMAGE_LOADERS, images),
    "keras.utils.to_categorical": one_hot,
    "tensorflow.one_hot": one_hot,
    "pandas.get_dummies": one_hot,
    "numpy.argmax": to_integer,
    "tensorflow.argmax": to_integer,
    "keras.ops.argmax": to_integer,
    "sklearn.model_selection.train_test_split": split,
    "tensorflow.data.Dataset.from_tensor_slices": dataset_from,
    "tensorflow.data.Dataset.from_tensors": dataset_from,
    "keras.preprocessing.image.ImageDataGenerator": image_generator,
}
PREFIX_HANDLERS: list[tuple[str, CallHandler]] = [
    ("keras.datasets.", load_data),
    ("numpy.random.", generated),
    ("tensorflow.random.", generated),
    ("sklearn.preprocessing.", sklearn_object),
]
