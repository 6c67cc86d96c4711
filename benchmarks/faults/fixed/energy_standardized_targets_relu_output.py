import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from tensorflow import keras

df = pd.read_excel("ENB2012_data.xlsx")
X = df.iloc[:, :8].to_numpy()
y = df["Y1"].to_numpy().reshape(-1, 1)

x_scaler, y_scaler = StandardScaler(), StandardScaler()
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=5)
X_train, X_test = x_scaler.fit_transform(X_train), x_scaler.transform(X_test)
y_train, y_test = y_scaler.fit_transform(y_train), y_scaler.transform(y_test)

model = keras.Sequential([
    keras.layers.Dense(64, activation="relu", input_shape=(8,)),
    keras.layers.Dense(64, activation="relu"),
    keras.layers.Dense(1),
])
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
model.fit(X_train, y_train, epochs=150, batch_size=32, validation_data=(X_test, y_test), verbose=0)
heating_load = y_scaler.inverse_transform(model.predict(X_test))
print(heating_load[:5])
