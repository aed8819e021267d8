-- process_count: number of contracting processes (ocids) per group. Sales (leilão) count as processes too.
-- Grouped by supplier, a process counts once for each of its awarded suppliers (grouped_processes has one row per
-- group and process, so its rows are counted).
SELECT
    group_value AS "group",
    COALESCE(MAX(supplier_name), group_value) AS label,
    COUNT(*) AS value
FROM grouped_processes($group_by, $supplier)
GROUP BY group_value
ORDER BY "group" NULLS LAST;
