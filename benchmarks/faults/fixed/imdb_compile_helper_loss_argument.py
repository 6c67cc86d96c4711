from tensorflow import keras
from tensorflow.keras import layers

max_features = 10000
maxlen = 200

(x_train, y_train), (x_val, y_val) = keras.datasets.imdb.load_data(num_words=max_features)
x_train = keras.preprocessing.sequence.pad_sequences(x_train, maxlen=maxlen)
x_val = keras.preprocessing.sequence.pad_sequences(x_val, maxlen=maxlen)


def compile_and_fit(model, loss, epochs=4):
    model.compile(optimizer="rmsprop", loss=loss, metrics=["acc"])
    return model.fit(x_train, y_train, batch_size=32, epochs=epochs, validation_data=(x_val, y_val))


inputs = keras.Input(shape=(None,), dtype="int32")
x = layers.Embedding(max_features, 128)(inputs)
x = layers.LSTM(64)(x)
outputs = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)
model.summary()

history = compile_and_fit(model, "binary_crossentropy")
print(history.history["val_acc"][-1])
