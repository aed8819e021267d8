-- Non-empty occurrences of each field of the data-quality checklist in the compiled releases of the filtered
-- processes, counted as `ocdscardinal.coverage()` counts them, and the processes where it occurs: one row per
-- publisher and field (zero where no process has it). The per-process counts are made at load time
-- (field_occurrences; the checklist is in loaders/derived.sql).
CREATE OR REPLACE TEMP TABLE field_counts AS
SELECT
    p.publisher,
    f.stage,
    f.path,
    COUNT(*) FILTER (WHERE f.occurrences > 0) AS processes,
    SUM(f.occurrences) AS occurrences
FROM field_occurrences AS f
INNER JOIN filtered_processes AS p USING (ocid)
GROUP BY ALL;
