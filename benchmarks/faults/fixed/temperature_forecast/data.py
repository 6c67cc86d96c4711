import numpy as np
import pandas as pd

WINDOW = 24


def make_windows(series, window=WINDOW):
    xs, ys = [], []
    for i in range(len(series) - window):
        xs.append(series[i:i + window])
        ys.append(series[i + window])
    return np.array(xs)[..., None], np.array(ys)


def load(path="jena_climate_2009_2016.csv"):
    df = pd.read_csv(path)
    temps = df["T (degC)"].to_numpy(dtype="float32")[5::6]
    mean, std = temps[:50000].mean(), temps[:50000].std()
    temps = (temps - mean) / std
    x, y = make_windows(temps)
    split = int(0.8 * len(x))
    return (x[:split], y[:split]), (x[split:], y[split:]), (mean, std)
