"""CIFAR-10 with one-hot labels, label smoothing and a cosine-decayed AdamW."""

from tensorflow import keras
from tensorflow.keras import layers

NUM_CLASSES = 10
BATCH_SIZE = 128
EPOCHS = 40

(x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
y_train = keras.utils.to_categorical(y_train, NUM_CLASSES)
y_test = keras.utils.to_categorical(y_test, NUM_CLASSES)

augment = keras.Sequential(
    [layers.RandomFlip("horizontal"), layers.RandomTranslation(0.1, 0.1)], name="augment"
)

inputs = keras.Input(shape=(32, 32, 3))
x = augment(inputs)
x = layers.Rescaling(1.0 / 255)(x)
for filters in (64, 128, 256):
    x = layers.Conv2D(filters, 3, padding="same", use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    x = layers.Activation("relu")(x)
    x = layers.Conv2D(filters, 3, padding="same", use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    x = layers.Activation("relu")(x)
    x = layers.MaxPooling2D()(x)
x = layers.GlobalAveragePooling2D()(x)
x = layers.Dropout(0.3)(x)
outputs = layers.Dense(NUM_CLASSES, activation="softmax")(x)
model = keras.Model(inputs, outputs)

steps = EPOCHS * (len(x_train) // BATCH_SIZE)
schedule = keras.optimizers.schedules.CosineDecay(initial_learning_rate=3e-3, decay_steps=steps)
model.compile(
    optimizer=keras.optimizers.AdamW(learning_rate=schedule, weight_decay=5e-4),
    loss=keras.losses.CategoricalCrossentropy(label_smoothing=0.1),
    metrics=["accuracy"],
)
model.fit(
    x_train,
    y_train,
    batch_size=BATCH_SIZE,
    epochs=EPOCHS,
    validation_data=(x_test, y_test),
)
