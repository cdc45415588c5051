"""``python -m kb``: the ``kb`` command, for an environment whose scripts are not on PATH."""

from kb.cli import main

main()
