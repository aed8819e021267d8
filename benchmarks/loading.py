"""The loading steps: ocdskit compile (the reference merge), our loader from JSON lines and from the release
package into empty databases, the equality check on a sample of ocids, and the incremental 1% refresh."""

from __future__ import annotations

import json
import os
import random
import tempfile
from pathlib import Path

from benchmarks.timing import ROOT, BenchmarkError, Measured, python, run_measured

SCHEMA = ROOT / "assets" / "schema" / "release-schema-1.1.5.json"


def ocdskit_command() -> list[str]:
    executable = Path(python()).parent / "ocdskit"
    if not executable.exists():
        raise BenchmarkError(
            f"ocdskit is not installed beside {python()}; run `.venv/bin/pip install -r "
            "requirements.txt`, or pass --skip-ocdskit."
        )
    return [str(executable), "compile", "--schema", str(SCHEMA)]


def step(measured: Measured, releases: int) -> dict:
    return {
        "seconds": round(measured.seconds, 2),
        "releases_per_s": round(releases / measured.seconds) if measured.seconds else None,
        "peak_rss_mib": round(measured.peak_rss_mib),
        "rss_source": measured.rss_source,
        "largest_process_mib": None
        if measured.largest_process_mib != measured.largest_process_mib
        else round(measured.largest_process_mib),
        "output": measured.output,
    }


def time_ocdskit(jsonl: Path, compiled: Path, releases: int) -> dict:
    """`ocdskit compile --schema <bundled schema> < releases.jsonl > compiled.jsonl`."""
    return step(run_measured(ocdskit_command(), stdin=jsonl, stdout=compiled), releases)


def remove_database(db: Path) -> None:
    for path in (db, db.with_name(db.name + ".wal")):
        path.unlink(missing_ok=True)


def time_loader(source: Path, db: Path, releases: int, publisher: str, *, empty: bool = True) -> dict:
    """`python -m loaders load SOURCE --db DB --quiet` in its own process (from an empty database by default)."""
    if empty:
        remove_database(db)
    # The writes of the step before (ocdskit's output, the last load's database) go to disk first: a load's commit
    # waits for its own writes to reach the disk, and it waited behind those too (the 1% refresh at 100k varied
    # between 2.8 and 3.5 s, run after the full load).
    os.sync()
    command = [python(), "-m", "loaders", "load", str(source), "--db", str(db), "--quiet", "--publisher", publisher]
    return step(run_measured(command), releases)


def sample_ocids(db: Path, size: int, seed: int) -> list[str]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        ocids = [row[0] for row in con.execute("SELECT ocid FROM compiled_releases ORDER BY ocid").fetchall()]
    finally:
        con.close()
    return sorted(random.Random(seed).sample(ocids, k=min(size, len(ocids))))


def stored_compiled(db: Path, ocids: list[str]) -> dict[str, dict]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "SELECT ocid, data FROM compiled_releases WHERE ocid IN (SELECT UNNEST($ocids))", {"ocids": ocids}
        ).fetchall()
    finally:
        con.close()
    return {ocid: json.loads(data) for ocid, data in rows}


def reference_compiled(ocids: list[str], compiled: Path | None, jsonl: Path) -> tuple[dict[str, dict], str]:
    """ocdskit's compiled releases of these ocids: from its full output when it ran, else by running ocdskit
    compile on just the releases of these ocids (the same merge, on a small input)."""
    wanted = set(ocids)
    if compiled and compiled.exists():
        found = {}
        with compiled.open("rb") as lines:
            for line in lines:
                release = json.loads(line)
                if release.get("ocid") in wanted:
                    found[release["ocid"]] = release
        return found, "ocdskit compile output of the whole file"
    with tempfile.TemporaryDirectory(prefix="bench-sample-") as folder:
        subset, output = Path(folder) / "subset.jsonl", Path(folder) / "compiled.jsonl"
        with jsonl.open("rb") as lines, subset.open("wb") as sink:
            for line in lines:
                if ocid_of(line) in wanted:
                    sink.write(line)
        run_measured(ocdskit_command(), stdin=subset, stdout=output)
        found = {}
        with output.open("rb") as lines:
            for line in lines:
                release = json.loads(line)
                found[release["ocid"]] = release
    return found, "ocdskit compile run on the sampled ocids' releases"


def ocid_of(line: bytes) -> str | None:
    """The ocid of a generated release line, which starts with it (cheaper than parsing 10 GB of JSON)."""
    prefix = b'{"ocid":"'
    if not line.startswith(prefix):
        return json.loads(line).get("ocid")
    return line[len(prefix) : line.index(b'"', len(prefix))].decode()


def check_equality(db: Path, jsonl: Path, compiled: Path | None, size: int, seed: int) -> dict:
    """Dict equality of compiled releases, ocdskit vs `compiled_releases.data`, on `size` random ocids."""
    ocids = sample_ocids(db, size, seed)
    reference, method = reference_compiled(ocids, compiled, jsonl)
    stored = stored_compiled(db, ocids)
    mismatches = [ocid for ocid in ocids if reference.get(ocid) != stored.get(ocid)]
    return {
        "checked": len(ocids),
        "mismatches": len(mismatches),
        "method": method,
        "examples": [describe_difference(ocid, reference.get(ocid), stored.get(ocid)) for ocid in mismatches[:3]],
    }


def describe_difference(ocid: str, expected: dict | None, actual: dict | None) -> str:
    if expected is None or actual is None:
        return f"{ocid}: {'missing from ocdskit output' if expected is None else 'missing from the database'}"
    keys = sorted(k for k in set(expected) | set(actual) if expected.get(k) != actual.get(k))
    return f"{ocid}: fields that differ: {', '.join(keys)}"
