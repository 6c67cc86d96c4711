"""String labels -> LabelEncoder -> to_categorical, categorical cross-entropy, then a report."""

import numpy as np
from sklearn.datasets import load_iris
from sklearn.metrics import classification_report, confusion_matrix
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import LabelEncoder, StandardScaler
from tensorflow import keras
from tensorflow.keras.layers import Dense
from tensorflow.keras.models import Sequential
from tensorflow.keras.utils import to_categorical

iris = load_iris()
features = iris.data
species = iris.target_names[iris.target]  # "setosa", "versicolor", "virginica"

encoder = LabelEncoder()
encoded = encoder.fit_transform(species)
labels = to_categorical(encoded)

x_train, x_test, y_train, y_test = train_test_split(
    features, labels, test_size=0.3, random_state=5, stratify=encoded
)
scaler = StandardScaler()
x_train = scaler.fit_transform(x_train)
x_test = scaler.transform(x_test)

model = Sequential()
model.add(Dense(10, input_shape=(4,), activation="relu"))
model.add(Dense(10, activation="relu"))
model.add(Dense(3, activation="softmax"))
model.compile(
    loss="categorical_crossentropy", optimizer=keras.optimizers.Adam(0.01), metrics=["accuracy"]
)
model.fit(x_train, y_train, epochs=150, batch_size=10, verbose=0)

predicted = np.argmax(model.predict(x_test), axis=1)
actual = np.argmax(y_test, axis=1)
print(confusion_matrix(actual, predicted))
print(classification_report(actual, predicted, target_names=encoder.classes_))
