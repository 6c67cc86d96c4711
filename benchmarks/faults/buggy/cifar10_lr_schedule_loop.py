import tensorflow as tf

(x_train, y_train), (x_test, y_test) = tf.keras.datasets.cifar10.load_data()
x_train, x_test = x_train / 255.0, x_test / 255.0

histories = {}
for name, optimizer in [
    ("sgd", tf.keras.optimizers.SGD(learning_rate=0.01, momentum=0.9)),
    ("adam", tf.keras.optimizers.Adam(learning_rate=0.001)),
    ("rmsprop", tf.keras.optimizers.RMSprop(learning_rate=0.5)),
]:
    model = tf.keras.Sequential([
        tf.keras.layers.Conv2D(32, 3, activation="relu", input_shape=(32, 32, 3)),
        tf.keras.layers.MaxPooling2D(),
        tf.keras.layers.Flatten(),
        tf.keras.layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    histories[name] = model.fit(x_train, y_train, epochs=10, validation_data=(x_test, y_test))
