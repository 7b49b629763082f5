"""``python -m pipeline`` runs the ``actionplans`` command."""

from pipeline.cli import main

main()
