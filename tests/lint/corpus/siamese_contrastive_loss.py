"""A siamese network on MNIST pairs: Euclidean distance, sigmoid score, contrastive loss."""

import keras
import numpy as np
from keras import layers, ops

(x_train_val, y_train_val), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train_val = x_train_val.astype("float32") / 255.0
x_test = x_test.astype("float32") / 255.0


def make_pairs(x, y, seed=0):
    rng = np.random.default_rng(seed)
    digit_indices = [np.where(y == i)[0] for i in range(10)]
    pairs, labels = [], []
    for idx1 in range(len(x)):
        label1 = y[idx1]
        idx2 = rng.choice(digit_indices[label1])
        pairs += [[x[idx1], x[idx2]]]
        labels += [0]
        label2 = (label1 + rng.integers(1, 10)) % 10
        idx2 = rng.choice(digit_indices[label2])
        pairs += [[x[idx1], x[idx2]]]
        labels += [1]
    return np.array(pairs), np.array(labels).astype("float32")


pairs_train, labels_train = make_pairs(x_train_val[:20000], y_train_val[:20000])
pairs_test, labels_test = make_pairs(x_test, y_test, seed=1)


def euclidean_distance(vects):
    x, y = vects
    sum_square = ops.sum(ops.square(x - y), axis=1, keepdims=True)
    return ops.sqrt(ops.maximum(sum_square, keras.backend.epsilon()))


def loss(margin=1):
    def contrastive_loss(y_true, y_pred):
        square_pred = ops.square(y_pred)
        margin_square = ops.square(ops.maximum(margin - y_pred, 0))
        return ops.mean((1 - y_true) * square_pred + y_true * margin_square)

    return contrastive_loss


input_layer = keras.Input((28, 28, 1))
x = layers.BatchNormalization()(input_layer)
x = layers.Conv2D(4, (5, 5), activation="tanh")(x)
x = layers.AveragePooling2D(pool_size=(2, 2))(x)
x = layers.Conv2D(16, (5, 5), activation="tanh")(x)
x = layers.AveragePooling2D(pool_size=(2, 2))(x)
x = layers.Flatten()(x)
x = layers.BatchNormalization()(x)
x = layers.Dense(10, activation="tanh")(x)
embedding_network = keras.Model(input_layer, x)

input_1 = keras.Input((28, 28, 1))
input_2 = keras.Input((28, 28, 1))
tower_1 = embedding_network(input_1)
tower_2 = embedding_network(input_2)
merge_layer = layers.Lambda(euclidean_distance, output_shape=(1,))([tower_1, tower_2])
normal_layer = layers.BatchNormalization()(merge_layer)
output_layer = layers.Dense(1, activation="sigmoid")(normal_layer)
siamese = keras.Model(inputs=[input_1, input_2], outputs=output_layer)

siamese.compile(loss=loss(margin=1), optimizer="RMSprop", metrics=["accuracy"])
siamese.fit(
    [pairs_train[:, 0], pairs_train[:, 1]],
    labels_train,
    validation_split=0.1,
    batch_size=16,
    epochs=10,
)
print(siamese.evaluate([pairs_test[:, 0], pairs_test[:, 1]], labels_test))
