"""`python -m metrics VERB ...`: every verb is listed here, one module each (as ocdskit lists its commands)."""

from __future__ import annotations

import argparse
import importlib
import sys

COMMAND_MODULES = (
    "metrics.commands.list",
    "metrics.commands.run",
    "metrics.commands.flags",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m metrics", description="Procurement metrics and red flags.")
    subparsers = parser.add_subparsers(dest="verb", required=True)
    commands = {}
    for module_name in COMMAND_MODULES:
        command = importlib.import_module(module_name).Command()
        commands[command.name] = command
        command.add_arguments(subparsers.add_parser(command.name, help=command.help, description=command.help))
    args = parser.parse_args(argv)
    return commands[args.verb].handle(args)


if __name__ == "__main__":
    sys.exit(main())
