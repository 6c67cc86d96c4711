import pandas as pd
import tensorflow as tf
from sklearn.preprocessing import LabelEncoder, StandardScaler

df = pd.read_csv("penguins_size.csv").dropna()
X = StandardScaler().fit_transform(df[["culmen_length_mm", "culmen_depth_mm",
                                       "flipper_length_mm", "body_mass_g"]])
y = LabelEncoder().fit_transform(df["species"])

model = tf.keras.Sequential([
    tf.keras.layers.Dense(16, activation="relu", input_shape=(4,)),
    tf.keras.layers.Dense(3, activation="softmax"),
])
model.compile(optimizer="adam", loss=tf.keras.losses.SparseCategoricalCrossentropy())
model.fit(X, y, epochs=80, batch_size=16, validation_split=0.2)
