"""The repaired keras2_mnist_mlp.py, for Keras 3 (and still valid for tf.keras 2).

`learning_rate=` replaces `lr=`; an InverseTimeDecay schedule reproduces Keras 2's
`decay=1e-6` (lr / (1 + decay * step)); `epochs=` replaces `nb_epoch=`.
"""

from keras.datasets import mnist
from keras.layers import Activation, Dense, Dropout, Input
from keras.models import Sequential
from keras.optimizers import SGD
from keras.optimizers.schedules import InverseTimeDecay
from keras.utils import to_categorical

batch_size = 128
nb_classes = 10
epochs = 20

(X_train, y_train), (X_test, y_test) = mnist.load_data()
X_train = X_train.reshape(60000, 784).astype("float32") / 255
X_test = X_test.reshape(10000, 784).astype("float32") / 255
Y_train = to_categorical(y_train, nb_classes)
Y_test = to_categorical(y_test, nb_classes)

model = Sequential()
model.add(Input(shape=(784,)))
model.add(Dense(512))
model.add(Activation("relu"))
model.add(Dropout(0.2))
model.add(Dense(512))
model.add(Activation("relu"))
model.add(Dropout(0.2))
model.add(Dense(10))
model.add(Activation("softmax"))
model.summary()

schedule = InverseTimeDecay(0.01, decay_steps=1, decay_rate=1e-6)
sgd = SGD(learning_rate=schedule, momentum=0.9, nesterov=True)
model.compile(loss="categorical_crossentropy", optimizer=sgd, metrics=["accuracy"])

history = model.fit(
    X_train,
    Y_train,
    batch_size=batch_size,
    epochs=epochs,
    verbose=1,
    validation_data=(X_test, Y_test),
)
score = model.evaluate(X_test, Y_test, verbose=0)
print("Test score:", score[0])
print("Test accuracy:", score[1])
