"""A residual MLP whose residual branches end in a zero-initialised projection (ReZero/Fixup style).

Each block starts as the identity: the last Dense of every branch is zero at initialisation, and
the random first Dense of the branch gives it distinct gradients from the first step.
"""

from sklearn.datasets import fetch_covtype
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from tensorflow import keras
from tensorflow.keras import layers

WIDTH = 256
DEPTH = 6

x, y = fetch_covtype(return_X_y=True)
y = y - 1  # classes 1..7 -> 0..6
x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.2, random_state=0)
scaler = StandardScaler().fit(x_train)
x_train = scaler.transform(x_train)
x_test = scaler.transform(x_test)


def residual_block(h, index):
    branch = layers.LayerNormalization(name=f"norm_{index}")(h)
    branch = layers.Dense(WIDTH * 2, activation="gelu", name=f"expand_{index}")(branch)
    branch = layers.Dense(WIDTH, kernel_initializer="zeros", name=f"project_{index}")(branch)
    return layers.Add(name=f"residual_{index}")([h, branch])


inputs = keras.Input(shape=(x_train.shape[1],))
h = layers.Dense(WIDTH, name="embed")(inputs)
for index in range(DEPTH):
    h = residual_block(h, index)
h = layers.LayerNormalization()(h)
outputs = layers.Dense(7, activation="softmax", kernel_initializer="zeros")(h)
model = keras.Model(inputs, outputs)

model.compile(
    optimizer=keras.optimizers.AdamW(learning_rate=1e-3, weight_decay=1e-4),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
model.fit(x_train, y_train, batch_size=512, epochs=20, validation_split=0.1)
print(model.evaluate(x_test, y_test, batch_size=2048))
