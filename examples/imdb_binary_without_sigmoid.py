"""IMDB sentiment: a linear output under plain binary cross-entropy.

The TensorFlow text-classification tutorial ends the model with `Dense(1)` and compiles with
`BinaryCrossentropy(from_logits=True)`.  Copied with the string 'binary_crossentropy' instead, the
loss receives unbounded scores where it expects probabilities: Keras clips them to [1e-7, 1 - 1e-7]
and the gradient vanishes for every score outside (0, 1).  Training stalls or becomes erratic.
The repair (a sigmoid output) is imdb_binary_without_sigmoid_fixed.py; keeping the linear output
and passing from_logits=True is equally correct.
"""

from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.preprocessing.sequence import pad_sequences

VOCABULARY = 10000
MAX_LENGTH = 256

(x_train, y_train), (x_test, y_test) = keras.datasets.imdb.load_data(num_words=VOCABULARY)
x_train = pad_sequences(x_train, maxlen=MAX_LENGTH, padding="post")
x_test = pad_sequences(x_test, maxlen=MAX_LENGTH, padding="post")

model = keras.Sequential(
    [
        layers.Embedding(VOCABULARY, 16),
        layers.Dropout(0.2),
        layers.GlobalAveragePooling1D(),
        layers.Dropout(0.2),
        layers.Dense(1),  # lrcheck: LRC103 expected
    ]
)
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
history = model.fit(x_train, y_train, epochs=10, batch_size=512, validation_split=0.2)
print(model.evaluate(x_test, y_test))
