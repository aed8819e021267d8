-- single_bid_share: among competitive processes (open/selective, not dispensa/inexigibilidade) whose number of
-- tenderers is known, the share that received exactly one bid, by count and by value, per group and currency.
-- Cancelled tenders and sales (leilão) are left out.
WITH lines AS (
    SELECT
        ocid,
        currency,
        number_of_tenderers = 1 AS is_single,
        process_value,
        group_value
    FROM grouped_processes($group_by, $supplier)
    WHERE is_competitive
        AND NOT is_sale
        AND number_of_tenderers IS NOT NULL
        AND COALESCE(status, '') <> 'cancelled'
)

SELECT
    group_value AS "group",
    currency,
    COUNT(*) AS processes,
    COUNT(*) FILTER (WHERE is_single) AS single_bid,
    COUNT(*) FILTER (WHERE is_single) / COUNT(*) AS share_count,
    SUM(process_value) AS value,
    COALESCE(SUM(process_value) FILTER (WHERE is_single), 0) AS single_bid_value,
    COALESCE(SUM(process_value) FILTER (WHERE is_single), 0) / NULLIF(SUM(process_value), 0) AS share_value
FROM lines
GROUP BY group_value, currency
ORDER BY "group" NULLS LAST, currency;
