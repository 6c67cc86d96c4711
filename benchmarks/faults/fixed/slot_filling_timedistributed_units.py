import numpy as np
from keras.layers import GRU, Dense, Embedding, TimeDistributed
from keras.models import Sequential
from keras.utils import to_categorical

N_SLOTS = 9

queries = np.load("atis_queries.npy")
slots = np.load("atis_slots.npy")
slot_targets = to_categorical(slots, num_classes=N_SLOTS)

model = Sequential()
model.add(Embedding(input_dim=900, output_dim=64))
model.add(GRU(128, return_sequences=True))
model.add(TimeDistributed(Dense(N_SLOTS, activation="softmax")))
model.compile(loss="categorical_crossentropy", optimizer="rmsprop", metrics=["accuracy"])
model.fit(queries, slot_targets, epochs=10, batch_size=32, validation_split=0.2)
