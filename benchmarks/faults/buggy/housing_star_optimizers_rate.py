import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from tensorflow.keras import Sequential
from tensorflow.keras.layers import Dense
from tensorflow.keras.optimizers import *

df = pd.read_csv("housing.csv").dropna()
X = df.drop(columns=["median_house_value", "ocean_proximity"]).values
y = df["median_house_value"].values / 100000.0
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=42)
sc = StandardScaler()
X_train = sc.fit_transform(X_train)
X_test = sc.transform(X_test)

model = Sequential([Dense(30, activation="relu", input_shape=X_train.shape[1:]), Dense(1)])
model.compile(loss="mse", optimizer=Adam(learning_rate=0.5))
model.fit(X_train, y_train, epochs=30, validation_split=0.1)
print(model.evaluate(X_test, y_test))
