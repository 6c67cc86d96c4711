from tensorflow import keras

from . import settings


def load():
    imdb = keras.datasets.imdb
    (x_train, y_train), (x_test, y_test) = imdb.load_data(num_words=settings.VOCAB_SIZE)
    pad = keras.preprocessing.sequence.pad_sequences
    x_train = pad(x_train, maxlen=settings.MAX_LEN)
    x_test = pad(x_test, maxlen=settings.MAX_LEN)
    return (x_train, y_train), (x_test, y_test)
