"""`python -m loaders VERB ...`: every verb is listed here, one module each (as ocdskit lists its commands)."""

from __future__ import annotations

import sys

from loaders.cli import run_verbs

COMMAND_MODULES = (
    "loaders.commands.load",
    "loaders.commands.bundle",
    "loaders.commands.pncp",
    "loaders.commands.export_ocds",
)


def main(argv: list[str] | None = None) -> int:
    return run_verbs("python -m loaders", "Load OCDS and PNCP data into DuckDB.", COMMAND_MODULES, argv)


if __name__ == "__main__":
    sys.exit(main())
