import tensorflow as tf
from sklearn.datasets import fetch_20newsgroups


class NewsClassifier:
    def __init__(self, max_tokens=20000, seq_len=300, n_classes=20):
        self.vectorize = tf.keras.layers.TextVectorization(max_tokens=max_tokens,
                                                           output_sequence_length=seq_len)
        self.loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
        self.model = tf.keras.Sequential([
            tf.keras.layers.Embedding(max_tokens, 128),
            tf.keras.layers.GlobalMaxPooling1D(),
            tf.keras.layers.Dense(128, activation="relu"),
            tf.keras.layers.Dense(n_classes),
        ])

    def train(self, texts, labels, epochs=8):
        self.vectorize.adapt(texts)
        self.model.compile(optimizer="adam", loss=self.loss_fn, metrics=["accuracy"])
        return self.model.fit(self.vectorize(texts), labels, epochs=epochs, validation_split=0.1)


news = fetch_20newsgroups(subset="train", remove=("headers", "footers", "quotes"))
clf = NewsClassifier()
clf.train(news.data, news.target)
