"""Everything that trains a model; the only part of pytest-lrcheck that imports TensorFlow,
and only inside the functions that need it.

How a check runs: `session` validates the input and copies the model, `loop` trains it and
records every batch loss, `evidence` holds what the check knows about that run and gathers the
costly parts (`probes` of the trained model, `reruns` from the starting weights) on first use
within the time `budget`.  `verdict` judges the run and writes the `report`, the same way for
`check_training`, `check_step` and the fit watcher; `diagnose` explains an unhealthy verdict
with its table of explainers.  The framework internals all of this leans on are reached only
through `keras_compat`.

A new runtime symptom touches four files: its code in `codes.py`, its document
``rules/LRC5xx-<name>.md``, a detector function in `detectors/`, and one row in
`diagnose.EXPLAINERS` (or, for a symptom that fails a run whose loss curve looks healthy, one
function in `verdict.MODEL_VERDICTS`).  Evidence no probe gathers yet is one more `Probe`, in
`evidence.py` or `reruns.py`.
"""
