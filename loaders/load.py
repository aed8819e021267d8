"""Load sources into the database in one transaction: read → store releases → compile touched ocids → flatten (SQL).

A load is atomic: everything happens inside one DuckDB transaction, and any error (malformed JSON, not OCDS, an HTTP
error after retries, a full disk) rolls it back, leaving the database exactly as before. Loading a source whose bytes
were already loaded changes nothing; a release republished with the same ocid and id replaces the earlier copy, and
every ocid a load touches is compiled again from all its releases.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import sys
import tempfile
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

import duckdb
import orjson
import pyarrow as pa
from tqdm import tqdm

from loaders import flatten, postprocess
from loaders.compile import ReleaseFiles, compile_touched
from loaders.database import run_on_arrow
from loaders.errors import LoaderError, NotOCDSError
from loaders.fastlines import store_release_lines, unstore_release_lines
from loaders.fastpackage import store_release_package
from loaders.readers import (
    Document,
    Item,
    ReadStats,
    document_sha256,
    is_json_lines,
    local_documents,
    read_document,
)
from metrics import stored

BATCH = 5_000  # releases stored per insert
# Ocids flattened at a time: the flatten's working tables for 100k processes fit DuckDB's memory limit; 1M do not.
FLATTEN_CHUNK = 100_000
FLAT_TABLES = ("processes", "parties", "awards", "award_suppliers", "contracts", "tenderers", "bids", "items")


@dataclass
class LoadReport:
    documents: int = 0
    unchanged: int = 0
    releases: int = 0
    records: int = 0
    compiled: int = 0
    processes: int = 0
    awards: int = 0
    contracts: int = 0
    suppliers: int = 0
    skipped: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def summary(self) -> str:
        lines = [
            f"documents read: {self.documents} ({self.unchanged} unchanged since an earlier load, skipped)",
            f"releases: {self.releases}  records: {self.records}  compiled releases as published: {self.compiled}",
            f"processes: {self.processes}  awards: {self.awards}  contracts: {self.contracts}  "
            f"suppliers: {self.suppliers}",
        ]
        if self.skipped:
            lines.append("skipped: " + "; ".join(f"{count} {reason}" for reason, count in self.skipped.most_common()))
        lines.append(f"time: {self.seconds:.1f} s")
        return "\n".join(lines)


class StoredLines(NamedTuple):
    """A source the fast paths stored, not yet recorded: its id, what it held, and its lines file's index."""

    source_id: int
    stats: ReadStats
    indexed: tuple[int, int] | None  # ReleaseFiles.index of its lines file


def load_paths(
    con: duckdb.DuckDBPyConnection,
    sources: list[str],
    publisher: str | None = None,
    *,
    compiled: bool = False,
    progress: bool = False,
    max_pages: int = 10_000,
) -> LoadReport:
    """Load files, folders (recursive) and http(s) URLs (following `links.next`) in one atomic load."""
    with Loader(con, progress=progress) as loader:
        for source in sources:
            for document in source_documents(source, max_pages):
                loader.add_document(document, publisher, compiled=compiled)
        return loader.finish()


def load_release_objects(
    con: duckdb.DuckDBPyConnection,
    location: str,
    releases: Iterable[dict[str, Any]],
    publisher: str | None = None,
    license: str | None = None,
    sha256: str | None = None,
) -> LoadReport:
    """Load OCDS 1.1 release dicts made in Python (e.g. converted from PNCP) as one atomic source."""
    with Loader(con) as loader:
        if loader.is_new(location, sha256):
            loader.add_items(location, (Item("release", r) for r in releases), publisher, license, sha256)
        return loader.finish()


def source_documents(source: str, max_pages: int) -> Iterator[Document]:
    if source.startswith(("http://", "https://")):
        from loaders.http import url_documents  # httpx takes 40 ms to import, which a load of files does without

        return url_documents(source, max_pages=max_pages)
    return local_documents(Path(source))


