import numpy as np

from data import CLASS_NAMES, get_data
from models import dense_classifier

x_train, y_train, x_test, y_test = get_data()
model = dense_classifier()
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=10, batch_size=64, validation_split=0.1)

test_loss, test_acc = model.evaluate(x_test, y_test, verbose=2)
print("Test accuracy:", test_acc)

predictions = model.predict(x_test)
predicted_labels = np.argmax(predictions, axis=1)
for i in range(5):
    print(CLASS_NAMES[predicted_labels[i]], CLASS_NAMES[y_test[i]])
