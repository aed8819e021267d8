"""What every CLI verb shares: the --db option and turning loader errors into messages and exit codes."""

from __future__ import annotations

import argparse
import sys

from loaders.errors import LoaderError


class BaseCommand:
    name = ""
    help = ""

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--db", help="the DuckDB file (default: $PAINEL_DB or data/painel.duckdb)")

    def handle(self, args: argparse.Namespace) -> int:
        try:
            return self.run(args)
        except LoaderError as error:
            print(f"erro / error: {error.message}", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            print("interrompido / interrupted: nothing was changed.", file=sys.stderr)
            return 130

    def run(self, args: argparse.Namespace) -> int:
        raise NotImplementedError
