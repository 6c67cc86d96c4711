import keras
import pandas as pd
from keras import layers
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

CONFIG = {
    "hidden_units": [128, 64],
    "dropout": 0.1,
    "learning_rate": 2.0,
    "batch_size": 64,
    "epochs": 40,
}


def build(cfg, n_features):
    inputs = keras.Input(shape=(n_features,))
    x = inputs
    for units in cfg["hidden_units"]:
        x = layers.Dense(units, activation="relu")(x)
        x = layers.Dropout(cfg["dropout"])(x)
    outputs = layers.Dense(1)(x)
    model = keras.Model(inputs, outputs)
    model.compile(
        optimizer=keras.optimizers.RMSprop(learning_rate=cfg["learning_rate"]),
        loss="mean_squared_error",
        metrics=["mae"],
    )
    return model


df = pd.read_csv("winequality-red.csv", sep=";")
X = df.drop(columns=["quality"]).to_numpy()
y = df["quality"].to_numpy(dtype="float32")
X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.2, random_state=0)
scaler = StandardScaler().fit(X_train)

model = build(CONFIG, X.shape[1])
model.fit(
    scaler.transform(X_train),
    y_train,
    validation_data=(scaler.transform(X_val), y_val),
    batch_size=CONFIG["batch_size"],
    epochs=CONFIG["epochs"],
)