class Loader:
    """One atomic load. Use as a context manager: commit on success, roll back on any error."""

    def __init__(self, con: duckdb.DuckDBPyConnection, *, progress: bool = False):
        self.con = con
        self.report = LoadReport()
        self.started = datetime.now(UTC)
        self.bar = tqdm(desc="releases", unit=" rel", disable=not progress, file=sys.stderr, dynamic_ncols=True)
        self.files = ReleaseFiles()  # the JSON lines files stored line for line, read again by the compile
        # Where packages are split into JSON lines: kept until the load ends, for the compile to read.
        self.scratch = tempfile.TemporaryDirectory(prefix="painel-load-")

    def __enter__(self) -> Loader:
        quiet_library_warnings()
        gc.disable()  # the collector triples parse time on millions of small objects; nothing here makes cycles
        self.con.execute("BEGIN TRANSACTION")
        self.con.execute("CREATE OR REPLACE TEMP TABLE touched (ocid VARCHAR PRIMARY KEY)")
        self.next_seq = self.con.execute("SELECT coalesce(max(seq), 0) + 1 FROM releases").fetchall()[0][0]
        self.next_source = self.con.execute("SELECT coalesce(max(source_id), 0) + 1 FROM sources").fetchall()[0][0]
        return self

    def __exit__(self, exc_type, exc, traceback) -> None:
        self.bar.close()
        self.files.close()
        self.scratch.cleanup()
        gc.enable()
        try:
            if exc_type is None:
                self.con.execute("COMMIT")
                return
            self.con.execute("ROLLBACK")
        except duckdb.Error as error:  # a failed COMMIT (e.g. a full disk while writing the log) is rolled back
            with contextlib.suppress(duckdb.Error):  # DuckDB has usually ended the transaction itself
                self.con.execute("ROLLBACK")
            raise _refused(error) from error
        if isinstance(exc, duckdb.Error):
            raise _refused(exc) from exc

    def add_document(self, document: Document, publisher: str | None, *, compiled: bool) -> None:
        self.report.documents += 1
        if document.skip_reason:
            self.report.skipped[document.skip_reason] += 1
            return
        fast = not compiled and document.path is not None
        first_time = fast and not self.loaded_sources(document.name)
        if first_time:
            stored, sha256 = self.store_while_hashing(document)
        else:
            stored, sha256 = None, document_sha256(document)
        if not self.is_new(document.name, sha256):
            if stored:
                unstore_release_lines(self.con, stored.source_id)
            return
        if fast and not first_time:
            stored = self.store_lines(document)
        if stored:
            self.keep_lines(document.name, publisher, sha256, stored)
            return
        stats = ReadStats()
        try:
            self.add_items(
                document.name, read_document(document, stats, compiled=compiled), publisher, None, sha256, stats
            )
        except NotOCDSError:
            if not document.in_folder:
                raise
            self.report.skipped["JSON file in a folder that is not OCDS"] += 1

    def store_while_hashing(self, document: Document) -> tuple[StoredLines | None, str]:
        """The fast paths' store of a file never loaded from its location, while another thread hashes its bytes
        (0.75 s at 100k processes, beside a store that leaves a core idle at times). Only bytes loaded before under
        another name are stored in vain: the caller takes them out again."""
        with ThreadPoolExecutor(1) as beside:
            hashing = beside.submit(document_sha256, document)
            return self.store_lines(document), hashing.result()

    def loaded_sources(self, location: str) -> list[int]:
        """The sources that `location` gave and that are still loaded."""
        query = "SELECT source_id FROM sources WHERE location = ? AND status = 'loaded'"
        return [row[0] for row in self.con.execute(query, [location]).fetchall()]

    def store_lines(self, document: Document) -> StoredLines | None:
        """The fast paths for JSON lines of 1.1 releases (loaders/fastlines.py) and 1.1 release packages
        (loaders/fastpackage.py), whose lines file is indexed natively for the store and the compile; None if the
        file does not qualify."""
        indexed = []

        def index(lines: Path) -> pa.RecordBatchReader | None:
            indexed.append(self.files.index(lines))
            return self.files.lines(indexed[-1]) if indexed[-1] else None

        if is_json_lines(document):
            releases = store_release_lines(
                self.con, document.path, self.next_source, self.next_seq, index(document.path)
            )
            stats = None if releases is None else ReadStats(releases=releases)
        else:
            lines = Path(self.scratch.name) / f"{self.next_source}.jsonl"
            stats = store_release_package(self.con, document.path, self.next_source, self.next_seq, lines, index)
        return None if stats is None else StoredLines(self.next_source, stats, indexed[0])

    def keep_lines(self, location: str, publisher: str | None, sha256: str, stored: StoredLines) -> None:
        """Record a source the fast paths stored, and mark its ocids touched."""
        self.con.execute(
            "INSERT OR IGNORE INTO touched SELECT DISTINCT ocid FROM releases WHERE source_id = ?", [stored.source_id]
        )
        self.files.keep(stored.source_id, self.next_seq, stored.stats.releases, stored.indexed)
        self.next_seq += stored.stats.releases
        self.bar.update(stored.stats.releases)
        self.add_items(location, [], publisher, None, sha256, stored.stats)

    def add_items(
        self,
        location: str,
        items: Iterable[Item],
        publisher: str | None,
        license: str | None,
        sha256: str | None,
        stats: ReadStats | None = None,
    ) -> None:
        stats = stats or ReadStats()
        source_id = self.next_source
        self.next_source += 1
        counted = Counter()
        for batch in batched(items, BATCH):
            counted.update(item.kind for item in batch)
            self.store(source_id, batch)
            self.bar.update(len(batch))
            self.bar.set_postfix(files=self.report.documents, refresh=False)
        publisher = publisher or stats.publisher
        if stats.releases == 0 and stats.compiled == 0:  # items made in Python, not read from a file
            stats.releases, stats.compiled = counted["release"], counted["compiled"]
        self.report.releases += stats.releases
        self.report.records += stats.records
        self.report.compiled += stats.compiled
        self.report.skipped.update(stats.skipped)
        message = " | ".join(f"{count} {reason}" for reason, count in stats.skipped.items()) or None
        self.con.execute(
            "INSERT INTO sources (source_id, location, fetched_at, sha256, publisher, license, releases, records, "
            "compiled, skipped, status, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'loaded', ?)",
            [
                source_id,
                location,
                self.started.replace(tzinfo=None),
                sha256,
                publisher,
                license or stats.license,
                stats.releases,
                stats.records,
                stats.compiled,
                sum(stats.skipped.values()),
                message,
            ],
        )

    def is_new(self, location: str, sha256: str | None) -> bool:
        """False for bytes already loaded; else prepares to replace what this location gave before."""
        if (
            sha256
            and self.con.execute("SELECT 1 FROM sources WHERE sha256 = ? AND status = 'loaded'", [sha256]).fetchall()
        ):
            self.report.unchanged += 1
            return False
        self.replace_location(location)
        return True

    def replace_location(self, location: str) -> None:
        """A source read again with new bytes replaces what it gave before (its ocids are compiled again)."""
        old = self.loaded_sources(location)
        if not old:
            return
        for table in ("releases", "published_compiled_releases"):
            self.con.execute(
                f"INSERT OR IGNORE INTO touched SELECT DISTINCT ocid FROM {table} WHERE list_contains(?, source_id)",
                [old],
            )
            self.con.execute(f"DELETE FROM {table} WHERE list_contains(?, source_id)", [old])
        self.con.execute("UPDATE sources SET status = 'replaced' WHERE list_contains(?, source_id)", [old])

    def store(self, source_id: int, batch: list[Item]) -> None:
        """Store a batch of releases and published compiled releases (a compiled release replaces its ocid's)."""
        releases = [item.data for item in batch if item.kind == "release"]
        compiled: dict[str, dict] = {}
        for item in batch:
            if item.kind == "compiled" and item.data.get("ocid"):
                compiled[str(item.data["ocid"])] = item.data
            elif item.kind == "compiled":
                self.report.skipped["compiled release without ocid"] += 1
        if releases:
            self.insert_releases(source_id, releases)
        if compiled:
            table = pa.table(
                {
                    "ocid": list(compiled),
                    "date": [_text(d.get("date")) for d in compiled.values()],
                    "source_id": [source_id] * len(compiled),
                    "data": [orjson.dumps(d).decode() for d in compiled.values()],
                }
            )
            run_on_arrow(
                self.con,
                table,
                "INSERT OR REPLACE INTO published_compiled_releases SELECT * FROM staging",
                "INSERT OR IGNORE INTO touched SELECT DISTINCT ocid FROM staging",
            )

    def insert_releases(self, source_id: int, releases: list[dict]) -> None:
        data = [orjson.dumps(r).decode() for r in releases]
        count = len(releases)
        table = pa.table(
            {
                "ocid": [str(r["ocid"]) for r in releases],
                "release_id": [str(r.get("id") or "") for r in releases],
                "date": [_text(r.get("date")) for r in releases],
                "tag": [_tags(r.get("tag")) for r in releases],
                "source_id": [source_id] * count,
                "seq": range(self.next_seq, self.next_seq + count),
                "data": data,
            }
        )
        self.next_seq += count
        run_on_arrow(
            self.con,
            table,
            "INSERT INTO releases SELECT * FROM staging",
            "INSERT OR IGNORE INTO touched SELECT DISTINCT ocid FROM staging",
        )

    def finish(self) -> LoadReport:
        """Compile every touched ocid (loaders/compile.py), flatten the compiled releases (loaders/flatten.sql),
        then refresh the cross-process tables and the metrics' stored filter steps."""
        gc.enable()  # back on: from here on there are few Python objects, and thread futures can form cycles
        if self.touches_any_ocid():
            self.delete_flat_rows()
            compile_touched(self.con, self.files)
            with flatten.publishers_noted(self.con):
                for _ in touched_in_chunks(self.con, FLATTEN_CHUNK):
                    postprocess.derive(self.con, flatten.flatten_touched(self.con))
            postprocess.first_values(self.con)
            with postprocess.more_memory(self.con):
                postprocess.refresh(self.con)
                stored.refresh(self.con)  # the dashboard's unfiltered filter steps (metrics/stored.py)
        self.count()
        self.report.seconds = (datetime.now(UTC) - self.started).total_seconds()
        return self.report

    def touches_any_ocid(self) -> bool:
        """False when every source was loaded before with the same bytes: nothing to compile, flatten or refresh (the
        refresh alone reads every party and amount, seconds at a million processes)."""
        ((touched,),) = self.con.execute("SELECT EXISTS (SELECT 1 FROM touched)").fetchall()
        return touched

    def delete_flat_rows(self) -> None:
        postprocess.remember_organizations(self.con)
        stored.remember(self.con)
        for table in (*FLAT_TABLES, "compiled_releases"):
            self.con.execute(f"DELETE FROM {table} WHERE ocid IN (SELECT ocid FROM touched)")

    def count(self) -> None:
        ((processes, awards, contracts, suppliers),) = self.con.execute(
            "SELECT (SELECT count(*) FROM touched), "
            "(SELECT count(*) FROM awards JOIN touched USING (ocid)), "
            "(SELECT count(*) FROM contracts JOIN touched USING (ocid)), "
            "(SELECT count(DISTINCT supplier_id) FROM award_suppliers JOIN touched USING (ocid))"
        ).fetchall()
        self.report.processes, self.report.awards = processes, awards
        self.report.contracts, self.report.suppliers = contracts, suppliers


