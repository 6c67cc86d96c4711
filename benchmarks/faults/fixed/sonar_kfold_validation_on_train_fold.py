import numpy as np
import pandas as pd
from sklearn.model_selection import KFold
from sklearn.preprocessing import LabelEncoder
from tensorflow import keras

df = pd.read_csv("sonar.csv", header=None)
X = df.iloc[:, :60].to_numpy(dtype="float32")
y = LabelEncoder().fit_transform(df[60])

scores = []
for train_idx, test_idx in KFold(n_splits=5, shuffle=True, random_state=0).split(X):
    model = keras.Sequential([
        keras.layers.Dense(60, activation="relu", input_shape=(60,)),
        keras.layers.Dense(30, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    model.fit(X[train_idx], y[train_idx], epochs=100, batch_size=8, verbose=0,
              validation_split=0.2,
              callbacks=[keras.callbacks.EarlyStopping(patience=10, restore_best_weights=True)])
    scores.append(model.evaluate(X[test_idx], y[test_idx], verbose=0)[1])
print(np.mean(scores), np.std(scores))
