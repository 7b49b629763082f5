"""``python -m actionplans.pipeline`` runs the ``actionplans`` command."""

from actionplans.pipeline.cli import entry

entry()
