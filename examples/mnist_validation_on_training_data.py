"""MNIST: a validation score that proves nothing, and a test score on the wrong scale.

Two mistakes add up:
- the validation data is the training data (LRC203), so the validation curve only shows how well
  the model memorises, never how it generalises, and early stopping watches the wrong number;
- the test images are not scaled like the training images (LRC202): the model was trained on
  [0, 1] and is evaluated on 0-255, so its activations are about 255 times too large and the test
  loss explodes.
The repair is mnist_validation_on_training_data_fixed.py.
"""

from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train.reshape(-1, 28, 28, 1).astype("float32") / 255
x_test = x_test.reshape(-1, 28, 28, 1).astype("float32")

model = keras.Sequential(
    [
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Conv2D(64, kernel_size=(3, 3), activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Flatten(),
        layers.Dropout(0.5),
        layers.Dense(10, activation="softmax"),
    ]
)
model.compile(loss="sparse_categorical_crossentropy", optimizer="adam", metrics=["accuracy"])

early_stopping = keras.callbacks.EarlyStopping(monitor="val_loss", patience=2)
model.fit(
    x_train,
    y_train,
    batch_size=128,
    epochs=15,
    validation_data=(x_train, y_train),  # lrcheck: LRC203 expected
    callbacks=[early_stopping],
)
score = model.evaluate(x_test, y_test, verbose=0)  # lrcheck: LRC202 expected
print("Test loss:", score[0])
print("Test accuracy:", score[1])
