"""The repaired iris_softmax_mse.py: categorical cross-entropy for a softmax over one-hot labels."""

from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from tensorflow import keras
from tensorflow.keras import layers

features, species = load_iris(return_X_y=True)
labels = keras.utils.to_categorical(species, num_classes=3)
x_train, x_test, y_train, y_test = train_test_split(
    features, labels, test_size=0.25, random_state=0
)
scaler = StandardScaler().fit(x_train)
x_train = scaler.transform(x_train)
x_test = scaler.transform(x_test)

model = keras.Sequential(
    [
        keras.Input(shape=(4,)),
        layers.Dense(16, activation="relu"),
        layers.Dense(3, activation="softmax"),
    ]
)
model.compile(
    optimizer="adam", loss="categorical_crossentropy", metrics=["categorical_accuracy"]
)
model.fit(x_train, y_train, epochs=100, batch_size=8, verbose=0)
print(model.evaluate(x_test, y_test, verbose=0))
