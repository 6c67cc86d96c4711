"""Cats vs dogs with a frozen MobileNetV2: preprocess_input in the model, a single logit head."""

import tensorflow as tf
from tensorflow import keras

BATCH_SIZE = 32
IMG_SIZE = (160, 160)

train_dataset = keras.utils.image_dataset_from_directory(
    "cats_and_dogs_filtered/train", shuffle=True, batch_size=BATCH_SIZE, image_size=IMG_SIZE
)
validation_dataset = keras.utils.image_dataset_from_directory(
    "cats_and_dogs_filtered/validation", shuffle=True, batch_size=BATCH_SIZE, image_size=IMG_SIZE
)
val_batches = tf.data.experimental.cardinality(validation_dataset)
test_dataset = validation_dataset.take(val_batches // 5)
validation_dataset = validation_dataset.skip(val_batches // 5)

data_augmentation = keras.Sequential(
    [keras.layers.RandomFlip("horizontal"), keras.layers.RandomRotation(0.2)]
)
preprocess_input = keras.applications.mobilenet_v2.preprocess_input

IMG_SHAPE = (*IMG_SIZE, 3)
base_model = keras.applications.MobileNetV2(
    input_shape=IMG_SHAPE, include_top=False, weights="imagenet"
)
base_model.trainable = False

inputs = keras.Input(shape=(160, 160, 3))
x = data_augmentation(inputs)
x = preprocess_input(x)
x = base_model(x, training=False)
x = keras.layers.GlobalAveragePooling2D()(x)
x = keras.layers.Dropout(0.2)(x)
outputs = keras.layers.Dense(1)(x)
model = keras.Model(inputs, outputs)

base_learning_rate = 0.0001
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=base_learning_rate),
    loss=keras.losses.BinaryCrossentropy(from_logits=True),
    metrics=[keras.metrics.BinaryAccuracy(threshold=0.0, name="accuracy")],
)
history = model.fit(train_dataset, epochs=10, validation_data=validation_dataset)

# Fine-tune the top of the base model with a ten times lower rate.
base_model.trainable = True
for layer in base_model.layers[:100]:
    layer.trainable = False
model.compile(
    loss=keras.losses.BinaryCrossentropy(from_logits=True),
    optimizer=keras.optimizers.RMSprop(learning_rate=base_learning_rate / 10),
    metrics=[keras.metrics.BinaryAccuracy(threshold=0.0, name="accuracy")],
)
history_fine = model.fit(
    train_dataset, epochs=20, initial_epoch=10, validation_data=validation_dataset
)

image_batch, label_batch = test_dataset.as_numpy_iterator().next()
predictions = model.predict_on_batch(image_batch).flatten()
predictions = tf.nn.sigmoid(predictions)
predictions = tf.where(predictions < 0.5, 0, 1)
print("Predictions:", predictions.numpy())
print("Labels:", label_batch)
