"""The compiled-release merge in native code (native/painel_merge, Rust): loaders/merge.py's rules on JSON texts.

`compile_batch` compiles many ocids in one call, from the release texts as stored (no Python object per release),
and returns the compiled texts as a pyarrow array. Each ocid gets a status: OK, CONFLICT (compile_fast would raise
`Conflict`, or the releases are outside what the port handles, e.g. dates that are not strings: merge that ocid
with loaders.compile.compile_releases) or ERROR (a release is malformed JSON; the message says which and where).
The call releases the GIL and shares nothing, so two threads compile at once on two cores.

`extract_leaves` reads each compiled release once into the leaf tables loaders/flatten.sql and derived.sql read
(native/painel_merge/src/leaves.rs); loaders/leaves.sql makes the same tables in SQL without the library.

`release_fields` reads what the store of a JSON lines file needs of each line (loaders/fastlines.py).

`split_package` writes a release package's releases as JSON lines, reading the file in chunks (loaders/fastpackage.py).

`LineFiles` indexes JSON lines files and reads given lines back, for the compile (loaders/compile.py).

The library is built by `./painel` (and the tests) with `build_library()`; without cargo it is absent,
`available()` is False, and the loader uses the Python merge.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeVar

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

THREADS = 2  # native calls release the GIL: one batch per core
CRATE = Path(__file__).resolve().parent.parent / "native" / "painel_merge"
LIBRARY = CRATE / "target" / "release" / "libpainel_merge.so"

OK, CONFLICT, ERROR = 0, 1, 2
NOT_PLAIN, PLAIN, QUALIFIES = 0, 1, 2  # a line's status from release_fields (fields.rs)
T, R = TypeVar("T"), TypeVar("R")


class CompiledBatch(NamedTuple):
    texts: pa.LargeStringArray  # one compiled release per group ("" unless its status is OK)
    statuses: bytes  # one of OK, CONFLICT, ERROR per group
    messages: dict[int, str]  # group index → why it is CONFLICT or ERROR
    # Each contract's first value (loaders/first_values.sql's rule), for the groups with first_done[group] == 1:
    # columns group, contract_id, first_value (native/painel_merge/src/first_values.rs).
    first_values: pa.Table
    first_done: bytes


class _BatchView(ctypes.Structure):
    _fields_ = [
        ("offsets", ctypes.c_void_p),
        ("data", ctypes.c_void_p),
        ("data_len", ctypes.c_int64),
        ("statuses", ctypes.c_void_p),
        ("message_offsets", ctypes.POINTER(ctypes.c_int64)),
        ("message_data", ctypes.c_void_p),
        ("message_len", ctypes.c_int64),
        ("first_done", ctypes.c_void_p),
        ("first_rows", ctypes.c_int64),
        ("first_group", ctypes.c_void_p),
        ("first_id_valid", ctypes.c_void_p),
        ("first_id_offsets", ctypes.c_void_p),
        ("first_id_data", ctypes.c_void_p),
        ("first_id_len", ctypes.c_int64),
        ("first_amount", ctypes.c_void_p),
    ]


class _BufferView(ctypes.Structure):
    _fields_ = [("data", ctypes.c_void_p), ("len", ctypes.c_int64)]


class _FieldsView(ctypes.Structure):
    _fields_ = [("buffers", ctypes.POINTER(_BufferView)), ("count", ctypes.c_int64)]


class _LeavesView(ctypes.Structure):
    _fields_ = [
        ("error_index", ctypes.c_int64),
        ("error", ctypes.c_void_p),
        ("error_len", ctypes.c_int64),
        ("rows", ctypes.POINTER(ctypes.c_int64)),
        ("buffers", ctypes.POINTER(_BufferView)),
        ("buffer_count", ctypes.c_int64),
    ]


class MalformedCompiled(ValueError):
    """A compiled release the strict parser refuses (e.g. one published with NaN); `index` is its place."""

    def __init__(self, index: int, message: str):
        self.index = index
        super().__init__(f"compiled release {index}: {message}")


class PackageSplit(NamedTuple):
    releases: int  # lines written
    metadata: bytes  # the package's other members (publisher, license, version...) as one JSON object
    refusal: str | None  # why the file was not split (then read it with Python); None if it was


class _SplitView(ctypes.Structure):
    _fields_ = [
        ("releases", ctypes.c_int64),
        ("metadata", ctypes.c_void_p),
        ("metadata_len", ctypes.c_int64),
        ("refusal", ctypes.c_void_p),
        ("refusal_len", ctypes.c_int64),
    ]


def in_order(function: Callable[[T], R], items: Iterable[T], threads: int = THREADS) -> Iterator[R]:
    """function(item) for each item, computed on `threads` threads and yielded in the items' order. At most
    2 × threads items are pending at once, so memory stays bounded however many come."""
    with ThreadPoolExecutor(threads) as pool:
        pending: deque[Future[R]] = deque()
        for item in items:
            if len(pending) >= 2 * threads:
                yield pending.popleft().result()
            pending.append(pool.submit(function, item))
        while pending:
            yield pending.popleft().result()


def batch_rows(rows: int, largest: int) -> int:
    """Rows per batch of a stream of about `rows` rows given to in_order: `largest`, or fewer so that a small stream
    still gives every thread work (a 1% load at 100k processes made one batch of each stream, run on one core)."""
    return max(1, min(largest, -(-rows // (2 * THREADS))))


def available() -> bool:
    """Whether the library is built and loads."""
    try:
        _library()
    except OSError:
        return False
    return True


def compile_batch(texts: pa.Array | pa.ChunkedArray, group_starts) -> CompiledBatch:
    """Compile each group of releases: `texts` sorted by ocid then load order, `group_starts` the index of each
    ocid's first release (the first is 0; every group non-empty)."""
    import pyarrow as pa

    texts = _large_strings(texts)
    starts = pa.array(group_starts, type=pa.int64())
    _, offsets, data = texts.buffers()
    library = _library()
    view = library.painel_merge_compile(
        _rules(),
        offsets.address + 8 * texts.offset,
        data.address if data is not None else None,
        len(texts),
        starts.buffers()[1].address + 8 * starts.offset if len(starts) else None,
        len(starts),
    )
    if not view:
        raise ValueError("group starts must begin at 0, ascend strictly and stay below the number of texts")
    return _read_batch(view, len(starts))


