"""The training loop's own accounting: eager passes stop once they cost what a compile would,
and the stop rule's look at the predictions is not counted as the cost of a step."""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import pytest

pytestmark = pytest.mark.tensorflow


class _Counting:
    """The model, counting its eager and its compiled passes."""

    def __init__(self, model: Any) -> None:
        self.model, self.eager, self.compiled = model, 0, 0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.eager += 1
        return self.model(*args, **kwargs)

    def predict_on_batch(self, x: Any) -> Any:
        self.compiled += 1
        return self.model.predict_on_batch(x)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.model, name)


def test_eager_passes_give_way_to_the_compiled_one_once_they_cost_a_compile(mlp, scaled_digits):
    from pytest_lrcheck.runtime.budget import Budget
    from pytest_lrcheck.runtime.loop import Trainer

    x = scaled_digits[0][:64]
    model = mlp()
    budget = Budget(time.perf_counter() + 60, abandonable=False)
    trainer = Trainer(model, budget)
    budget.record_step(1e6)  # the first step: the compile the eager passes are set against
    counting = _Counting(model)
    trainer.model = counting
    eager = trainer.predict(x)
    assert (counting.eager, counting.compiled) == (1, 0)
    assert trainer._eager_seconds > 0  # the pass was timed
    trainer._eager_seconds = 1e6 + 1  # eager passes have now cost more than that compile
    compiled = trainer.predict(x)
    assert (counting.eager, counting.compiled) == (1, 1)
    np.testing.assert_allclose(eager, compiled, rtol=1e-5, atol=1e-6)


def test_the_stop_rules_look_is_not_a_step_cost(mlp, scaled_digits):
    from pytest_lrcheck.runtime.batches import ArrayBatches
    from pytest_lrcheck.runtime.budget import Budget
    from pytest_lrcheck.runtime.loop import Trainer

    x, y = scaled_digits
    budget = Budget(time.perf_counter() + 60, abandonable=False)
    trainer = Trainer(mlp(), budget)
    looked = []

    def stop(losses: list[float]) -> bool:
        if len(losses) == 8:  # one slow look, as a first prediction traces a function
            looked.append(len(losses))
            time.sleep(2.0)
        return False

    run = trainer.run(iter(ArrayBatches(x, y, len(x), 32, 0)), 10, stop=stop)
    assert looked == [8] and run.steps_run == 10
    assert budget.step_cost() < 1.0  # the look's two seconds are not predicted for each step
