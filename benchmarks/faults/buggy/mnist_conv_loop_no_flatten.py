import tensorflow as tf

(x_train, y_train), (x_test, y_test) = tf.keras.datasets.mnist.load_data()
x_train = x_train[..., None] / 255.0
x_test = x_test[..., None] / 255.0

model = tf.keras.Sequential()
model.add(tf.keras.layers.Input(shape=(28, 28, 1)))
for filters in [32, 64]:
    model.add(tf.keras.layers.Conv2D(filters, 3, activation="relu", padding="same"))
    model.add(tf.keras.layers.MaxPooling2D())
model.add(tf.keras.layers.Dense(10, activation="softmax"))
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=5, validation_data=(x_test, y_test))
