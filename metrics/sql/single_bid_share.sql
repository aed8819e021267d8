-- single_bid_share: among competitive processes (open/selective, not dispensa/inexigibilidade) whose number of
-- tenderers is known, the share that received exactly one bid, by count and by value, per group and currency.
-- Cancelled tenders and sales (leilão) are left out.
WITH lines AS (
    SELECT
        p.ocid,
        p.currency,
        p.number_of_tenderers = 1 AS is_single,
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
    WHERE p.is_competitive
        AND NOT p.is_sale
        AND p.number_of_tenderers IS NOT NULL
        AND COALESCE(p.status, '') <> 'cancelled'
)

SELECT
    group_value AS "group",
    currency,
    COUNT(DISTINCT ocid) AS processes,
    COUNT(DISTINCT ocid) FILTER (WHERE is_single) AS single_bid,
    COUNT(DISTINCT ocid) FILTER (WHERE is_single) / COUNT(DISTINCT ocid) AS share_count,
    SUM(process_value) AS value,
    COALESCE(SUM(process_value) FILTER (WHERE is_single), 0) AS single_bid_value,
    COALESCE(SUM(process_value) FILTER (WHERE is_single), 0) / NULLIF(SUM(process_value), 0) AS share_value
FROM lines
GROUP BY group_value, currency
ORDER BY "group" NULLS LAST, currency;
