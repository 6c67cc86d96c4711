"""``python -m pytest_lrcheck`` runs the ``lrcheck`` command."""

import os
import sys

# ``python -m`` puts the current directory first on sys.path, so a ``json.py`` or ``libcst.py``
# in the tree being checked would be imported, that is run, in place of the real module.  The
# checker never runs the code it reads: drop that entry before importing anything more (this
# package is already imported, so it is not needed).  The ``lrcheck`` command never adds it.
if sys.path and sys.path[0] in ("", os.getcwd()):
    del sys.path[0]

from pytest_lrcheck.cli import main

raise SystemExit(main())
