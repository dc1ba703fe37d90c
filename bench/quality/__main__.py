"""`python -m bench.quality`: the audit quality benchmark (see bench.quality.run)."""

from bench.quality.run import main

raise SystemExit(main())
