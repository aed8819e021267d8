"""`bundle`: build the database from the bundled real data (what the dashboard does on its first run)."""

from __future__ import annotations

from loaders.bundle import build_bundled_database
from loaders.commands.base import BaseCommand
from loaders.database import default_db_path


class Command(BaseCommand):
    name = "bundle"
    help = "load the bundled real OCDS data (assets/data/ocds) into the database"

    def run(self, args) -> int:
        for report in build_bundled_database(args.db or default_db_path()):
            print(report.summary())
        return 0
