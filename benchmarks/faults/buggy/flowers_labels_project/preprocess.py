import numpy as np
import pandas as pd
from PIL import Image
from sklearn.preprocessing import LabelEncoder
from tensorflow.keras.applications.mobilenet_v2 import preprocess_input
from tensorflow.keras.utils import to_categorical

IMG_SIZE = 96


def load_images(frame, root="flowers"):
    images = [np.asarray(Image.open(f"{root}/{p}").resize((IMG_SIZE, IMG_SIZE))) for p in frame["path"]]
    return preprocess_input(np.stack(images).astype("float32"))


def encode_labels(names, encoder=None):
    if encoder is None:
        encoder = LabelEncoder().fit(names)
    ids = encoder.transform(names)
    return to_categorical(ids, num_classes=len(encoder.classes_)), encoder


def load_split(csv_path, encoder=None):
    frame = pd.read_csv(csv_path)
    x = load_images(frame)
    y, encoder = encode_labels(frame["label"], encoder)
    return x, y, encoder
