"""make_classification data: four classes on a softmax, and a two-class variant on one sigmoid."""

import keras
from sklearn.datasets import make_classification
from sklearn.model_selection import train_test_split

x4, y4 = make_classification(
    n_samples=6000, n_features=20, n_informative=8, n_classes=4, random_state=0
)
x4_train, x4_test, y4_train, y4_test = train_test_split(x4, y4, test_size=0.2, random_state=0)
multiclass = keras.Sequential(
    [
        keras.Input(shape=(20,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ]
)
multiclass.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
multiclass.fit(x4_train, y4_train, epochs=20, validation_data=(x4_test, y4_test))

x2, y2 = make_classification(n_samples=6000, n_features=20, n_classes=2, random_state=1)
binary = keras.Sequential(
    [
        keras.Input(shape=(20,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ]
)
binary.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy", "auc"])
binary.fit(x2, y2, epochs=20, validation_split=0.2)
