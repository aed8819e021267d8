"""Merge each ocid's releases into one compiled release, exactly as `ocdskit compile` does.

The merge rules come from the OCDS 1.1.5 release schema shipped in assets/schema (passed explicitly: nothing may
try to download a schema). The native merge (native/painel_merge via loaders/native.py) compiles the stored JSON
texts on both cores with no Python object per release; loaders/merge.py is the same merge in Python, used where the
library is not built. Both give ocdsmerge's result and hand the few cases that only ocdsmerge's own algorithm
defines to `ocdsmerge.Merger`, the merger ocdskit uses. Ties between releases with the same date keep load order,
as ocdskit keeps input order.

All touched ocids are compiled in one pass over their releases in order (ocid, then load order), in Arrow batches.
An ocid whose releases all come from JSON lines files this load stored (ReleaseFiles) is read from the files: DuckDB
sorts only the (ocid, source, seq) keys, fetched whole, and the texts are read by line number, which at a million
processes saves a sort of 10 GB of texts (41 s); each batch is inserted as soon as it is compiled. Any other ocid's
releases are sorted with their texts in DuckDB and read as a stream, which must be read to its end before the
connection runs another statement: those compiled releases wait in memory, or beyond IN_MEMORY bytes in a scratch
Parquet file, and are inserted afterwards (CompiledSink), all in the load's transaction. The native merge also takes
each contract's first published value as it goes (`merged_first_values`, read by loaders/first_values.sql).
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import duckdb
import numpy as np
import orjson
import pyarrow as pa
import pyarrow.compute as pc

from loaders import native
from loaders.database import run_on_arrow
from loaders.errors import LoaderError, SourceError
from loaders.merge import RELEASE_SCHEMA, Conflict, compile_fast, rule_tree
from loaders.native import in_order

if TYPE_CHECKING:
    import pyarrow.parquet as pq
    from ocdsmerge import Merger

STREAM_BATCH = 20_000  # releases per Arrow batch at most: big enough that one native call costs nothing extra
LINE_BATCH = 8_192  # lines per batch of a stored file's stream (about 20 MB at the benchmark's mean release)
LINE_BATCH_BYTES = 32 << 20  # and bytes at most, unless one line is longer
# Bytes of compiled releases held in memory before they go to a scratch file (CompiledSink): a 1% refresh at 1M
# processes holds 0.26 GB, and writing and reading the file cost it 0.8 s.
IN_MEMORY = 512 << 20
# The compiled texts go to Parquet typed as JSON, which DuckDB takes as its JSON type: as plain text, its cast to
# the JSON column would parse each one again. Our serializer only writes valid JSON.
COMPILED_TEXT = pa.json_(pa.large_string())
# The stream of an indexed file's lines for the store (ReleaseFiles.lines, loaders/fastlines.py).
LINES_SCHEMA = pa.schema([("line", pa.int64()), ("text", pa.large_string()), *native.release_fields_schema()])

# The touched ocids with a release outside the load's indexed files ($sources): their texts come from DuckDB. (A
# touched ocid with no release at all is in neither query; PUBLISHED_ONLY gives it its published compiled release.)
TOUCHED_ELSEWHERE = """
CREATE OR REPLACE TEMP TABLE touched_elsewhere AS
SELECT DISTINCT ocid FROM releases
WHERE NOT list_contains($sources, source_id) AND ocid IN (SELECT ocid FROM touched)
"""

FILE_RELEASES = """
SELECT ocid, source_id, seq FROM releases
WHERE list_contains($sources, source_id) AND ocid NOT IN (SELECT ocid FROM touched_elsewhere)
ORDER BY ocid, seq
"""

STORED_RELEASES = """
SELECT ocid, data::VARCHAR AS data FROM releases
WHERE ocid IN (SELECT ocid FROM touched_elsewhere)
ORDER BY ocid, seq
"""

# The source and 1-based place in it of an ocid's n-th release (0-based, load order): a source's releases have
# consecutive `seq` numbers from its first.
LOCATE_RELEASE = """
SELECT s.location, r.seq - (SELECT min(seq) FROM releases WHERE source_id = r.source_id) + 1
FROM releases AS r JOIN sources AS s USING (source_id)
WHERE r.ocid = ?
ORDER BY r.seq
LIMIT 1 OFFSET ?
"""

# Touched ocids with no release left keep the compiled release as published, if any. Only the touched ocids'
# releases are looked at: a NOT IN over every release's ocid took 1 s of a 1% load at a million processes.
PUBLISHED_ONLY = """
INSERT INTO compiled_releases
SELECT ocid, 'published', data FROM published_compiled_releases
WHERE ocid IN (SELECT ocid FROM touched)
    AND ocid NOT IN (SELECT ocid FROM releases WHERE ocid IN (SELECT ocid FROM touched))
