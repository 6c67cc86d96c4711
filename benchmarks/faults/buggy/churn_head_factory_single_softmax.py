import pandas as pd
import tensorflow as tf
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler


def classification_head(x, n_outputs, activation="softmax", name="head"):
    x = tf.keras.layers.Dense(64, activation="relu")(x)
    x = tf.keras.layers.Dropout(0.3)(x)
    return tf.keras.layers.Dense(n_outputs, activation=activation, name=name)(x)


df = pd.read_csv("telco_churn.csv")
features = df.select_dtypes("number").drop(columns=["Churn"]).to_numpy("float32")
churn = df["Churn"].to_numpy("float32")
X_train, X_test, y_train, y_test = train_test_split(features, churn, test_size=0.2, stratify=churn)
scaler = StandardScaler().fit(X_train)

inputs = tf.keras.Input(shape=(features.shape[1],))
hidden = tf.keras.layers.Dense(128, activation="relu")(inputs)
outputs = classification_head(hidden, 1, name="churn")
model = tf.keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="binary_crossentropy",
              metrics=[tf.keras.metrics.AUC(name="auc")])
model.fit(scaler.transform(X_train), y_train, epochs=30, batch_size=64,
          validation_data=(scaler.transform(X_test), y_test))
