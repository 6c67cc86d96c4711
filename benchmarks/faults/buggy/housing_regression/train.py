import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

import config
from model import build_model

df = pd.read_csv(config.DATA_PATH).dropna()
X = pd.get_dummies(df.drop(columns=[config.TARGET]), columns=["ocean_proximity"]).to_numpy("float32")
y = df[config.TARGET].to_numpy("float32") / 1e5
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=config.TEST_SIZE,
                                                    random_state=config.SEED)
scaler = StandardScaler().fit(X_train)

model, optimizer = build_model(X.shape[1])
model.compile(optimizer=optimizer, loss="mse", metrics=["accuracy"])
model.fit(scaler.transform(X_train), y_train, epochs=config.EPOCHS, batch_size=config.BATCH_SIZE,
          validation_split=0.1)
print(model.evaluate(scaler.transform(X_test), y_test))