"""


@cache
def merger() -> Merger:
    """The merger, built once per process from the bundled release schema. Imported here, where a load first needs
    it: ocdsmerge imports jsonref and requests (0.05-0.1 s), and most loads never call it."""
    from ocdsmerge import Merger

    return Merger(str(RELEASE_SCHEMA))


def compile_releases(releases: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the compiled release of one ocid's releases (given in load order), in Python."""
    try:
        return compile_fast(releases, rule_tree())
    except Conflict:
        return merger().create_compiled_release(releases)


class ReleaseFiles:
    """The JSON lines files a load stored line for line as releases (loaders/fastlines.py), indexed natively so the
    compile reads those releases by line number. The release a source stored with `seq` s is line
    first_line + (s - first_seq) of the index, first_line being the lines of the files indexed before it."""

    def __init__(self):
        self._lines: native.LineFiles | None = None
        self._sources: dict[int, tuple[int, int]] = {}  # source_id → (its first seq, its first line)
        self._indexed = 0

    def index(self, path: Path) -> tuple[int, int] | None:
        """Index a file's lines after those indexed before: (its first line, how many); None without the library
        or when the file cannot be read (DuckDB then reads the file, and its releases are compiled from the
        database)."""
        if not native.available():
            return None
        self._lines = self._lines or native.LineFiles()
        try:
            lines = self._lines.add(path)
        except OSError:
            return None
        first_line, self._indexed = self._indexed, self._indexed + lines
        return first_line, lines

    def keep(self, source_id: int, first_seq: int, releases: int, indexed: tuple[int, int] | None) -> None:
        """Read a source's releases from its indexed file, if its lines are the `releases` DuckDB stored."""
        if indexed is not None and indexed[1] == releases:
            self._sources[source_id] = (first_seq, indexed[0])

    def lines(self, indexed: tuple[int, int]) -> pa.RecordBatchReader:
        """An indexed file's lines as a stream of batches of (line: its 1-based number in the file, text: the line,
        then what native.release_fields reads of it), read and parsed natively on both cores as DuckDB asks."""
        first_line, count = indexed
        ends = batch_ends(self._lines.lengths(np.arange(first_line, first_line + count)))

        def batch(bounds: tuple[int, int]) -> pa.RecordBatch:
            numbers = np.arange(*bounds)
            texts = self._lines.read(numbers + first_line)
            fields = native.release_fields(texts)
            return pa.record_batch([pa.array(numbers + 1), texts, *fields.columns], schema=LINES_SCHEMA)

        return pa.RecordBatchReader.from_batches(LINES_SCHEMA, in_order(batch, pairwise([0, *ends])))

    def source_ids(self) -> list[int]:
        return list(self._sources)

    def texts(self, batch: pa.RecordBatch) -> pa.LargeStringArray:
        """The release texts of a batch of (source_id, seq) rows of indexed sources."""
        known = sorted(self._sources)
        first_seq, first_line = (np.array([self._sources[source][i] for source in known]) for i in (0, 1))
        which = np.searchsorted(known, batch.column("source_id").to_numpy())
        return self._lines.read(first_line[which] + batch.column("seq").to_numpy() - first_seq[which])

    def close(self) -> None:
        if self._lines:
            self._lines.close()


def batch_ends(lengths: np.ndarray) -> list[int]:
    """Where each batch of lines ends: LINE_BATCH lines, fewer when they hold more than LINE_BATCH_BYTES (a file of
    releases of megabytes each), at least one."""
    ends = []
    total = np.cumsum(lengths)
    start = 0
    while start < len(lengths):
        within = int(np.searchsorted(total, total[start] - lengths[start] + LINE_BATCH_BYTES, side="right"))
        start = max(start + 1, min(start + LINE_BATCH, within))
        ends.append(start)
    return ends


