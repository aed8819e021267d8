"""`export-ocds`: write what is loaded for a publisher as an OCDS 1.1 publication (release + record packages)."""

from __future__ import annotations

from loaders.city import load_city
from loaders.commands.base import BaseCommand
from loaders.database import connect
from loaders.pncp.export import Publication, export_publication


class Command(BaseCommand):
    name = "export-ocds"
    help = "write the loaded releases of a publisher as OCDS release packages and a record package"

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--out", required=True, help="folder to write releases-0001.json ... and records.json")
        parser.add_argument("--city", help="city settings giving the defaults below (default Mogi das Cruzes)")
        parser.add_argument("--publisher", help="publisher name to export and write (default: the city's)")
        parser.add_argument("--license", help="licence URL written in the packages (default: the city's)")
        parser.add_argument(
            "--ocid-prefix", help="only ocids with this prefix (default: the city's; 'all' for every ocid)"
        )
        parser.add_argument("--base-uri", help="where the files will be published (default: the --out folder)")
        parser.add_argument("--published-date", help="publishedDate, RFC 3339 (default: now)")
        parser.add_argument("--per-file", type=int, default=10_000, help="releases per release package file")

    def run(self, args) -> int:
        city = load_city(args.city)
        prefix = args.ocid_prefix or city.ocid_prefix
        publication = Publication(
            publisher=args.publisher or city.publisher,
            license=args.license or city.license,
            ocid_prefix=None if prefix == "all" else prefix,
            base_uri=args.base_uri,
            published_date=args.published_date,
            per_file=args.per_file,
        )
        con = connect(args.db, read_only=True)
        try:
            report = export_publication(con, args.out, publication)
        finally:
            con.close()
        print(report.summary())
        return 0
