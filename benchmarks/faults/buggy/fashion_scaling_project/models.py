import tensorflow as tf


def dense_classifier(hidden=(256, 128)):
    model = tf.keras.Sequential([tf.keras.layers.Flatten(input_shape=(28, 28))])
    for units in hidden:
        model.add(tf.keras.layers.Dense(units, activation="relu"))
    model.add(tf.keras.layers.Dense(10, activation="softmax"))
    return model
