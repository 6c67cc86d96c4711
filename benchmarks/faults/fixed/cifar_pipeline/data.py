import numpy as np
from tensorflow.keras.datasets import cifar100


def load_cifar(label_mode="fine"):
    (x_train, y_train), (x_test, y_test) = cifar100.load_data(label_mode=label_mode)
    x_train = x_train.astype(np.float32) / 255.0
    x_test = x_test.astype(np.float32) / 255.0
    return (x_train, y_train), (x_test, y_test)
