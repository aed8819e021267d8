-- field_coverage: for each publisher, stage and key OCDS field, how many processes publish it (non-empty), the
-- share of the publisher's processes that do, and the non-empty occurrences (equal to ocdscardinal.coverage()),
-- overall or per month (`group_by`). Fields no process publishes are listed with zero, so the gaps show. The
-- checklist is in loaders/derived.sql.
WITH totals AS (
    SELECT
        publisher,
        group_key($group_by, period_date, NULL, NULL, NULL, NULL, NULL) AS group_value,
        COUNT(*) AS total_processes
    FROM filtered_processes
    GROUP BY ALL
),

checklist AS (
    SELECT DISTINCT
        stage,
        path
    FROM field_counts
),

counts AS (  -- field_counts has a row per month: summed into the groups asked for
    SELECT
        publisher,
        group_key($group_by, month, NULL, NULL, NULL, NULL, NULL) AS group_value,
        stage,
        path,
        SUM(processes)::BIGINT AS processes,
        SUM(occurrences) AS occurrences
    FROM field_counts
    GROUP BY ALL
)

SELECT
    t.group_value AS "group",
    t.publisher,
    k.stage,
    k.path,
    COALESCE(c.processes, 0) AS processes,
    t.total_processes,
    COALESCE(c.processes, 0) / t.total_processes AS share,
    COALESCE(c.occurrences, 0) AS occurrences
FROM totals AS t
CROSS JOIN checklist AS k
LEFT JOIN counts AS c
    ON c.publisher IS NOT DISTINCT FROM t.publisher
    AND c.group_value IS NOT DISTINCT FROM t.group_value
    AND c.stage = k.stage
    AND c.path = k.path
ORDER BY
    "group" NULLS LAST,
    t.publisher NULLS LAST,
    ARRAY_POSITION(['planning', 'tender', 'bids', 'award', 'contract', 'implementation'], k.stage),
    k.path;
