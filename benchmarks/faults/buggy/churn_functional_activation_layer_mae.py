import pandas as pd
import tensorflow as tf
from sklearn.preprocessing import LabelEncoder, StandardScaler

df = pd.read_csv("Churn_Modelling.csv")
X = df[["CreditScore", "Age", "Tenure", "Balance", "NumOfProducts", "EstimatedSalary"]].values
X = StandardScaler().fit_transform(X)
y = LabelEncoder().fit_transform(df["Exited"])

inputs = tf.keras.Input(shape=(6,))
x = tf.keras.layers.Dense(32)(inputs)
x = tf.keras.layers.Activation("relu")(x)
x = tf.keras.layers.Dense(1)(x)
outputs = tf.keras.layers.Activation("sigmoid")(x)
model = tf.keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="mae")
model.fit(X, y, epochs=50, batch_size=64, validation_split=0.2)
