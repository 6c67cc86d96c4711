"""The repaired imdb_binary_without_sigmoid.py: the output is a probability from a sigmoid.

Test accuracy reaches about 87%.
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
        layers.Dense(1, activation="sigmoid"),
    ]
)
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
history = model.fit(x_train, y_train, epochs=10, batch_size=512, validation_split=0.2)
print(model.evaluate(x_test, y_test))
