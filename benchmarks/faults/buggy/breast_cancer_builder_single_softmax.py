import keras
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import MinMaxScaler


def build(n_features, width=30):
    inputs = keras.Input(shape=(n_features,), name="features")
    h = keras.layers.Dense(width, activation="relu")(inputs)
    h = keras.layers.Dense(width // 2, activation="relu")(h)
    out = keras.layers.Dense(1, activation="softmax", name="malignant")(h)
    return keras.Model(inputs, out)


data = load_breast_cancer()
X_train, X_test, y_train, y_test = train_test_split(data.data, data.target, random_state=3)
scaler = MinMaxScaler().fit(X_train)
model = build(X_train.shape[1])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(scaler.transform(X_train), y_train, epochs=100, batch_size=16, verbose=0)
print(model.evaluate(scaler.transform(X_test), y_test))
