import numpy as np
import tensorflow as tf

raw = np.loadtxt("seeds_dataset.txt")
features = raw[:, :7]
labels = raw[:, 7].astype(int) - 1
features = (features - features.mean(0)) / features.std(0)
targets = np.eye(3)[labels]

perm = np.random.permutation(len(features))
features, targets = features[perm], targets[perm]

model = tf.keras.Sequential([
    tf.keras.layers.Dense(16, activation="relu", input_shape=(7,)),
    tf.keras.layers.Dense(3, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(features, targets, epochs=100, validation_split=0.2)
