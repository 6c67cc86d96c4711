from sklearn.datasets import make_classification
from sklearn.model_selection import train_test_split
from tensorflow import keras

X, y = make_classification(n_samples=3000, n_features=12, n_classes=2, weights=[0.7, 0.3],
                           random_state=42)
X_train, X_val, y_train, y_val = train_test_split(X, y, stratify=y, random_state=42)

clf = keras.Sequential([
    keras.layers.Dense(24, activation="relu", input_shape=(12,)),
    keras.layers.Dense(12, activation="relu"),
    keras.layers.Dense(1, activation="sigmoid"),
])
clf.compile(optimizer="adam", loss="binary_crossentropy")
clf.fit(X_train, y_train, validation_data=(X_val, y_val), epochs=40, batch_size=64)
