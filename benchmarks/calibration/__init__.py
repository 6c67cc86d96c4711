"""The failure calibration set: labelled scenarios of training that fails, or that only looks
healthy, each with the first cause a right diagnosis names and the verdict it deserves.

`benchmarks/calibrate_causes.py` runs them through `check_training` (or a `LossWatcher` on
the user's own ``fit``) and scores the ranking.  The models and data come from the model zoo
(``tests/zoo``).
"""

from __future__ import annotations

from .causes import CAUSES, CURVE_SHAPES, Cause, matches
from .scenario import Scenario
from .scenarios_kinds import SCENARIOS as _KINDS
from .scenarios_named import SCENARIOS as _NAMED

SCENARIOS: tuple[Scenario, ...] = (*_NAMED, *_KINDS)

__all__ = ["CAUSES", "CURVE_SHAPES", "SCENARIOS", "Cause", "Scenario", "matches"]