def touched_in_chunks(con: duckdb.DuckDBPyConnection, size: int) -> Iterator[None]:
    """Narrow the TEMP table `touched` to one chunk of `size` ocids after another (in ocid order), so the SQL that
    reads it works on a bounded set; restore it whole at the end. The ocids are numbered once: a sort per chunk
    (ORDER BY ... LIMIT ... OFFSET) took 0.3 s each at a million processes."""
    ((count,),) = con.execute("SELECT count(*) FROM touched").fetchall()
    if count <= size:
        yield
        return
    con.execute("ALTER TABLE touched RENAME TO touched_all")
    try:
        con.execute(
            "CREATE TEMP TABLE touched_chunks AS "
            "SELECT ocid, (row_number() OVER (ORDER BY ocid) - 1) // ? AS chunk FROM touched_all",
            [size],
        )
        for chunk in range(-(-count // size)):
            con.execute("CREATE TEMP TABLE touched AS SELECT ocid FROM touched_chunks WHERE chunk = ?", [chunk])
            yield
            con.execute("DROP TABLE touched")
    finally:
        con.execute("DROP TABLE IF EXISTS touched")
        con.execute("DROP TABLE IF EXISTS touched_chunks")
        con.execute("ALTER TABLE touched_all RENAME TO touched")


def quiet_library_warnings() -> None:
    """ocdskit logs, and ocdsmerge warns, about publishers' data (a party whose fields differ between roles, two
    array items with one id). Both are merged exactly as ocdskit merges them; thousands of such lines would bury the
    load's own summary, so they are silenced here. ocdsmerge's warnings are told by the module that raises them, not
    by their class: importing ocdsmerge costs 0.05-0.1 s, and most loads never use it."""
    logging.getLogger("ocdskit").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", module=r"ocdsmerge\.")


def _refused(error: duckdb.Error) -> LoaderError:
    return LoaderError(
        f"the database refused the load ({error}); nothing was changed. If the disk is full, free space (or use "
        "--db on another disk) and load again."
    )


def batched(iterable: Iterable, size: int) -> Iterator[list]:
    batch = []
    for value in iterable:
        batch.append(value)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _tags(value: Any) -> list[str] | None:
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, str):
        return [value]
    return None
