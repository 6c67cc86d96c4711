import numpy as np
import pandas as pd
from tensorflow.keras.layers import LSTM, Bidirectional, Dense, Embedding, Input, TimeDistributed
from tensorflow.keras.models import Model
from tensorflow.keras.preprocessing.sequence import pad_sequences
from tensorflow.keras.utils import to_categorical

MAX_LEN = 50

data = pd.read_csv("ner_dataset.csv", encoding="latin1").ffill()
words = sorted(set(data["Word"].values))
tags = sorted(set(data["Tag"].values))
word2idx = {w: i + 2 for i, w in enumerate(words)}
tag2idx = {t: i for i, t in enumerate(tags)}
sentences = data.groupby("Sentence #").apply(lambda s: list(zip(s["Word"], s["Tag"]))).tolist()

X = pad_sequences([[word2idx[w] for w, _ in s] for s in sentences], maxlen=MAX_LEN, padding="post")
y = pad_sequences([[tag2idx[t] for _, t in s] for s in sentences], maxlen=MAX_LEN, padding="post",
                  value=tag2idx["O"])
y = np.array([to_categorical(seq, num_classes=len(tags)) for seq in y])

inputs = Input(shape=(MAX_LEN,))
x = Embedding(input_dim=len(words) + 2, output_dim=64, mask_zero=True)(inputs)
x = Bidirectional(LSTM(units=100, return_sequences=True, recurrent_dropout=0.1))(x)
outputs = TimeDistributed(Dense(len(tags), activation="softmax"))(x)
model = Model(inputs, outputs)
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(X, y, batch_size=32, epochs=5, validation_split=0.1)
