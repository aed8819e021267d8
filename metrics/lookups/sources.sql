-- sources: every file or URL read by a load, newest first, with what it held and why anything was skipped.
SELECT
    location,
    publisher,
    fetched_at,
    releases,
    records,
    compiled,
    skipped,
    status,
    license,
    message
FROM sources
ORDER BY fetched_at DESC, source_id;
