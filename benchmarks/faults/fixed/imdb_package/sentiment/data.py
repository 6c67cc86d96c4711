from tensorflow import keras

VOCAB_SIZE = 10000
MAX_LEN = 256


def load(vocab_size=VOCAB_SIZE, max_len=MAX_LEN):
    (x_train, y_train), (x_test, y_test) = keras.datasets.imdb.load_data(num_words=vocab_size)
    x_train = keras.preprocessing.sequence.pad_sequences(x_train, maxlen=max_len, padding="post")
    x_test = keras.preprocessing.sequence.pad_sequences(x_test, maxlen=max_len, padding="post")
    return (x_train, y_train), (x_test, y_test)
