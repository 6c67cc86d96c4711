"""``lrcheck run SCRIPT [ARGS...]``: a training script, as it is, for a few hundred steps.

The script runs in this process as ``python SCRIPT ARGS...`` would run it (``__main__``,
``sys.argv``, its directory first on ``sys.path``), with the pytest plugin's fit watch
(`pytest_lrcheck.plugin.fit_patch`) adding a step-capped `LossWatcher` to every ``model.fit``.
By default the script is stopped when its first watched ``fit`` ends, before it can save or
evaluate a model trained for a few hundred steps only.  Unlike the linter, this executes code.
"""
