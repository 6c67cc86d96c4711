import numpy as np
import pandas as pd
import tensorflow as tf
from sklearn.model_selection import train_test_split

VOCAB_SIZE = 5000
SEQ_LEN = 60

df = pd.read_csv("spam.csv", encoding="latin-1")[["v1", "v2"]]
df.columns = ["label", "text"]
labels = (df["label"] == "spam").astype("int32").to_numpy()

vectorizer = tf.keras.layers.TextVectorization(max_tokens=VOCAB_SIZE, output_sequence_length=SEQ_LEN)
vectorizer.adapt(df["text"].to_numpy())
sequences = vectorizer(df["text"].to_numpy()).numpy()
x_train, x_test, y_train, y_test = train_test_split(sequences, labels, test_size=0.2, stratify=labels)


def build_classifier(embedding_dim=32):
    inputs = tf.keras.Input(shape=(SEQ_LEN,))
    x = tf.keras.layers.Embedding(VOCAB_SIZE, embedding_dim)(inputs)
    x = tf.keras.layers.GlobalAveragePooling1D()(x)
    x = tf.keras.layers.Dense(24, activation="relu")(x)
    logits = tf.keras.layers.Dense(1)(x)
    return tf.keras.Model(inputs=inputs, outputs=logits)


clf = build_classifier()
clf.compile(loss=tf.keras.losses.BinaryCrossentropy(), optimizer="adam", metrics=["accuracy"])
clf.fit(x_train, y_train, epochs=15, validation_data=(x_test, y_test), verbose=2)
print(np.mean(clf.predict(x_test) > 0.5))
