"""`python -m metrics run METRIC_ID`: one metric as CSV or JSON, for other portals and scripts."""

from __future__ import annotations

import argparse
import sys

import metrics
from metrics.commands.base import BaseCommand, parse_filters


class Command(BaseCommand):
    name = "run"
    help = "Run one metric and print its table (CSV or JSON)."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("metric_id", help="a metric id (see `python -m metrics list`)")
        super().add_arguments(parser)
        parser.add_argument(
            "--filter",
            action="append",
            metavar="KEY=VALUE",
            help="a filter or parameter, e.g. date_from=2024-01-01 or group_by=month (repeatable)",
        )
        parser.add_argument("--format", choices=("csv", "json"), default="csv")

    def run(self, args: argparse.Namespace) -> int:
        with self.connect(args) as con:
            frame = metrics.run(args.metric_id, con, **parse_filters(args.filter))
        if args.format == "json":
            sys.stdout.write(frame.to_json(orient="records", date_format="iso", force_ascii=False, indent=2) + "\n")
        else:
            frame.to_csv(sys.stdout, index=False)
        return 0
