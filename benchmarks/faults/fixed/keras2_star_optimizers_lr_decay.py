from keras.datasets import boston_housing
from keras.layers import Dense
from keras.models import Sequential
from keras.optimizers import *

(x_train, y_train), (x_test, y_test) = boston_housing.load_data()
mean, std = x_train.mean(axis=0), x_train.std(axis=0)
x_train = (x_train - mean) / std
x_test = (x_test - mean) / std

model = Sequential()
model.add(Dense(64, activation='relu', input_dim=13))
model.add(Dense(64, activation='relu'))
model.add(Dense(1))

sgd = SGD(learning_rate=0.001, momentum=0.9, nesterov=True)
model.compile(loss='mean_squared_error', optimizer=sgd, metrics=['mae'])
model.fit(x_train, y_train, epochs=200, batch_size=32, validation_data=(x_test, y_test))
