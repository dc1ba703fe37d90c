"""`python -m app.cli`: the same as the `driftaudit` command."""

import sys

from app.cli.main import main

sys.exit(main())
