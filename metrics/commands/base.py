"""What every `python -m metrics` verb shares: --db, a read-only connection and errors turned into messages."""

from __future__ import annotations

import argparse
import sys

from metrics.errors import MetricError


class BaseCommand:
    name = ""
    help = ""

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--db", help="the DuckDB file (default: $PAINEL_DB or data/painel.duckdb)")

    def connect(self, args: argparse.Namespace):
        from loaders.database import connect

        return connect(args.db, read_only=True)

    def handle(self, args: argparse.Namespace) -> int:
        from loaders.errors import LoaderError

        try:
            return self.run(args)
        except (MetricError, LoaderError) as error:
            print(f"erro / error: {error.message}", file=sys.stderr)
            return 1

    def run(self, args: argparse.Namespace) -> int:
        raise NotImplementedError


def parse_filters(pairs: list[str]) -> dict[str, str]:
    """`--filter KEY=VALUE` pairs into parameters; a malformed pair is a MetricError."""
    filters = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise MetricError(f"--filter {pair!r} is not KEY=VALUE (e.g. --filter date_from=2024-01-01).")
        filters[key.strip()] = value.strip()
    return filters
