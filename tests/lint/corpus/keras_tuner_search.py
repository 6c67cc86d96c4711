"""Hyperparameter search with KerasTuner: units, dropout and learning rate come from `hp`."""

import keras
import keras_tuner
from keras import layers

(x, y), (x_test, y_test) = keras.datasets.mnist.load_data()
x = x.astype("float32") / 255.0
x_test = x_test.astype("float32") / 255.0
x_train, y_train = x[:-10000], y[:-10000]
x_val, y_val = x[-10000:], y[-10000:]


def build_model(hp):
    model = keras.Sequential()
    model.add(keras.Input(shape=(28, 28)))
    model.add(layers.Flatten())
    for i in range(hp.Int("num_layers", 1, 3)):
        model.add(
            layers.Dense(
                units=hp.Int(f"units_{i}", min_value=32, max_value=512, step=32),
                activation=hp.Choice("activation", ["relu", "tanh"]),
            )
        )
    if hp.Boolean("dropout"):
        model.add(layers.Dropout(rate=0.25))
    model.add(layers.Dense(10, activation="softmax"))
    learning_rate = hp.Float("lr", min_value=1e-4, max_value=1e-2, sampling="log")
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model


tuner = keras_tuner.RandomSearch(
    hypermodel=build_model,
    objective="val_accuracy",
    max_trials=3,
    executions_per_trial=2,
    overwrite=True,
    directory="tuning",
    project_name="helloworld",
)
tuner.search(x_train, y_train, epochs=2, validation_data=(x_val, y_val))
best_model = tuner.get_best_models(num_models=1)[0]
best_model.evaluate(x_test, y_test)
