"""The benchmark's data generator, small: valid OCDS 1.1, deterministic for a seed, shaped as documented, and loaded
by the real loader into the flat tables (the benchmark itself is not a test; see README.md, "Benchmark")."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from benchmarks import catalog
from benchmarks.generate import strip_accents, write_dataset
from loaders.database import connect
from loaders.load import load_paths

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "assets" / "schema" / "release-schema-1.1.5.json"
N = 200
SEED = 7


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> tuple[Path, object]:
    folder = tmp_path_factory.mktemp("bench")
    return folder, write_dataset(N, SEED, folder)


def read_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_sample_of_releases_is_valid_against_the_ocds_1_1_5_release_schema(generated):
    folder, manifest = generated
    validator = jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    releases = read_lines(folder / manifest.jsonl)
    sample = releases[::7]
    assert len(sample) > 100
    errors = [f"{r['id']}: {e.message}" for r in sample for e in validator.iter_errors(r)]
    assert errors == []


def test_the_same_seed_gives_byte_identical_files_and_another_seed_does_not(generated, tmp_path):
    folder, manifest = generated
    again = write_dataset(N, SEED, tmp_path / "again")
    other = write_dataset(N, SEED + 1, tmp_path / "other")
    for name in (manifest.jsonl, manifest.package):
        assert (tmp_path / "again" / name).read_bytes() == (folder / name).read_bytes()
    assert again.jsonl_sha256 == manifest.jsonl_sha256
    assert other.jsonl_sha256 != manifest.jsonl_sha256


def test_shape_releases_per_process_size_and_package_hold_the_same_releases(generated):
    folder, manifest = generated
    releases = read_lines(folder / manifest.jsonl)
    assert len({r["ocid"] for r in releases}) == N
    assert 3.3 <= len(releases) / N <= 4.5
    assert 1.8 * 1024 <= manifest.jsonl_bytes / len(releases) <= 3.4 * 1024
    package = json.loads((folder / manifest.package).read_text(encoding="utf-8"))
    assert package["version"] == "1.1"
    assert package["releases"] == releases
    tags = {tag for r in releases for tag in r["tag"]}
    assert {"tender", "award", "contract", "implementation", "contractAmendment"} <= tags
    # Releases of one process are in date order, as the merge needs them.
    last: dict[str, str] = {}
    for release in releases:
        assert release["date"] > last.get(release["ocid"], "")
        last[release["ocid"]] = release["date"]


def test_secretariat_names_come_in_spelling_variants(generated):
    folder, manifest = generated
    names = [
        r["tender"]["procuringEntity"]["name"]
        for r in read_lines(folder / manifest.jsonl)
        if "procuringEntity" in r.get("tender", {})
    ]
    spellings: dict[str, set[str]] = {}
    for name in names:
        spellings.setdefault(" ".join(strip_accents(name).casefold().split()), set()).add(name)
    assert max(len(variants) for variants in spellings.values()) >= 2
    assert len(spellings) <= len(catalog.SECRETARIATS)


def test_the_real_loader_loads_it_and_merges_name_variants_and_cnpjs(generated, tmp_path):
    folder, manifest = generated
    con = connect(tmp_path / "bench.duckdb")
    try:
        report = load_paths(con, [str(folder / manifest.jsonl)], publisher=catalog.PUBLISHER)
        assert report.releases == manifest.releases
        assert con.execute("SELECT COUNT(*) FROM processes").fetchone()[0] == N
        secretariats = con.execute("SELECT COUNT(DISTINCT secretariat_key) FROM processes").fetchone()[0]
        assert 10 <= secretariats <= len(catalog.SECRETARIATS) + 1  # + the buyer, where no unit is named
        procedures = {row[0] for row in con.execute("SELECT DISTINCT procedure_type FROM processes").fetchall()}
        assert {"pregao", "dispensa", "inexigibilidade"} <= procedures
        bad_ids = con.execute(
            "SELECT COUNT(*) FROM award_suppliers WHERE NOT regexp_full_match(supplier_id, 'BR-CNPJ-[0-9]{14}')"
        ).fetchone()[0]
        assert bad_ids == 0
    finally:
        con.close()


def test_the_incremental_set_is_about_one_percent_and_touches_existing_processes(generated, tmp_path):
    folder, manifest = generated
    increment = write_dataset(N, SEED, tmp_path, increment=True)
    assert increment.releases == pytest.approx(manifest.releases / 100, rel=0.25)
    base_ocids = {r["ocid"] for r in read_lines(folder / manifest.jsonl)}
    new = read_lines(tmp_path / increment.jsonl)
    assert any(r["ocid"] in base_ocids for r in new)
    assert any(r["ocid"] not in base_ocids for r in new)


def test_bids_are_dated_before_their_tender_deadline_but_a_few(generated):
    """Bids come in before the deadline; a late one (R030's signal) is rare, as in real data."""
    folder, manifest = generated
    deadlines, late, bids = {}, 0, 0
    for release in read_lines(folder / manifest.jsonl):  # in date order within a process: deadlines before awards
        period = release.get("tender", {}).get("tenderPeriod")
        if period:
            deadlines[release["ocid"]] = period["endDate"]
        deadline = deadlines.get(release["ocid"])  # some tenders publish no period
        for bid in release.get("bids", {}).get("details", []) if deadline else []:
            bids += 1
            late += bid["date"] > deadline  # one UTC offset: the strings order as the times
    assert bids > 100
    assert late / bids < 0.05
