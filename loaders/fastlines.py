"""JSON lines of OCDS 1.1 releases, stored by DuckDB itself: no Python object per release on the way in.

DuckDB reads newline-delimited JSON several times faster than Python parses it. A file qualifies only when every
line is a release that the Python reader would store unchanged: an object with `parties` (so OCDS 1.1: nothing to
upgrade), a non-empty string `ocid`, a string `date`, and not a package, record, compiled or linked release. Any
other file, or a malformed one, goes through the Python reader (loaders/readers.py), which names the bad line.

Each line is parsed once: one `json_extract` with a list of paths gives every member the checks need (an explicit
`null` comes back as the JSON text 'null', a missing member as SQL NULL). Calling a json_* function per member would
parse the line once per call: ten times slower on a 1 GB file.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

MEMBERS = """
SELECT
    json,
    json_extract(json, ['$.ocid', '$.id', '$.date', '$.tag', '$.parties', '$.releases', '$.records',
                        '$.compiledRelease', '$.url']) AS m
FROM read_ndjson_objects(?)
"""

# Lines the fast path cannot store as they are (the Python reader would upgrade, unpack or skip them).
CHECK = f"""
SELECT count(*) AS lines, count(*) FILTER (WHERE NOT coalesce(
    m[5] IS NOT NULL  -- `parties` exists, so the line is an object
    AND m[6] IS NULL AND m[7] IS NULL AND m[8] IS NULL
    AND json_type(m[1]) = 'VARCHAR' AND m[1] ->> '$' <> ''
    AND json_type(m[3]) = 'VARCHAR'
    AND NOT (json_type(m[4]) = 'ARRAY' AND json_contains(m[4], '"compiled"'))
    AND NOT (m[9] IS NOT NULL AND len(json_keys(json)) <= 3),
    false)) AS others
FROM ({MEMBERS})
"""

INSERT = f"""
INSERT INTO releases
SELECT
    m[1] ->> '$',
    coalesce(m[2] ->> '$', ''),
    m[3] ->> '$',
    CASE json_type(m[4])
        WHEN 'ARRAY' THEN from_json(m[4], '["VARCHAR"]')
        WHEN 'VARCHAR' THEN [m[4] ->> '$']
    END,
    $source_id,
    $first_seq + row_number() OVER () - 1,
    json
FROM ({MEMBERS.replace("?", "$path")})
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
