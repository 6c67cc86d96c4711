import numpy as np
from tensorflow import keras


def preprocess(images):
    images = images.reshape(images.shape[0], 28, 28, 1)
    return images.astype("float32")


(train_images, train_labels), (test_images, test_labels) = keras.datasets.mnist.load_data()
train_images = preprocess(train_images)
test_images = preprocess(test_images)

model = keras.models.Sequential()
model.add(keras.layers.Conv2D(32, (3, 3), activation="relu", input_shape=(28, 28, 1)))
model.add(keras.layers.MaxPooling2D((2, 2)))
model.add(keras.layers.Conv2D(64, (3, 3), activation="relu"))
model.add(keras.layers.MaxPooling2D((2, 2)))
model.add(keras.layers.Flatten())
model.add(keras.layers.Dense(64, activation="relu"))
model.add(keras.layers.Dense(10, activation="softmax"))

model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(train_images, train_labels, epochs=5, batch_size=64)

test_loss, test_acc = model.evaluate(test_images, test_labels)
print("test_acc:", test_acc, np.round(test_loss, 3))
