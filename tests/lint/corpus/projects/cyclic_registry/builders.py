import registry
from tensorflow import keras


def build_mlp(n_features, hidden=64):
    return keras.Sequential(
        [
            keras.Input(shape=(n_features,)),
            keras.layers.Dense(hidden, activation="relu"),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )


registry.MODELS["mlp"] = build_mlp
