"""``python -m newsprism`` runs the command line."""

import sys

from newsprism.cli import main

sys.exit(main())
