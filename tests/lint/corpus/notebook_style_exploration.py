# %% [markdown]
# # Fashion-MNIST: exploring the data, a baseline, and a wider model
# Exported from a notebook: cells re-use and re-bind names as the exploration goes.

# %%
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

print(tf.__version__)

# %%
fashion_mnist = tf.keras.datasets.fashion_mnist
(train_images, train_labels), (test_images, test_labels) = fashion_mnist.load_data()
class_names = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
               "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]  # fmt: skip
train_images.shape, len(train_labels), np.unique(train_labels)

# %%
plt.figure()
plt.imshow(train_images[0])
plt.colorbar()
plt.grid(False)
plt.show()

# %%
train_images = train_images / 255.0
test_images = test_images / 255.0

# %%
model = tf.keras.Sequential(
    [
        tf.keras.layers.Flatten(input_shape=(28, 28)),
        tf.keras.layers.Dense(128, activation="relu"),
        tf.keras.layers.Dense(10),
    ]
)
model.compile(
    optimizer="adam",
    loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)
history = model.fit(train_images, train_labels, epochs=10)

# %%
test_loss, test_acc = model.evaluate(test_images, test_labels, verbose=2)
print("\nTest accuracy:", test_acc)

# %% A wider model, same data
model = tf.keras.Sequential(
    [
        tf.keras.layers.Flatten(input_shape=(28, 28)),
        tf.keras.layers.Dense(512, activation="relu"),
        tf.keras.layers.Dropout(0.3),
        tf.keras.layers.Dense(10, activation="softmax"),
    ]
)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
history = model.fit(train_images, train_labels, epochs=10, validation_split=0.1)

# %%
predictions = model.predict(test_images)
predictions[0], np.argmax(predictions[0]), test_labels[0]

# %%
img = test_images[1]
img = np.expand_dims(img, 0)
predictions_single = model.predict(img)
print(class_names[np.argmax(predictions_single)])

# %%
plt.plot(history.history["loss"], label="loss")
plt.plot(history.history["val_loss"], label="val_loss")
plt.legend()
