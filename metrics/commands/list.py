"""`python -m metrics list`: every metric, its unit and OCDS fields, and whether the loaded data supports it."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from metrics import registry
from metrics.commands.base import BaseCommand


class Command(BaseCommand):
    name = "list"
    help = "List the metrics with their fields and whether the loaded data supports each."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--language", choices=("pt", "en"), default="pt", help="language of the titles")
        parser.add_argument("--format", choices=("text", "json"), default="text")
        parser.add_argument("--publisher", help="check support for one publisher's data only")

    def run(self, args: argparse.Namespace) -> int:
        support = self.support(args)
        rows = [
            {
                "id": metric.id,
                "theme": metric.theme,
                "unit": metric.unit,
                "title": metric.title.get(args.language),
                "fields": list(metric.fields),
                "supported": support.get(metric.id, {}).get("supported"),
                "missing_fields": support.get(metric.id, {}).get("missing_fields", ""),
            }
            for metric in registry.METRICS.values()
        ]
        if args.format == "json":
            print(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            print(render(rows))
        return 0

    def support(self, args: argparse.Namespace) -> dict:
        """Support per metric from the loaded data; empty (shown as "?") when there is no database yet."""
        from loaders.database import default_db_path

        if not Path(args.db or default_db_path()).exists():
            return {}
        from metrics.quality import metric_support

        with self.connect(args) as con:
            frame = metric_support(con, publisher=args.publisher)
        return frame.set_index("metric_id")[["supported", "missing_fields"]].to_dict("index")


def render(rows: list[dict]) -> str:
    mark = {True: "sim/yes", False: "não/no", None: "?"}
    lines = [f"{'metric':<24} {'theme':<12} {'unit':<6} {'data':<8} title — fields"]
    for row in rows:
        missing = f"  [missing: {row['missing_fields']}]" if row["missing_fields"] else ""
        lines.append(
            f"{row['id']:<24} {row['theme']:<12} {row['unit']:<6} {mark[row['supported']]:<8} {row['title']}"
            f" — {', '.join(row['fields'])}{missing}"
        )
    return "\n".join(lines)
