"""JSON lines of OCDS 1.1 releases, stored by DuckDB itself: no Python object per release on the way in.

DuckDB reads newline-delimited JSON several times faster than Python parses it. A file qualifies only when every
line is a release that the Python reader would store unchanged: an object with `parties` (so OCDS 1.1: nothing to
upgrade), a non-empty string `ocid`, a string `date`, and not a package, record, compiled or linked release. Any
other file, or a malformed one, goes through the Python reader (loaders/readers.py), which names the bad line.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

# Lines the fast path cannot store as they are (the Python reader would upgrade, unpack or skip them).
CHECK = """
SELECT count(*) AS lines, count(*) FILTER (WHERE NOT coalesce(
    json_type(json) = 'OBJECT'
    AND json_exists(json, '$.parties')
    AND NOT json_exists(json, '$.releases')
    AND NOT json_exists(json, '$.records')
    AND NOT json_exists(json, '$.compiledRelease')
    AND json_type(json, '$.ocid') = 'VARCHAR' AND json ->> '$.ocid' <> ''
    AND json_type(json, '$.date') = 'VARCHAR'
    AND NOT (json_type(json, '$.tag') = 'ARRAY' AND json_contains(json -> '$.tag', '"compiled"'))
    AND NOT (json_exists(json, '$.url') AND len(json_keys(json)) <= 3),
    false)) AS others
FROM read_ndjson_objects(?)
"""

INSERT = """
INSERT INTO releases
SELECT
    json ->> '$.ocid',
    coalesce(json ->> '$.id', ''),
    json ->> '$.date',
    CASE json_type(json, '$.tag')
        WHEN 'ARRAY' THEN from_json(json -> '$.tag', '["VARCHAR"]')
        WHEN 'VARCHAR' THEN [json ->> '$.tag']
    END,
    $source_id,
    $first_seq + row_number() OVER () - 1,
    json
FROM read_ndjson_objects($path)
"""


def store_release_lines(con: duckdb.DuckDBPyConnection, path: Path, source_id: int, first_seq: int) -> int | None:
    """Store every line of `path` as a release and return how many; None (nothing stored) if the file does not
    qualify, so the caller reads it with Python."""
    try:  # on a cursor of its own: a file DuckDB cannot parse must not abort the load's transaction
        ((lines, others),) = con.cursor().execute(CHECK, [str(path)]).fetchall()
    except duckdb.Error:
        return None  # the Python reader will name the malformed line
    if others or not lines:
        return None
    con.execute(INSERT, {"source_id": source_id, "first_seq": first_seq, "path": str(path)})
    con.execute("INSERT OR IGNORE INTO touched SELECT DISTINCT ocid FROM releases WHERE source_id = ?", [source_id])
    return lines