def extract_leaves(texts: pa.Array | pa.ChunkedArray) -> dict[str, pa.Table]:
    """The leaf tables of compiled release texts, by name; each row's `release` is the index of its text.

    The tables' buffers stay in the library's memory (freed when the last array using them goes). Raises
    MalformedCompiled for a text that is not valid JSON."""
    import pyarrow as pa

    offsets, data = _text_buffers(texts)
    library = _library()
    view = library.painel_leaves_extract(
        offsets.ctypes.data, data.address if data is not None else None, len(offsets) - 1
    )
    if not view:
        raise ValueError("inconsistent text offsets")
    owner = _Leaves(view)
    fields = owner.fields
    if fields.error_index >= 0:
        raise MalformedCompiled(fields.error_index, ctypes.string_at(fields.error, fields.error_len).decode())
    buffers = iter(
        pa.foreign_buffer(fields.buffers[i].data, fields.buffers[i].len, base=owner) for i in range(fields.buffer_count)
    )
    return {
        table: pa.table({name: _leaf_column(kind, fields.rows[index], buffers) for name, kind in columns})
        for index, (table, columns) in enumerate(leaf_schema().items())
    }


@cache
def release_fields_schema() -> pa.Schema:
    """The columns release_fields gives."""
    import pyarrow as pa

    return pa.schema(
        {
            "plain": pa.bool_(),
            "qualifies": pa.bool_(),
            "ocid": pa.string(),
            "release_id": pa.string(),
            "date": pa.string(),
            "tag": pa.list_(pa.string()),
            "data": pa.json_(pa.large_string()),
        }
    )


