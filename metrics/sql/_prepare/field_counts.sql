-- Non-empty occurrences of each field of the data-quality checklist in the compiled releases of the filtered
-- processes, counted as `ocdscardinal.coverage()` counts them, and the processes where it occurs: one row per
-- publisher, month (of period_date; NULL when undated) and field (zero where no process of them has it). The
-- per-process counts are made at load time (coverage_counts, one list per process in the order of coverage_fields;
-- the checklist is in loaders/derived.sql). Each list is unnested once: reading it at each field's position (a cross
-- join with the checklist) took 1.5× as long. With no filter set, the load's stored copy is read instead
-- (metrics/stored.py).
CREATE OR REPLACE TEMP TABLE field_counts AS
WITH occurrences AS (  -- one row per process and field
    SELECT
        p.publisher,
        DATE_TRUNC('month', p.period_date)::DATE AS month,
        UNNEST(c.occurrences) AS occurrences,
        GENERATE_SUBSCRIPTS(c.occurrences, 1) AS position
    FROM coverage_counts AS c
    INNER JOIN filtered_processes AS p USING (ocid)
),

counted AS (
    SELECT
        publisher,
        month,
        position,
        COUNT(*) FILTER (WHERE occurrences > 0) AS processes,
        SUM(occurrences) AS occurrences
    FROM occurrences
    GROUP BY ALL
)

SELECT
    c.publisher,
    c.month,
    f.stage,
    f.path,
    c.processes,
    c.occurrences
FROM counted AS c
INNER JOIN coverage_fields AS f USING (position);
