-- process_count: number of contracting processes (ocids) per group. Sales (leilão) count as processes too.
-- Grouped by supplier, a process counts once for each of its awarded suppliers.
WITH lines AS (
    SELECT
        p.ocid,
        group_key(
            $group_by, p.period_date, p.secretariat, s.supplier_id, p.procedure_type,
            p.main_procurement_category, p.publisher
        ) AS group_value,
        CASE WHEN $group_by = 'supplier' THEN s.supplier_name END AS supplier_name
    FROM filtered_processes AS p
    LEFT JOIN award_suppliers AS s
        ON $group_by = 'supplier'
        AND s.ocid = p.ocid
        AND ($supplier::VARCHAR IS NULL OR s.supplier_id = $supplier::VARCHAR)
)

SELECT
    group_value AS "group",
    COALESCE(MAX(supplier_name), group_value) AS label,
    COUNT(DISTINCT ocid) AS value
FROM lines
GROUP BY group_value
ORDER BY "group" NULLS LAST;