class MalformedRelease(LoaderError):
    """A stored release that the strict parser refuses, e.g. a JSON line with a trailing comma or NaN, which
    DuckDB's reader (loaders/fastlines.py) accepts."""

    def __init__(self, ocid: str, message: str):
        found = re.match(r"release (\d+) of \d+ of this ocid: (.*)", message, re.DOTALL)
        self.ocid = ocid
        self.position = int(found[1]) if found else None  # 1-based, among the ocid's releases in load order
        # The native parser places an error in the release's own text, whose line is always 1 in a JSON line.
        self.detail = re.sub(r"^(.*?)line 1 column ", r"\1column ", found[2] if found else message)
        super().__init__(f"ocid {ocid}: a release is not valid JSON ({message}). Fix or leave out its file.")


def compile_touched(con: duckdb.DuckDBPyConnection, files: ReleaseFiles | None = None) -> int:
    """Fill `compiled_releases` for every ocid in the TEMP table `touched`; return how many were merged. `files`
    holds the JSON lines files this load stored, if any."""
    sources = files.source_ids() if files else []
    con.execute(TOUCHED_ELSEWHERE, {"sources": sources})
    ((touched,),) = con.execute("SELECT count(*) FROM touched").fetchall()
    batch = native.batch_rows(touched, STREAM_BATCH)  # ocids, so at least as many releases
    first_values: list[Compiled] = []
    merged = 0
    if sources:
        # Only the keys of these releases come from DuckDB (their texts are read from the files): they are fetched
        # whole, which leaves the connection free to insert each batch as it is compiled. Held until the streams
        # ended, a full load's compiled releases went through a scratch file, which cost 1.2-1.5 s at 100k.
        keys = con.sql(FILE_RELEASES, params={"sources": sources}).to_arrow_table()
        keys = pa.RecordBatchReader.from_batches(keys.schema, keys.to_batches(batch))
        merged += _compile_stream(con, keys, files.texts, InsertedAtOnce(con), first_values)
    with tempfile.TemporaryDirectory(prefix="painel-compile-") as scratch:
        sink = CompiledSink(Path(scratch) / "compiled.parquet")
        stored = con.sql(STORED_RELEASES).to_arrow_reader(batch)
        merged += _compile_stream(con, stored, lambda batch: batch.column("data"), sink, first_values)
        sink.insert(con)
    con.execute(PUBLISHED_ONLY)
    con.execute("DROP TABLE touched_elsewhere")
    keep_first_values(con, first_values)
    return merged


def keep_first_values(con: duckdb.DuckDBPyConnection, batches: list[Compiled]) -> None:
    """The first contract values the merge took, in TEMP tables for loaders/first_values.sql: `merged_first_values`
    and the ocids they are complete for, `merged_first_done`."""
    values, done = _no_first_values()
    values = pa.concat_tables([values, *(batch.first_values for batch in batches)])
    run_on_arrow(con, values, "CREATE OR REPLACE TEMP TABLE merged_first_values AS SELECT * FROM staging")
    done = pa.table({"ocid": pa.concat_arrays([done, *(batch.first_done for batch in batches)])})
    run_on_arrow(con, done, "CREATE OR REPLACE TEMP TABLE merged_first_done AS SELECT * FROM staging")


INSERT_COMPILED = "INSERT INTO compiled_releases SELECT ocid, 'merged', data FROM"


