-- field_coverage: for each publisher, stage and key OCDS field, how many processes publish it (non-empty), the
-- share of the publisher's processes that do, and the non-empty occurrences (equal to ocdscardinal.coverage()).
-- Fields no process publishes are listed with zero, so the gaps show. The checklist is in loaders/derived.sql.
WITH totals AS (
    SELECT
        publisher,
        COUNT(*) AS total_processes
    FROM filtered_processes
    GROUP BY publisher
),

checklist AS (
    SELECT DISTINCT
        stage,
        path
    FROM field_counts
)

SELECT
    t.publisher,
    k.stage,
    k.path,
    COALESCE(c.processes, 0) AS processes,
    t.total_processes,
    COALESCE(c.processes, 0) / t.total_processes AS share,
    COALESCE(c.occurrences, 0) AS occurrences
FROM totals AS t
CROSS JOIN checklist AS k
LEFT JOIN field_counts AS c ON c.publisher IS NOT DISTINCT FROM t.publisher AND c.stage = k.stage AND c.path = k.path
ORDER BY
    t.publisher NULLS LAST,
    ARRAY_POSITION(['planning', 'tender', 'bids', 'award', 'contract', 'implementation'], k.stage),
    k.path;
