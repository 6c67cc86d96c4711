"""The same softmax classifier twice, as in the course: a TensorFlow 1 graph whose model()
takes the learning rate as a parameter, then the Keras version."""

import numpy as np
import tensorflow as tf

tf1 = tf.compat.v1
tf1.disable_eager_execution()

(x_train, y_train), (x_test, y_test) = tf.keras.datasets.mnist.load_data()
x_train = x_train.reshape(-1, 784).astype("float32") / 255.0
x_test = x_test.reshape(-1, 784).astype("float32") / 255.0
y_train_oh = np.eye(10)[y_train]


def model(x_data, y_data, learning_rate=1e-3, steps=2000, batch_size=100):
    x = tf1.placeholder(tf.float32, [None, 784])
    y = tf1.placeholder(tf.float32, [None, 10])
    hidden = tf1.layers.dense(x, 128, activation=tf.nn.relu)
    logits = tf1.layers.dense(hidden, 10)
    cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y, logits=logits))
    train_op = tf1.train.AdamOptimizer(learning_rate=learning_rate).minimize(cost)
    with tf1.Session() as sess:
        sess.run(tf1.global_variables_initializer())
        for step in range(steps):
            rows = np.random.randint(0, len(x_data), batch_size)
            _, value = sess.run([train_op, cost], feed_dict={x: x_data[rows], y: y_data[rows]})
            if step % 500 == 0:
                print(step, value)


model(x_train, y_train_oh, learning_rate=3e-4)

keras_model = tf.keras.Sequential(
    [
        tf.keras.Input(shape=(784,)),
        tf.keras.layers.Dense(128, activation="relu"),
        tf.keras.layers.Dense(10, activation="softmax"),
    ]
)
keras_model.compile(
    optimizer=tf.keras.optimizers.Adam(learning_rate=3e-4),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
keras_model.fit(x_train, y_train, epochs=5, batch_size=100, validation_data=(x_test, y_test))
