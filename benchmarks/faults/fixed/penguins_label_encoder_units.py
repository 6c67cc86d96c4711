import pandas as pd
import seaborn as sns
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import LabelEncoder, StandardScaler
from tensorflow.keras import Sequential
from tensorflow.keras.layers import Dense, Dropout
from tensorflow.keras.utils import to_categorical

penguins = sns.load_dataset("penguins").dropna()
X = penguins[["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]].values
encoder = LabelEncoder().fit(["Adelie", "Chinstrap", "Gentoo"])
species = encoder.transform(penguins["species"])
y = to_categorical(species)

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
scaler = StandardScaler().fit(X_train)

model = Sequential([
    Dense(32, activation="relu", input_shape=(4,)),
    Dropout(0.1),
    Dense(len(encoder.classes_), activation="softmax"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(scaler.transform(X_train), y_train, epochs=100, verbose=0)
print(model.evaluate(scaler.transform(X_test), y_test))