def release_fields(texts: pa.LargeStringArray) -> pa.RecordBatch:
    """What loaders/fastlines.py stores of each JSON line, from one native read (native/painel_merge/src/fields.rs):
    `plain` (the read settles this line; else the SQL reads its text), `qualifies`, ocid, release_id, date, tag, and
    `data`, the text typed as JSON where the line qualifies (else null), which DuckDB stores without parsing it: the
    compile of the same load parses it strictly."""
    import numpy as np
    import pyarrow as pa

    texts = _large_strings(texts)
    if texts.offset:
        texts = pa.concat_arrays([texts])  # the validity of `data` below starts at the buffers' first text
    offsets, data = _text_buffers(texts)
    library = _library()
    view = library.painel_fields_extract(offsets.ctypes.data, data.address if data is not None else None, len(texts))
    if not view:
        raise ValueError("inconsistent text offsets, or an internal error in the native fields")
    owner = _Fields(view)
    fields = owner.fields
    buffers = iter(
        pa.foreign_buffer(fields.buffers[i].data, fields.buffers[i].len, base=owner) for i in range(fields.count)
    )
    rows = len(texts)
    statuses = np.frombuffer(next(buffers), dtype=np.uint8, count=rows)
    ocid, release_id, date = (
        pa.Array.from_buffers(pa.string(), rows, [next(buffers), next(buffers), next(buffers)]) for _ in range(3)
    )
    tag_valid, tag_offsets = next(buffers), next(buffers)
    tag_count = int(np.frombuffer(tag_offsets, dtype=np.int32)[-1])
    tags = pa.Array.from_buffers(pa.string(), tag_count, [next(buffers), next(buffers), next(buffers)])
    tag = pa.Array.from_buffers(pa.list_(pa.string()), rows, [tag_valid, tag_offsets], children=[tags])
    _, text_offsets, text_data = texts.buffers()
    qualifies = pa.array(statuses == QUALIFIES)
    valid_texts = pa.Array.from_buffers(pa.large_string(), rows, [qualifies.buffers()[1], text_offsets, text_data])
    data = pa.ExtensionArray.from_storage(pa.json_(pa.large_string()), valid_texts)
    plain = pa.array(statuses != NOT_PLAIN)
    return pa.record_batch([plain, qualifies, ocid, release_id, date, tag, data], schema=release_fields_schema())


def _text_buffers(texts: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, pa.Buffer | None]:
    """Int64 offsets and the data of a string array, without copying its texts (a large_string cast would)."""
    import numpy as np
    import pyarrow as pa

    if isinstance(texts, pa.ChunkedArray):
        texts = texts.combine_chunks()
    if texts.null_count:
        raise ValueError("a release text is null")
    if texts.type not in (pa.string(), pa.large_string()):
        texts = texts.cast(pa.large_string())
    _, offsets, data = texts.buffers()
    width = np.int32 if texts.type == pa.string() else np.int64
    bounds = np.frombuffer(offsets, dtype=width, count=len(texts) + 1, offset=texts.offset * np.dtype(width).itemsize)
    return bounds.astype(np.int64), data


def _leaf_column(kind: str, rows: int, buffers: Iterator[pa.Buffer]) -> pa.Array:
    """One column of a leaf table from its buffers (leaves.rs: leaf_buffers gives them in this order)."""
    import pyarrow as pa

    leaf = pa.struct([("t", pa.string()), ("v", pa.string())])
    if kind in ("Release", "Int"):
        return pa.Array.from_buffers(pa.int64(), rows, [next(buffers), next(buffers)])
    if kind == "Bool":
        return pa.Array.from_buffers(pa.bool_(), rows, [next(buffers), next(buffers)])
    if kind == "Text":
        return pa.Array.from_buffers(pa.string(), rows, [next(buffers), next(buffers), next(buffers)])
    if kind == "Leaf":
        return _leaves(leaf, rows, buffers)
    valid, offsets = next(buffers), next(buffers)
    elements = int.from_bytes(offsets[offsets.size - 4 :].to_pybytes(), "little", signed=True)
    child = _leaves(leaf, elements, buffers)
    return pa.Array.from_buffers(pa.list_(leaf), rows, [valid, offsets], children=[child])


