import keras
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import LabelBinarizer, StandardScaler

iris = load_iris()
X = StandardScaler().fit_transform(iris.data)
Y = LabelBinarizer().fit_transform(iris.target)
X_train, X_test, Y_train, Y_test = train_test_split(X, Y, test_size=0.3, random_state=2)

inputs = keras.Input(shape=(4,))
hidden = keras.layers.Dense(10, activation="tanh")(inputs)
outputs = keras.layers.Dense(3, activation="softmax")(hidden)
model = keras.Model(inputs, outputs)
model.compile(optimizer="sgd", loss="CategoricalCrossentropy", metrics=["categorical_accuracy"])
model.fit(X_train, Y_train, epochs=300, verbose=0)
print(model.evaluate(X_test, Y_test))
