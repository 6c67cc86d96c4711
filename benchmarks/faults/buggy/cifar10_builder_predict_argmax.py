import numpy as np
from tensorflow import keras
from tensorflow.keras import layers


def get_model(input_shape=(32, 32, 3), n_classes=10):
    model = keras.Sequential(name="cifar_cnn")
    model.add(keras.Input(shape=input_shape))
    model.add(layers.Rescaling(1.0 / 255))
    model.add(layers.Conv2D(32, 3, activation="relu"))
    model.add(layers.Conv2D(32, 3, activation="relu"))
    model.add(layers.MaxPooling2D())
    model.add(layers.Conv2D(64, 3, activation="relu"))
    model.add(layers.GlobalAveragePooling2D())
    model.add(layers.Dense(n_classes, activation="softmax"))
    return model


(x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
model = get_model()
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=20, batch_size=64, validation_split=0.1)

pred = model.predict(x_test)
pred_classes = pred.argmax()
print("accuracy:", np.mean(pred_classes == y_test.ravel()))
