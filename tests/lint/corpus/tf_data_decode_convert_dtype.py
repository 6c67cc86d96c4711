"""JPEG files through tf.data: decode, convert_image_dtype to [0, 1], resize, augment on the fly."""

import pathlib

import tensorflow as tf

data_dir = pathlib.Path("flower_photos")
class_names = sorted(item.name for item in data_dir.glob("*") if item.is_dir())
AUTOTUNE = tf.data.AUTOTUNE
IMG_SIZE = 128

list_ds = tf.data.Dataset.list_files(str(data_dir / "*/*"), shuffle=False)
list_ds = list_ds.shuffle(10_000, seed=42, reshuffle_each_iteration=False)
val_size = int(tf.data.experimental.cardinality(list_ds).numpy() * 0.2)
train_ds = list_ds.skip(val_size)
val_ds = list_ds.take(val_size)


def get_label(file_path):
    parts = tf.strings.split(file_path, "/")
    return tf.argmax(parts[-2] == class_names)


def decode_img(img):
    img = tf.io.decode_jpeg(img, channels=3)
    img = tf.image.convert_image_dtype(img, tf.float32)
    return tf.image.resize(img, [IMG_SIZE, IMG_SIZE])


def process_path(file_path):
    label = get_label(file_path)
    img = tf.io.read_file(file_path)
    return decode_img(img), label


def augment(image, label):
    image = tf.image.random_flip_left_right(image)
    image = tf.image.random_brightness(image, max_delta=0.1)
    return tf.clip_by_value(image, 0.0, 1.0), label


train_ds = train_ds.map(process_path, num_parallel_calls=AUTOTUNE)
train_ds = train_ds.map(augment, num_parallel_calls=AUTOTUNE).batch(32).prefetch(AUTOTUNE)
val_ds = val_ds.map(process_path, num_parallel_calls=AUTOTUNE).batch(32).prefetch(AUTOTUNE)

model = tf.keras.Sequential(
    [
        tf.keras.Input(shape=(IMG_SIZE, IMG_SIZE, 3)),
        tf.keras.layers.Conv2D(32, 3, activation="relu"),
        tf.keras.layers.MaxPooling2D(),
        tf.keras.layers.Conv2D(64, 3, activation="relu"),
        tf.keras.layers.MaxPooling2D(),
        tf.keras.layers.Conv2D(128, 3, activation="relu"),
        tf.keras.layers.GlobalAveragePooling2D(),
        tf.keras.layers.Dense(len(class_names)),
    ]
)
model.compile(
    optimizer="adam",
    loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)
model.fit(train_ds, validation_data=val_ds, epochs=10)
