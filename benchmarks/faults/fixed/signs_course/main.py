import numpy as np

from nn_model import model
from tf_utils import convert_to_one_hot, load_dataset

X_train_orig, Y_train_orig, X_test_orig, Y_test_orig, classes = load_dataset()

X_train = X_train_orig.reshape(X_train_orig.shape[0], -1).T / 255.
X_test = X_test_orig.reshape(X_test_orig.shape[0], -1).T / 255.
Y_train = convert_to_one_hot(Y_train_orig, 6)
Y_test = convert_to_one_hot(Y_test_orig, 6)

print("number of training examples = " + str(X_train.shape[1]))
print("number of test examples = " + str(X_test.shape[1]))

parameters = model(X_train, Y_train, X_test, Y_test, learning_rate=0.0001)
np.save("parameters.npy", parameters)
