"""JSON lines of OCDS 1.1 releases, stored by DuckDB itself: no Python object per release on the way in.

DuckDB parses JSON several times faster than Python. A file qualifies only when every line is a release that the
Python reader would store unchanged: an object with `parties` (so OCDS 1.1: nothing to upgrade), a non-empty string
`ocid`, a string `date`, and not a package, record, compiled or linked release. Any other file, or a malformed one,
goes through the Python reader (loaders/readers.py), which names the bad line.

DuckDB reads the lines from the native index of the file (loaders/compile.py, ReleaseFiles.lines), which numbers
them: both cores parse and compress them. Without the native library it reads the file itself
(`read_ndjson_objects`), numbering the lines with a window that keeps the whole statement on one core: at 100k
processes 5.8 s, against 3.2 s from the index.

From the index, each line is read once, natively, on both cores (native.release_fields): DuckDB stores what that
read found and the text as JSON, parsing nothing (at 100k processes the store took 4.5 CPU seconds, against 6.9
when DuckDB parsed each line twice). A line that read does not settle ("not plain": malformed at the top level, or
a value DuckDB writes its own way) is read by the SQL below, as every line of a file without the index is: one
`json_extract` with a list of paths gives every member the checks need (an explicit `null` comes back as the JSON
text 'null', a missing member as SQL NULL); a json_* function per member would parse the line once per call.

Every line is inserted, a line that does not qualify with `seq` -1; if there is any, the file's rows are deleted
again and the caller reads it with Python. Checking first and inserting after would read a 10 GB file twice.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa

from loaders.database import run_on_arrow

INSERT = """
INSERT INTO releases
SELECT
    if(plain, ocid, coalesce(m[1] ->> '$', '')),
    if(plain, release_id, coalesce(m[2] ->> '$', '')),
    if(plain, date, m[3] ->> '$'),
    if(plain, tag, CASE json_type(m[4])
        WHEN 'ARRAY' THEN from_json(m[4], '["VARCHAR"]')
        WHEN 'VARCHAR' THEN [m[4] ->> '$']
    END),
    $source_id,
    CASE WHEN if(plain, qualifies, coalesce(
        m[5] IS NOT NULL  -- `parties` exists, so the line is an object
        AND m[6] IS NULL AND m[7] IS NULL AND m[8] IS NULL  -- not a package, record or compiled release
        AND json_type(m[1]) = 'VARCHAR' AND m[1] ->> '$' <> ''
        AND json_type(m[3]) = 'VARCHAR'
        AND NOT coalesce(json_type(m[4]) = 'ARRAY' AND json_contains(m[4], '"compiled"'), false)  -- no tag: NULL
        AND NOT (m[9] IS NOT NULL AND len(json_keys(json)) <= 3),  -- a linked release: url plus a few members
        false)) THEN $first_seq + line - 1 ELSE -1 END,
    coalesce(if(plain, data, json), 'null')  -- a line that does not qualify (malformed: NULL) is deleted again
FROM (
    SELECT
        *,
        json_extract(json, ['$.ocid', '$.id', '$.date', '$.tag', '$.parties', '$.releases', '$.records',
                            '$.compiledRelease', '$.url']) AS m
    FROM ({lines})
)
"""
# The lines with their 1-based numbers: from the native index's stream (`staging`, whose plain lines come parsed:
# native.release_fields), or from the file.
FROM_INDEX = "SELECT *, if(plain, NULL, TRY_CAST(text AS JSON)) AS json FROM staging"
FROM_FILE = """
SELECT
    json,
    row_number() OVER () AS line,
    false AS plain,
    NULL::BOOLEAN AS qualifies,
    NULL::VARCHAR AS ocid,
    NULL::VARCHAR AS release_id,
    NULL::VARCHAR AS date,
    NULL::VARCHAR[] AS tag,
    NULL::JSON AS data
FROM read_ndjson_objects($path, ignore_errors = true)
"""

COUNT = "SELECT count(*), count(*) FILTER (WHERE seq < 0) FROM releases WHERE source_id = ?"


def store_release_lines(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    source_id: int,
    first_seq: int,
    lines: pa.RecordBatchReader | None = None,
) -> int | None:
    """Store every line of `path` as a release and return how many; None (nothing stored) if the file does not
    qualify, so the caller reads it with Python. `lines` is the file's stream from its native index, when there is
    one. The caller adds the releases' ocids to `touched`."""
    values = {"source_id": source_id, "first_seq": first_seq}
    if lines is None:
        con.execute(INSERT.format(lines=FROM_FILE), {**values, "path": str(path)})
    else:
        run_on_arrow(con, lines, INSERT.format(lines=FROM_INDEX), parameters=values)
    ((stored, others),) = con.execute(COUNT, [source_id]).fetchall()
    if others or not stored:
        unstore_release_lines(con, source_id)
        return None
    return stored


def unstore_release_lines(con: duckdb.DuckDBPyConnection, source_id: int) -> None:
    """Take out again what store_release_lines stored for `source_id`."""
    con.execute("DELETE FROM releases WHERE source_id = ?", [source_id])
