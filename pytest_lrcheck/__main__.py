"""``python -m pytest_lrcheck`` runs the ``lrcheck`` command."""

from pytest_lrcheck.cli import main

raise SystemExit(main())
