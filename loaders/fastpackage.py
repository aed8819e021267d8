"""Release packages of OCDS 1.1 stored at JSON lines speed: split natively into JSON lines, then stored by DuckDB.

The Python reader (loaders/readers.py) streams a package with ijson and re-serialises every release: about ten
times slower than JSON lines, and gigabytes of memory at 100k processes. Here the native library
(native/painel_merge/src/split.rs) reads the package in chunks and writes each element of `releases` as one line of
a temporary file, which loaders/fastlines.py stores like any JSON lines file (checking every release). The package's
other members come back as a small JSON object, read by the Python path's own `package_metadata`.

Anything else returns None and the caller reads the file with Python, which gives the precise error message, reads
records, upgrades OCDS 1.0, or skips and counts what is not a release: a file the splitter refuses (malformed or
truncated JSON, no `releases` array, `records`, a version other than "1.1", an element that is not an object), or
a release fastlines does not take. Without the native library, every package goes to Python.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import duckdb
import ijson
import pyarrow as pa

from loaders import native
from loaders.fastlines import store_release_lines
from loaders.readers import Document, PackageMeta, ReadStats, package_metadata


def store_release_package(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    source_id: int,
    first_seq: int,
    lines: Path,
    indexed: Callable[[Path], pa.RecordBatchReader | None] = lambda lines: None,
) -> ReadStats | None:
    """Store every release of the package at `path` (split into the JSON lines file `lines`, which the caller
    removes; `indexed(lines)` gives the stream of its lines from their native index, if any) and return what the
    Python reader would count (releases, publisher, license); None (nothing stored) if the file does not qualify,
    so the caller reads it with Python."""
    if not native.available():
        return None
    package = native.split_package(path, lines)
    if package.refusal is not None:
        return None
    meta = read_metadata(path, package.metadata)
    if meta is None:
        return None
    stored = store_release_lines(con, lines, source_id, first_seq, indexed(lines))
    if stored is None:
        return None
    return ReadStats(releases=stored, publisher=meta.publisher, license=meta.license)


def read_metadata(path: Path, metadata: bytes) -> PackageMeta | None:
    """The package's publisher and license as the Python reader reads them; None if the metadata is malformed."""
    document = Document(str(path), lambda: io.BytesIO(metadata))
    try:
        return package_metadata(document)
    except (ijson.JSONError, UnicodeDecodeError):
        return None
