import numpy as np
from sklearn.datasets import load_iris
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler
from keras.models import Sequential
from keras.layers import Dense
from keras.utils import to_categorical

iris = load_iris()
X = StandardScaler().fit_transform(iris.data)
y = iris.target
Y = to_categorical(y, num_classes=3)

scores = []
kfold = StratifiedKFold(n_splits=5, shuffle=True, random_state=7)
for train_idx, test_idx in kfold.split(X, y):
    model = Sequential()
    model.add(Dense(8, input_dim=4, activation='relu'))
    model.add(Dense(3, activation='softmax'))
    model.compile(loss='categorical_crossentropy', optimizer='adam', metrics=['accuracy'])
    model.fit(X[train_idx], Y[train_idx], epochs=150, batch_size=5, verbose=0)
    scores.append(model.evaluate(X[test_idx], Y[test_idx], verbose=0)[1])

print("%.2f%% (+/- %.2f%%)" % (np.mean(scores) * 100, np.std(scores) * 100))
