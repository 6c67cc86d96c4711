"""Legacy Keras 2 through the tf_keras package: wine classification with 5-fold cross-validation."""

import numpy as np
import tf_keras as keras
from sklearn.datasets import load_wine
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler
from tf_keras import layers

x, y = load_wine(return_X_y=True)
scores = []
for train_index, test_index in StratifiedKFold(n_splits=5, shuffle=True, random_state=0).split(
    x, y
):
    scaler = StandardScaler().fit(x[train_index])
    x_train, x_test = scaler.transform(x[train_index]), scaler.transform(x[test_index])
    y_train = keras.utils.to_categorical(y[train_index], num_classes=3)
    y_test = keras.utils.to_categorical(y[test_index], num_classes=3)

    model = keras.Sequential(
        [
            layers.Dense(32, activation="relu", input_shape=(13,)),
            layers.Dense(16, activation="relu"),
            layers.Dense(3, activation="softmax"),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.legacy.Adam(learning_rate=0.005),
        loss="categorical_crossentropy",
        metrics=["accuracy"],
    )
    model.fit(x_train, y_train, epochs=60, batch_size=16, verbose=0)
    scores.append(model.evaluate(x_test, y_test, verbose=0)[1])

print(f"accuracy: {np.mean(scores):.3f} +/- {np.std(scores):.3f}")
