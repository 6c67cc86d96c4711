import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import OneHotEncoder
import keras

df = pd.read_csv("mushrooms.csv")
features = OneHotEncoder(sparse_output=False).fit_transform(df.drop(columns="class"))
labels = OneHotEncoder(sparse_output=False).fit_transform(df[["class"]])

x_train, x_test, y_train, y_test = train_test_split(features, labels, test_size=0.25)
model = keras.Sequential([
    keras.Input(shape=(features.shape[1],)),
    keras.layers.Dense(32, activation="relu"),
    keras.layers.Dense(2, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=10, validation_data=(x_test, y_test))
