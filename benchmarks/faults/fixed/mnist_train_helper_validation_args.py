import tensorflow as tf
from tensorflow import keras


def train(model, x_tr, y_tr, x_val, y_val, epochs=20):
    early = keras.callbacks.EarlyStopping(monitor="val_loss", patience=3, restore_best_weights=True)
    return model.fit(x_tr, y_tr, epochs=epochs, batch_size=256,
                     validation_data=(x_val, y_val), callbacks=[early])


(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train.reshape(-1, 784).astype("float32") / 255.0
x_test = x_test.reshape(-1, 784).astype("float32") / 255.0

model = keras.Sequential([
    keras.layers.Dense(512, activation="relu", input_shape=(784,)),
    keras.layers.Dropout(0.3),
    keras.layers.Dense(256, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer=tf.keras.optimizers.Adam(3e-4), loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])
history = train(model, x_train[:-10000], y_train[:-10000], x_train[-10000:], y_train[-10000:])
print(model.evaluate(x_test, y_test, verbose=0))
