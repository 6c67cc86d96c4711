"""Multi-label tagging: one sigmoid per tag, binary cross-entropy, binary accuracy per tag."""

import numpy as np
from sklearn.datasets import make_multilabel_classification
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from tensorflow import keras
from tensorflow.keras import layers

N_TAGS = 8

features, tags = make_multilabel_classification(
    n_samples=5000, n_features=40, n_classes=N_TAGS, n_labels=3, random_state=7
)
x_train, x_test, y_train, y_test = train_test_split(features, tags, test_size=0.2, random_state=7)
scaler = StandardScaler()
x_train = scaler.fit_transform(x_train)
x_test = scaler.transform(x_test)

model = keras.Sequential(
    [
        keras.Input(shape=(40,)),
        layers.Dense(128, activation="relu"),
        layers.Dropout(0.3),
        layers.Dense(64, activation="relu"),
        layers.Dense(N_TAGS, activation="sigmoid"),
    ]
)
model.compile(
    optimizer="adam",
    loss="binary_crossentropy",
    metrics=["accuracy", keras.metrics.AUC(multi_label=True, num_labels=N_TAGS)],
)
model.fit(x_train, y_train, epochs=40, batch_size=64, validation_split=0.1, verbose=2)

probabilities = model.predict(x_test)
predicted_tags = (probabilities > 0.5).astype(int)
exact_match = np.mean(np.all(predicted_tags == y_test, axis=1))
print(f"exact-match ratio: {exact_match:.3f}")