class InsertedAtOnce:
    """Inserts each batch of compiled releases as it comes: for a stream fetched whole (the connection is free)."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con

    def add(self, table: pa.Table) -> int:
        run_on_arrow(self.con, table, f"{INSERT_COMPILED} staging")
        return table.num_rows


class CompiledSink:
    """Where the compiled releases of a stream read from DuckDB wait for it to end (the connection runs nothing else
    meanwhile): in memory up to IN_MEMORY bytes, as a 1% load's 26 MB at 100k processes and 0.26 GB at 1M; beyond
    that in a scratch Parquet file, as when many processes get a release each."""

    SCHEMA = pa.schema([("ocid", pa.large_string()), ("data", COMPILED_TEXT)])

    def __init__(self, path: Path):
        self.path = path
        self.held: list[pa.Table] = []
        self.held_bytes = 0
        self.writer: pq.ParquetWriter | None = None

    def add(self, table: pa.Table) -> int:
        if self.writer is None and self.held_bytes + table.nbytes > IN_MEMORY:
            import pyarrow.parquet as pq  # imported here: 25 ms, which most loads never need

            # A scratch file read once: no compression, dictionary or statistics, which only cost time (a third).
            self.writer = pq.ParquetWriter(
                self.path, self.SCHEMA, compression="none", use_dictionary=False, write_statistics=False
            )
            for held in self.held:
                self.writer.write_table(held)
            self.held = []
        if self.writer is None:
            self.held.append(table)
            self.held_bytes += table.nbytes
        else:
            self.writer.write_table(table)
        return table.num_rows

    def insert(self, con: duckdb.DuckDBPyConnection) -> None:
        """Insert what was added into `compiled_releases`."""
        if self.writer is not None:
            self.writer.close()
            con.execute(f"{INSERT_COMPILED} read_parquet(?)", [str(self.path)])
        elif self.held:
            InsertedAtOnce(con).add(pa.concat_tables(self.held))


def _compile_stream(
    con: duckdb.DuckDBPyConnection,
    stream: pa.RecordBatchReader,
    texts,
    sink: CompiledSink | InsertedAtOnce,
    first_values: list[Compiled],
) -> int:
    try:
        return write_compiled(stream, texts, sink, first_values)
    except MalformedRelease as error:
        stream.close()  # the connection answers no other statement while its stream is open
        raise SourceError(malformed_line_message(con, error)) from error


def write_compiled(
    batches: pa.RecordBatchReader, texts, sink: CompiledSink | InsertedAtOnce, first_values: list[Compiled]
) -> int:
    """Compile the groups of the sorted stream on both cores, adding (ocid, data) in order to `sink` and each
    batch's first contract values to `first_values`. `texts(batch)` gives a batch's release texts (called in the
    worker thread: reading them from files takes time)."""
    merged = 0
    for compiled in in_order(lambda batch: compile_groups(batch.column("ocid"), texts(batch)), whole_groups(batches)):
        merged += sink.add(compiled.releases)
        first_values.append(compiled._replace(releases=None))
    return merged


def whole_groups(batches: pa.RecordBatchReader) -> Iterator[pa.RecordBatch]:
    """The stream's rows (sorted by ocid) in batches cut so that no ocid's releases are split between two of them."""
    carried: list[pa.RecordBatch] = []
    for batch in batches:
        if not batch.num_rows:
            continue
        ocids = batch.column("ocid")
        last = ocids[-1]
        first_of_last = batch.num_rows - _tail_length(ocids, last)
        if first_of_last:
            yield _combined([*carried, batch.slice(0, first_of_last)])
            carried = []
        carried.append(batch.slice(first_of_last))
    if carried:
        yield _combined(carried)


def _combined(batches: list[pa.RecordBatch]) -> pa.RecordBatch:
    return pa.Table.from_batches(batches).combine_chunks().to_batches()[0]


def _tail_length(ocids: pa.Array, last: pa.Scalar) -> int:
    """How many rows at the end of the (sorted) batch belong to its last ocid."""
    return pc.sum(pc.equal(ocids, last)).as_py()


def group_starts(ocids: pa.Array) -> pa.Array:
    """Index of each ocid's first row in a sorted array."""
    changed = pc.not_equal(ocids.slice(1), ocids.slice(0, len(ocids) - 1))
    later = pc.add(pc.indices_nonzero(changed), 1)
    return pa.concat_arrays([pa.array([0], pa.uint64()), later.cast(pa.uint64())]).cast(pa.int64())


class Compiled(NamedTuple):
    releases: pa.Table  # ocid, data: the compiled releases of a batch
    first_values: pa.Table  # ocid, contract_id, first_value: the first contract values taken while merging
    first_done: pa.Array  # the ocids whose first values those are (loaders/first_values.sql computes the others)


