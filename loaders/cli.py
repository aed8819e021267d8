"""The command-line shape shared by `python -m loaders` and `python -m metrics`: one module per verb, each with a
`Command` class (`name`, `help`, `add_arguments(parser)`, `handle(args) -> exit code`), listed explicitly."""

from __future__ import annotations

import argparse
import importlib


def run_verbs(prog: str, description: str, command_modules: tuple[str, ...], argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=prog, description=description)
    subparsers = parser.add_subparsers(dest="verb", required=True)
    commands = {}
    for module_name in command_modules:
        command = importlib.import_module(module_name).Command()
        commands[command.name] = command
        command.add_arguments(subparsers.add_parser(command.name, help=command.help, description=command.help))
    args = parser.parse_args(argv)
    return commands[args.verb].handle(args)
