-- process_count: number of contracting processes (ocids) per group. Sales (leilão) count as processes too.
-- Grouped by supplier, a process counts once for each of its awarded suppliers.
SELECT
    group_value AS "group",
    COALESCE(MAX(supplier_name), group_value) AS label,
    COUNT(DISTINCT ocid) AS value
FROM grouped_processes($group_by, $supplier)
GROUP BY group_value
ORDER BY "group" NULLS LAST;
