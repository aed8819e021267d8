-- non_competitive_share: share of processes run without open competition (limited/direct methods and the
-- Brazilian dispensa and inexigibilidade), by count and by value, per group and currency.
-- Only processes whose method is known (is_competitive not NULL); sales (leilão) left out.
WITH lines AS (
    SELECT
        p.ocid,
        p.currency,
        p.is_competitive,
        p.process_value,
        group_key(
            $group_by, p.period_date, p.secretariat, s.supplier_id, p.procedure_type,
            p.main_procurement_category, p.publisher
        ) AS group_value
    FROM filtered_processes AS p
    LEFT JOIN award_suppliers AS s
        ON $group_by = 'supplier'
        AND s.ocid = p.ocid
        AND ($supplier::VARCHAR IS NULL OR s.supplier_id = $supplier::VARCHAR)
    WHERE NOT p.is_sale AND p.is_competitive IS NOT NULL
)

SELECT
    group_value AS "group",
    currency,
    COUNT(DISTINCT ocid) AS processes,
    COUNT(DISTINCT ocid) FILTER (WHERE NOT is_competitive) AS non_competitive,
    COUNT(DISTINCT ocid) FILTER (WHERE NOT is_competitive) / COUNT(DISTINCT ocid) AS share_count,
    SUM(process_value) AS value,
    COALESCE(SUM(process_value) FILTER (WHERE NOT is_competitive), 0) AS non_competitive_value,
    COALESCE(SUM(process_value) FILTER (WHERE NOT is_competitive), 0) / NULLIF(SUM(process_value), 0) AS share_value
FROM lines
GROUP BY group_value, currency
ORDER BY "group" NULLS LAST, currency;
