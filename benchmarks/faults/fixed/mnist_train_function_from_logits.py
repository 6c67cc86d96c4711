import keras
from keras import layers


def train(model, data, epochs=5, from_logits=False):
    (x_train, y_train), (x_test, y_test) = data
    model.compile(
        optimizer=keras.optimizers.Adam(1e-3),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=from_logits),
        metrics=["accuracy"],
    )
    model.fit(x_train, y_train, epochs=epochs, validation_data=(x_test, y_test))
    return model.evaluate(x_test, y_test, verbose=0)


(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train.reshape(-1, 784).astype("float32") / 255
x_test = x_test.reshape(-1, 784).astype("float32") / 255

mlp = keras.Sequential(
    [
        keras.Input(shape=(784,)),
        layers.Dense(512, activation="relu"),
        layers.Dropout(0.2),
        layers.Dense(10, activation="softmax"),
    ]
)
loss, acc = train(mlp, ((x_train, y_train), (x_test, y_test)))
print(f"loss={loss:.4f} acc={acc:.4f}")
