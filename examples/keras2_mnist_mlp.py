"""An old Keras 2 MNIST script run under Keras 3.

Tutorials from the Keras 2 era pass `lr=` and `decay=` to the optimizers.  Keras 3 rejects
`lr` ("Argument(s) not recognized"; it was renamed `learning_rate`) and ignores `decay` with a
warning (per-step decay was replaced by learning-rate schedules; TensorFlow 2.11 to 2.15 rejected
it).  Renaming `lr=` is a safe automatic fix; `decay=` needs a schedule, as in
keras2_mnist_mlp_fixed.py.  The script's other Keras 1 and 2 leftovers, `keras.utils.np_utils`
and `nb_epoch=` (now `keras.utils.to_categorical` and `epochs=`), fail under Keras 3 too.
"""

from keras.datasets import mnist
from keras.layers import Activation, Dense, Dropout
from keras.models import Sequential
from keras.optimizers import SGD
from keras.utils import np_utils

batch_size = 128
nb_classes = 10
nb_epoch = 20

(X_train, y_train), (X_test, y_test) = mnist.load_data()
X_train = X_train.reshape(60000, 784).astype("float32") / 255
X_test = X_test.reshape(10000, 784).astype("float32") / 255
Y_train = np_utils.to_categorical(y_train, nb_classes)
Y_test = np_utils.to_categorical(y_test, nb_classes)

model = Sequential()
model.add(Dense(512, input_shape=(784,)))
model.add(Activation("relu"))
model.add(Dropout(0.2))
model.add(Dense(512))
model.add(Activation("relu"))
model.add(Dropout(0.2))
model.add(Dense(10))
model.add(Activation("softmax"))
model.summary()

sgd = SGD(lr=0.01, decay=1e-6, momentum=0.9, nesterov=True)  # lrcheck: LRC302 LRC302 expected
model.compile(loss="categorical_crossentropy", optimizer=sgd, metrics=["accuracy"])

history = model.fit(
    X_train,
    Y_train,
    batch_size=batch_size,
    nb_epoch=nb_epoch,
    verbose=1,
    validation_data=(X_test, Y_test),
)
score = model.evaluate(X_test, Y_test, verbose=0)
print("Test score:", score[0])
print("Test accuracy:", score[1])
