import pandas as pd
from sklearn.preprocessing import LabelEncoder, StandardScaler
from tensorflow import keras


def fit_model(model, features, targets, loss="mae", epochs=60):
    model.compile(optimizer="adam", loss=loss)
    model.fit(features, targets, epochs=epochs, batch_size=32, validation_split=0.2, verbose=0)
    return model


train = pd.read_csv("titanic/train.csv")
train["Age"] = train["Age"].fillna(train["Age"].median())
train["Sex"] = LabelEncoder().fit_transform(train["Sex"])
features = StandardScaler().fit_transform(train[["Pclass", "Sex", "Age", "SibSp", "Parch", "Fare"]])
survived = LabelEncoder().fit_transform(train["Survived"])

model = keras.Sequential([
    keras.layers.Dense(16, activation="relu", input_shape=(6,)),
    keras.layers.Dense(8, activation="relu"),
    keras.layers.Dense(1, activation="sigmoid"),
])
fit_model(model, features, survived)
print(model.predict(features[:10]).round())
