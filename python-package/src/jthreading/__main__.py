"""``python -m jthreading run SCRIPT`` is ``jthreading run SCRIPT``."""

import sys

from jthreading._launcher import main

sys.exit(main())