def _leaves(leaf: pa.DataType, rows: int, buffers: Iterator[pa.Buffer]) -> pa.Array:
    import pyarrow as pa

    valid = next(buffers)
    types = pa.Array.from_buffers(pa.string(), rows, [next(buffers), next(buffers), next(buffers)])
    values = pa.Array.from_buffers(pa.string(), rows, [next(buffers), next(buffers), next(buffers)])
    return pa.Array.from_buffers(leaf, rows, [valid], children=[types, values])


@cache
def leaf_schema() -> dict[str, list[tuple[str, str]]]:
    """Table → [(column, kind)], as native/painel_merge/src/leaves.rs declares them."""
    text = ctypes.string_at(_library().painel_leaves_schema()).decode()
    tables: dict[str, list[tuple[str, str]]] = {}
    for line in text.splitlines():
        table, column, kind = line.split("\t")
        tables.setdefault(table, []).append((column, kind))
    return tables


class _Owned:
    """Owns one result of the library (a VIEW at `view`); frees it with the library's FREE when garbage."""

    VIEW: type[ctypes.Structure]
    FREE: str

    def __init__(self, view: int):
        self.view = view
        self.fields = self.VIEW.from_address(view)
        self.free = getattr(_library(), self.FREE)  # held: module globals may be gone at exit

    def __del__(self):
        self.free(self.view)


class _Fields(_Owned):
    VIEW, FREE = _FieldsView, "painel_fields_free"


class _Leaves(_Owned):
    VIEW, FREE = _LeavesView, "painel_leaves_free"


def split_package(package: Path, lines: Path) -> PackageSplit:
    """Write each element of the release package's `releases` as one line of `lines` (created or truncated), in
    bounded memory. Refused (nothing to use in `lines`) unless the file is a JSON object with a `releases` array of
    valid JSON objects, version "1.1", and neither `records` nor `ocid` (native/painel_merge/src/split.rs)."""
    library = _library()
    source, target = os.fsencode(package), os.fsencode(lines)
    view = library.painel_split_package(source, len(source), target, len(target))
    try:
        fields = _SplitView.from_address(view)
        refusal = ctypes.string_at(fields.refusal, fields.refusal_len).decode() if fields.refusal_len else None
        metadata = ctypes.string_at(fields.metadata, fields.metadata_len)
        return PackageSplit(fields.releases, metadata, refusal)
    finally:
        library.painel_split_free(view)


