"""A Keras model inside a scikit-learn Pipeline (scikeras): scaling and CV handled by sklearn."""

import numpy as np
from scikeras.wrappers import KerasClassifier
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from tensorflow import keras


def build_model(hidden_units=32, dropout=0.2, learning_rate=1e-3):
    model = keras.Sequential(
        [
            keras.Input(shape=(30,)),
            keras.layers.Dense(hidden_units, activation="relu"),
            keras.layers.Dropout(dropout),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
        loss="binary_crossentropy",
        metrics=["accuracy"],
    )
    return model


x, y = load_breast_cancer(return_X_y=True)
x_train, x_test, y_train, y_test = train_test_split(x, y, stratify=y, random_state=0)

pipeline = Pipeline(
    [
        ("scale", StandardScaler()),
        ("net", KerasClassifier(model=build_model, epochs=50, batch_size=32, verbose=0)),
    ]
)
search = GridSearchCV(
    pipeline,
    {"net__model__hidden_units": [16, 32, 64], "net__model__learning_rate": [1e-3, 3e-3]},
    cv=5,
)
search.fit(x_train, y_train)
print(search.best_params_, search.score(x_test, y_test))
print(np.mean(search.predict(x_test) == y_test))
