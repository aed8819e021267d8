-- Non-empty occurrences of each field of the data-quality checklist in the compiled releases of the filtered
-- processes, counted as `ocdscardinal.coverage()` counts them, and the processes where it occurs: one row per
-- publisher and field (zero where no process has it). The per-process counts are made at load time
-- (coverage_counts, one list per process in the order of coverage_fields; the checklist is in loaders/derived.sql).
CREATE OR REPLACE TEMP TABLE field_counts AS
SELECT
    p.publisher,
    f.stage,
    f.path,
    COUNT(*) FILTER (WHERE c.occurrences[f.position] > 0) AS processes,
    SUM(c.occurrences[f.position]) AS occurrences
FROM coverage_counts AS c
INNER JOIN filtered_processes AS p USING (ocid)
CROSS JOIN coverage_fields AS f
GROUP BY ALL;
