import tensorflow as tf

from data import load_cifar
from model import make_model

EPOCHS = 50
BATCH_SIZE = 128

(x_train, y_train), (x_test, y_test) = load_cifar()
model = make_model()
model.compile(
    optimizer=tf.keras.optimizers.SGD(learning_rate=0.1, momentum=0.9, nesterov=True),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
model.fit(x_train, y_train, batch_size=BATCH_SIZE, epochs=EPOCHS, validation_data=(x_test, y_test))
model.save("cifar100_cnn.keras")
