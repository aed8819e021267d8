"""`pncp`: fetch a city's purchases, items, results and contracts from PNCP, convert them to OCDS, load them.

The whole fetch completes before anything is loaded, and the load is atomic: an interrupted run loads nothing, and
running it again resumes from the cache on disk.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from loaders.city import load_city
from loaders.commands.base import BaseCommand
from loaders.database import connect
from loaders.load import load_release_objects
from loaders.pncp import BASE_URL_ENV, codes
from loaders.pncp.convert import convert

if TYPE_CHECKING:
    from loaders.pncp.fetch import FetchPlan

DEFAULT_CACHE = Path(__file__).resolve().parents[2] / "data" / "pncp-cache"
CACHE_ENV = "PNCP_CACHE_DIR"
WAIT_SCALE_ENV = "PNCP_WAIT_SCALE"  # multiplies retry waits; tests set it tiny so a 429 does not cost seconds


class Command(BaseCommand):
    name = "pncp"
    help = "fetch a city's PNCP purchases, items, results and contracts, convert them to OCDS 1.1 and load them"

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--city", help="city settings: a name in config/cities/ or a .toml path (default Mogi)")
        who = parser.add_mutually_exclusive_group()
        who.add_argument("--cnpj", help="the órgão's CNPJ (default: the city's, from its settings)")
        who.add_argument("--ibge", help="instead of --cnpj: every órgão located in this IBGE municipality")
        parser.add_argument("--from", dest="date_from", type=date.fromisoformat, required=True, help="AAAA-MM-DD")
        parser.add_argument("--to", dest="date_to", type=date.fromisoformat, default=None, help="default: today")
        parser.add_argument(
            "--modalidades",
            type=parse_modalidades,
            default=codes.MODALIDADES,
            help="comma-separated modalidade codes, e.g. 6,8 (default: all, 1-14)",
        )
        parser.add_argument(
            "--compra",
            action="append",
            default=[],
            metavar="NUMERO_CONTROLE",
            help="also fetch this purchase (numeroControlePNCP, e.g. 46523270000188-1-000562/2024), whatever its date",
        )
        parser.add_argument("--base-url", default=None, help=f"PNCP address (default ${BASE_URL_ENV} or pncp.gov.br)")
        parser.add_argument(
            "--cache-dir", default=None, help=f"answers cache (default ${CACHE_ENV} or data/pncp-cache)"
        )
        parser.add_argument("--refresh", action="store_true", help="ask PNCP again instead of using cached answers")
        parser.add_argument("--timeout", type=float, default=60.0, help="seconds per request (default 60)")
        parser.add_argument("--min-interval", type=float, default=0.5, help="seconds between requests (default 0.5)")
        parser.add_argument(
            "--no-linked-purchases",
            action="store_true",
            help="do not look up purchases of contracts outside the period",
        )
        parser.add_argument("--quiet", action="store_true", help="no progress bars")

    def run(self, args) -> int:
        # Imported here: httpx takes 40 ms to import, and every verb of `python -m loaders` imports this module.
        from loaders.pncp.client import ClientSettings, PncpClient
        from loaders.pncp.fetch import FetchPlan, fetch

        city = load_city(args.city)
        plan = FetchPlan(
            date_from=args.date_from,
            date_to=args.date_to or date.today(),
            cnpj=None if args.ibge else (args.cnpj or city.cnpj),
            ibge=args.ibge,
            modalidades=args.modalidades,
            linked_purchases=not args.no_linked_purchases,
            purchases=tuple(args.compra),
        )
        settings = ClientSettings(
            base_url=args.base_url or ClientSettings.base_url_from_env(),
            cache_dir=Path(args.cache_dir or os.environ.get(CACHE_ENV) or DEFAULT_CACHE),
            refresh=args.refresh,
            timeout=args.timeout,
            min_interval=args.min_interval,
            retry_after_scale=float(os.environ.get(WAIT_SCALE_ENV) or 1.0),
        )
        with PncpClient(settings) as client:
            data = fetch(client, plan, progress=not args.quiet)
        counts = data.counts()
        print(
            f"PNCP: {counts['compras']} contratações, {counts['itens']} itens, {counts['resultados']} resultados, "
            f"{counts['contratos']} contratos ({client.requests} requests, {client.cache_hits} answers from cache)"
        )
        releases = convert(data, city.ocid_prefix)
        print(f"OCDS: {len(releases)} releases in {len({r['ocid'] for r in releases})} processes (ocids)")
        con = connect(args.db)
        try:
            report = load_release_objects(
                con,
                location(plan),
                releases,
                publisher=city.publisher,
                license=city.license,
                sha256=content_hash(releases),
            )
        finally:
            con.close()
        print(report.summary())
        return 0


def parse_modalidades(value: str) -> tuple[int, ...]:
    try:
        chosen = tuple(int(part) for part in value.split(",") if part.strip())
    except ValueError:
        chosen = ()
    if not chosen or not set(chosen) <= set(codes.MODALIDADES):
        raise argparse.ArgumentTypeError(f"{value!r}: give PNCP modalidade codes 1-14 separated by commas, e.g. 6,8")
    return chosen


def location(plan: FetchPlan) -> str:
    who = f"cnpj={plan.cnpj}" if plan.cnpj else f"ibge={plan.ibge}"
    return f"pncp:{who}:{plan.date_from.isoformat()}..{plan.date_to.isoformat()}"


def content_hash(releases: list[dict]) -> str:
    """Same releases, same hash: reloading an unchanged fetch is recognised and skipped."""
    return hashlib.sha256(json.dumps(releases, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