def compile_groups(ocids: pa.Array, texts: pa.Array) -> Compiled:
    """The compiled release of each ocid of a sorted batch, natively where the library is built."""
    starts = group_starts(ocids)
    group_ocids = ocids.take(starts)
    if not native.available():
        return Compiled(_table(group_ocids, python_compiled(group_ocids, texts, starts)), *_no_first_values())
    batch = native.compile_batch(texts, starts)
    first_values = batch.first_values
    first_values = first_values.set_column(
        0, "ocid", group_ocids.take(first_values.column("group")).cast(pa.large_string())
    )
    done = group_ocids.filter(pa.array(list(batch.first_done), pa.uint8()).cast(pa.bool_())).cast(pa.large_string())
    if not batch.messages:
        return Compiled(_table(group_ocids, batch.texts), first_values, done)
    compiled = batch.texts.to_pylist()
    for group, message in batch.messages.items():
        ocid = group_ocids[group].as_py()
        if batch.statuses[group] != native.CONFLICT:
            raise MalformedRelease(ocid, message)
        compiled[group] = _python_compile(ocid, _group_texts(texts, starts, group))
    return Compiled(_table(group_ocids, pa.array(compiled, pa.large_string())), first_values, done)


def _no_first_values() -> tuple[pa.Table, pa.Array]:
    table = pa.table(
        {
            "ocid": pa.array([], pa.large_string()),
            "contract_id": pa.array([], pa.string()),
            "first_value": pa.array([], pa.float64()),
        }
    )
    return table, pa.array([], pa.large_string())


def malformed_line_message(con: duckdb.DuckDBPyConnection, error: MalformedRelease) -> str:
    """Name the file and line of a malformed release, as the Python reader does, from where it was stored."""
    if error.position is None:
        return str(error)
    ((location, release),) = con.execute(LOCATE_RELEASE, [error.ocid, error.position - 1]).fetchall()
    return (
        f"{location}, {_line_name(Path(location), release)}: malformed JSON ({error.detail}). Fix or remove that "
        "line and load the file again."
    )


def _line_name(path: Path, release: int) -> str:
    """'line N' of the file's `release`-th release (a JSON lines file stores one per non-blank line); for a
    source that is no longer a local file (a URL), which release it is."""
    if path.is_file():
        with path.open("rb") as stream:
            non_blank = (number for number, line in enumerate(stream, 1) if line.strip())
            for _ in range(release - 1):
                next(non_blank, None)
            number = next(non_blank, None)
            if number is not None:
                return f"line {number}"
    return f"release {release}"


def python_compiled(group_ocids: pa.Array, texts: pa.Array, starts: pa.Array) -> pa.Array:
    return pa.array(
        [
            _python_compile(ocid, _group_texts(texts, starts, group))
            for group, ocid in enumerate(group_ocids.to_pylist())
        ],
        pa.large_string(),
    )


def _group_texts(texts: pa.Array, starts: pa.Array, group: int) -> pa.Array:
    """The release texts of one group: from its start to the next group's (or the batch's end)."""
    start = starts[group].as_py()
    end = starts[group + 1].as_py() if group + 1 < len(starts) else len(texts)
    return texts.slice(start, end - start)


def _python_compile(ocid: str, texts: pa.Array) -> str:
    releases = [_parsed(ocid, text, index, len(texts)) for index, text in enumerate(texts.to_pylist())]
    try:
        return orjson.dumps(compile_releases(releases)).decode()
    except Exception as error:  # ocdsmerge raises on releases whose shapes contradict each other
        raise LoaderError(
            f"ocid {ocid}: its releases cannot be merged ({error}). Fix the publisher's data for this ocid or leave "
            "out the file that holds the inconsistent release."
        ) from error


def _parsed(ocid: str, text: str, index: int, count: int) -> dict[str, Any]:
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError as error:  # worded as the native parser words it
        raise MalformedRelease(ocid, f"release {index + 1} of {count} of this ocid: {error}") from error


def _table(ocids: pa.Array, texts: pa.Array) -> pa.Table:
    data = pa.ExtensionArray.from_storage(COMPILED_TEXT, texts.cast(pa.large_string()))
    return pa.table({"ocid": ocids.cast(pa.large_string()), "data": data})
