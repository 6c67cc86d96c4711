import numpy as np
from tensorflow import keras
from tensorflow.keras import layers


class SentimentTrainer:
    """Trains a bag-of-embeddings sentiment model on the IMDB reviews."""

    def __init__(self, vocab=20000, maxlen=256):
        self.vocab = vocab
        self.maxlen = maxlen
        self.model = None

    def prepare(self):
        (xtr, ytr), (xte, yte) = keras.datasets.imdb.load_data(num_words=self.vocab)
        self.xtr = keras.utils.pad_sequences(xtr, maxlen=self.maxlen)
        self.xte = keras.utils.pad_sequences(xte, maxlen=self.maxlen)
        self.ytr, self.yte = ytr, yte

    def build(self):
        inputs = keras.Input(shape=(self.maxlen,))
        x = layers.Embedding(self.vocab, 64)(inputs)
        x = layers.GlobalAveragePooling1D()(x)
        x = layers.Dense(64, activation="relu")(x)
        x = layers.Dropout(0.4)(x)
        self.model = keras.Model(inputs, layers.Dense(1)(x))
        self.model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])

    def fit(self, epochs=5):
        self.model.fit(self.xtr, self.ytr, epochs=epochs, batch_size=128,
                       validation_data=(self.xte, self.yte))
        return np.mean((self.model.predict(self.xte) > 0.5).ravel() == self.yte)


trainer = SentimentTrainer()
trainer.prepare()
trainer.build()
print("test accuracy", trainer.fit())
