from regressor.model import build
from sklearn.datasets import fetch_california_housing
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

x, y = fetch_california_housing(return_X_y=True)
x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.2, random_state=42)
scaler = StandardScaler().fit(x_train)
model = build(x_train.shape[1], learning_rate=3e-4)
model.fit(scaler.transform(x_train), y_train, epochs=100, batch_size=64, validation_split=0.1)
print(model.evaluate(scaler.transform(x_test), y_test))
