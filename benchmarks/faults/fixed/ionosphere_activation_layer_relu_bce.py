import pandas as pd
from sklearn.preprocessing import LabelEncoder
from tensorflow import keras

df = pd.read_csv("ionosphere.data", header=None)
X = df.iloc[:, :34].values.astype("float32")
y = LabelEncoder().fit_transform(df[34])

model = keras.Sequential()
model.add(keras.layers.Dense(34, input_shape=(34,)))
model.add(keras.layers.ReLU())
model.add(keras.layers.Dense(1))
model.add(keras.layers.Activation("sigmoid"))
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=100, batch_size=16, validation_split=0.3)
