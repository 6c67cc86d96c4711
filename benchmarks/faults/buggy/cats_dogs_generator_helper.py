from tensorflow.keras import layers, models
from tensorflow.keras.preprocessing.image import ImageDataGenerator

TRAIN_DIR = "cats_and_dogs_small/train"
VAL_DIR = "cats_and_dogs_small/validation"


def make_flow(directory, augment=False):
    if augment:
        datagen = ImageDataGenerator(rescale=1.0 / 255, rotation_range=40, width_shift_range=0.2,
                                     height_shift_range=0.2, shear_range=0.2, zoom_range=0.2,
                                     horizontal_flip=True)
    else:
        datagen = ImageDataGenerator()
    return datagen.flow_from_directory(directory, target_size=(150, 150), batch_size=32,
                                       class_mode="binary")


train_generator = make_flow(TRAIN_DIR, augment=True)
validation_generator = make_flow(VAL_DIR)

model = models.Sequential([
    layers.Conv2D(32, (3, 3), activation="relu", input_shape=(150, 150, 3)),
    layers.MaxPooling2D((2, 2)),
    layers.Conv2D(64, (3, 3), activation="relu"),
    layers.MaxPooling2D((2, 2)),
    layers.Conv2D(128, (3, 3), activation="relu"),
    layers.MaxPooling2D((2, 2)),
    layers.Flatten(),
    layers.Dropout(0.5),
    layers.Dense(512, activation="relu"),
    layers.Dense(1, activation="sigmoid"),
])
model.compile(loss="binary_crossentropy", optimizer="rmsprop", metrics=["acc"])
history = model.fit(train_generator, epochs=100, validation_data=validation_generator)
