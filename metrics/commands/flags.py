"""`python -m metrics flags`: every red flag in the JSON shape of Cardinal's `indicators` command."""

from __future__ import annotations

import argparse
import json

from metrics.commands.base import BaseCommand, parse_filters
from metrics.flags import indicators


class Command(BaseCommand):
    name = "flags"
    help = "Compute the red flags (Cardinal's indicators JSON: OCID, Buyer, ProcuringEntity, Tenderer)."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--settings",
            help="Cardinal-style INI or TOML settings (e.g. config/cities/mogi-das-cruzes.toml); "
            "default: Cardinal's defaults for every indicator",
        )
        parser.add_argument("--filter", action="append", metavar="KEY=VALUE", help="a common filter (repeatable)")
        parser.add_argument("--count", action="store_true", help="print the number of results per group instead")

    def run(self, args: argparse.Namespace) -> int:
        with self.connect(args) as con:
            result = indicators(con, args.settings, **parse_filters(args.filter))
        if args.count:
            result = {group: len(subjects) for group, subjects in result.items()}
        print(json.dumps(result, ensure_ascii=False, sort_keys=False))
        return 0
