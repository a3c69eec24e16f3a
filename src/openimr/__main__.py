"""``python -m openimr``: the same as the ``openimr`` command."""

from openimr.cli import main

main()
