"""A digits classifier stuck at chance level: a linear stack and an all-zero hidden layer.

- The first hidden Dense layer has no activation and feeds straight into the next Dense layer
  (LRC401): two linear maps in a row are one linear map, so the extra layer adds parameters but
  no capacity.
- The second hidden layer starts from all-zero weights (LRC403): every unit computes the same
  value and receives the same gradient.  With ReLU it is worse: every unit outputs 0 and passes
  back no gradient at all, so the layer never changes and test accuracy stays at 10%.
The repair is digits_linear_stack_fixed.py.
"""

from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from tensorflow import keras
from tensorflow.keras import layers

digits = load_digits()
x = digits.data / 16.0
y = digits.target
x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.2, random_state=1)

model = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        layers.Dense(128),  # lrcheck: LRC401 expected
        layers.Dense(
            64,
            activation="relu",
            kernel_initializer="zeros",  # lrcheck: LRC403 expected
        ),
        layers.Dense(10, activation="softmax"),
    ]
)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=30, batch_size=32, validation_split=0.1)
print(model.evaluate(x_test, y_test))
