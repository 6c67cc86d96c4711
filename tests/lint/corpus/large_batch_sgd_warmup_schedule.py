"""Large-batch SGD with the linear scaling rule: a warmup + cosine schedule object as the rate."""

import math

import tensorflow as tf
from tensorflow import keras

GLOBAL_BATCH = 4096
EPOCHS = 90
STEPS_PER_EPOCH = 1_281_167 // GLOBAL_BATCH
WARMUP_EPOCHS = 5
# Goyal et al.: 0.1 per 256 images, scaled linearly with the batch.
PEAK_LR = 0.1 * GLOBAL_BATCH / 256


class WarmUpCosine(keras.optimizers.schedules.LearningRateSchedule):
    def __init__(self, peak, warmup_steps, total_steps):
        super().__init__()
        self.peak = peak
        self.warmup_steps = warmup_steps
        self.total_steps = total_steps

    def __call__(self, step):
        step = tf.cast(step, tf.float32)
        warmup = self.peak * step / self.warmup_steps
        progress = (step - self.warmup_steps) / (self.total_steps - self.warmup_steps)
        cosine = 0.5 * self.peak * (1.0 + tf.cos(math.pi * tf.minimum(progress, 1.0)))
        return tf.where(step < self.warmup_steps, warmup, cosine)

    def get_config(self):
        return {
            "peak": self.peak,
            "warmup_steps": self.warmup_steps,
            "total_steps": self.total_steps,
        }


def parse_example(record):
    features = tf.io.parse_single_example(
        record,
        {
            "image/encoded": tf.io.FixedLenFeature([], tf.string),
            "image/class/label": tf.io.FixedLenFeature([], tf.int64),
        },
    )
    image = tf.io.decode_jpeg(features["image/encoded"], channels=3)
    image = tf.image.resize(image, (224, 224))
    image = keras.applications.resnet50.preprocess_input(image)
    return image, features["image/class/label"] - 1


files = tf.data.Dataset.list_files("imagenet/train-*")
train_ds = tf.data.TFRecordDataset(files, num_parallel_reads=tf.data.AUTOTUNE)
train_ds = train_ds.map(parse_example, num_parallel_calls=tf.data.AUTOTUNE)
train_ds = train_ds.shuffle(10_000).batch(GLOBAL_BATCH, drop_remainder=True).prefetch(8)

strategy = tf.distribute.MirroredStrategy()
with strategy.scope():
    model = keras.applications.ResNet50(weights=None, classes=1000)
    schedule = WarmUpCosine(PEAK_LR, WARMUP_EPOCHS * STEPS_PER_EPOCH, EPOCHS * STEPS_PER_EPOCH)
    model.compile(
        optimizer=keras.optimizers.SGD(learning_rate=schedule, momentum=0.9, nesterov=True),
        loss=keras.losses.SparseCategoricalCrossentropy(label_smoothing=0.0),
        metrics=["accuracy", keras.metrics.SparseTopKCategoricalAccuracy(5, name="top5")],
    )
model.fit(train_ds, epochs=EPOCHS, steps_per_epoch=STEPS_PER_EPOCH)
