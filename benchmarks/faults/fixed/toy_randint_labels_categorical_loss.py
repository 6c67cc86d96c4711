import numpy as np
from keras.layers import Dense
from keras.models import Sequential
from keras.utils import to_categorical

x = np.random.random((1000, 100))
y = to_categorical(np.random.randint(4, size=(1000,)), num_classes=4)

model = Sequential()
model.add(Dense(64, activation='relu', input_dim=100))
model.add(Dense(4, activation='softmax'))
model.compile(optimizer='rmsprop', loss='categorical_crossentropy', metrics=['accuracy'])
model.fit(x, y, epochs=10, batch_size=32)
