import keras


class Trainer:
    def __init__(self, model, epochs=60, batch_size=32):
        self.model = model
        self.epochs = epochs
        self.batch_size = batch_size
        self.history = None

    def fit(self, x, y, x_val, y_val):
        self.model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
                           metrics=["accuracy"])
        stop = keras.callbacks.EarlyStopping(monitor="val_accuracy", patience=8,
                                             restore_best_weights=True)
        self.history = self.model.fit(x, y, epochs=self.epochs, batch_size=self.batch_size,
                                      validation_data=(x_val, y_val), callbacks=[stop])
        return self.history

    def test(self, x, y):
        return self.model.evaluate(x, y, verbose=0)
