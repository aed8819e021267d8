"""`python -m metrics VERB ...`: every verb is listed here, one module each (as ocdskit lists its commands)."""

from __future__ import annotations

import sys

from loaders.cli import run_verbs

COMMAND_MODULES = (
    "metrics.commands.list",
    "metrics.commands.run",
    "metrics.commands.flags",
)


def main(argv: list[str] | None = None) -> int:
    return run_verbs("python -m metrics", "Procurement metrics and red flags.", COMMAND_MODULES, argv)


if __name__ == "__main__":
    sys.exit(main())
