import keras
from keras import layers
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split


def dense_block(units, activation=None, dropout=0.0):
    block = [layers.Dense(units)]
    if activation is not None:
        block.append(layers.Activation(activation))
    if dropout:
        block.append(layers.Dropout(dropout))
    return block


digits = load_digits()
x = digits.images.reshape(len(digits.images), -1) / 16.0
x_train, x_test, y_train, y_test = train_test_split(x, digits.target, test_size=0.3)

model = keras.Sequential(
    [keras.Input(shape=(64,))]
    + dense_block(256, activation="relu", dropout=0.2)
    + dense_block(128, activation="relu", dropout=0.2)
    + dense_block(10, activation="softmax")
)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=40, validation_data=(x_test, y_test))
