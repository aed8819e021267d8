-- bidders_per_process: mean and median number of tenderers in competitive processes whose number is known,
-- per group. Cancelled tenders and sales (leilão) are left out.
WITH lines AS (
    SELECT DISTINCT
        p.ocid,
        p.number_of_tenderers,
        group_key(
            $group_by, p.period_date, p.secretariat, s.supplier_id, p.procedure_type,
            p.main_procurement_category, p.publisher
        ) AS group_value
    FROM filtered_processes AS p
    LEFT JOIN award_suppliers AS s
        ON $group_by = 'supplier'
        AND s.ocid = p.ocid
        AND ($supplier::VARCHAR IS NULL OR s.supplier_id = $supplier::VARCHAR)
    WHERE p.is_competitive
        AND NOT p.is_sale
        AND p.number_of_tenderers IS NOT NULL
        AND COALESCE(p.status, '') <> 'cancelled'
)

SELECT
    group_value AS "group",
    AVG(number_of_tenderers) AS mean,
    MEDIAN(number_of_tenderers) AS median,
    COUNT(*) AS processes
FROM lines
GROUP BY group_value
ORDER BY "group" NULLS LAST;
