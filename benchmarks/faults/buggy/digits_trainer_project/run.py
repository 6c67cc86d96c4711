from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

from nets import mlp
from trainer import Trainer

digits = load_digits()
x = digits.data / 16.0
x_train, x_test, y_train, y_test = train_test_split(x, digits.target, test_size=0.2,
                                                    stratify=digits.target, random_state=0)

trainer = Trainer(mlp())
trainer.fit(x_train, y_train, x_train, y_train)
loss, acc = trainer.test(x_test, y_test)
print(f"test accuracy {acc:.3f}")
