"""Data: the datasets Keras downloads, functions that load images, and accuracy metrics."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DatasetInfo:
    name: str
    images: bool  # uint8 pixels in 0-255
    classes: int | None  # None: regression or variable
    sparse_labels: bool = True  # labels are integer class ids
    # Regression datasets: the range of the targets, as the loader returns them.
    targets: tuple[float, float] | None = None


# ``keras.datasets.<name>.load_data()``; ``cifar100_coarse`` is cifar100 with label_mode="coarse".
DATASETS: dict[str, DatasetInfo] = {
    "mnist": DatasetInfo("mnist", True, 10),
    "fashion_mnist": DatasetInfo("fashion_mnist", True, 10),
    "cifar10": DatasetInfo("cifar10", True, 10),
    "cifar100": DatasetInfo("cifar100", True, 100),
    "cifar100_coarse": DatasetInfo("cifar100_coarse", True, 20),
    "imdb": DatasetInfo("imdb", False, 2),
    "reuters": DatasetInfo("reuters", False, 46),
    "boston_housing": DatasetInfo(
        "boston_housing", False, None, sparse_labels=False, targets=(5.0, 50.0)
    ),
    # Median house values in dollars (Keras' "large" version).
    "california_housing": DatasetInfo(
        "california_housing", False, None, sparse_labels=False, targets=(14999.0, 500001.0)
    ),
}
# Functions (canonical names) that decode image files to 0-255 pixels.
IMAGE_LOADERS = frozenset(
    {"keras.utils.load_img", "cv2.imread", "PIL.Image.open", "imageio.imread",
     "imageio.v2.imread", "imageio.v3.imread", "skimage.io.imread", "tensorflow.io.decode_image",
     "tensorflow.io.decode_jpeg", "tensorflow.io.decode_png", "tensorflow.image.decode_image",
     "tensorflow.image.decode_jpeg", "tensorflow.image.decode_png",
     "keras.utils.image_dataset_from_directory"}
)  # fmt: skip

# scikit-learn's bundled classification sets (``sklearn.datasets.load_<name>``) -> classes.
SKLEARN_CLASSIFICATION_SETS: dict[str, int] = {
    "load_iris": 3, "load_breast_cancer": 2, "load_digits": 10, "load_wine": 3,
}  # fmt: skip

# scikit-learn's bundled regression sets -> the range of their targets.
SKLEARN_REGRESSION_SETS: dict[str, tuple[float, float]] = {
    "fetch_california_housing": (0.14999, 5.00001),  # in units of $100,000
    "load_diabetes": (25.0, 346.0),
}

# ``metrics=["accuracy"]``: Keras picks binary, categorical or sparse accuracy from the shapes.
ACCURACY_METRIC_STRINGS = frozenset({"accuracy", "acc"})
METRIC_CLASSES: dict[str, str] = {
    "Accuracy": "accuracy_exact",
    # The function ``keras.metrics.accuracy`` is exact equality too; only the *string*
    # 'accuracy' lets Keras pick binary/categorical/sparse accuracy from the shapes.
    "accuracy": "accuracy_exact",
    "BinaryAccuracy": "binary_accuracy",
    "CategoricalAccuracy": "categorical_accuracy",
    "SparseCategoricalAccuracy": "sparse_categorical_accuracy",
}
