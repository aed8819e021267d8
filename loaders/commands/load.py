"""`load SOURCE [SOURCE ...]`: files, folders (recursive) and URLs, in one atomic load."""

from __future__ import annotations

from loaders.commands.base import BaseCommand
from loaders.database import connect
from loaders.load import load_paths


class Command(BaseCommand):
    name = "load"
    help = "load OCDS files, folders or URLs (release/record packages, releases, JSON lines, .gz, .zip)"

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument("sources", nargs="+", metavar="SOURCE", help="a file, a folder, or an http(s) URL")
        parser.add_argument("--publisher", help="the publisher's name (default: the package's publisher.name)")
        parser.add_argument(
            "--compiled", action="store_true", help="the input holds compiled releases (e.g. Kingfisher JSON lines)"
        )
        parser.add_argument("--max-pages", type=int, default=10_000, help="stop following links.next after this")
        parser.add_argument("--quiet", action="store_true", help="no progress bar")

    def run(self, args) -> int:
        con = connect(args.db)
        try:
            report = load_paths(
                con,
                args.sources,
                args.publisher,
                compiled=args.compiled,
                progress=not args.quiet,
                max_pages=args.max_pages,
            )
        finally:
            con.close()
        print(report.summary())
        return 0
