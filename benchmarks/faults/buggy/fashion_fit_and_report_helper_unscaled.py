import matplotlib.pyplot as plt
import keras
from keras import layers


def fit_and_report(model, x, y, x_val, y_val, title):
    history = model.fit(x, y, epochs=15, batch_size=128, validation_data=(x_val, y_val), verbose=0)
    plt.plot(history.history["loss"], label=f"{title} train")
    plt.plot(history.history["val_loss"], label=f"{title} val")
    return history.history["val_accuracy"][-1]


(x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
x_train = x_train.reshape(-1, 28, 28, 1)
x_test = x_test.reshape(-1, 28, 28, 1)

model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(32, 3, activation="relu"),
    layers.MaxPooling2D(),
    layers.Conv2D(64, 3, activation="relu"),
    layers.MaxPooling2D(),
    layers.Flatten(),
    layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
acc = fit_and_report(model, x_train, y_train, x_test, y_test, "cnn")
plt.legend()
plt.savefig("curves.png")
print("val accuracy", acc)
