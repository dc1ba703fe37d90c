"""The `driftaudit` command line: `main` (commands), `render` (text and HTML reports),
`sources` (reading files, stdin and URLs)."""

from app.cli.main import main

__all__ = ["main"]
