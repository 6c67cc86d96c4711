from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from tensorflow import keras
from tensorflow.keras import layers

digits = load_digits()
X = digits.images.reshape((len(digits.images), -1)) / 16.0
y = keras.utils.to_categorical(digits.target, num_classes=10)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.5, shuffle=False)

model = keras.Sequential([
    layers.Input(shape=(64,)),
    layers.Dense(32, activation="relu"),
    layers.Dense(9, activation="softmax"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(X_train, y_train, epochs=30, validation_data=(X_test, y_test))
