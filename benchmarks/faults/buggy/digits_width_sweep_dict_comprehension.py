import keras
from keras import layers
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

X, y = load_digits(return_X_y=True)
X = X / 16.0
X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.25, random_state=1)


def mlp(width):
    return keras.Sequential([
        keras.Input(shape=(64,)),
        layers.Dense(width),
        layers.Dense(width // 2, activation="relu"),
        layers.Dense(10, activation="softmax"),
    ])


models = {width: mlp(width) for width in (32, 64, 128)}
for width, model in models.items():
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(X_train, y_train, epochs=30, verbose=0)
    print(width, model.evaluate(X_val, y_val, verbose=0))