class LineFiles:
    """JSON lines files indexed natively (native/painel_merge/src/lines.rs), whose lines are read back by number:
    the non-blank lines of every file added, in order, as DuckDB's `read_ndjson_objects` numbers its rows."""

    def __init__(self):
        self._library = _library()
        self._set = self._library.painel_lines_new()

    def add(self, path: Path) -> int:
        """Index the file's lines after those added before; return how many it has."""
        encoded = os.fsencode(path)
        count = self._library.painel_lines_add(self._set, encoded, len(encoded))
        if count < 0:
            raise OSError(f"{path}: cannot read the file to index its lines")
        return count

    def lengths(self, lines: np.ndarray) -> np.ndarray:
        """The lengths in bytes of the given line numbers (int64), in that order."""
        import numpy as np

        lines = np.ascontiguousarray(lines, dtype=np.int64)
        lengths = np.empty(len(lines), dtype=np.int64)
        if self._library.painel_lines_lengths(self._set, lines.ctypes.data, len(lines), lengths.ctypes.data):
            raise ValueError("a line number beyond the indexed files")
        return lengths

    def read(self, lines: np.ndarray) -> pa.LargeStringArray:
        """The texts of the given line numbers (int64), in that order."""
        import numpy as np
        import pyarrow as pa

        lines = np.ascontiguousarray(lines, dtype=np.int64)
        lengths = self.lengths(lines)
        offsets = np.zeros(len(lines) + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
        data = pa.allocate_buffer(int(offsets[-1]))
        if self._library.painel_lines_read(self._set, lines.ctypes.data, len(lines), offsets.ctypes.data, data.address):
            raise OSError("an indexed JSON lines file can no longer be read")
        return pa.Array.from_buffers(pa.large_string(), len(lines), [None, pa.py_buffer(offsets), data])

    def close(self) -> None:
        if self._set:
            self._library.painel_lines_free(self._set)
            self._set = None


def _large_strings(texts) -> pa.LargeStringArray:
    import pyarrow as pa

    if isinstance(texts, pa.ChunkedArray):
        texts = texts.combine_chunks()
    if texts.type != pa.large_string():
        texts = texts.cast(pa.large_string())
    if texts.null_count:
        raise ValueError("a release text is null")
    return texts


def _read_batch(view: ctypes.c_void_p, groups: int) -> CompiledBatch:
    """The compiled texts stay in the library's memory (freed when the last array using them goes)."""
    import pyarrow as pa

    owner = _Batch(view)
    fields = owner.fields
    offsets = pa.foreign_buffer(fields.offsets, 8 * (groups + 1), base=owner)
    data = pa.foreign_buffer(fields.data, fields.data_len, base=owner)
    texts = pa.Array.from_buffers(pa.large_string(), groups, [None, offsets, data])
    statuses = ctypes.string_at(fields.statuses, groups)
    messages = {}
    if fields.message_len:
        message_data = ctypes.string_at(fields.message_data, fields.message_len)
        bounds = fields.message_offsets
        for group, status in enumerate(statuses):
            if status != OK:
                messages[group] = message_data[bounds[group] : bounds[group + 1]].decode()
    return CompiledBatch(texts, statuses, messages, _first_values(owner), ctypes.string_at(fields.first_done, groups))


def _first_values(owner: _Batch) -> pa.Table:
    """The batch's first contract values as a table, copied out of the library's memory (they are few)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    fields, rows = owner.fields, owner.fields.first_rows
    valid = np.ctypeslib.as_array((ctypes.c_uint8 * rows).from_address(fields.first_id_valid)).astype(bool)
    offsets = np.ctypeslib.as_array((ctypes.c_int64 * (rows + 1)).from_address(fields.first_id_offsets))
    ids = pa.Array.from_buffers(
        pa.large_string(),
        rows,
        [None, pa.py_buffer(offsets.copy()), pa.py_buffer(ctypes.string_at(fields.first_id_data, fields.first_id_len))],
    )
    return pa.table(
        {
            "group": np.ctypeslib.as_array((ctypes.c_int64 * rows).from_address(fields.first_group)).copy(),
            "contract_id": pc.if_else(pa.array(valid), ids, None).cast(pa.string()),
            "first_value": np.ctypeslib.as_array((ctypes.c_double * rows).from_address(fields.first_amount)).copy(),
        }
    )


class _Batch:
    """Owns one result of painel_merge_compile; frees it when garbage."""

    def __init__(self, view: int):
        self.view = view
        self.fields = _BatchView.from_address(view)
        self.free = _library().painel_merge_batch_free  # held: module globals may be gone at exit

    def __del__(self):
        self.free(self.view)


@cache
def _library() -> ctypes.CDLL:
    library = ctypes.CDLL(str(LIBRARY))  # CDLL (not PyDLL): calls release the GIL
    try:
        return _declared(library)
    except AttributeError as missing:  # built from older sources: as good as absent until ./painel rebuilds it
        raise OSError(f"{LIBRARY} lacks a function ({missing}): rebuild it with ./painel") from missing


def _declared(library: ctypes.CDLL) -> ctypes.CDLL:
    library.painel_merge_rules_new.restype = ctypes.c_void_p
    library.painel_merge_rules_new.argtypes = [ctypes.c_char_p, ctypes.c_size_t]
    library.painel_merge_compile.restype = ctypes.c_void_p
    library.painel_merge_compile.argtypes = [ctypes.c_void_p] * 3 + [ctypes.c_int64, ctypes.c_void_p, ctypes.c_int64]
    library.painel_merge_batch_free.restype = None
    library.painel_merge_batch_free.argtypes = [ctypes.c_void_p]
    library.painel_split_package.restype = ctypes.c_void_p
    library.painel_split_package.argtypes = [ctypes.c_char_p, ctypes.c_size_t] * 2
    library.painel_split_free.restype = None
    library.painel_split_free.argtypes = [ctypes.c_void_p]
    library.painel_leaves_schema.restype = ctypes.c_void_p
    library.painel_leaves_schema.argtypes = []
    library.painel_leaves_extract.restype = ctypes.c_void_p
    library.painel_leaves_extract.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int64]
    library.painel_leaves_free.restype = None
    library.painel_leaves_free.argtypes = [ctypes.c_void_p]
    library.painel_fields_extract.restype = ctypes.c_void_p
    library.painel_fields_extract.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int64]
    library.painel_fields_free.restype = None
    library.painel_fields_free.argtypes = [ctypes.c_void_p]
    library.painel_lines_new.restype = ctypes.c_void_p
    library.painel_lines_new.argtypes = []
    library.painel_lines_add.restype = ctypes.c_int64
    library.painel_lines_add.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t]
    library.painel_lines_lengths.restype = ctypes.c_int32
    library.painel_lines_lengths.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int64, ctypes.c_void_p]
    library.painel_lines_read.restype = ctypes.c_int32
    library.painel_lines_read.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int64] + [ctypes.c_void_p] * 2
    library.painel_lines_free.restype = None
    library.painel_lines_free.argtypes = [ctypes.c_void_p]
    return library


@cache
def _rules() -> int:
    """ocdsmerge's merge rules for the bundled schema, given to the library once (kept for the process)."""
    from loaders.merge import MERGE_RULES

    encoded = MERGE_RULES.read_bytes()
    rules = _library().painel_merge_rules_new(encoded, len(encoded))
    if not rules:
        raise ValueError("the native merge refused the merge rules")
    return rules


def cargo() -> str | None:
    """cargo on PATH, or where rustup puts it."""
    found = shutil.which("cargo")
    if found:
        return found
    home = Path(os.environ.get("CARGO_HOME", Path.home() / ".cargo")) / "bin" / "cargo"
    return str(home) if home.is_file() else None


def build_library() -> bool:
    """Build the library if it is missing or older than its sources; False if cargo is not installed.

    Raises subprocess.CalledProcessError if cargo fails (the tests must fail then, not skip).
    """
    found = cargo()
    if found is None:
        return False
    sources = [CRATE / "Cargo.toml", *(CRATE / "src").rglob("*.rs")]
    newest_source = max(path.stat().st_mtime for path in sources)
    if LIBRARY.exists() and LIBRARY.stat().st_mtime >= newest_source:
        return True
    environment = {**os.environ, "PATH": f"{Path(found).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    subprocess.run([found, "build", "--release", "--offline", "--quiet"], cwd=CRATE, env=environment, check=True)
    return True


def main() -> int:
    """`python -m loaders.native build` (what ./painel runs)."""
    if sys.argv[1:] != ["build"]:
        print("usage: python -m loaders.native build", file=sys.stderr)
        return 2
    try:
        built = build_library()
    except subprocess.CalledProcessError:
        print("native merge: cargo build failed (output above); the loader will use the slower Python merge")
        return 1
    if not built:
        print("native merge: cargo not found; the loader will use the slower Python merge (install Rust to build it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
