"""`python -m benchmarks [--sizes 10k,100k,1m] [--out DIR] [--skip-ocdskit] [--only loader|metrics|pages]`.

For each size: generate the data (reused when already generated with the same seed), then time ocdskit compile and
our loader, check equality, time the 1% incremental refresh, every metric and every page; write
`<out>/report-<N>.md` and print it. Results are kept in `<out>/results-<N>.json`, so `--only pages` re-measures the
pages and still reports the loading numbers measured before. See README.md, section "Benchmark".
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from benchmarks import generate, loading, pages, querying, report
from benchmarks.catalog import PUBLISHER
from benchmarks.timing import ROOT, BenchmarkError

PHASES = ("loader", "metrics", "pages")
DEFAULT_OUT = ROOT / "benchmarks" / "out"
DEFAULT_NOTE = "One run; other programs on the machine share its cores, so timings are noisy."


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10k", help="comma-separated numbers of processes (default 10k)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where data, databases and reports go")
    parser.add_argument("--seed", type=int, default=20240601, help="the generator's seed (default 20240601)")
    parser.add_argument(
        "--skip-ocdskit",
        action="store_true",
        help="do not run ocdskit compile; extrapolate its time from a smaller size's results",
    )
    parser.add_argument("--skip-package", action="store_true", help="do not time loading the release package")
    parser.add_argument("--only", choices=PHASES, help="run one phase (the others keep their earlier results)")
    parser.add_argument("--sample", type=int, default=2000, help="ocids compared with ocdskit (default 2000)")
    parser.add_argument("--regenerate", action="store_true", help="generate the data even if it exists")
    parser.add_argument("--note", default=DEFAULT_NOTE, help="a sentence about the machine, printed in the report")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        sizes = [generate.parse_size(size) for size in args.sizes.split(",") if size.strip()]
    except ValueError:
        print(f"erro / error: --sizes {args.sizes!r}: give numbers like 10k,100k,1m.", file=sys.stderr)
        return 2
    try:
        for n in sizes:
            print(run_size(n, args))
    except BenchmarkError as error:
        print(f"erro / error: {error.message}", file=sys.stderr)
        return 1
    return 0


def run_size(n: int, args: argparse.Namespace) -> str:
    out, label = args.out, generate.size_label(n)
    out.mkdir(parents=True, exist_ok=True)
    results_path = out / f"results-{label}.json"
    results = read_results(results_path) if args.only else {}
    here = environment(args.note)
    results.update({"n": n, "label": label, "environment": here})
    phases = results.setdefault("phases", {})  # when and where each phase was measured (they may differ)
    results["data"] = ensure_data(n, args.seed, out, args.regenerate, increment=False)
    results["increment_data"] = ensure_data(n, args.seed, out, args.regenerate, increment=True)
    db = out / f"bench-{label}.duckdb"
    if args.only in (None, "loader"):
        progress(f"{label}: loading")
        results["loading"], phases["loading"] = load_phase(n, args, results), here
    if not db.exists():
        raise BenchmarkError(f"{db} does not exist: run the loader phase first (without --only, or --only loader).")
    if args.only in (None, "metrics"):
        progress(f"{label}: metrics")
        results["metrics"], phases["metrics"] = querying.time_queries(db), here
    if args.only in (None, "pages"):
        progress(f"{label}: pages")
        results["pages"], phases["pages"] = pages.time_pages(db), here
    results_path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    text = report.render(results)
    (out / f"report-{label}.md").write_text(text, encoding="utf-8")
    return text


def progress(message: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def read_results(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def ensure_data(n: int, seed: int, out: Path, regenerate: bool, *, increment: bool) -> dict:
    label = generate.size_label(n) + ("-increment" if increment else "")
    manifest = generate.Manifest.read(out / f"manifest-{label}.json")
    usable = (
        manifest is not None
        and not regenerate
        and (manifest.n, manifest.seed) == (n, seed)
        and manifest.version == generate.GENERATOR_VERSION
        and (out / manifest.jsonl).exists()
        and (out / manifest.jsonl).stat().st_size == manifest.jsonl_bytes
        and (out / manifest.package).exists()
        and (out / manifest.package).stat().st_size == manifest.package_bytes
    )
    if not usable:
        progress(f"generating {label}")
        manifest = generate.write_dataset(n, seed, out, increment=increment)
    return vars(manifest)


def load_phase(n: int, args: argparse.Namespace, results: dict) -> dict:
    out, label, data = args.out, generate.size_label(n), results["data"]
    jsonl, releases = out / data["jsonl"], data["releases"]
    db, compiled = out / f"bench-{label}.duckdb", out / f"compiled-{label}.jsonl"
    found: dict = {}
    if args.skip_ocdskit:
        compiled.unlink(missing_ok=True)
        found["ocdskit"] = extrapolated_ocdskit(out, n, releases)
    else:
        progress(f"{label}: ocdskit compile")
        found["ocdskit"] = loading.time_ocdskit(jsonl, compiled, releases)
    progress(f"{label}: loader (JSON lines)")
    found["loader_jsonl"] = loading.time_loader(jsonl, db, releases, PUBLISHER)
    if found["ocdskit"] and found["ocdskit"].get("releases_per_s"):
        found["ratio"] = round(found["loader_jsonl"]["releases_per_s"] / found["ocdskit"]["releases_per_s"], 2)
    progress(f"{label}: equality check on {args.sample} ocids")
    found["equality"] = loading.check_equality(
        db, jsonl, compiled if compiled.exists() else None, args.sample, args.seed
    )
    target, full = db, found["loader_jsonl"]
    if not args.skip_package:
        progress(f"{label}: loader (release package)")
        target = out / f"bench-{label}-package.duckdb"
        found["loader_package"] = full = loading.time_loader(out / data["package"], target, releases, PUBLISHER)
    progress(f"{label}: incremental 1%")
    increment = results["increment_data"]
    found["increment"] = loading.time_loader(
        out / increment["jsonl"], target, increment["releases"], PUBLISHER, empty=False
    )
    found["increment"]["share_of_full"] = round(found["increment"]["seconds"] / full["seconds"], 4)
    found["increment"]["compared_with"] = (
        "the release package's full load"
        if target != db
        else "the JSON lines' full load; this database then holds the 1% too"
    )
    if target != db:
        loading.remove_database(target)  # only the increment timing needed it; it is as large as the main one
    return found


def extrapolated_ocdskit(out: Path, n: int, releases: int) -> dict | None:
    """ocdskit's time at this size from the largest smaller size it ran at, by its throughput (releases/s)."""
    for path in sorted(out.glob("results-*.json"), key=lambda p: -read_results(p).get("n", 0)):
        earlier = read_results(path)
        ocdskit = (earlier.get("loading") or {}).get("ocdskit") or {}
        if earlier.get("n", 0) < n and ocdskit.get("releases_per_s") and not ocdskit.get("extrapolated_from"):
            rate = ocdskit["releases_per_s"]
            return {
                "seconds": round(releases / rate, 1),
                "releases_per_s": rate,
                "peak_rss_mib": None,
                "extrapolated_from": earlier["label"],
            }
    return None


def environment(note: str) -> dict:
    import duckdb

    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "?"
    return {
        "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "commit": commit,
        "cpus": os.cpu_count(),
        "memory_gib": memory_gib(),
        "load_average": round(os.getloadavg()[0], 1),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "ocdskit": metadata.version("ocdskit"),
        "note": note,
    }


def memory_gib() -> int | str:
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            return round(int(meminfo.readline().split()[1]) / 2**20)
    except (OSError, ValueError, IndexError):
        return "?"


if __name__ == "__main__":
    sys.exit(main())
