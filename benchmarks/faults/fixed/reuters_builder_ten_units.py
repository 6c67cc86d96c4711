import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

(train_data, train_labels), (test_data, test_labels) = keras.datasets.reuters.load_data(num_words=10000)


def vectorize_sequences(sequences, dimension=10000):
    results = np.zeros((len(sequences), dimension))
    for i, sequence in enumerate(sequences):
        results[i, sequence] = 1.0
    return results


x_train = vectorize_sequences(train_data)
x_test = vectorize_sequences(test_data)


def build_model():
    model = keras.Sequential([
        layers.Dense(64, activation="relu"),
        layers.Dense(64, activation="relu"),
        layers.Dense(46, activation="softmax"),
    ])
    return model


model = build_model()
model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
x_val, partial_x_train = x_train[:1000], x_train[1000:]
y_val, partial_y_train = train_labels[:1000], train_labels[1000:]
model.fit(partial_x_train, partial_y_train, epochs=9, batch_size=512,
          validation_data=(x_val, y_val))
results = model.evaluate(x_test, test_labels)
print(results)
